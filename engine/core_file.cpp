#include "engine/core_file.hpp"

#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include <spdlog/spdlog.h>

#include "engine/core_notes.hpp"
#include "engine/error.hpp"

namespace int3::engine {

struct core_file::mapped {
  const std::byte* data = nullptr;
  std::size_t size = 0;

  mapped() = default;
  mapped(const mapped&) = delete;
  mapped& operator=(const mapped&) = delete;
  ~mapped() {
    if (data) ::munmap(const_cast<std::byte*>(data), size);
  }

  // nullptr when the file cannot be opened or mapped; errno says why.
  static std::unique_ptr<mapped> open(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    auto file = std::make_unique<mapped>();
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      ::close(fd);
      errno = EINVAL;
      return nullptr;
    }
    file->size = static_cast<std::size_t>(st.st_size);
    if (file->size > 0) {
      void* at = ::mmap(nullptr, file->size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (at == MAP_FAILED) {
        int saved = errno;
        ::close(fd);
        errno = saved;
        return nullptr;
      }
      file->data = static_cast<const std::byte*>(at);
    }
    ::close(fd);
    return file;
  }
  std::span<const std::byte> bytes() const { return {data, size}; }
};

namespace {

// Notes named NT_FILE and NT_SIGINFO in newer <elf.h>; spelled out for older ones.
constexpr std::uint32_t note_file = 0x46494c45;
constexpr std::uint32_t note_siginfo = 0x53494749;

template <class T>
std::optional<T> read_at(std::span<const std::byte> bytes, std::size_t offset) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

std::size_t align4(std::size_t n) {
  return (n + 3) & ~std::size_t(3);
}

// NT_FILE: count, page size, count × {start, end, page offset}, then the names.
std::vector<core_mapping> decode_file_note(std::span<const std::byte> desc) {
  std::vector<core_mapping> out;
  auto count = read_at<std::uint64_t>(desc, 0);
  auto page_size = read_at<std::uint64_t>(desc, 8);
  if (!count || !page_size || *count > desc.size() / 24) return out;
  std::size_t names = 16 + *count * 24;
  for (std::uint64_t i = 0; i < *count && names < desc.size(); ++i) {
    core_mapping m;
    m.start = *read_at<std::uint64_t>(desc, 16 + i * 24);
    m.end = *read_at<std::uint64_t>(desc, 24 + i * 24);
    m.file_offset = *read_at<std::uint64_t>(desc, 32 + i * 24) * *page_size;
    const char* name = reinterpret_cast<const char*>(desc.data() + names);
    std::size_t length = strnlen(name, desc.size() - names);
    m.path = std::string(name, length);
    names += length + 1;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

core_file::~core_file() = default;

std::unique_ptr<core_file> core_file::open(const std::filesystem::path& path) {
  std::unique_ptr<core_file> core(new core_file());
  core->path_ = path;
  core->image_ = mapped::open(path);
  if (!core->image_) error::send_errno("cannot open the core file " + path.string());
  auto image = core->image_->bytes();
  auto header = read_at<Elf64_Ehdr>(image, 0);
  if (!header || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0)
    error::send(path.string() + " is not an ELF file, so not a core file");
  if (header->e_ident[EI_CLASS] != ELFCLASS64)
    error::send(path.string() + " is a 32-bit ELF file; int3 reads 64-bit core files only");
  if (header->e_type != ET_CORE)
    error::send(path.string() + " is an ELF file but not a core file (it is a program or library)");
  core->machine_ = header->e_machine;

  for (std::uint16_t i = 0; i < header->e_phnum; ++i) {
    auto ph = read_at<Elf64_Phdr>(image, header->e_phoff + std::size_t(i) * header->e_phentsize);
    if (!ph) error::send(path.string() + " is truncated (its program headers are cut off)");
    if (ph->p_type == PT_LOAD) {
      core->segments_.push_back({ph->p_vaddr, ph->p_memsz, ph->p_filesz, ph->p_offset});
    } else if (ph->p_type == PT_NOTE) {
      if (ph->p_offset > image.size() || image.size() - ph->p_offset < ph->p_filesz)
        error::send(path.string() + " is truncated (its notes are cut off)");
      core->read_notes(image.subspan(ph->p_offset, ph->p_filesz));
    }
  }
  std::sort(core->segments_.begin(), core->segments_.end(),
            [](const segment& a, const segment& b) { return a.vaddr < b.vaddr; });
  if (core->threads_.empty()) error::send(path.string() + " holds no thread (no NT_PRSTATUS note)");
  if (core->pid_ == 0) core->pid_ = core->threads_.front().tid;
  return core;
}

void core_file::read_notes(std::span<const std::byte> notes) {
  std::size_t at = 0;
  while (auto header = read_at<Elf64_Nhdr>(notes, at)) {
    std::size_t desc_at = at + sizeof(Elf64_Nhdr) + align4(header->n_namesz);
    if (desc_at > notes.size() || notes.size() - desc_at < header->n_descsz) break;
    auto desc = notes.subspan(desc_at, header->n_descsz);
    at = desc_at + align4(header->n_descsz);

    switch (header->n_type) {
      case NT_PRSTATUS:
        if (auto status = decode_prstatus(desc)) {
          core_thread t;
          t.tid = status->tid;
          t.signal = status->signal;
          t.registers = std::move(status->registers);
          threads_.push_back(std::move(t));
        }
        break;
      case NT_PRPSINFO:
        if (auto info = decode_prpsinfo(desc)) {
          pid_ = info->pid;
          command_ = info->command;
          arguments_ = info->arguments;
        }
        break;
      case note_siginfo:
        if (auto info = read_at<siginfo_t>(desc, 0)) {
          core_signal signal{info->si_signo, info->si_code,
                             reinterpret_cast<std::uint64_t>(info->si_addr)};
          // The kernel writes one, after the first thread's NT_PRSTATUS;
          // gdb one per thread, after its registers.
          if (threads_.empty()) {
            signal_ = signal;
          } else {
            threads_.back().signal_info = signal;
          }
        }
        break;
      case NT_AUXV:
        for (std::size_t i = 0; i + 16 <= desc.size(); i += 16)
          auxv_.emplace_back(*read_at<std::uint64_t>(desc, i),
                             *read_at<std::uint64_t>(desc, i + 8));
        break;
      case note_file:
        mappings_ = decode_file_note(desc);
        break;
      default:
        // The other register sets follow their thread's NT_PRSTATUS.
        if (!threads_.empty())
          threads_.back().register_notes[header->n_type].assign(desc.begin(), desc.end());
        break;
    }
  }
}

std::optional<core_signal> core_file::signal() const {
  if (!threads_.empty() && threads_.front().signal_info) return threads_.front().signal_info;
  return signal_;
}

std::optional<std::uint64_t> core_file::auxv_entry(std::uint64_t type) const {
  for (auto [key, value] : auxv_)
    if (key == type) return value;
  return std::nullopt;
}

std::span<const std::byte> core_file::file_bytes(const std::filesystem::path& file) const {
  auto [it, inserted] = files_.try_emplace(file);
  if (inserted) {
    it->second = mapped::open(file);
    if (!it->second)
      spdlog::warn("cannot read {} for the core file's memory: {}", file.string(),
                   std::strerror(errno));
  }
  return it->second ? it->second->bytes() : std::span<const std::byte>{};
}

std::size_t core_file::read_piece(std::uint64_t address, std::span<std::byte> out) const {
  // The first segment that ends after address: it holds it, or comes next.
  auto seg =
      std::upper_bound(segments_.begin(), segments_.end(), address,
                       [](std::uint64_t a, const segment& s) { return a < s.vaddr + s.memsz; });
  std::uint64_t limit = out.size();
  if (seg != segments_.end() && seg->vaddr <= address) {
    std::uint64_t into = address - seg->vaddr;
    if (into < seg->filesz) {
      auto image = image_->bytes();
      if (seg->offset + into >= image.size()) return 0;  // a truncated core
      std::size_t n = static_cast<std::size_t>(
          std::min({limit, seg->filesz - into, image.size() - (seg->offset + into)}));
      std::memcpy(out.data(), image.data() + seg->offset + into, n);
      return n;
    }
    limit = std::min(limit, seg->memsz - into);
  } else if (seg != segments_.end()) {
    limit = std::min(limit, seg->vaddr - address);
  }
  // Not saved in the core: file-backed pages nobody wrote (code, read-only
  // data) are still in the file.
  for (const auto& m : mappings_) {
    if (address < m.start || address >= m.end) continue;
    auto bytes = file_bytes(m.path);
    std::uint64_t offset = m.file_offset + (address - m.start);
    if (offset >= bytes.size()) return 0;
    std::size_t n =
        static_cast<std::size_t>(std::min({limit, m.end - address, bytes.size() - offset}));
    std::memcpy(out.data(), bytes.data() + offset, n);
    return n;
  }
  return 0;
}

std::size_t core_file::read(std::uint64_t address, std::span<std::byte> out) const {
  std::size_t done = 0;
  while (done < out.size()) {
    std::size_t n = read_piece(address + done, out.subspan(done));
    if (n == 0) break;
    done += n;
  }
  return done;
}

}  // namespace int3::engine
