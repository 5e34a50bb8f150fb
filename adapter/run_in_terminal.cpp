#include "adapter/run_in_terminal.hpp"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "adapter/errors.hpp"
#include "adapter/launch_helper.hpp"
#include "adapter/unique_fd.hpp"
#include "engine/error.hpp"

namespace int3::dap {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw dap_error(error_id::engine_failure, what, true);
}

// A listening unix socket in a private directory, both gone with it.
class rendezvous {
 public:
  rendezvous() {
    std::string dir = (fs::temp_directory_path() / "int3-terminal-XXXXXX").string();
    if (!::mkdtemp(dir.data()))
      fail(std::string("cannot create a directory for the terminal's socket: ") +
           std::strerror(errno));
    dir_ = dir;
    path_ = dir_ / "launch.sock";
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (path_.string().size() >= sizeof address.sun_path)
      fail("the temporary directory's path is too long for a socket: " + path_.string());
    std::strcpy(address.sun_path, path_.c_str());
    fd_.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd_.valid() ||
        ::bind(fd_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_.get(), 1) != 0) {
      fail("cannot listen on " + path_.string() + ": " + std::strerror(errno));
    }
  }
  ~rendezvous() {
    fd_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  rendezvous(const rendezvous&) = delete;
  rendezvous& operator=(const rendezvous&) = delete;

  int fd() const { return fd_.get(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path dir_;
  fs::path path_;
  unique_fd fd_;
};

// What the helper writes, up to `limit` bytes or its first newline.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  std::string line;
  char c;
  while (line.size() < 4096) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) break;
    if (::read(fd, &c, 1) != 1 || c == '\n') break;
    line += c;
  }
  return line;
}

std::string self_executable() {
  std::error_code ec;
  auto path = fs::read_symlink("/proc/self/exe", ec);
  if (ec) fail("cannot find int3-dap's own executable: " + ec.message());
  return path.string();
}

}  // namespace

void launch_in_terminal(session& s, const launch_config& config, bool stop_on_entry,
                        std::chrono::milliseconds patience) {
  const auto& options = config.options;
  rendezvous meeting;
  nlohmann::json args = {self_executable(), "--launch-helper", meeting.path().string(), "--",
                         options.program.string()};
  for (const auto& a : options.args) args.push_back(a);
  nlohmann::json env = nlohmann::json::object();
  for (const auto& [key, value] : config.env_overrides) {
    env[key] = value ? nlohmann::json(*value) : nlohmann::json();
  }
  nlohmann::json request = {
      {"kind", config.console == console_kind::external_terminal ? "external" : "integrated"},
      {"title", "int3: " + options.program.filename().string()},
      {"cwd", (options.cwd ? *options.cwd : fs::current_path()).string()},
      {"args", args}};
  if (!env.empty()) request["env"] = env;

  // Shared: the reply may come after this function gave up waiting.
  auto reply = std::make_shared<std::optional<nlohmann::json>>();
  s.send_request("runInTerminal", request, [reply](const nlohmann::json& r) { *reply = r; });
  auto refused = [&reply] { return reply->has_value() && !(*reply)->value("success", false); };
  const auto deadline = std::chrono::steady_clock::now() + patience;
  bool connected = s.wait_for_client(refused, meeting.fd(), deadline);
  if (refused()) {
    const auto& r = **reply;
    std::string why = r.value("message", "");
    if (r.contains("body") && r["body"].contains("error")) {
      why = r["body"]["error"].value("format", why);
    }
    fail("the client could not run the program in a terminal: " + why);
  }
  if (!connected) {
    fail("the program started in the terminal did not report back within " +
         std::to_string(patience.count() / 1000) + " s");
  }
  unique_fd helper(::accept4(meeting.fd(), nullptr, nullptr, SOCK_CLOEXEC));
  if (!helper.valid())
    fail(std::string("cannot accept the terminal's connection: ") + std::strerror(errno));
  std::string pid_text = read_line(helper.get(), std::chrono::seconds(5));
  pid_t pid = 0;
  try {
    pid = static_cast<pid_t>(std::stol(pid_text));
  } catch (const std::exception&) {
    fail("the launch helper in the terminal sent no pid ('" + pid_text + "')");
  }
  spdlog::info("launch helper in the terminal is pid {}", pid);
  // The files of a `stdio` redirection were opened here, relative to the
  // launch's cwd; the helper gets copies and puts them in place before exec.
  const std::array<int, 3> stdio = {config.stdio_files[0].get(), config.stdio_files[1].get(),
                                    config.stdio_files[2].get()};
  auto release = [&helper, stdio] {
    if (!release_launch_helper(helper.get(), stdio)) {
      spdlog::warn("the launch helper went away before it was released");
    }
  };
  try {
    s.adopt_from_terminal(pid, options.program, release, stop_on_entry);
  } catch (const engine::error& e) {
    // The helper says why its exec failed before it exits.
    std::string said = read_line(helper.get(), std::chrono::milliseconds(500));
    fail(said.empty() ? std::string(e.what()) : said);
  }
}

}  // namespace int3::dap
