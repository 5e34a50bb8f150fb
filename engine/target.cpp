#include <signal.h>
#include <sys/auxv.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include <spdlog/spdlog.h>

#include "dwarf/error.hpp"
#include "engine/error.hpp"
#include "engine/module_breakpoints.hpp"
#include "engine/ptrace_calls.hpp"
#include "engine/target_impl.hpp"
#include "engine/values/frame_lookup.hpp"

namespace int3::engine {
namespace {

std::unique_ptr<dwarf::elf_file> open_program(const std::filesystem::path& path) {
  try {
    auto elf = dwarf::elf_file::open(path);
    const arch_info& arch = current_arch();
    if (elf->machine() != arch.elf_machine)
      error::send("cannot run " + path.string() + ": not a program for " + std::string(arch.name));
    return elf;
  } catch (const dwarf::error& e) {
    // One exception type and one wording reach the adapter for every launch
    // failure; dwarf's message usually names the file already.
    std::string what = e.what();
    if (what.rfind(path.string() + ":", 0) == 0) throw error("cannot run " + what);
    throw error("cannot run " + path.string() + ": " + what);
  }
}

std::uint64_t program_load_bias(const process& proc, const dwarf::elf_file& program) {
  if (!program.is_pie()) return 0;
  auto entry = proc.auxv_entry(AT_ENTRY);
  if (!entry) error::send("cannot find the entry point of process " + std::to_string(proc.pid()));
  return *entry - program.entry().value;
}

}  // namespace

std::unique_ptr<target> target::launch(const launch_options& options) {
  check_runnable(options.program);
  auto program = open_program(options.program);
  auto proc = process::launch(options);
  std::uint64_t bias = program_load_bias(*proc, *program);
  return std::make_unique<target_impl>(std::move(proc), std::move(program), bias);
}

std::unique_ptr<target> target::adopt_before_exec(pid_t pid, const std::filesystem::path& program,
                                                  const std::function<void()>& release) {
  check_runnable(program);
  auto elf = open_program(program);
  auto proc = process::adopt_before_exec(pid, release);
  std::uint64_t bias = program_load_bias(*proc, *elf);
  return std::make_unique<target_impl>(std::move(proc), std::move(elf), bias);
}

std::unique_ptr<target> target::attach(pid_t pid) {
  std::vector<pid_t> tids;
  auto proc = process::attach(pid, tids);
  try {
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec);
    if (ec) error::send("cannot attach to process " + std::to_string(pid) + ": " + ec.message());
    auto program = open_program(path);
    std::uint64_t bias = program_load_bias(*proc, *program);
    return std::make_unique<target_impl>(std::move(proc), std::move(program), bias, tids);
  } catch (...) {
    for (pid_t tid : tids) sys::detach(tid, 0);
    throw;
  }
}

target_impl::target_impl(std::unique_ptr<process> proc, std::unique_ptr<dwarf::elf_file> program,
                         std::uint64_t load_bias)
    : process_(std::move(proc)) {
  modules_.reset(process_->pid(), std::move(program), load_bias);
  add_thread(process_->pid());
  threads_.at(process_->pid()).sigstop_expected = false;
  threads_.at(process_->pid()).running = false;
  thread_changes_.clear();  // the first thread is the process, not news
  spdlog::debug("pid {}: load bias {:#x}", process_->pid(), load_bias);
  watch_dynamic_loader();
}

target_impl::target_impl(std::unique_ptr<process> proc, std::unique_ptr<dwarf::elf_file> program,
                         std::uint64_t load_bias, const std::vector<pid_t>& tids)
    : process_(std::move(proc)), attached_(true) {
  modules_.reset(process_->pid(), std::move(program), load_bias);
  for (pid_t tid : tids) threads_[tid] = thread_record{tid, false, false, false, {}};
  spdlog::debug("attached pid {}: load bias {:#x}", process_->pid(), load_bias);
  watch_dynamic_loader();
}

