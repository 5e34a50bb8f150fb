#pragma once

// The envelopes of the base protocol: requests in, responses and events out.

#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace int3::dap::protocol {

using json = nlohmann::json;

// A request whose envelope is valid. Its arguments stay JSON until the
// handler's typed parse, so a wrong argument is that request's error.
struct request {
  int seq = 0;
  std::string command;
  std::optional<json> arguments;  // absent (or null) in the message: nullopt
};

// A message that is not a request we can answer, and what we know of it so
// that the error can still be addressed to it.
struct rejected_message {
  std::string problem;
  std::optional<int> seq;  // set when the message had a usable seq
  std::optional<std::string> command;
};

// Checks the envelope: an object with "type":"request", an integer "seq"
// >= 1 and a string "command". Bad input from the wire is expected, so the
// result is a value, not an exception.
std::variant<request, rejected_message> parse_request(const json& message);

// Message in the spec: a structured error for the response's body.error.
struct error_message {
  int id = 0;
  std::string format;
  bool showUser = false;
};
void to_json(json& j, const error_message& m);

// Response. seq is stamped by the transport when it is written.
struct response {
  int request_seq = 0;
  bool success = true;
  std::string command;
  std::optional<std::string> message;  // short form, only when success is false
  std::optional<json> body;
  // The body as JSON text already (protocol/json_writer.hpp), instead of body.
  std::optional<std::string> body_text;
};
void to_json(json& j, const response& r);

// An error response; its body carries body.error so clients can show it.
response make_error_response(int request_seq, std::string command, std::string short_message,
                             error_message detail);

// Event. seq is stamped by the transport when it is written.
struct event {
  std::string event;
  std::optional<json> body;
};
void to_json(json& j, const event& e);

}  // namespace int3::dap::protocol
