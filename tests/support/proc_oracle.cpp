#include "tests/support/proc_oracle.hpp"

#include <arpa/inet.h>
#include <signal.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace int3::test {

namespace {

// The fields after "(comm)": comm may contain spaces and parentheses, so
// split after the last ')'.
std::optional<std::vector<std::string>> stat_fields(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!in || !std::getline(in, text)) return std::nullopt;
  auto close = text.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(text.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string f; rest >> f;) fields.push_back(f);
  return fields;  // fields[0] is field 3 (state)
}

std::string hex_to_ipv4(const std::string& hex) {
  in_addr addr{};
  addr.s_addr = static_cast<std::uint32_t>(std::stoul(hex, nullptr, 16));
  char text[INET_ADDRSTRLEN] = {};
  inet_ntop(AF_INET, &addr, text, sizeof text);
  return text;
}

std::string hex_to_ipv6(const std::string& hex) {
  in6_addr addr{};
  // /proc prints the address as four host-order 32-bit words.
  for (int word = 0; word < 4; ++word) {
    std::uint32_t v = static_cast<std::uint32_t>(std::stoul(hex.substr(word * 8, 8), nullptr, 16));
    std::memcpy(&addr.s6_addr[word * 4], &v, 4);
  }
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(AF_INET6, &addr, text, sizeof text);
  return text;
}

void read_listeners(const std::string& file, bool ipv6, std::uint16_t port,
                    std::vector<tcp_listener>& out) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // column titles
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    if (state != "0A") continue;  // TCP_LISTEN
    auto colon = local.find(':');
    if (colon == std::string::npos) continue;
    auto p = static_cast<std::uint16_t>(std::stoul(local.substr(colon + 1), nullptr, 16));
    if (p != port) continue;
    std::string addr = local.substr(0, colon);
    out.push_back({ipv6 ? hex_to_ipv6(addr) : hex_to_ipv4(addr), p, ipv6});
  }
}

}  // namespace

std::optional<char> process_state(pid_t pid) {
  auto fields = stat_fields(pid);
  if (!fields || fields->empty() || (*fields)[0].empty()) return std::nullopt;
  return (*fields)[0][0];
}

bool process_alive(pid_t pid) {
  if (pid <= 0) return false;
  if (::kill(pid, 0) != 0 && errno != EPERM) return false;
  auto state = process_state(pid);
  return state && *state != 'Z' && *state != 'X';
}

bool wait_until_gone(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (process_alive(pid)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::optional<std::uint64_t> process_start_time(pid_t pid) {
  auto fields = stat_fields(pid);
  if (!fields || fields->size() < 20) return std::nullopt;
  return std::stoull((*fields)[19]);  // field 22
}

std::optional<pid_t> tracer_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  if (!in) return std::nullopt;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("TracerPid:", 0) == 0) return static_cast<pid_t>(std::stol(line.substr(10)));
  return std::nullopt;
}

std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    auto fields = stat_fields(pid);  // the process may be gone by now
    if (fields && fields->size() > 1 && std::stol((*fields)[1]) == parent) children.push_back(pid);
  }
  return children;
}

process_guard::process_guard(pid_t pid) : pid_(pid) {
  start_time_ = process_start_time(pid).value_or(0);
}

process_guard::process_guard(process_guard&& other) noexcept
    : pid_(other.pid_), start_time_(other.start_time_) {
  other.pid_ = 0;
}

process_guard& process_guard::operator=(process_guard&& other) noexcept {
  if (this != &other) {
    kill_if_alive();
    pid_ = other.pid_;
    start_time_ = other.start_time_;
    other.pid_ = 0;
  }
  return *this;
}

process_guard::~process_guard() {
  kill_if_alive();
}

bool process_guard::kill_if_alive() {
  if (pid_ <= 0 || !process_alive(pid_)) return false;
  if (process_start_time(pid_).value_or(0) != start_time_) return false;  // pid reused
  ::kill(pid_, SIGKILL);
  // Not our child: init reaps it; wait so the next test sees a clean table.
  wait_until_gone(pid_, std::chrono::seconds(5));
  return true;
}

std::vector<tcp_listener> tcp_listeners(std::uint16_t port) {
  std::vector<tcp_listener> out;
  read_listeners("/proc/net/tcp", false, port, out);
  read_listeners("/proc/net/tcp6", true, port, out);
  return out;
}

}  // namespace int3::test
