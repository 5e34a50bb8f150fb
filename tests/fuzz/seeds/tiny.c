/* Source of the ELF seed corpus (make_elf_seeds.sh): every DWARF kind the
   readers handle, in as few bytes as possible. */
struct point {
  int x, y;
};
typedef struct point point_t;
int counter;
static const char* names[] = {"a", "b"};

static int square(int v) {
  point_t p = {v, v};
  int r = p.x * p.y;
  return r + (names[0][0] == 'a');
}

void _start(void) {
  for (int i = 0; i < 3; ++i) counter += square(i);
  __asm__ volatile("mov $60, %eax\n xor %edi, %edi\n syscall");
}
