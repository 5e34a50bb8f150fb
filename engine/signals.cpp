#include "engine/signals.hpp"

#include <signal.h>

#include <cstring>

namespace int3::engine {

std::string signal_name(int signal) {
  if (const char* abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  if (signal >= SIGRTMIN && signal <= SIGRTMAX) return "SIGRT" + std::to_string(signal - SIGRTMIN);
  return "signal " + std::to_string(signal);
}

std::string signal_description(int signal) {
  if (const char* text = sigdescr_np(signal)) return text;
  return "signal " + std::to_string(signal);
}

bool is_fault_signal(int signal) {
  switch (signal) {
    case SIGSEGV:
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
    case SIGABRT:
    case SIGTRAP:
      return true;
    default:
      return false;
  }
}

bool has_fault_address(int signal) {
  return signal == SIGSEGV || signal == SIGBUS;
}

}  // namespace int3::engine
