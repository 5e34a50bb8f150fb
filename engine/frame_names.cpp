#include "engine/frame_names.hpp"

#include "engine/modules.hpp"

namespace int3::engine {
namespace {

// Bounds the memory a program that wanders through much code can cost;
// starting over is only a lookup per frame.
constexpr std::size_t max_entries = 20'000;

}  // namespace

const frame_names::entry& frame_names::lookup(const unwinder& u, const unwound_frame& f) {
  const module* m = f.owner;
  std::pair key{m, f.lookup_pc().value};
  auto it = entries_.find(key);
  if (it != entries_.end() && m &&
      (it->second.load_bias != m->load_bias() || it->second.module_path != m->path())) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it != entries_.end()) return it->second;
  if (entries_.size() >= max_entries) entries_.clear();
  entry e;
  if (m) {
    e.module_path = m->path();
    e.load_bias = m->load_bias();
  }
  e.frames = u.describe({f});
  return entries_.emplace(key, std::move(e)).first->second;
}

std::vector<stack_frame> frame_names::describe(const unwinder& u, const unwound_frame& f,
                                               std::size_t first_index) {
  std::vector<stack_frame> out = lookup(u, f).frames;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].index = first_index + i;
    out[i].pc = f.lookup_pc();
    out[i].cfa = f.cfa;
  }
  return out;
}

std::size_t frame_names::count(const unwinder& u, const unwound_frame& f) {
  return lookup(u, f).frames.size();
}

}  // namespace int3::engine
