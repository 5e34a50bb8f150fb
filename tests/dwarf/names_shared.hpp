// Names spread over three units (names_a.cpp, names_b.cpp, names_c.cpp) for
// tests/dwarf/test_name_mentions.cpp: which units can carry a name.
#pragma once

namespace geo {

struct point {
  int x = 0, y = 0;
  bool operator==(const point& o) const { return x == o.x && y == o.y; }
};

template <typename T>
inline T twice(T v) {
  return v + v;
}

inline int sq(int v) {
  return v * v;
}

extern int counter;

}  // namespace geo

int scale(int v);
int lonely(int v);
