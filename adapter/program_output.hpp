#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapter/unique_fd.hpp"

namespace int3::dap {

// The pipes that carry the debuggee's stdout and stderr to the adapter, kept
// apart so each becomes output events of its own category. The read ends are
// non-blocking and close-on-exec; the write ends go to the child.
class program_output {
 public:
  using sink = std::function<void(std::string_view category, std::string text)>;

  struct child_ends {
    unique_fd stdout_write;
    unique_fd stderr_write;
  };

  // Creates both pipes (closing any earlier ones) and returns the ends the
  // child writes to; the caller closes them once the child has them.
  child_ends open();

  // The read ends still open, for the event loop to watch.
  std::vector<int> fds() const;

  // Reads everything `fd` holds now and passes it on. Returns false when
  // the pipe reached its end and was closed.
  bool drain(int fd, const sink& to);
  // Drains both pipes, e.g. before reporting a stop or an exit so the
  // program's last output comes first.
  void drain_all(const sink& to);

  void close();

 private:
  struct stream {
    unique_fd fd;
    std::string category;
    std::string partial;  // an incomplete UTF-8 sequence held for the next read
  };
  stream* find(int fd);

  std::vector<stream> streams_;
};

// Splits `text` before an incomplete UTF-8 sequence at its end, so a
// character cut in two by a read is not sent as two replacement characters.
// Returns the complete part; `text` keeps the rest.
std::string take_complete_utf8(std::string& text);

}  // namespace int3::dap
