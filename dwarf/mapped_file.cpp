#include "dwarf/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dwarf/error.hpp"

namespace int3::dwarf {

namespace {

[[noreturn]] void send_errno(const std::filesystem::path& path, int err) {
  if (err == ENOENT) error::send(path.string() + ": no such file");
  error::send(path.string() + ": " + std::strerror(err));
}

}  // namespace

mapped_file::mapped_file(const std::filesystem::path& path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) send_errno(path, errno);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) {
    int err = errno;
    ::close(fd_);
    send_errno(path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd_);
    error::send(path.string() + ": not a regular file");
  }
  size_ = static_cast<std::size_t>(st.st_size);
  // mmap refuses length 0; an empty file simply has no bytes.
  if (size_ == 0) return;
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (p == MAP_FAILED) {
    int err = errno;
    ::close(fd_);
    send_errno(path, err);
  }
  data_ = static_cast<const std::byte*>(p);
}

mapped_file::~mapped_file() {
  if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace int3::dwarf
