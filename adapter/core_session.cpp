// session: debugging a core file. The target only reads; the stop where the
// program died is reported after configurationDone (start_if_ready).

#include <spdlog/spdlog.h>

#include "adapter/errors.hpp"
#include "adapter/session.hpp"

namespace int3::dap {

void session::open_core(const std::filesystem::path& core,
                        const std::optional<std::filesystem::path>& program) {
  if (target_) {
    throw dap_error(error_id::already_launched, "a program is already being debugged", true);
  }
  if (!open_core_) throw dap_error(error_id::engine_failure, "core files are not supported", true);
  target_ = open_core_(core, program);
  attached_ = false;
  last_launch_.reset();
  auto origin = target_->core();
  program_name_ = origin ? origin->program.string() : core.string();
  stop_on_entry_ = false;
  started_ = false;
  terminated_sent_ = false;
  spdlog::info("opened core {} of {}", core.string(), program_name_);
}

void session::announce_core() {
  auto origin = target_->core();
  std::string text = "Core file " + origin->core.string() + " of " + program_name_ + " (pid " +
                     std::to_string(target_->pid()) + ")";
  if (!origin->command_line.empty()) text += ": " + origin->command_line;
  send_output("console", text + "\n");
  if (origin->program_from_core) {
    send_output("console", "int3: no \"program\" given; using " + program_name_ +
                               ", which the core file names\n");
  }
  send_output("console",
              "int3: a core file is read-only: the program cannot continue, step or change\n");
}

}  // namespace int3::dap
