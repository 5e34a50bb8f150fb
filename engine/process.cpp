#include "engine/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include <spdlog/fmt/fmt.h>
#include <spdlog/spdlog.h>

#include "engine/error.hpp"
#include "engine/ptrace_calls.hpp"

namespace int3::engine {
namespace {

// What the child failed at, sent through the error pipe before it exits.
enum class child_stage : int { stdio, cwd, ptrace, exec };

struct child_failure {
  child_stage stage;
  int error_number;
};

[[noreturn]] void child_fail(int pipe_fd, child_stage stage) {
  child_failure failure{stage, errno};
  // Nothing to do if this fails too: the parent then sees an early exit.
  [[maybe_unused]] auto n = ::write(pipe_fd, &failure, sizeof failure);
  _exit(127);
}

// Parking a descriptor above the standard three so the dup2 calls below
// cannot overwrite a source that is itself 0, 1 or 2.
int park(int fd, int pipe_fd) {
  if (fd < 0) return fd;
  int parked = fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (parked < 0) child_fail(pipe_fd, child_stage::stdio);
  return parked;
}

[[noreturn]] void run_child(const launch_options& options, pid_t parent, int pipe_fd, int dev_null,
                            char* const argv[], char* const envp[]) {
  // The debugger's signal state must not leak into the program: the adapter
  // blocks SIGCHLD for its signalfd and may ignore SIGPIPE.
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig = 1; sig < NSIG; ++sig) signal(sig, SIG_DFL);

  // PTRACE_O_EXITKILL, set at the exec stop, kills the program when we die.
  // PR_SET_PDEATHSIG is not used: it would also kill a program the user
  // detached from (disconnect with terminateDebuggee: false).
  if (getppid() != parent) child_fail(pipe_fd, child_stage::ptrace);

  int in = park(options.stdin_fd >= 0 ? options.stdin_fd : dev_null, pipe_fd);
  int out = park(options.stdout_fd, pipe_fd);
  int err = park(options.stderr_fd, pipe_fd);
  if (dup2(in, 0) < 0) child_fail(pipe_fd, child_stage::stdio);
  if (out >= 0 && dup2(out, 1) < 0) child_fail(pipe_fd, child_stage::stdio);
  if (err >= 0 && dup2(err, 2) < 0) child_fail(pipe_fd, child_stage::stdio);
  // Nothing of the debugger's (DAP channel, pipes) may reach the program.
  close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);

  if (options.cwd && chdir(options.cwd->c_str()) != 0) child_fail(pipe_fd, child_stage::cwd);
  if (ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0) child_fail(pipe_fd, child_stage::ptrace);
  execve(options.program.c_str(), argv, envp);
  child_fail(pipe_fd, child_stage::exec);
}

std::string failure_message(const launch_options& options, const child_failure& failure) {
  std::string reason = std::strerror(failure.error_number);
  switch (failure.stage) {
    case child_stage::stdio:
      return "cannot set up the standard streams of " + options.program.string() + ": " + reason;
    case child_stage::cwd:
      return "cannot change to the working directory " +
             (options.cwd ? options.cwd->string() : std::string()) + ": " + reason;
    case child_stage::ptrace:
      return "cannot trace " + options.program.string() + ": " + reason;
    case child_stage::exec:
      if (failure.error_number == ENOEXEC) reason += " (not an executable this system can run)";
      return "cannot run " + options.program.string() + ": " + reason;
  }
  return "cannot run " + options.program.string();
}

}  // namespace

void check_runnable(const std::filesystem::path& program) {
  struct stat st {};
  if (::stat(program.c_str(), &st) != 0) error::send_errno("cannot run " + program.string());
  if (S_ISDIR(st.st_mode))
    error::send("cannot run " + program.string() + ": " + std::strerror(EISDIR));
  if (!S_ISREG(st.st_mode)) error::send("cannot run " + program.string() + ": not a regular file");
  if (::access(program.c_str(), X_OK) != 0) error::send_errno("cannot run " + program.string());
}

