#pragma once

// The C++ exception a thread handles when it stands at the first instruction
// of one of the Itanium C++ ABI's runtime hooks (libstdc++ and libc++abi
// alike), read from the program's memory without running any of its code.

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace int3::engine {

class target;

enum class cxx_exception_hook {
  thrown,    // __cxa_throw(object, type_info*, destructor)
  rethrown,  // __cxa_rethrow(): `throw;` in a handler
  caught,    // __cxa_begin_catch(_Unwind_Exception*): a handler is entered
};

// The runtime function each hook is: "__cxa_throw".
std::string_view cxx_hook_symbol(cxx_exception_hook hook);

struct cxx_exception {
  std::string type;  // "std::runtime_error", "int"; "" when it cannot be told
  // What what() returns, for the logic_error and runtime_error families,
  // which keep it in the object; their derived types may override what(),
  // which only running code could call.
  std::optional<std::string> message;
};

// `tid` must stand at the first instruction of `hook`'s function. The
// rethrown hook has no argument that names the exception: its type stays
// "". Memory that cannot be read leaves the fields it would have filled
// empty; never throws for the program's own data.
cxx_exception read_cxx_exception(const target& t, pid_t tid, cxx_exception_hook hook);

}  // namespace int3::engine
