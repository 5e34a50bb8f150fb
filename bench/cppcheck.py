"""The real C++ program of W1R/W6R: cppcheck 2.10, fetched from Debian's
archive, checked against Debian's SHA-256 and built by its own Makefile with
the machine's g++ -g -O0 into bench/out/cppcheck/ (never committed; make
rebuilds nothing once it is built)."""

import hashlib
import os
import subprocess
import sys
import tarfile
import urllib.request
from dataclasses import dataclass

URL = "http://deb.debian.org/debian/pool/main/c/cppcheck/cppcheck_2.10.orig.tar.gz"
# From Debian's cppcheck_2.10-2.dsc (Checksums-Sha256).
SHA256 = "785dcbf711048dfe43ae920b6eff2eeebb4a096e88188a40e173ca4c030f57c3"
TOP_DIR = "cppcheck-2.10"

# The stop: CppCheckExecutor::check constructing its CppCheck, after every
# static initialiser and before the command line is read. cppcheck's sources
# carry no markers, so the line is found by its text.
STOP_FILE = "cli/cppcheckexecutor.cpp"
STOP_TEXT = "CppCheck cppCheck(*this, true, executeCommand);"

# Plain -O0 debug build. The Makefile would add -D_GLIBCXX_DEBUG on Linux
# (a checked STL, other types than users debug); the empty value keeps it out.
MAKE_VARIABLES = ["CXX=g++", "CXXFLAGS=-g -O0", "CPPCHK_GLIBCXX_DEBUG="]


@dataclass(frozen=True)
class program:
    binary: str
    source: str  # absolute path of STOP_FILE
    line: int
    args: list


def _fetch(tarball, log):
    if not os.path.exists(tarball):
        print(f"# downloading {URL}", file=log, flush=True)
        partial = tarball + ".part"
        with urllib.request.urlopen(URL, timeout=120) as response, open(partial, "wb") as f:
            while chunk := response.read(1 << 20):
                f.write(chunk)
        os.replace(partial, tarball)
    digest = hashlib.sha256()
    with open(tarball, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != SHA256:
        raise RuntimeError(f"{tarball}: SHA-256 {digest.hexdigest()}, expected {SHA256} (delete it to fetch again)")


def _extract(tarball, out_dir):
    src_dir = os.path.join(out_dir, TOP_DIR)
    done = os.path.join(src_dir, ".bench-extracted")
    if not os.path.exists(done):
        with tarfile.open(tarball) as tar:
            members = [m for m in tar.getmembers() if m.name.split("/")[0] == TOP_DIR and ".." not in m.name]
            tar.extractall(out_dir, members=members)
        open(done, "w").close()
    return src_dir


def _stop_line(path):
    hits = [n for n, text in enumerate(open(path, encoding="utf-8"), 1) if STOP_TEXT in text]
    if len(hits) != 1:
        raise LookupError(f"{path}: {len(hits)} lines hold {STOP_TEXT!r}, expected exactly one")
    return hits[0]


def build(out_dir, log=sys.stderr):
    """Fetches, extracts and builds cppcheck once; returns the program to debug."""
    work = os.path.join(out_dir, "cppcheck")
    os.makedirs(work, exist_ok=True)
    tarball = os.path.join(work, os.path.basename(URL))
    _fetch(tarball, log)
    src_dir = _extract(tarball, work)
    result = subprocess.run(["make", "-s", "-C", src_dir, "-j2", "cppcheck", *MAKE_VARIABLES], stdout=log, stderr=log)
    if result.returncode != 0:
        raise RuntimeError(f"building cppcheck in {src_dir} failed")
    source = os.path.join(src_dir, STOP_FILE)
    # The arguments only make the run look real: the stop comes before cppcheck reads them.
    return program(
        binary=os.path.join(src_dir, "cppcheck"),
        source=source,
        line=_stop_line(source),
        args=["--quiet", os.path.join(src_dir, "cli", "main.cpp")],
    )


def translation_units(binary):
    """Compile units in the binary's DWARF (from `readelf --debug-dump=info`)."""
    out = subprocess.run(
        ["readelf", "--debug-dump=info", "--dwarf-depth=1", binary], check=True, capture_output=True, text=True
    ).stdout
    return out.count("DW_TAG_compile_unit")
