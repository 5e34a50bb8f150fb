#pragma once

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "adapter/errors.hpp"
#include "adapter/protocol/base.hpp"
#include "adapter/protocol/json_io.hpp"
#include "adapter/protocol/requests.hpp"
#include "adapter/protocol/types.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

// What a request needs before its handler may run (GDB's expect_stopped,
// Delve's three groups). Declared by each handler, checked by the template.
enum class run_state {
  any,       // also before launch
  launched,  // a program, running or stopped
  stopped,   // a program that is stopped
};

class base_request_handler {
 public:
  explicit base_request_handler(session& s) : session_(s) {}
  virtual ~base_request_handler() = default;
  base_request_handler(const base_request_handler&) = delete;
  base_request_handler& operator=(const base_request_handler&) = delete;

  virtual std::string_view command() const = 0;
  // What this handler adds to the initialize response.
  virtual protocol::capabilities capabilities() const { return {}; }
  // Answers `request`: exactly one response, then the handler's post_run.
  virtual void handle(const protocol::request& request) = 0;

 protected:
  // The one place where failures become responses (or, after the response,
  // console output). Returns the error response for the active exception.
  protocol::response failure_response(const protocol::request& request,
                                      std::exception_ptr failure) const;
  void report_post_run_failure(std::exception_ptr failure) const;
  void check(run_state needed) const;

  session& session_;
};

// One typed pipeline per request (lldb-dap RequestHandler<Args, Resp>):
// parse the arguments into Args, check the run state, run() to get the
// Body, send the response, then post_run(), which is where anything that
// resumes the program goes, so its events follow the response. Handlers
// never build envelopes and never catch.
template <class Args, class Body>
class request_handler : public base_request_handler {
 public:
  using base_request_handler::base_request_handler;

  void handle(const protocol::request& request) final {
    std::optional<Args> args;
    std::optional<protocol::response> response;
    try {
      args = parse(request);
      check(needs());
      Body body = run(*args);
      response = protocol::response{request.seq,  true,         request.command,
                                    std::nullopt, std::nullopt, std::nullopt};
      if constexpr (protocol::json_writable<Body>)
        response->body_text = protocol::written_json(body);
      else if constexpr (!std::is_same_v<Body, protocol::empty_body>)
        response->body = body;
    } catch (...) {
      session_.send_response(failure_response(request, std::current_exception()));
      return;
    }
    session_.send_response(std::move(*response));
    try {
      post_run(*args);
    } catch (...) {
      report_post_run_failure(std::current_exception());
    }
  }

 protected:
  virtual run_state needs() const { return run_state::any; }
  virtual Body run(const Args& args) = 0;
  virtual void post_run(const Args&) {}

 private:
  static Args parse(const protocol::request& request) {
    static const nlohmann::json no_arguments = nlohmann::json::object();
    try {
      return protocol::read_as<Args>(request.arguments ? *request.arguments : no_arguments);
    } catch (const protocol_error& e) {
      throw e.within("arguments");
    }
  }
};

}  // namespace int3::dap
