#include "adapter/protocol/exceptions.hpp"

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

void from_json(const json& j, set_exception_breakpoints_arguments& a) {
  a.filters = require<std::vector<std::string>>(j, "filters");
}

void from_json(const json& j, exception_info_arguments& a) {
  a.threadId = require<int>(j, "threadId");
}

void to_json(json& j, const exception_info_response_body& b) {
  j = json{{"exceptionId", b.exceptionId}, {"breakMode", b.breakMode}};
  put_optional(j, "description", b.description);
}

}  // namespace int3::dap::protocol
