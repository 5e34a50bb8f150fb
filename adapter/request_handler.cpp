#include "adapter/request_handler.hpp"

#include <spdlog/spdlog.h>

#include "dwarf/error.hpp"
#include "engine/error.hpp"

namespace int3::dap {

namespace {
protocol::response error_response(const protocol::request& request, std::string short_message,
                                  std::string detail, error_id id, bool show_user) {
  spdlog::info("{} (seq {}) failed: {}", request.command, request.seq, detail);
  return protocol::make_error_response(
      request.seq, request.command, std::move(short_message),
      protocol::error_message{static_cast<int>(id), std::move(detail), show_user});
}
}  // namespace

protocol::response base_request_handler::failure_response(const protocol::request& request,
                                                          std::exception_ptr failure) const {
  try {
    std::rethrow_exception(failure);
  } catch (const protocol_error& e) {
    std::string text = request.command + ": " + e.what();
    return error_response(request, text, text, e.id(), e.show_user());
  } catch (const dap_error& e) {
    return error_response(request, e.short_message(), e.what(), e.id(), e.show_user());
  } catch (const engine::error& e) {
    return error_response(request, e.what(), e.what(), error_id::engine_failure, true);
  } catch (const dwarf::error& e) {
    return error_response(request, e.what(), e.what(), error_id::engine_failure, true);
  } catch (const std::exception& e) {
    spdlog::error("internal error in {}: {}", request.command, e.what());
    std::string text = std::string("internal error: ") + e.what();
    return error_response(request, text, text, error_id::internal, true);
  }
}

void base_request_handler::report_post_run_failure(std::exception_ptr failure) const {
  // The response is out already; the user still has to learn about it.
  std::string text;
  try {
    std::rethrow_exception(failure);
  } catch (const engine::error& e) {
    text = e.what();
  } catch (const dwarf::error& e) {
    text = e.what();
  } catch (const dap_error& e) {
    text = e.what();
  } catch (const std::exception& e) {
    spdlog::error("internal error after {}: {}", command(), e.what());
    text = std::string("internal error: ") + e.what();
  }
  spdlog::warn("{} failed after its response: {}", command(), text);
  session_.send_output("console", std::string(command()) + " failed: " + text + "\n");
}

void base_request_handler::check(run_state needed) const {
  if (needed == run_state::any) return;
  if (!session_.launched()) throw not_launched();
  if (needed == run_state::stopped && session_.running()) throw not_stopped();
}

}  // namespace int3::dap
