#include "adapter/launch_helper.hpp"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "adapter/unique_fd.hpp"

namespace int3::dap {

namespace {

int complain(const std::string& what) {
  std::cerr << "int3-dap --launch-helper: " << what << "\n";
  return 1;
}

}  // namespace

int run_launch_helper(const std::string& socket_path, const std::vector<std::string>& command) {
  unique_fd adapter(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof address.sun_path) return complain("socket path too long");
  std::strcpy(address.sun_path, socket_path.c_str());
  if (!adapter.valid() ||
      ::connect(adapter.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    return complain("cannot reach int3-dap at " + socket_path + ": " + std::strerror(errno));
  }
  // Under Yama ptrace_scope 1 only an ancestor may attach, and the adapter
  // is not ours; naming it as our tracer lets it. Without Yama the call
  // fails with EINVAL and nothing is needed.
  ucred peer{};
  socklen_t size = sizeof peer;
  if (::getsockopt(adapter.get(), SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0) {
    ::prctl(PR_SET_PTRACER, static_cast<unsigned long>(peer.pid), 0, 0, 0);
  }
  const std::string pid_line = std::to_string(::getpid()) + "\n";
  if (::write(adapter.get(), pid_line.data(), pid_line.size()) !=
      static_cast<ssize_t>(pid_line.size())) {
    return complain(std::string("cannot talk to int3-dap: ") + std::strerror(errno));
  }
  char go = 0;
  ssize_t n;
  do {
    n = ::read(adapter.get(), &go, 1);
  } while (n < 0 && errno == EINTR);
  if (n != 1) return complain("int3-dap gave up before the program started");

  std::vector<std::string> words = command;
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  ::execv(argv[0], argv.data());
  const std::string failure = "cannot run " + command[0] + ": " + std::strerror(errno) + "\n";
  [[maybe_unused]] auto written = ::write(adapter.get(), failure.data(), failure.size());
  std::cerr << failure;
  return 127;
}

}  // namespace int3::dap
