// Replays fuzz inputs through a fuzz target without libFuzzer, so every
// build (gcc too) runs the committed seed corpus and every input that once
// crashed or hung as an ordinary ctest. Arguments: files or directories.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int replay(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << file << "\n";
    return 1;
  }
  std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // Printed first so a crash names the input that caused it.
  std::cerr << "replaying " << file.string() << " (" << bytes.size() << " bytes)\n";
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int failures = 0;
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg(argv[i]);
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
        failures += replay(entry.path());
        ++count;
      }
    } else {
      failures += replay(arg);
      ++count;
    }
  }
  std::cerr << "replayed " << count << " inputs\n";
  return failures == 0 && count > 0 ? 0 : 1;
}