target_impl::~target_impl() {
  if (ended_ || detached_) return;
  try {
    // A process we attached to was running before us and goes on after us.
    if (attached_) {
      detach();
    } else {
      kill();
    }
  } catch (const error& e) {
    spdlog::warn("could not end debugging process {}: {}", process_->pid(), e.what());
  }
}

bool target_impl::has_debug_info() const {
  const auto* debug = modules_.main().debug();
  return debug && debug->has_line_info();
}

// ---- threads -------------------------------------------------------------

thread_record* target_impl::find_thread(pid_t tid) {
  auto it = threads_.find(tid);
  return it == threads_.end() ? nullptr : &it->second;
}

thread_record& target_impl::stopped_thread(pid_t tid) {
  require_alive("step");
  if (running_) error::send("the program is running; pause it first");
  thread_record* t = find_thread(tid);
  if (!t) error::send("no thread " + std::to_string(tid) + " in process " + std::to_string(pid()));
  return *t;
}

std::vector<pid_t> target_impl::thread_ids() const {
  std::vector<pid_t> ids;
  for (const auto& [tid, t] : threads_) ids.push_back(tid);
  return ids;
}

void target_impl::add_thread(pid_t tid) {
  // A new thread starts with a SIGSTOP that is ours to swallow.
  threads_[tid] = thread_record{tid, true, true, false, {}};
  thread_changes_.push_back({tid, true});
}

std::vector<thread_change> target_impl::take_thread_changes() {
  return std::exchange(thread_changes_, {});
}

void target_impl::require_alive(const char* action) const {
  if (ended_) error::send(std::string("cannot ") + action + ": the program has ended");
  if (detached_) error::send(std::string("cannot ") + action + ": the debugger has detached");
}

std::vector<thread_info> target_impl::threads() const {
  std::vector<thread_info> out;
  for (const auto& [tid, t] : threads_) {
    thread_info info{tid, {}};
    std::ifstream comm("/proc/" + std::to_string(pid()) + "/task/" + std::to_string(tid) + "/comm");
    std::getline(comm, info.name);
    out.push_back(std::move(info));
  }
  return out;
}

void target_impl::set_pc(pid_t tid, virt_addr pc) {
  auto r = regs(tid);
  r.set_pc(pc);
  r.write_before_resume(tid);
}

read_word_fn target_impl::word_reader() const {
  const process* proc = process_.get();
  return [proc](std::uint64_t address) { return proc->read_word({address}); };
}

std::vector<unwound_frame> target_impl::unwind(pid_t tid, std::size_t max_frames) const {
  return unwinder(modules_, word_reader()).unwind(regs(tid), max_frames);
}

std::vector<stack_frame> target_impl::stack(pid_t tid, std::size_t max_frames) const {
  require_alive("show the stack");
  auto it = threads_.find(tid);
  if (it == threads_.end()) error::send("no thread " + std::to_string(tid));
  if (it->second.running) error::send("thread " + std::to_string(tid) + " is running");
  unwinder u(modules_, stop_.word_reader());
  std::vector<stack_frame> out;
  // Inlined calls add frames: the limit counts the frames a user sees.
  for (const auto& f : stop_.frames(tid, max_frames, u)) {
    if (max_frames != 0 && out.size() >= max_frames) break;
    auto described = names_.describe(u, f, out.size());
    std::move(described.begin(), described.end(), std::back_inserter(out));
  }
  if (max_frames != 0 && out.size() > max_frames) out.resize(max_frames);
  return out;
}

found_frame target_impl::locate_frame(const unwinder& u, pid_t tid, std::size_t index) const {
  // Every physical frame is at least one logical frame: this many suffice.
  const auto& frames = stop_.frames(tid, index + 1, u);
  std::size_t first = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    std::size_t count = names_.count(u, frames[i]);
    if (index < first + count) {
      found_frame out;
      out.physical.assign(frames.begin(), frames.begin() + static_cast<std::ptrdiff_t>(i + 1));
      out.at = {i, index - first, count};
      return out;
    }
    first += count;
  }
  error::send("no frame " + std::to_string(index) + " in thread " + std::to_string(tid));
}

