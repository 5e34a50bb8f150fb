#!/usr/bin/env bash
# Dependencies point one way: adapter -> engine -> dwarf. This checks the
# include lines so a layering slip fails the build's tests, not a review.
set -u
root=${1:-.}
cd "$root" || exit 2
fail=0
check() {  # check <what> <dir> <pattern>
  local hits
  hits=$(grep -rnE "$3" "$2" --include='*.hpp' --include='*.cpp' --include='*.inc' 2>/dev/null)
  if [ -n "$hits" ]; then echo "layering: $1:"; echo "$hits"; fail=1; fi
}
check "dwarf/ must not include engine/ or adapter/" dwarf '#include *"(engine|adapter)/'
check "dwarf/ must not know ptrace" dwarf '#include *<sys/(ptrace|wait)\.h>'
check "engine/ must not include adapter/" engine '#include *"adapter/'
check "only adapter/ speaks JSON" dwarf '#include *<nlohmann/'
check "only adapter/ speaks JSON" engine '#include *<nlohmann/'
check "libdwarf stays inside dwarf/*.cpp" adapter '#include *<libdwarf/'
check "libdwarf stays inside dwarf/*.cpp" engine '#include *<libdwarf/'
hdr=$(grep -lE '#include *<libdwarf/' dwarf/*.hpp 2>/dev/null)
if [ -n "$hdr" ]; then echo "layering: libdwarf included from a header: $hdr"; fail=1; fi
arch=$(grep -rlE '\b(user_regs_struct|rip|rsp|rbp)\b' engine adapter dwarf --include='*.cpp' --include='*.hpp' 2>/dev/null | grep -v '^engine/arch/')
if [ -n "$arch" ]; then echo "layering: x86-64 register names outside engine/arch/: $arch"; fail=1; fi
if [ $fail -eq 0 ]; then echo "layering: ok"; fi
exit $fail
