#!/usr/bin/env bash
# Installs the Debian 12 packages and npm modules int3 builds and tests with.
# Idempotent and quick when everything is already there, so the test command
# can call it on every run (CI is a fresh machine).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ gcc clang cmake make pkg-config binutils procps
          libdwarf-dev libelf-dev zlib1g-dev nlohmann-json3-dev libspdlog-dev catch2
          libcapstone-dev
          libc++-dev libc++abi-dev  # clang -stdlib=libc++ fixtures for the libc++ formatters
          gdb  # writes core files for the core-file tests where the kernel's core_pattern pipes them
          libclang-rt-14-dev)  # libFuzzer and the sanitizer runtimes for clang (scripts/fuzz.sh)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "int3: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The VS Code extension's build and tests (package-lock.json pins versions).
if [[ -f vscode-extension/package-lock.json && ! -d vscode-extension/node_modules ]]; then
  echo "int3: installing the VS Code extension's npm modules"
  (cd vscode-extension && npm ci --no-audit --no-fund --loglevel=error)
fi
