#include "names_shared.hpp"

namespace geo {
int counter = 1;
}

int f = 3;  // short: gcc writes it inline (DW_FORM_string)

int main() {
  geo::point p, q;
  volatile int n = 4;
  int total = geo::twice(n) + geo::sq(n) + scale(n) + lonely(n) + f;
  return (p == q && total > 0) ? 0 : 1;
}
