/* W5: `next` over simple lines. The loop body is ten one-statement lines
   without calls, so each `next` moves exactly one line; argv[1] is the
   number of loop iterations (the bench passes enough for its step count). */
#include <stdio.h>
#include <stdlib.h>

static volatile long sink;

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 200;
  long a = 1, b = 2, c = 3, d = 4, e = 5;
  sink = 0; /* BREAK: w5_start */
  for (long i = 0; i < n; i++) {
    a = a + i;
    b = b ^ a;
    c = c + (b & 7);
    d = d - c;
    e = e + d;
    a = a ^ e;
    b = b + 3;
    c = c ^ (a >> 2);
    d = d + 1;
    e = e ^ b;
  }
  sink = a + b + c + d + e;
  printf("w5 done %ld\n", (long)sink);
  return 0;
}
