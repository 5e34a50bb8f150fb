#include "names_shared.hpp"

struct lone_t {
  long weight;
};
lone_t lone{7};

__attribute__((noinline)) int lonely(int v) {
  return static_cast<int>(lone.weight) * v;
}
