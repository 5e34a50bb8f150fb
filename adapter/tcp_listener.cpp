#include "adapter/tcp_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace int3::dap {

tcp_listener::tcp_listener(std::uint16_t port)
    : socket_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
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

unique_fd tcp_listener::accept() {
  for (;;) {
    int fd = ::accept4(socket_.get(), nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) return unique_fd(fd);
    if (errno != EINTR && errno != ECONNABORTED) {
      throw std::system_error(errno, std::generic_category(), "accept");
    }
  }
}

}  // namespace int3::dap