std::size_t target_impl::read_readable(std::uint64_t address, std::span<std::byte> out) const {
  try {
    auto data = process_->read_memory({address}, out.size());
    std::copy(data.begin(), data.end(), out.begin());
    return data.size();
  } catch (const error&) {
    return 0;  // nothing mapped there: a value, not a failure
  }
}

// ---- memory and sites ------------------------------------------------------

std::vector<std::byte> target_impl::read_memory(virt_addr address, std::size_t size) const {
  require_alive("read memory");
  auto data = process_->read_memory(address, size);
  // Our traps are not the program's: show what they cover. Only the sites
  // that can overlap the range are visited: this runs at every resume from a
  // site (the instruction under it is read), however many sites there are.
  const std::uint64_t reach = current_arch().trap_bytes.size();
  auto first = sites_.lower_bound({address.value > reach ? address.value - reach : 0});
  auto last = sites_.lower_bound({address.value + data.size()});
  for (auto it = first; it != last; ++it) {
    const auto& [at, site] = *it;
    if (!site.enabled()) continue;
    auto saved = site.saved_bytes();
    for (std::size_t i = 0; i < saved.size(); ++i) {
      std::uint64_t byte_at = at.value + i;
      if (byte_at >= address.value && byte_at < address.value + data.size())
        data[byte_at - address.value] = saved[i];
    }
  }
  return data;
}

breakpoint_site* target_impl::enabled_site_at(virt_addr address) {
  auto it = sites_.find(address);
  return it != sites_.end() && it->second.enabled() ? &it->second : nullptr;
}

breakpoint_site& target_impl::acquire_site(virt_addr address) {
  auto [it, inserted] = sites_.try_emplace(address, address);
  if (!it->second.enabled()) it->second.enable(*process_);
  retired_sites_.erase(address);
  return it->second;
}

void target_impl::release_site_if_unused(virt_addr address) {
  auto it = sites_.find(address);
  if (it == sites_.end() || !it->second.unused()) return;
  if (!ended_ && !detached_) it->second.disable(*process_);
  sites_.erase(it);
  if (running_) retired_sites_.insert(address);
}

breakpoint_status target_impl::place_breakpoint(line_breakpoint& bp) {
  auto found = resolve_in_modules(bp, modules_);
  line_status_[bp.id()] = found.status;
  for (auto address : found.addresses) acquire_site(address).add_owner(bp.id());
  bp.set_sites(found.addresses);
  spdlog::debug("breakpoint {} at {}:{}: {} site(s){}", bp.id(), bp.requested_path(),
                bp.requested_line(), found.addresses.size(),
                found.status.verified ? "" : " - " + found.status.message);
  return found.status;
}

breakpoint_status target_impl::create_line_breakpoint(const std::string& path, std::uint32_t line) {
  require_alive("set a breakpoint");
  line_breakpoint bp(next_breakpoint_id_++, path, line);
  auto status = place_breakpoint(bp);
  breakpoints_.emplace(bp.id(), std::move(bp));
  return status;
}

void target_impl::remove_breakpoint(int id) {
  auto it = breakpoints_.find(id);
  if (it == breakpoints_.end()) {
    if (remove_function_breakpoint(id)) return;
    remove_address_breakpoint(id);
    return;
  }
  for (auto address : it->second.sites()) {
    auto site = sites_.find(address);
    if (site == sites_.end()) continue;
    site->second.remove_owner(id);
    release_site_if_unused(address);
  }
  breakpoints_.erase(it);
}

std::vector<virt_addr> target_impl::breakpoint_sites() const {
  std::vector<virt_addr> out;
  for (const auto& [at, site] : sites_) {
    // The dynamic loader's hook is always there and no breakpoint of anyone's.
    bool loader_hook_only = loader_ && loader_->r_brk == at && !site.has_user_owner();
    if (site.enabled() && !loader_hook_only) out.push_back(at);
  }
  return out;
}

