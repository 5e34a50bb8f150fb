#pragma once

// One class per request: its command, the run state it needs, the
// capabilities it adds, and its typed run()/post_run(). Grouped into
// lifecycle, breakpoints, execution and inspection .cpp files.

#include <string_view>

#include "adapter/protocol/attach_arguments.hpp"
#include "adapter/protocol/exceptions.hpp"
#include "adapter/protocol/modules.hpp"
#include "adapter/protocol/requests.hpp"
#include "adapter/request_handler.hpp"

namespace int3::dap {

// ---- lifecycle.cpp

class initialize_handler
    : public request_handler<protocol::initialize_arguments, protocol::capabilities> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "initialize";
  std::string_view command() const override { return name; }

 protected:
  protocol::capabilities run(const protocol::initialize_arguments& args) override;
  void post_run(const protocol::initialize_arguments& args) override;

 private:
  bool initialized_ = false;
};

class launch_handler : public request_handler<protocol::launch_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "launch";
  std::string_view command() const override { return name; }

 protected:
  protocol::empty_body run(const protocol::launch_arguments& args) override;
  void post_run(const protocol::launch_arguments& args) override;
};

class configuration_done_handler
    : public request_handler<protocol::empty_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "configurationDone";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::empty_body run(const protocol::empty_arguments& args) override;
  void post_run(const protocol::empty_arguments& args) override;
};

class disconnect_handler
    : public request_handler<protocol::disconnect_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "disconnect";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::empty_body run(const protocol::disconnect_arguments& args) override;
  void post_run(const protocol::disconnect_arguments& args) override;
};

class terminate_handler
    : public request_handler<protocol::terminate_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "terminate";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::empty_body run(const protocol::terminate_arguments& args) override;
  void post_run(const protocol::terminate_arguments& args) override;

 private:
  bool killed_ = false;
};

// ---- attach.cpp (attach, restart)

class attach_handler : public request_handler<protocol::attach_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "attach";
  std::string_view command() const override { return name; }

 protected:
  protocol::empty_body run(const protocol::attach_arguments& args) override;
  void post_run(const protocol::attach_arguments& args) override;
};

class restart_handler : public request_handler<protocol::empty_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "restart";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::empty_body run(const protocol::empty_arguments& args) override;
  void post_run(const protocol::empty_arguments& args) override;
};

// ---- breakpoints.cpp

class set_breakpoints_handler : public request_handler<protocol::set_breakpoints_arguments,
                                                       protocol::set_breakpoints_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "setBreakpoints";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::set_breakpoints_response_body run(
      const protocol::set_breakpoints_arguments& args) override;
};

// exceptions.cpp: signals as exception breakpoint filters.
class set_exception_breakpoints_handler
    : public request_handler<protocol::set_exception_breakpoints_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "setExceptionBreakpoints";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::empty_body run(const protocol::set_exception_breakpoints_arguments& args) override;
};

class exception_info_handler : public request_handler<protocol::exception_info_arguments,
                                                      protocol::exception_info_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "exceptionInfo";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::exception_info_response_body run(
      const protocol::exception_info_arguments& args) override;
};

// Test-only: the addresses where the engine has a trap written.
class breakpoint_sites_handler
    : public request_handler<protocol::empty_arguments, protocol::breakpoint_sites_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "_int3_breakpointSites";
  std::string_view command() const override { return name; }

 protected:
  run_state needs() const override { return run_state::launched; }
  protocol::breakpoint_sites_body run(const protocol::empty_arguments& args) override;
};

// ---- execution.cpp

class continue_handler
    : public request_handler<protocol::continue_arguments, protocol::continue_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "continue";
  std::string_view command() const override { return name; }

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::continue_response_body run(const protocol::continue_arguments& args) override;
  void post_run(const protocol::continue_arguments& args) override;
};

// next, stepIn and stepOut differ only in the engine call.
class step_handler : public request_handler<protocol::step_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::empty_body run(const protocol::step_arguments& args) override;
  void post_run(const protocol::step_arguments& args) override;
  virtual void step(engine::target& target, pid_t tid) = 0;
};

class next_handler : public step_handler {
 public:
  using step_handler::step_handler;
  static constexpr std::string_view name = "next";
  std::string_view command() const override { return name; }

 protected:
  void step(engine::target& target, pid_t tid) override { target.step_over(tid); }
};

class step_in_handler : public step_handler {
 public:
  using step_handler::step_handler;
  static constexpr std::string_view name = "stepIn";
  std::string_view command() const override { return name; }

 protected:
  void step(engine::target& target, pid_t tid) override { target.step_in(tid); }
};

class step_out_handler : public step_handler {
 public:
  using step_handler::step_handler;
  static constexpr std::string_view name = "stepOut";
  std::string_view command() const override { return name; }

 protected:
  void step(engine::target& target, pid_t tid) override { target.step_out(tid); }
};

class pause_handler : public request_handler<protocol::pause_arguments, protocol::empty_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "pause";
  std::string_view command() const override { return name; }

 protected:
  run_state needs() const override { return run_state::launched; }
  protocol::empty_body run(const protocol::pause_arguments& args) override;
  void post_run(const protocol::pause_arguments& args) override;
};

// ---- inspection.cpp

class threads_handler
    : public request_handler<protocol::empty_arguments, protocol::threads_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "threads";
  std::string_view command() const override { return name; }

 protected:
  protocol::threads_response_body run(const protocol::empty_arguments& args) override;
};

// ---- modules.cpp

class modules_handler
    : public request_handler<protocol::modules_arguments, protocol::modules_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "modules";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  protocol::modules_response_body run(const protocol::modules_arguments& args) override;
};

class stack_trace_handler
    : public request_handler<protocol::stack_trace_arguments, protocol::stack_trace_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "stackTrace";
  std::string_view command() const override { return name; }
  protocol::capabilities capabilities() const override;

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::stack_trace_response_body run(const protocol::stack_trace_arguments& args) override;
};

class scopes_handler
    : public request_handler<protocol::scopes_arguments, protocol::scopes_response_body> {
 public:
  using request_handler::request_handler;
  static constexpr std::string_view name = "scopes";
  std::string_view command() const override { return name; }

 protected:
  run_state needs() const override { return run_state::stopped; }
  protocol::scopes_response_body run(const protocol::scopes_arguments& args) override;
};

}  // namespace int3::dap
