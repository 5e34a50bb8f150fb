#include "dwarf/progress.hpp"

namespace int3::dwarf {
namespace {

// One adapter thread reads DWARF; a process has one observer.
progress_observer* observer_ = nullptr;
int depth_ = 0;

}  // namespace

void set_progress_observer(progress_observer* observer) {
  observer_ = observer;
}

progress_scope::progress_scope(std::string_view title, std::size_t total) {
  if (depth_++ == 0 && observer_) {
    reporting_ = true;
    observer_->begin(title, total);
  }
}

progress_scope::~progress_scope() {
  --depth_;
  if (reporting_ && observer_) observer_->end();
}

void progress_scope::advance(std::size_t done) {
  if (reporting_ && observer_) observer_->advance(done);
}

}  // namespace int3::dwarf