// ---- exec ------------------------------------------------------------------

void target_impl::reload_after_exec() {
  pid_t leader = pid();
  // The old threads are gone and so is every byte we patched.
  for (pid_t tid : thread_ids()) {
    if (tid == leader) continue;
    sys::wait_thread(tid, false);
    thread_changes_.push_back({tid, false});
  }
  threads_.clear();
  threads_[leader] = thread_record{leader, false, false, false, {}};
  abandon_step();
  for (auto& [at, site] : sites_) site.forget();
  sites_.clear();
  retired_sites_.clear();
  entry_site_.reset();
  entry_function_ = nullptr;
  process_->reopen_memory();

  auto path = std::filesystem::read_symlink("/proc/" + std::to_string(leader) + "/exe");
  auto program = open_program(path);
  std::uint64_t bias = program_load_bias(*process_, *program);
  modules_.reset(leader, std::move(program), bias);
  spdlog::debug("pid {} exec'd {}; load bias {:#x}", leader, path.string(), bias);
  watch_dynamic_loader();
  resolve_again_after_exec();
}

// ---- the end -----------------------------------------------------------------

void target_impl::reap_remaining_threads() {
  for (pid_t tid : thread_ids())
    if (tid != pid()) sys::wait_thread(tid, false);
  threads_.clear();
}

void target_impl::kill() {
  if (ended_ || detached_) return;
  pinning_.release_all();
  pid_t leader = pid();
  // Threads whose clone we have not seen yet must be reaped too.
  std::set<pid_t> tids;
  for (pid_t tid : thread_ids()) tids.insert(tid);
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator("/proc/" + std::to_string(leader) + "/task", ec)) {
    tids.insert(std::stoi(entry.path().filename().string()));
  }
  ::kill(leader, SIGKILL);
  for (pid_t tid : tids) {
    if (tid == leader) continue;
    while (auto w = sys::wait_thread(tid, true)) {
      if (WIFEXITED(w->status) || WIFSIGNALED(w->status)) break;
    }
  }
  while (auto w = sys::wait_thread(leader, true)) {
    if (WIFEXITED(w->status) || WIFSIGNALED(w->status)) break;
  }
  ended_ = true;
  running_ = false;
  threads_.clear();
  for (auto& [at, site] : sites_) site.forget();
  deferred_.clear();
  step_.reset();
  process_->forget_memory();
  spdlog::debug("killed pid {}", leader);
}

void target_impl::detach() {
  if (ended_ || detached_) return;
  pinning_.release_all();
  if (running_) {
    stop_all_threads();
    running_ = false;
  }
  abandon_step();
  entry_site_.reset();
  clear_watchpoints();  // a hit after we left would kill the program with SIGTRAP
  for (auto& [at, site] : sites_) site.disable(*process_);
  sites_.clear();
  // A SIGSTOP of ours still pending would stop the program once we are gone.
  for (pid_t tid : thread_ids()) {
    thread_record* t = find_thread(tid);
    while (t && t->sigstop_expected) {
      if (!sys::cont(tid, 0)) break;
      auto w = sys::wait_thread(tid, true);
      if (!w || WIFEXITED(w->status) || WIFSIGNALED(w->status)) {
        threads_.erase(tid);
        t = nullptr;
        break;
      }
      int sig = WIFSTOPPED(w->status) ? WSTOPSIG(w->status) : 0;
      int event = w->status >> 16;
      if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK) release_fork_child(tid, event);
      if (sig == SIGSTOP && (w->status >> 16) == 0)
        t->sigstop_expected = false;
      else if (sig != SIGTRAP && (w->status >> 16) == 0)
        t->pending_signals.push_back(sig);
    }
  }
  for (auto& [tid, t] : threads_)
    sys::detach(tid, t.pending_signals.empty() ? 0 : t.pending_signals.front());
  threads_.clear();
  deferred_.clear();
  detached_ = true;
  process_->forget_memory();
  spdlog::debug("detached from pid {}", pid());
}

}  // namespace int3::engine
