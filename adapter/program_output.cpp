#include "adapter/program_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <spdlog/spdlog.h>

namespace int3::dap {

namespace {
std::pair<unique_fd, unique_fd> make_pipe() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "creating an output pipe");
  }
  unique_fd read_end(ends[0]);
  unique_fd write_end(ends[1]);
  // Only our end is non-blocking: the child's writes must block as usual.
  int flags = ::fcntl(read_end.get(), F_GETFL);
  ::fcntl(read_end.get(), F_SETFL, flags | O_NONBLOCK);
  return {std::move(read_end), std::move(write_end)};
}
}  // namespace

std::string take_complete_utf8(std::string& text) {
  // Look back over at most three continuation bytes for a lead byte whose
  // sequence runs past the end.
  std::size_t n = text.size();
  for (std::size_t back = 1; back <= 4 && back <= n; ++back) {
    auto c = static_cast<unsigned char>(text[n - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    std::size_t need = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    if (need > back) {
      std::string complete = text.substr(0, n - back);
      text.erase(0, n - back);
      return complete;
    }
    break;
  }
  return std::exchange(text, {});
}

program_output::child_ends program_output::open() {
  close();
  auto [out_read, out_write] = make_pipe();
  auto [err_read, err_write] = make_pipe();
  streams_.push_back({std::move(out_read), "stdout", {}});
  streams_.push_back({std::move(err_read), "stderr", {}});
  return {std::move(out_write), std::move(err_write)};
}

std::vector<int> program_output::fds() const {
  std::vector<int> out;
  for (const auto& s : streams_) {
    if (s.fd.valid()) out.push_back(s.fd.get());
  }
  return out;
}

program_output::stream* program_output::find(int fd) {
  for (auto& s : streams_) {
    if (s.fd.valid() && s.fd.get() == fd) return &s;
  }
  return nullptr;
}

bool program_output::drain(int fd, const sink& to) {
  auto* s = find(fd);
  if (!s) return false;
  char buffer[64 * 1024];
  for (;;) {
    auto n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      s->partial.append(buffer, static_cast<std::size_t>(n));
      auto text = take_complete_utf8(s->partial);
      if (!text.empty()) to(s->category, std::move(text));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    if (n < 0) spdlog::warn("reading the program's {} failed: {}", s->category, errno);
    // End of the pipe: whatever is held back will never be completed.
    if (!s->partial.empty()) to(s->category, std::exchange(s->partial, {}));
    s->fd.reset();
    return false;
  }
}

void program_output::drain_all(const sink& to) {
  for (int fd : fds()) drain(fd, to);
}

void program_output::close() {
  streams_.clear();
}

}  // namespace int3::dap
