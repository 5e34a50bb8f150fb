/* The program int3-demo debugs: a function that computes in a loop. */
#include <stdio.h>

__attribute__((noinline)) static int compute(int n) {
  int sum = 0;
  for (int i = 1; i <= n; i++) {
    sum += i * i; /* BREAK: demo */
  }
  return sum;
}

int main(void) {
  int result = compute(3);
  printf("compute(3) = %d\n", result);
  return 0;
}
