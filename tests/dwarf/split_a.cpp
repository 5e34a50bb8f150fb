#include "split_widget.hpp"

widget::~widget() {}

int main() {
  widget w;
  return measure(&w) == 7 ? 0 : 1;
}
