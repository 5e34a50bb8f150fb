// console integratedTerminal / externalTerminal: the adapter asks the client
// to run the program in a terminal (runInTerminal), and still debugs it. The
// test client plays the editor: it runs what it is asked to with its output
// going to a file, the "terminal".

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "tests/e2e/e2e.hpp"

extern char** environ;

using namespace int3::test;
namespace fs = std::filesystem;

namespace {

// The editor's terminal: runs runInTerminal's args with its cwd and env,
// stdout and stderr into a file. Reaps what it started.
class fake_terminal {
 public:
  explicit fake_terminal(fs::path log) : log_(std::move(log)) {}
  ~fake_terminal() {
    if (pid_ <= 0) return;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int status;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  fake_terminal(const fake_terminal&) = delete;
  fake_terminal& operator=(const fake_terminal&) = delete;

  json run(const json& request) {
    requests_.push_back(request);
    const json& args = request["arguments"];
    std::vector<std::string> words = args["args"];
    std::map<std::string, std::string> env;
    for (char** e = environ; *e; ++e) {
      std::string kv(*e);
      env[kv.substr(0, kv.find('='))] = kv.substr(kv.find('=') + 1);
    }
    const json overrides = args.value("env", json::object());
    for (const auto& [key, value] : overrides.items()) {
      if (value.is_null()) {
        env.erase(key);
      } else {
        env[key] = value.get<std::string>();
      }
    }
    std::vector<std::string> env_strings;
    for (const auto& [key, value] : env) env_strings.push_back(key + "=" + value);
    std::vector<char*> argv, envp;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string cwd = args.value("cwd", "/");
    int out = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) throw std::runtime_error("cannot open the terminal's log");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      ::dup2(out, 1);
      ::dup2(out, 2);
      if (::chdir(cwd.c_str()) != 0) ::_exit(126);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(out);
    return {{"processId", pid_}};
  }

