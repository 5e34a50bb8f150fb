#include "adapter/protocol/base.hpp"

#include <limits>

#include "adapter/protocol/json_io.hpp"

namespace int3::dap::protocol {

std::variant<request, rejected_message> parse_request(const json& message) {
  if (!message.is_object()) {
    return rejected_message{
        "invalid message: expected a JSON object, got " + std::string(message.type_name()),
        std::nullopt, std::nullopt};
  }
  rejected_message rejected;
  auto seq = message.find("seq");
  if (seq != message.end() && seq->is_number_integer() && seq->get<std::int64_t>() >= 1 &&
      seq->get<std::int64_t>() <= std::numeric_limits<int>::max()) {
    rejected.seq = seq->get<int>();
  }
  auto command = message.find("command");
  if (command != message.end() && command->is_string())
    rejected.command = command->get<std::string>();

  auto type = message.find("type");
  if (type == message.end() || !type->is_string()) {
    rejected.problem = "invalid message: 'type' must be a string";
  } else if (*type != "request") {
    rejected.problem =
        "invalid message: expected type 'request', got '" + type->get<std::string>() + "'";
  } else if (!rejected.seq) {
    rejected.problem = "invalid request: 'seq' must be an integer >= 1";
  } else if (!rejected.command) {
    rejected.problem = "invalid request: 'command' must be a string";
  } else {
    request r{*rejected.seq, *rejected.command, std::nullopt};
    auto arguments = message.find("arguments");
    if (arguments != message.end() && !arguments->is_null()) r.arguments = *arguments;
    return r;
  }
  return rejected;
}

void to_json(json& j, const error_message& m) {
  j = json{{"id", m.id}, {"format", m.format}, {"showUser", m.showUser}};
}

void to_json(json& j, const response& r) {
  j = json{{"type", "response"},
           {"request_seq", r.request_seq},
           {"success", r.success},
           {"command", r.command}};
  put_optional(j, "message", r.message);
  put_optional(j, "body", r.body);
}

response make_error_response(int request_seq, std::string command, std::string short_message,
                             error_message detail) {
  return response{
      request_seq, false, std::move(command), std::move(short_message), json{{"error", detail}},
      std::nullopt};
}

void to_json(json& j, const event& e) {
  j = json{{"type", "event"}, {"event", e.event}};
  put_optional(j, "body", e.body);
}

}  // namespace int3::dap::protocol
