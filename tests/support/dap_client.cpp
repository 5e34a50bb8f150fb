#include "tests/support/dap_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <stdexcept>
#include <thread>
#include <utility>

extern char** environ;

namespace int3::test {

namespace {

using clock = std::chrono::steady_clock;

std::string capitalised(std::string_view name) {
  std::string out(name);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = char(out[0] - 'a' + 'A');
  return out;
}

std::string tail_of(const std::string& path, std::size_t max_lines) {
  std::ifstream in(path);
  if (!in) return "(no " + path + ")\n";
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(std::move(line));
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string out;
  for (auto& l : lines) out += l + "\n";
  return out.empty() ? "(empty)\n" : out;
}

std::string make_work_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "int3-e2e-XXXXXX").string();
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error(std::string("mkdtemp: ") + std::strerror(errno));
  return pattern;
}

// Writing to an adapter that died must fail the write, not kill the test.
void ignore_sigpipe_once() {
  static const bool done = [] {
    ::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)done;
}

}  // namespace

dap_client::dap_client(dap_client_options options) : options_(std::move(options)) {
  ignore_sigpipe_once();
  if (options_.validate)
    schema_ = std::make_unique<json_schema>(json_schema::from_file(options_.schema_path));
  work_dir_ = make_work_dir();
  spawn();
  if (options_.port != 0) connect_tcp();
}

dap_client::~dap_client() {
  // A destructor must not throw (it may run while a failure unwinds), so
  // what goes wrong while winding down is printed, not raised.
  for (const auto& what : shutdown_quietly())
    std::cerr << "int3 dap_client (while shutting down): " << what << "\n";
  if (!keep_work_dir_) {
    std::error_code ignored;
    std::filesystem::remove_all(work_dir_, ignored);
  }
}

void dap_client::fail(const std::string& what) {
  if (options_.on_failure) {
    options_.on_failure(what);
    return;
  }
  throw std::runtime_error(what + "\n" + log_tail());
}

void dap_client::spawn() {
  std::vector<std::string> args{options_.adapter};
  if (options_.log_file_flag) {
    args.push_back("--log-file");
    args.push_back(log_path());
  }
  if (options_.port != 0) {
    args.push_back("--port");
    args.push_back(std::to_string(options_.port));
  }
  args.insert(args.end(), options_.adapter_args.begin(), options_.adapter_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    if (!options_.adapter_env.contains(std::string(entry.substr(0, entry.find('=')))))
      env_strings.emplace_back(entry);
  }
  for (const auto& [key, value] : options_.adapter_env) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  int to_child[2], from_child[2], exec_error[2];
  if (::pipe2(to_child, O_CLOEXEC) || ::pipe2(from_child, O_CLOEXEC) ||
      ::pipe2(exec_error, O_CLOEXEC))
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  int err = ::open(stderr_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  // In TCP mode stdout is not the channel; keep it for inspection.
  int out = options_.port != 0 ? ::open((work_dir_ + "/stdout.log").c_str(),
                                        O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)
                               : from_child[1];
  if (err < 0 || out < 0)
    throw std::runtime_error(std::string("open log: ") + std::strerror(errno));
  const pid_t parent = ::getpid();

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) {
    // Only async-signal-safe calls until exec. If the test process dies
    // (ctest timeout), the adapter must not outlive it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(to_child[0], 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(argv[0], argv.data(), envp.data());
    int e = errno;
    [[maybe_unused]] auto n = ::write(exec_error[1], &e, sizeof e);
    ::_exit(127);
  }
  ::close(to_child[0]);
  ::close(from_child[1]);
  ::close(exec_error[1]);
  ::close(err);
  if (out != from_child[1]) ::close(out);
  int child_errno = 0;
  ssize_t n;
  do n = ::read(exec_error[0], &child_errno, sizeof child_errno);
  while (n < 0 && errno == EINTR);
  ::close(exec_error[0]);
  if (n > 0) {
    ::close(to_child[1]);
    ::close(from_child[0]);
    int status;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    throw std::runtime_error("cannot run " + options_.adapter + ": " + std::strerror(child_errno));
  }
  if (options_.port != 0) {
    // The socket is the channel; stdin stays open (unused) until shutdown.
    ::close(from_child[0]);
    stdin_fd_ = to_child[1];
  } else {
    write_fd_ = to_child[1];
    read_fd_ = from_child[0];
  }
}

