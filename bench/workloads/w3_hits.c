/* W3: an unconditional breakpoint hit argv[1] times; the bench measures
   one stopped -> continue -> stopped round trip. */
#include <stdio.h>
#include <stdlib.h>

static volatile long sink;

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 2000;
  long total = 0;
  for (long i = 0; i < n; i++) {
    total += i; /* BREAK: w3_hit */
  }
  sink = total; /* BREAK: w3_end */
  printf("w3 done %ld\n", total);
  return 0;
}
