#include "names_shared.hpp"

namespace geo {
namespace detail {
int registry_size = 2;
}
}  // namespace geo

static double ratio = 1.5;

struct only_b {
  int v;
};
only_b b_value{5};

__attribute__((noinline)) int scale(int v) {
  return static_cast<int>(geo::twice(static_cast<double>(v)) * ratio) + geo::sq(v) +
         geo::detail::registry_size + b_value.v + geo::counter;
}
