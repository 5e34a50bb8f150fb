#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace int3::dap {

// Numbers for body.error.id. They never change meaning once released, so a
// user or a test can quote them (Delve error_ids.go).
enum class error_id : int {
  invalid_message = 1001,    // not a request envelope we can answer
  unknown_command = 1002,    // a request we do not implement
  invalid_arguments = 1003,  // arguments missing or of the wrong type
  not_launched = 2001,       // needs a program and there is none
  not_stopped = 2002,        // needs a stopped program and it runs
  already_launched = 2003,   // a second launch in one session
  invalid_reference = 2004,  // a frameId or similar that is not (or no longer) valid
  evaluation_failed = 2005,  // an expression that does not parse or cannot be evaluated
  not_in_core_file = 2006,   // runs or changes the program, and it is a core file
  engine_failure = 3001,     // the engine or the DWARF reader threw
  internal = 9999,           // a bug in int3
};

// A request that cannot be carried out. request_handler is the only place
// that catches it and turns it into an error response.
class dap_error : public std::runtime_error {
 public:
  dap_error(error_id id, const std::string& what, bool show_user = false)
      : std::runtime_error(what), id_(id), show_user_(show_user) {}

  error_id id() const { return id_; }
  bool show_user() const { return show_user_; }
  // The response's short `message`; what() becomes body.error.format.
  virtual std::string short_message() const { return what(); }

 private:
  error_id id_;
  bool show_user_;
};

// A missing or mistyped key, named by its JSON path ("arguments.source.path").
// Nested readers throw with the path relative to them and each enclosing
// reader adds its own part through within(), so the path is always complete.
class protocol_error : public dap_error {
 public:
  protocol_error(std::string path, std::string problem, error_id id = error_id::invalid_arguments)
      : dap_error(id, path.empty() ? problem : path + ": " + problem),
        path_(std::move(path)),
        problem_(std::move(problem)) {}

  const std::string& path() const { return path_; }
  const std::string& problem() const { return problem_; }

  // The same error seen from the enclosing object or array.
  protocol_error within(std::string_view outer) const {
    std::string path(outer);
    if (!path_.empty()) {
      if (path_.front() != '[') path += '.';
      path += path_;
    }
    return protocol_error(std::move(path), problem_, id());
  }

 private:
  std::string path_;
  std::string problem_;
};

// The request needs the program stopped. The short message is the spec's
// predefined "notStopped", which tells a client it may retry after a stop.
class not_stopped : public dap_error {
 public:
  not_stopped() : dap_error(error_id::not_stopped, "the program is running; pause it first") {}
  std::string short_message() const override { return "notStopped"; }
};

class not_launched : public dap_error {
 public:
  explicit not_launched(const std::string& what = "no program is being debugged (launch first)")
      : dap_error(error_id::not_launched, what) {}
};

}  // namespace int3::dap
