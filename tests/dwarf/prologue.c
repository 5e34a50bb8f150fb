/* Functions whose opening line has code both in and after the prologue;
   built with -fstack-protector-all so gcc repeats the line after it. */
#include <string.h>

int fill(const char* s) { /* BREAK: fill open */
  char buf[64];
  strcpy(buf, s);
  return (int)strlen(buf);
}

int count(int n) { int s = 0; for (int i = 0; i < n; i++) /* BREAK: count open */
    s += i;
  return s;
}

int main(int argc, char** argv) {
  return fill(argc > 1 ? argv[1] : "abc") + count(argc);
}
