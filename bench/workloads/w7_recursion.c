/* W7: recursion argv[1] deep (1000 by default) with a few locals per frame;
   the breakpoint is at the bottom, where the bench asks for every frame. */
#include <stdio.h>
#include <stdlib.h>

static volatile long sink;

static long descend(int depth, long seed) {
  long square = seed * seed;
  int half = depth / 2;
  double ratio = (double)depth / 3.0;
  if (depth == 0) {
    sink = square + half + (long)ratio; /* BREAK: w7_bottom */
    return seed;
  }
  return descend(depth - 1, seed + 1) + square + half + (long)ratio;
}

int main(int argc, char** argv) {
  int depth = argc > 1 ? atoi(argv[1]) : 1000;
  printf("w7 done %ld\n", descend(depth, 1));
  return 0;
}
