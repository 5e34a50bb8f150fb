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

// The go message: 'g', then one '1' or '0' per standard stream saying
// whether a descriptor for it travels along (SCM_RIGHTS, in stream order).
constexpr std::size_t go_size = 4;
constexpr int stream_count = 3;

int complain(const std::string& what) {
  std::cerr << "int3-dap --launch-helper: " << what << "\n";
  return 1;
}

union control_buffer {
  cmsghdr header;
  char bytes[CMSG_SPACE(sizeof(int) * stream_count)];
};

// Reads the go message; the descriptors arrive with its first byte.
bool receive_go(int fd, std::array<unique_fd, stream_count>& streams) {
  char message[go_size];
  std::size_t got = 0;
  std::array<int, stream_count> received{-1, -1, -1};
  int received_count = 0;
  while (got < go_size) {
    iovec part{message + got, go_size - got};
    control_buffer control{};
    msghdr header{};
    header.msg_iov = &part;
    header.msg_iovlen = 1;
    header.msg_control = control.bytes;
    header.msg_controllen = sizeof control.bytes;
    ssize_t n = ::recvmsg(fd, &header, MSG_CMSG_CLOEXEC);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
      int count = static_cast<int>((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
      for (int i = 0; i < count; ++i) {
        int passed;
        std::memcpy(&passed, CMSG_DATA(c) + i * sizeof(int), sizeof passed);
        if (received_count < stream_count) {
          received[received_count++] = passed;
        } else {
          ::close(passed);
        }
      }
    }
    got += static_cast<std::size_t>(n);
  }
  if (message[0] != 'g') return false;
  int next = 0;
  for (int stream = 0; stream < stream_count; ++stream) {
    if (message[1 + stream] == '1' && next < received_count) {
      streams[stream].reset(received[next++]);
    }
  }
  return true;
}

// Puts the adapter's files in place of the terminal for the streams
// redirected; the copies stay open across exec, the originals do not.
bool install_streams(const std::array<unique_fd, stream_count>& streams, std::string& failure) {
  for (int stream = 0; stream < stream_count; ++stream) {
    if (!streams[stream].valid()) continue;
    if (::dup2(streams[stream].get(), stream) < 0) {
      failure = "cannot redirect stream " + std::to_string(stream) + ": " + std::strerror(errno);
      return false;
    }
  }
  return true;
}

}  // namespace

bool release_launch_helper(int helper_socket, const std::array<int, 3>& stdio) {
  char message[go_size] = {'g', '0', '0', '0'};
  int passed[stream_count];
  int count = 0;
  for (int stream = 0; stream < stream_count; ++stream) {
    if (stdio[stream] < 0) continue;
    message[1 + stream] = '1';
    passed[count++] = stdio[stream];
  }
  iovec part{message, go_size};
  control_buffer control{};
  msghdr header{};
  header.msg_iov = &part;
  header.msg_iovlen = 1;
  if (count > 0) {
    header.msg_control = control.bytes;
    header.msg_controllen = CMSG_SPACE(sizeof(int) * count);
    cmsghdr* c = CMSG_FIRSTHDR(&header);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * count);
    std::memcpy(CMSG_DATA(c), passed, sizeof(int) * count);
  }
  ssize_t n;
  do {
    n = ::sendmsg(helper_socket, &header, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  // Unix stream sockets take a message this small whole, or not at all.
  return n == static_cast<ssize_t>(go_size);
}

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
  std::array<unique_fd, stream_count> streams;
  if (!receive_go(adapter.get(), streams)) {
    return complain("int3-dap gave up before the program started");
  }
  std::string failure;
  if (install_streams(streams, failure)) {
    std::vector<std::string> words = command;
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    failure = "cannot run " + command[0] + ": " + std::strerror(errno);
  }
  failure += "\n";
  [[maybe_unused]] auto written = ::write(adapter.get(), failure.data(), failure.size());
  // stderr may be a redirected file now; the terminal still gets a copy
  // through the adapter's error message.
  std::cerr << failure;
  return 127;
}

}  // namespace int3::dap
