#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "engine/core_file.hpp"
#include "engine/modules.hpp"
#include "engine/registers.hpp"
#include "engine/stack.hpp"
#include "engine/target.hpp"

namespace int3::engine {

// A program that crashed, seen through its core file: always stopped where
// it died. Everything that reads works (threads, stack, variables, memory,
// code, registers); everything that runs or writes throws engine::error
// saying it is "not available in a core file".
class core_target final : public target {
 public:
  core_target(std::unique_ptr<core_file> core, std::unique_ptr<dwarf::elf_file> program,
              std::uint64_t load_bias, bool program_from_core);

  pid_t pid() const override { return core_->pid(); }
  bool has_debug_info() const override;
  bool is_running() const override { return false; }
  bool has_ended() const override { return ended_; }

  breakpoint_status create_line_breakpoint(const std::string& path, std::uint32_t line) override;
  breakpoint_status create_address_breakpoint(virt_addr address) override;
  breakpoint_status create_function_breakpoint(const std::string& name) override;
  void remove_breakpoint(int) override {}
  std::vector<virt_addr> breakpoint_sites() const override { return {}; }

  void resume() override { refuse("continuing"); }
  void run_to_entry() override { refuse("running"); }
  void step_over(pid_t) override { refuse("stepping"); }
  void step_in(pid_t) override { refuse("stepping"); }
  void step_out(pid_t) override { refuse("stepping"); }
  void step_instruction(pid_t) override { refuse("stepping"); }
  void pause() override { refuse("pausing"); }

  // The first call reports where the program died; later ones, nothing.
  std::optional<stop_event> poll_stop() override;
  stop_event wait_stop() override;

  void kill() override { ended_ = true; }
  void detach() override { ended_ = true; }

  std::vector<thread_info> threads() const override;
  std::vector<stack_frame> stack(pid_t tid, std::size_t max_frames) const override;
  std::vector<std::byte> read_memory(virt_addr address, std::size_t size) const override;
  frame_variables variables(pid_t tid, std::size_t frame_index) const override;
  void write_memory(virt_addr, std::span<const std::byte>) override { refuse("changing memory"); }
  code_address_info describe_code(virt_addr address) const override;
  std::vector<register_group> register_groups(pid_t tid) const override;
  void write_register(pid_t, const std::string&, std::span<const std::byte>) override {
    refuse("changing registers");
  }
  std::optional<core_origin> core() const override { return origin_; }

  // The crash as a stop: the signal, its thread (the first NT_PRSTATUS).
  stop_event crash() const;

 private:
  [[noreturn]] static void refuse(const char* what);
  breakpoint_status unavailable();
  const core_thread& thread(pid_t tid) const;
  read_word_fn word_reader() const;

  std::unique_ptr<core_file> core_;
  module_list modules_;
  core_origin origin_;
  int next_breakpoint_id_ = 1;
  bool crash_reported_ = false;
  bool ended_ = false;
};

}  // namespace int3::engine
