#include "tests/adapter/session_harness.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "tests/support/json_schema.hpp"

namespace int3::test {

namespace {
const json_schema& dap_schema() {
  static const json_schema schema = json_schema::from_file(INT3_SCHEMA_PATH);
  return schema;
}

std::string capitalised(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}
}  // namespace

std::vector<std::string> schema_violations(const json& message) {
  std::string definition;
  if (message.value("type", "") == "response") {
    definition = message.value("success", false)
                     ? capitalised(message.value("command", "")) + "Response"
                     : "ErrorResponse";
    if (!dap_schema().has_definition(definition)) definition = "Response";
  } else if (message.value("type", "") == "event") {
    definition = capitalised(message.value("event", "")) + "Event";
    if (!dap_schema().has_definition(definition)) definition = "Event";
  } else {
    return {"neither a response nor an event"};
  }
  return dap_schema().validate(message, definition);
}

session_harness::session_harness() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
  read_end_.reset(ends[0]);
  write_end_.reset(ends[1]);
  // The session writes with blocking writes; a roomy pipe keeps a test that
  // reads only after each request from filling it.
  ::fcntl(write_end_.get(), F_SETPIPE_SZ, 1024 * 1024);
  ::fcntl(read_end_.get(), F_SETFL, O_NONBLOCK);
  channel_ = std::make_unique<dap::transport>(-1, write_end_.get());
  reader_ = std::make_unique<dap::transport>(read_end_.get(), -1);
  session_ =
      std::make_unique<dap::session>(*channel_, [this](const engine::launch_options& options) {
        if (launch_error) engine::error::send(*launch_error);
        program_stdout.reset(::fcntl(options.stdout_fd, F_DUPFD_CLOEXEC, 3));
        program_stderr.reset(::fcntl(options.stderr_fd, F_DUPFD_CLOEXEC, 3));
        auto fake = std::make_unique<fake_target>();
        fake->launched_with = options;
        fake->frames = frames;
        fake->debug_info = debug_info;
        target_ = fake.get();
        calls_ = fake->calls;
        return fake;
      });
}

session_harness::~session_harness() = default;

std::vector<json> session_harness::take_sent() {
  std::vector<json> out;
  while (reader_->receive()) {
    bool got = false;
    while (auto message = reader_->next()) {
      REQUIRE(std::holds_alternative<json>(*message));
      out.push_back(std::get<json>(*message));
      got = true;
    }
    if (!got) break;
  }
  for (const auto& message : out) {
    INFO("adapter sent: " << message.dump());
    CHECK(schema_violations(message) == std::vector<std::string>{});
  }
  return out;
}

std::vector<json> session_harness::send(const json& message) {
  session_->handle_message(message);
  return take_sent();
}

std::vector<json> session_harness::request(const std::string& command,
                                           std::optional<json> arguments) {
  json message{{"seq", next_seq++}, {"type", "request"}, {"command", command}};
  if (arguments) message["arguments"] = *arguments;
  auto sent = send(message);
  // Exactly one response, and it answers this request.
  int responses = 0;
  for (const auto& m : sent) {
    if (m["type"] == "response") {
      ++responses;
      CHECK(m["request_seq"] == message["seq"]);
      CHECK(m["command"] == command);
    }
  }
  CHECK(responses == 1);
  return sent;
}

std::vector<json> session_harness::poll() {
  session_->poll_program();
  return take_sent();
}

void session_harness::start(bool configuration_done, json launch_extra) {
  request("initialize", json{{"adapterID", "int3"}});
  json args{{"program", "/bin/sh"}};
  args.update(launch_extra);
  auto sent = request("launch", args);
  REQUIRE(response_of(sent)["success"] == true);
  if (configuration_done) request("configurationDone");
}

void session_harness::program_writes(const dap::unique_fd& pipe, const std::string& text) {
  REQUIRE(::write(pipe.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size()));
}

fake_target& session_harness::target() {
  REQUIRE(session_->launched());
  return *target_;
}

json response_of(const std::vector<json>& messages) {
  for (const auto& m : messages) {
    if (m["type"] == "response") return m;
  }
  FAIL("no response among " << json(messages).dump());
  return {};
}

std::vector<json> events_named(const std::vector<json>& messages, const std::string& event) {
  std::vector<json> out;
  for (const auto& m : messages) {
    if (m["type"] == "event" && m["event"] == event) out.push_back(m);
  }
  return out;
}

}  // namespace int3::test
