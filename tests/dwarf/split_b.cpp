#include "split_widget.hpp"

int measure(widget* w) {
  return w->size;  // BREAK: measure
}
