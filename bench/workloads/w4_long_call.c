/* W4: `next` over a call whose loop is 8 instructions per iteration with
   gcc -O0 (argv[1] iterations; 12.5M gives ~100M instructions), made
   argv[2] times so one run gives several samples. The program prints each
   call's own duration so the bench can take the native time from a run
   without a debugger. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long spin(long n) {
  long acc = 1;
  for (long i = 0; i < n; i++) {
    acc += i ^ (acc >> 3);
  }
  return acc;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char** argv) {
  long n = argc > 1 ? atol(argv[1]) : 12500000;
  int calls = argc > 2 ? atoi(argv[2]) : 1;
  long r = 0;
  for (int k = 0; k < calls; k++) {
    double t0 = now_ns();
    r += spin(n);         /* BREAK: w4_call */
    double t1 = now_ns(); /* BREAK: w4_after */
    fprintf(stderr, "W4_NATIVE_NS=%.0f\n", t1 - t0);
  }
  printf("w4 done %ld\n", r);
  return 0;
}
