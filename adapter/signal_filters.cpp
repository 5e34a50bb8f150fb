#include "adapter/signal_filters.hpp"

#include <signal.h>

#include <set>

#include "adapter/errors.hpp"

namespace int3::dap {
namespace {

struct signal_filter {
  const char* id;
  const char* label;
  const char* description;
  bool on_by_default;
  std::vector<int> signals;  // empty: every signal no other filter names
};

const std::vector<signal_filter>& filters() {
  static const std::vector<signal_filter> table = {
      {"faults",
       "Faults (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP)",
       "Stop when the program faults or aborts, before it dies of it",
       true,
       {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP}},
      {"SIGINT", "SIGINT", "Stop when the program receives SIGINT (Ctrl-C)", false, {SIGINT}},
      {"SIGUSR1", "SIGUSR1", "Stop when the program receives SIGUSR1", false, {SIGUSR1}},
      {"SIGPIPE", "SIGPIPE", "Stop when the program writes to a closed pipe", false, {SIGPIPE}},
      {"other",
       "All other signals",
       "Stop for every other signal (SIGCHLD, SIGWINCH and SIGSTOP excepted)",
       false,
       {}},
  };
  return table;
}

}  // namespace

std::vector<nlohmann::json> signal_filter_descriptions() {
  std::vector<nlohmann::json> out;
  for (const auto& f : filters()) {
    out.push_back({{"filter", f.id},
                   {"label", f.label},
                   {"description", f.description},
                   {"default", f.on_by_default}});
  }
  return out;
}

std::vector<int> signals_for_filters(const std::vector<std::string>& chosen) {
  std::set<int> named, out;
  for (const auto& f : filters()) named.insert(f.signals.begin(), f.signals.end());
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const signal_filter* match = nullptr;
    for (const auto& f : filters())
      if (chosen[i] == f.id) match = &f;
    if (!match) {
      throw protocol_error("filters[" + std::to_string(i) + "]",
                           "unknown filter '" + chosen[i] + "'");
    }
    if (!match->signals.empty()) {
      out.insert(match->signals.begin(), match->signals.end());
      continue;
    }
    // Signals a program meets in normal work would stop it constantly.
    for (int sig = 1; sig < NSIG; ++sig) {
      if (named.contains(sig) || sig == SIGCHLD || sig == SIGWINCH || sig == SIGSTOP ||
          sig == SIGKILL || sig == SIGCONT)
        continue;
      out.insert(sig);
    }
  }
  return {out.begin(), out.end()};
}

}  // namespace int3::dap
