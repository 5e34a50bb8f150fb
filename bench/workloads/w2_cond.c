/* W2: a conditional breakpoint on a line of a hot loop whose condition is
   never true; the bench measures how many hits per second the debugger can
   evaluate and resume. argv[1] = iterations. */
#include <stdio.h>
#include <stdlib.h>

static volatile long sink;

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 100000;
  long total = 0;
  sink = 0; /* BREAK: w2_start */
  for (long i = 0; i < n; i++) {
    total += i; /* BREAK: w2_cond */
  }
  sink = total; /* BREAK: w2_end */
  printf("w2 done %ld\n", total);
  return 0;
}