namespace {

class unique_fd {
 public:
  explicit unique_fd(int fd = -1) : fd_(fd) {}
  ~unique_fd() { reset(); }
  unique_fd(const unique_fd&) = delete;
  unique_fd& operator=(const unique_fd&) = delete;
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

}  // namespace

std::unique_ptr<process> process::launch(const launch_options& options) {
  check_runnable(options.program);

  // Everything the child needs is built before fork: after it, only
  // async-signal-safe calls.
  std::vector<std::string> arg_strings{options.program.string()};
  arg_strings.insert(arg_strings.end(), options.args.begin(), options.args.end());
  std::vector<char*> argv;
  for (auto& a : arg_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings = options.environment;
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  unique_fd dev_null(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (dev_null.get() < 0) error::send_errno("cannot open /dev/null");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) error::send_errno("cannot create a pipe");
  unique_fd read_end(fds[0]), write_end(fds[1]);

  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) error::send_errno("cannot fork to run " + options.program.string());
  if (pid == 0)
    run_child(options, parent, write_end.get(), dev_null.get(), argv.data(), envp.data());

  write_end.reset();
  child_failure failure{};
  ssize_t n;
  do {
    n = ::read(read_end.get(), &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);

  int status = 0;
  if (n > 0) {
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    error::send(failure_message(options, failure));
  }
  while (waitpid(pid, &status, __WALL) < 0) {
    if (errno != EINTR) error::send_errno("cannot wait for " + options.program.string());
  }
  if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGTRAP) {
    if (WIFSTOPPED(status)) {
      ::kill(pid, SIGKILL);
      while (waitpid(pid, &status, __WALL) >= 0 && WIFSTOPPED(status)) {
      }
    }
    error::send("cannot run " + options.program.string() +
                ": it ended before it could be debugged");
  }

  sys::forget_thread(pid);  // a pid used before, by a program this adapter ran
  std::unique_ptr<process> proc(new process(pid));
  sys::set_options(pid, PTRACE_O_EXITKILL | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC |
                            PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK);
  spdlog::debug("launched {} as pid {}", options.program.string(), pid);
  return proc;
}

process::process(pid_t pid) : pid_(pid) {
  try {
    reopen_memory();
  } catch (const error&) {
    ::kill(pid_, SIGKILL);
    int status;
    while (waitpid(pid_, &status, __WALL) >= 0 && WIFSTOPPED(status)) {
    }
    throw;
  }
}

process::~process() {
  forget_memory();
}

void process::reopen_memory() {
  forget_memory();
  std::string path = "/proc/" + std::to_string(pid_) + "/mem";
  mem_fd_ = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (mem_fd_ < 0) error::send_errno("cannot open " + path);
}

void process::forget_memory() {
  if (mem_fd_ >= 0) ::close(mem_fd_);
  mem_fd_ = -1;
}

std::vector<std::byte> process::read_memory(virt_addr address, std::size_t size) const {
  std::vector<std::byte> data(size);
  std::size_t done = 0;
  // process_vm_readv is one call for any size, but stops at unreadable pages
  // (e.g. execute-only); /proc/<pid>/mem reads those as ptrace can.
  while (done < size) {
    iovec local{data.data() + done, size - done};
    iovec remote{reinterpret_cast<void*>(address.value + done), size - done};
    ssize_t n = process_vm_readv(pid_, &local, 1, &remote, 1, 0);
    if (n <= 0 && mem_fd_ >= 0) {
      n = ::pread(mem_fd_, data.data() + done, size - done,
                  static_cast<off_t>(address.value + done));
    }
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done == 0 && size > 0)
    error::send_errno(fmt::format("cannot read memory at {:#x}", address.value));
  data.resize(done);
  return data;
}

std::optional<std::uint64_t> process::read_word(virt_addr address) const {
  std::uint64_t word = 0;
  iovec local{&word, sizeof word};
  iovec remote{reinterpret_cast<void*>(address.value), sizeof word};
  if (process_vm_readv(pid_, &local, 1, &remote, 1, 0) == sizeof word) return word;
  if (mem_fd_ >= 0 &&
      ::pread(mem_fd_, &word, sizeof word, static_cast<off_t>(address.value)) == sizeof word)
    return word;
  return std::nullopt;
}

void process::write_memory(virt_addr address, std::span<const std::byte> data) {
  // /proc/<pid>/mem writes through read-only text like ptrace does, without
  // needing a stopped thread.
  sys::note_change();
  std::size_t done = 0;
  while (done < data.size() && mem_fd_ >= 0) {
    ssize_t n = ::pwrite(mem_fd_, data.data() + done, data.size() - done,
                         static_cast<off_t>(address.value + done));
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  // POKEDATA needs a stopped thread; the leader is the one we know of.
  while (done < data.size()) {
    std::uint64_t at = address.value + done;
    std::uint64_t word = sys::peek_word(pid_, at);
    std::size_t count = std::min<std::size_t>(sizeof word, data.size() - done);
    std::memcpy(&word, data.data() + done, count);
    sys::poke_word(pid_, at, word);
    done += count;
  }
}

std::optional<std::uint64_t> process::auxv_entry(std::uint64_t type) const {
  std::ifstream in("/proc/" + std::to_string(pid_) + "/auxv", std::ios::binary);
  std::uint64_t entry[2];
  while (in.read(reinterpret_cast<char*>(entry), sizeof entry)) {
    if (entry[0] == type) return entry[1];
    if (entry[0] == 0) break;
  }
  return std::nullopt;
}

}  // namespace int3::engine