  const std::vector<json>& requests() const { return requests_; }
  pid_t pid() const { return pid_; }
  std::string text() const {
    std::ifstream in(log_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // The program's last words may still be on their way into the file.
  bool wait_for_text(const std::string& needle) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!contains(text(), needle)) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
  std::vector<json> requests_;
};

fs::path terminal_log() {
  return fs::temp_directory_path() /
         ("int3-e2e-terminal-" + std::to_string(::getpid()) + "-" +
          std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".log");
}

dap_client_options answering(fake_terminal& terminal) {
  dap_client_options options;
  options.on_reverse_request = [&terminal](const json& request) {
    if (request.value("command", "") != "runInTerminal")
      throw std::runtime_error("unexpected reverse request");
    return terminal.run(request);
  };
  return options;
}

const json terminal_client = {{"supportsRunInTerminalRequest", true}};

}  // namespace

TEST_CASE("integratedTerminal runs the program through runInTerminal", "[e2e][terminal]") {
  const fs::path log = terminal_log();
  fake_terminal terminal(log);
  {
    e2e_client client(answering(terminal));
    client.initialize(terminal_client);
    client.launch(launch_config("output", {{"console", "integratedTerminal"},
                                           {"args", "x 'y z'"},
                                           {"env", {{"INT3_TEST_VAR", "in-terminal"}}}}));
    client.configuration_done();
    CHECK(expect_run_to_exit(client) == 0);

    REQUIRE(terminal.requests().size() == 1);
    const json& args = terminal.requests()[0]["arguments"];
    CHECK(args["kind"] == "integrated");
    CHECK(args["env"]["INT3_TEST_VAR"] == "in-terminal");
    CHECK(contains(args.value("title", ""), "output"));
    // What the program prints goes to the terminal, not the debug console.
    CHECK(terminal.wait_for_text("INT3-FIXTURE-DONE\n"));
    const std::string text = terminal.text();
    INFO("terminal: " << text);
    CHECK(contains(text, "arg[1]=x\n"));
    CHECK(contains(text, "arg[2]=y z\n"));
    CHECK(contains(text, "env=in-terminal\n"));
    CHECK(contains(text, "to-stderr\n"));
    CHECK_FALSE(contains(client.output("stdout"), "arg[1]"));
  }
  fs::remove(log);
}

TEST_CASE("a program in an external terminal stops at a breakpoint", "[e2e][terminal]") {
  const fs::path log = terminal_log();
  fake_terminal terminal(log);
  {
    e2e_client client(answering(terminal));
    const std::string src = source_path("loop.c");
    const auto line = line_of(src, "call square");
    client.initialize(terminal_client);
    client.launch(launch_config("loop_gcc_O0_pie_d5", {{"externalConsole", true}}));
    json set = client.set_breakpoints(src, {line});
    CHECK(set["body"]["breakpoints"][0]["verified"] == true);
    client.configuration_done();
    json stopped = client.wait_stopped();
    CHECK(stopped["body"]["reason"] == "breakpoint");
    const auto tid = stopped["body"]["threadId"].get<std::int64_t>();
    CHECK(tid == terminal.pid());  // the very process the terminal started
    json frames = client.stack_trace(tid)["body"]["stackFrames"];
    CHECK(frames[0]["line"] == line);
    client.set_breakpoints(src, {});
    client.continue_(tid);
    CHECK(expect_run_to_exit(client) == 0);
    REQUIRE(terminal.requests().size() == 1);
    CHECK(terminal.requests()[0]["arguments"]["kind"] == "external");
    CHECK(terminal.wait_for_text("total=5\n"));
  }
  fs::remove(log);
}

TEST_CASE("stopOnEntry works for a program in a terminal", "[e2e][terminal]") {
  const fs::path log = terminal_log();
  fake_terminal terminal(log);
  {
    e2e_client client(answering(terminal));
    client.initialize(terminal_client);
    client.launch(launch_config("loop_gcc_O0_pie_d5",
                                {{"console", "integratedTerminal"}, {"stopOnEntry", true}}));
    client.configuration_done();
    json stopped = client.wait_stopped();
    CHECK(stopped["body"]["reason"] == "entry");
    client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
    CHECK(expect_run_to_exit(client) == 0);
  }
  fs::remove(log);
}

TEST_CASE("without runInTerminal support the console falls back to the debug console",
          "[e2e][terminal]") {
  e2e_client client;
  client.initialize();  // no supportsRunInTerminalRequest
  client.launch(launch_config("output", {{"console", "integratedTerminal"}, {"args", {"x"}}}));
  client.configuration_done();
  CHECK(expect_run_to_exit(client) == 0);
  CHECK(contains(client.output("console"), "runInTerminal"));
  CHECK(contains(client.output("stdout"), "arg[1]=x\n"));
}

TEST_CASE("a client that cannot open a terminal fails the launch with its reason",
          "[e2e][terminal]") {
  dap_client_options options;
  options.on_reverse_request = [](const json&) -> json {
    throw std::runtime_error("no terminal here");
  };
  e2e_client client(options);
  client.initialize(terminal_client);
  json response =
      client.request_error("launch", launch_config("output", {{"console", "integratedTerminal"}}));
  CHECK(contains(response.dump(), "no terminal here"));
}

namespace {

std::string file_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("stdio redirects a stream of a program in the terminal, the rest stays there",
          "[e2e][terminal][stdio]") {
  const fs::path log = terminal_log();
  fake_terminal terminal(log);
  {
    e2e_client client(answering(terminal));
    const fs::path dir = client.work_dir();
    const std::string src = source_path("output.c");
    const auto line = line_of(src, "stderr");
    client.initialize(terminal_client);
    client.launch(launch_config("output", {{"console", "integratedTerminal"},
                                           {"cwd", dir.string()},
                                           {"args", {"x"}},
                                           {"stdio", {nullptr, "out.txt", nullptr}}}));
    json set = client.set_breakpoints(src, {line});
    CHECK(set["body"]["breakpoints"][0]["verified"] == true);
    client.configuration_done();
    json stopped = client.wait_stopped();
    CHECK(stopped["body"]["reason"] == "breakpoint");
    // Stopped before the stderr line: stdout was flushed into the file.
    CHECK(contains(file_text(dir / "out.txt"), "arg[1]=x\n"));
    client.continue_(stopped["body"]["threadId"].get<std::int64_t>());
    CHECK(expect_run_to_exit(client) == 0);

    CHECK(terminal.wait_for_text("to-stderr\n"));
    const std::string out = file_text(dir / "out.txt");
    INFO("out.txt: " << out << "terminal: " << terminal.text());
    CHECK(contains(out, "cwd=" + dir.string() + "\n"));
    CHECK(contains(out, "INT3-FIXTURE-DONE\n"));
    CHECK_FALSE(contains(out, "to-stderr"));
    CHECK_FALSE(contains(terminal.text(), "arg[1]"));
    CHECK_FALSE(contains(client.output("console"), "not redirected"));
  }
  fs::remove(log);
}

TEST_CASE("stdio gives a program in an external terminal stdin and stderr files",
          "[e2e][terminal][stdio]") {
  // cat copies its stdin to stdout (the terminal) and complains on stderr.
  const fs::path log = terminal_log();
  fake_terminal terminal(log);
  {
    e2e_client client(answering(terminal));
    const fs::path dir = client.work_dir();
    {
      std::ofstream in(dir / "in.txt");
      in << "line from the input file\n";
    }
    client.initialize(terminal_client);
    client.launch({{"program", "/bin/cat"},
                   {"console", "externalTerminal"},
                   {"cwd", dir.string()},
                   {"args", {"-", "/nonexistent-int3-file"}},
                   {"stdio", {"in.txt", nullptr, "err.txt"}}});
    client.configuration_done();
    CHECK(expect_run_to_exit(client) == 1);
    CHECK(terminal.wait_for_text("line from the input file\n"));
    INFO("terminal: " << terminal.text());
    CHECK(contains(file_text(dir / "err.txt"), "nonexistent-int3-file"));
    CHECK_FALSE(contains(terminal.text(), "nonexistent-int3-file"));
  }
  fs::remove(log);
}

TEST_CASE("an unopenable stdio file fails a terminal launch before the terminal starts",
          "[e2e][terminal][stdio]") {
  const fs::path log = terminal_log();
  fake_terminal terminal(log);
  {
    e2e_client client(answering(terminal));
    client.initialize(terminal_client);
    json response = client.request_error(
        "launch", launch_config("output", {{"console", "integratedTerminal"},
                                           {"stdio", {"/nonexistent/in.txt"}}}));
    CHECK(contains(response.dump(), "/nonexistent/in.txt"));
    CHECK(terminal.requests().empty());
  }
  fs::remove(log);
}
