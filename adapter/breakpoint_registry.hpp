#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "adapter/breakpoint_store.hpp"

namespace int3::dap {

// The source breakpoints of a session: path -> line -> dap_breakpoint, so
// setBreakpoints keeps the id of every line that stays. The engine side is
// done only when the program is stopped, since ptrace needs a stopped tracee.
class breakpoint_registry : public breakpoint_store {
 public:
  breakpoint_registry() : breakpoint_store(1) {}

  // Makes `lines` (1-based) the breakpoints of `path`. New entries start
  // unverified with `pending_message`.
  replace_result replace(const std::string& path, const std::vector<std::uint32_t>& lines,
                         const std::string& pending_message);

  std::vector<int> ids() const;  // every id, oldest first
  std::vector<int> ids_of(const std::string& path) const;

  std::vector<int> bind_pending(engine::target& target) override;
  // How an editor path becomes the program's (launch.json sourceMap) when
  // the engine is asked; entries keep the editor's path.
  void set_engine_path(std::function<std::string(const std::string&)> to_engine) {
    to_engine_ = std::move(to_engine);
  }

  // After the program has gone: nothing is bound, every entry is pending
  // again with `message`.
  void unbind_all(const std::string& message);

  // Sets the message of entries that are waiting for the engine.
  void set_pending_message(const std::string& message);

 private:
  static std::string key(const std::string& path);

  std::map<std::string, std::vector<int>> by_path_;  // ids in request order
  std::function<std::string(const std::string&)> to_engine_;
};

}  // namespace int3::dap
