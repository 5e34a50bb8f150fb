#!/usr/bin/env bash
# Regenerates the ELF/DWARF seed corpus from tiny.c: small static binaries
# without libc, in the variants the readers distinguish. The outputs are
# committed; rerun only to change the seeds.
set -euo pipefail
cd "$(dirname "$0")"
out=../corpus/fuzz_elf_dwarf
mkdir -p "$out"
common=(-nostdlib -static -fno-pie -Wl,--build-id=none -Wl,-N -Wl,-z,norelro
        -Wl,--no-warn-rwx-segments)
build() {
  local name=$1 cc=$2
  shift 2
  "$cc" "${common[@]}" "$@" -o "$out/$name" tiny.c
  objcopy --remove-section .comment "$out/$name"
}
build gcc_O0_d5 gcc -g -O0 -gdwarf-5
build gcc_O2_d4 gcc -g -O2 -gdwarf-4
build clang_O0_d5 clang -g -O0 -gdwarf-5
build clang_O2_d4 clang -g -O2 -gdwarf-4
build gcc_gz gcc -g -O0 -gz
build gcc_debug_frame gcc -g -O0 -fno-asynchronous-unwind-tables
build gcc_nodebug gcc -O0
cp "$out/gcc_O0_d5" "$out/gcc_no_debug_line"
objcopy --remove-section .debug_line "$out/gcc_no_debug_line"
head -c 200 "$out/gcc_O0_d5" > "$out/truncated_header"
ls -l "$out"
