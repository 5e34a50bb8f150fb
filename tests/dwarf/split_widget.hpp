// A class whose key function (the first non-inline virtual) is defined in
// split_a.cpp: clang then describes it only there, and split_b.cpp's DWARF
// holds a declaration (the -fno-standalone-debug default).
#pragma once

struct widget {
  virtual ~widget();
  int size = 7;
};

int measure(widget* w);
