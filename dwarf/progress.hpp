#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace int3::dwarf {

// Reading every unit of a big program takes seconds (a function name that
// only an inlined copy carries, the first lookup of a global by name); the
// adapter shows that as a progress bar. The reads say how far they are;
// whoever installed an observer hears it. Reads nested inside one long read
// report through the outer one only.
class progress_observer {
 public:
  virtual ~progress_observer() = default;
  virtual void begin(std::string_view title, std::size_t total) = 0;
  virtual void advance(std::size_t done) = 0;
  virtual void end() = 0;
};

// nullptr: nobody listens. The observer must outlive its installation.
void set_progress_observer(progress_observer* observer);

// One long read: begin on construction, end on destruction (also when the
// read throws).
class progress_scope {
 public:
  progress_scope(std::string_view title, std::size_t total);
  ~progress_scope();
  progress_scope(const progress_scope&) = delete;
  progress_scope& operator=(const progress_scope&) = delete;

  void advance(std::size_t done);

 private:
  bool reporting_ = false;  // the outermost scope with an observer
};

}  // namespace int3::dwarf
