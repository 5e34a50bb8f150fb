#include "adapter/tcp_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <system_error>

#include "adapter/termination_signals.hpp"

namespace int3::dap {

tcp_listener::tcp_listener(std::uint16_t port)
    // Non-blocking: a client that goes between poll and accept must not
    // block us where a termination signal cannot be seen. Accepted sockets
    // do not inherit it.
    : socket_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) {
  if (!socket_.valid()) throw std::system_error(errno, std::generic_category(), "socket");
  int yes = 1;
  ::setsockopt(socket_.get(), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(socket_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    throw std::system_error(errno, std::generic_category(),
                            "binding 127.0.0.1:" + std::to_string(port));
  }
  if (::listen(socket_.get(), 1) != 0) {
    throw std::system_error(errno, std::generic_category(), "listen");
  }
}

std::optional<unique_fd> tcp_listener::accept() {
  const unique_fd termination = termination_signal_fd();
  for (;;) {
    pollfd waits[] = {{termination.get(), POLLIN, 0}, {socket_.get(), POLLIN, 0}};
    if (::poll(waits, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    if (waits[0].revents & POLLIN) return std::nullopt;
    if (waits[1].revents == 0) continue;
    int fd = ::accept4(socket_.get(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) return unique_fd(fd);
    if (errno != EINTR && errno != ECONNABORTED && errno != EAGAIN) {
      throw std::system_error(errno, std::generic_category(), "accept");
    }
  }
}

}  // namespace int3::dap