void dap_client::connect_tcp() {
  auto deadline = clock::now() + default_timeout;
  for (;;) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(options_.port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      listeners_at_connect_ = tcp_listeners(options_.port);
      write_fd_ = fd;
      read_fd_ = fd;
      return;
    }
    int e = errno;
    ::close(fd);
    if (clock::now() >= deadline || !adapter_running()) {
      // A constructor that fails gets no destructor: reap the adapter here.
      const std::string tail = log_tail();
      kill_adapter(SIGKILL);
      if (stdin_fd_ >= 0) ::close(stdin_fd_);
      stdin_fd_ = -1;
      fail("cannot connect to the adapter on 127.0.0.1:" + std::to_string(options_.port) + ": " +
           std::strerror(e) + "\n" + tail);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

bool dap_client::write_all(std::string_view bytes) {
  if (write_fd_ < 0) return false;
  while (!bytes.empty()) {
    ssize_t n = ::write(write_fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool dap_client::send_raw(std::string_view bytes) {
  return write_all(bytes);
}

int dap_client::request(std::string_view command, const json& arguments) {
  const int seq = next_seq_++;
  json message = {{"seq", seq}, {"type", "request"}, {"command", command}};
  if (!arguments.is_null()) message["arguments"] = arguments;
  sent_commands_[seq] = std::string(command);
  if (!write_all(frame_message(message.dump())))
    fail("cannot send " + std::string(command) + " (seq " + std::to_string(seq) +
         "): the adapter's input is closed");
  return seq;
}

bool dap_client::pump(clock::time_point until) {
  if (closed_ || read_fd_ < 0) return false;
  for (;;) {
    auto now = clock::now();
    auto left = until > now
                    ? std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count()
                    : 0;
    pollfd p{read_fd_, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    char buffer[65536];
    ssize_t n = ::read(read_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    reader_.feed(std::string_view(buffer, static_cast<std::size_t>(n)));
    for (;;) {
      std::optional<std::string> body;
      try {
        body = reader_.next();
      } catch (const std::runtime_error& e) {
        closed_ = true;  // no way to find the next frame in a broken stream
        fail(std::string("protocol violation: ") + e.what());
        return false;
      }
      if (!body) return true;
      accept(*body);
    }
  }
}

void dap_client::accept(const std::string& body) {
  json message;
  try {
    message = json::parse(body);
  } catch (const json::parse_error& e) {
    fail("protocol violation: the adapter sent a body that is not JSON (" + std::string(e.what()) +
         "): " + body.substr(0, 500));
    return;
  }
  transcript_.push_back(message);
  check(message);
  if (options_.on_reverse_request && message.value("type", "") == "request") {
    answer_reverse_request(message);
    return;
  }
  inbox_.push_back(message);
}

void dap_client::answer_reverse_request(const json& request) {
  json response = {{"seq", next_seq_++},
                   {"type", "response"},
                   {"request_seq", request.value("seq", 0)},
                   {"command", request.value("command", "")}};
  try {
    response["body"] = options_.on_reverse_request(request);
    response["success"] = true;
  } catch (const std::runtime_error& e) {
    response["success"] = false;
    response["message"] = e.what();
  }
  if (!write_all(frame_message(response.dump())))
    fail("cannot answer the adapter's " + request.value("command", std::string("request")) +
         ": its input is closed");
}

void dap_client::check(const json& message) {
  if (!options_.validate) return;
  if (!message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    fail("protocol violation: message without a string 'type':\n" + message.dump(2));
    return;
  }
  if (!message.contains("seq") || !message["seq"].is_number_integer()) {
    fail("protocol violation: message without an integer 'seq':\n" + message.dump(2));
    return;
  }
  const auto seq = message["seq"].get<std::int64_t>();
  if (options_.check_seq && seq != expected_seq_) {
    fail("protocol violation: seq " + std::to_string(seq) + " where " +
         std::to_string(expected_seq_) + " was due (seq must count 1, 2, 3, ...):\n" +
         message.dump(2));
  }
  expected_seq_ = seq + 1;

  const std::string type = message["type"].get<std::string>();
  std::string definition;
  auto name_of = [&](const char* key) {
    auto it = message.find(key);
    return it != message.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (type == "response") {
    const std::string command = name_of("command");
    if (message.value("success", true) == false)
      definition = "ErrorResponse";
    else if (command.empty() || command[0] == '_' ||
             !schema_->has_definition(capitalised(command) + "Response"))
      definition = "Response";
    else
      definition = capitalised(command) + "Response";
    if (auto rs = message.find("request_seq"); rs != message.end() && rs->is_number_integer()) {
      auto sent = sent_commands_.find(rs->get<int>());
      if (sent == sent_commands_.end())
        fail("protocol violation: response to request_seq " + rs->dump() +
             ", which we never sent:\n" + message.dump(2));
      else if (sent->second != command)
        fail("protocol violation: response for command '" + command + "' to request " + rs->dump() +
             ", which was '" + sent->second + "':\n" + message.dump(2));
    }
  } else if (type == "event") {
    const std::string name = capitalised(name_of("event")) + "Event";
    definition = schema_->has_definition(name) ? name : "Event";
  } else if (type == "request") {
    const std::string name = capitalised(name_of("command")) + "Request";
    definition = schema_->has_definition(name) ? name : "Request";
  } else {
    fail("protocol violation: unknown message type '" + type + "':\n" + message.dump(2));
    return;
  }
  auto errors = schema_->validate(message, definition);
  if (!options_.check_seq)
    std::erase_if(errors, [](const std::string& e) { return e.rfind("$.seq:", 0) == 0; });
  if (!errors.empty()) {
    std::string what = "protocol violation: message does not match " + definition + ":\n";
    for (auto& e : errors) what += "  " + e + "\n";
    fail(what + message.dump(2));
  }
}

std::optional<json> dap_client::take(const std::function<bool(const json&)>& match) {
  for (auto it = inbox_.begin(); it != inbox_.end(); ++it) {
    if (match(*it)) {
      json found = std::move(*it);
      inbox_.erase(it);
      return found;
    }
  }
  return std::nullopt;
}

std::string dap_client::describe_request(int seq) const {
  auto it = sent_commands_.find(seq);
  return "request " + std::to_string(seq) + " (" + (it == sent_commands_.end() ? "?" : it->second) +
         ")";
}

json dap_client::expect_response(int seq, std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  auto match = [seq](const json& m) {
    return m.value("type", "") == "response" && m.contains("request_seq") &&
           m["request_seq"] == seq;
  };
  for (;;) {
    if (auto found = take(match)) return *found;
    if (closed_) {
      fail("the adapter closed the connection without answering " + describe_request(seq));
      return json();
    }
    if (clock::now() >= deadline) {
      fail("no response to " + describe_request(seq) + " within " +
           std::to_string(timeout.count()) + " ms");
      return json();
    }
    pump(deadline);
  }
}

std::optional<json> dap_client::maybe_event(std::string_view event,
                                            std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  auto match = [event](const json& m) {
    return m.value("type", "") == "event" && m.value("event", "") == event;
  };
  for (;;) {
    if (auto found = take(match)) return found;
    if (closed_ || clock::now() >= deadline) return std::nullopt;
    pump(deadline);
  }
}

json dap_client::expect_event(std::string_view event, std::chrono::milliseconds timeout) {
  return expect_one_of({std::string(event)}, timeout);
}

json dap_client::expect_one_of(const std::vector<std::string>& events,
                               std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  auto match = [&events](const json& m) {
    return m.value("type", "") == "event" &&
           std::find(events.begin(), events.end(), m.value("event", "")) != events.end();
  };
  for (;;) {
    if (auto found = take(match)) return *found;
    if (closed_ || clock::now() >= deadline) break;
    pump(deadline);
  }
  std::string names;
  for (const auto& e : events) names += (names.empty() ? "'" : " or '") + e + "'";
  std::string seen;
  for (auto& m : inbox_)
    seen += "  " + m.value("type", "?") + " " + m.value("event", m.value("command", "")) + "\n";
  fail("no " + names + " event within " + std::to_string(timeout.count()) + " ms" +
       (closed_ ? " (the adapter closed the connection)" : "") + "; unconsumed messages:\n" + seen);
  return json();
}

json dap_client::request_ok(std::string_view command, const json& arguments) {
  json response = expect_response(request(command, arguments));
  if (!response.is_null() && response.value("success", false) != true)
    fail(std::string(command) + " failed:\n" + response.dump(2));
  return response;
}

json dap_client::request_error(std::string_view command, const json& arguments) {
  json response = expect_response(request(command, arguments));
  if (!response.is_null() && response.value("success", true) != false)
    fail(std::string(command) + " succeeded where an error response was due:\n" + response.dump(2));
  return response;
}

void dap_client::drain(std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  while (!closed_ && clock::now() < deadline) pump(deadline);
}

std::string dap_client::output(std::string_view category) const {
  std::string text;
  for (const auto& m : transcript_) {
    if (m.value("type", "") != "event" || m.value("event", "") != "output") continue;
    const json& body = m.contains("body") ? m["body"] : json::object();
    std::string cat = body.value("category", "console");
    if (!category.empty() && cat != category) continue;
    text += body.value("output", "");
  }
  return text;
}

bool dap_client::wait_for_output(std::string_view text, std::string_view category,
                                 std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  while (output(category).find(text) == std::string::npos) {
    if (closed_ || clock::now() >= deadline) return false;
    pump(deadline);
  }
  return true;
}

json dap_client::initialize(const json& extra_arguments) {
  json args = {{"clientID", "int3-e2e"},  {"clientName", "int3 end-to-end tests"},
               {"adapterID", "int3"},     {"linesStartAt1", true},
               {"columnsStartAt1", true}, {"pathFormat", "path"}};
  args.update(extra_arguments);
  json response = request_ok("initialize", args);
  expect_event("initialized");
  return response;
}

json dap_client::launch(const json& arguments) {
  return request_ok("launch", arguments);
}

json dap_client::set_breakpoints(const std::string& path, const std::vector<std::uint32_t>& lines) {
  json breakpoints = json::array();
  for (auto line : lines) breakpoints.push_back({{"line", line}});
  return request_ok("setBreakpoints", {{"source", {{"path", path}}}, {"breakpoints", breakpoints}});
}

json dap_client::configuration_done() {
  return request_ok("configurationDone");
}

json dap_client::stack_trace(std::int64_t thread_id, int levels) {
  return request_ok("stackTrace", {{"threadId", thread_id}, {"startFrame", 0}, {"levels", levels}});
}

json dap_client::continue_(std::int64_t thread_id) {
  return request_ok("continue", {{"threadId", thread_id}});
}

json dap_client::threads() {
  return request_ok("threads");
}

json dap_client::wait_stopped(std::chrono::milliseconds timeout) {
  return expect_event("stopped", timeout);
}

json dap_client::wait_exited(std::chrono::milliseconds timeout) {
  return expect_event("exited", timeout);
}

json dap_client::wait_terminated(std::chrono::milliseconds timeout) {
  return expect_event("terminated", timeout);
}

bool dap_client::adapter_running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_status_ = status;
    pid_ = -1;
    return false;
  }
  return r == 0;
}

std::optional<int> dap_client::shutdown(std::chrono::milliseconds timeout) {
  auto deadline = clock::now() + timeout;
  if (write_fd_ >= 0 && write_fd_ == read_fd_)
    ::shutdown(write_fd_, SHUT_WR);  // TCP: half-close, keep reading
  else if (write_fd_ >= 0)
    ::close(write_fd_);
  write_fd_ = -1;
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  stdin_fd_ = -1;
  // What the adapter says while it winds down is still held to the protocol.
  while (read_fd_ >= 0 && !closed_ && clock::now() < deadline) pump(deadline);
  // A TCP server outlives its clients; stopping it is the user's Ctrl-C.
  if (options_.port != 0 && adapter_running()) kill_adapter(SIGTERM);
  while (adapter_running() && clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (pid_ > 0) kill_adapter(SIGKILL);
  if (read_fd_ >= 0) ::close(read_fd_);
  read_fd_ = -1;
  return killed_ ? std::nullopt : exit_status_;
}

std::vector<std::string> dap_client::shutdown_quietly(std::chrono::milliseconds timeout) {
  std::vector<std::string> failures;
  auto saved = std::exchange(options_.on_failure,
                             [&failures](const std::string& what) { failures.push_back(what); });
  shutdown(timeout);
  options_.on_failure = std::move(saved);
  return failures;
}

void dap_client::kill_adapter(int signal) {
  if (pid_ <= 0) return;
  ::kill(pid_, signal);
  if (signal != SIGKILL) return;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  exit_status_ = status;
  killed_ = true;
  pid_ = -1;
}

std::string dap_client::log_tail(std::size_t max_lines) const {
  return "--- adapter log (" + log_path() + ") ---\n" + tail_of(log_path(), max_lines) +
         "--- adapter stderr (" + stderr_path() + ") ---\n" + tail_of(stderr_path(), max_lines);
}

std::optional<pid_t> debuggee_pid(dap_client& client) {
  for (const auto& m : client.transcript()) {
    if (m.value("type", "") == "event" && m.value("event", "") == "process" && m.contains("body") &&
        m["body"].contains("systemProcessId"))
      return m["body"]["systemProcessId"].get<pid_t>();
  }
  static const std::regex pid_text(R"(\bpid[ =:]*([0-9]+))");
  std::smatch match;
  const std::string console = client.output("console");
  if (std::regex_search(console, match, pid_text)) return static_cast<pid_t>(std::stol(match[1]));
  json response = client.expect_response(client.request("threads"));
  if (response.value("success", false) && !response["body"]["threads"].empty())
    return response["body"]["threads"][0]["id"].get<pid_t>();
  return std::nullopt;
}

}  // namespace int3::test
