#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "adapter/protocol/base.hpp"
#include "adapter/protocol/types.hpp"

namespace int3::dap {

class session;
class base_request_handler;

// The request handlers by command, filled from one explicit list (static
// self-registration would be dropped by the linker from a static library).
class handler_registry {
 public:
  explicit handler_registry(session& owner);
  ~handler_registry();
  handler_registry(const handler_registry&) = delete;
  handler_registry& operator=(const handler_registry&) = delete;

  // Answers one request; an unknown command gets an error response.
  void dispatch(const protocol::request& request) const;
  // The union of what every handler provides: the initialize response.
  protocol::capabilities capabilities() const;
  bool has(std::string_view command) const;

 private:
  template <class Handler>
  void add();

  session& session_;
  std::map<std::string, std::unique_ptr<base_request_handler>, std::less<>> handlers_;
};

}  // namespace int3::dap
