#pragma once
// Parse errors: every parser returns a value or fills one of these; nothing throws
// across module boundaries.
#include <cstddef>
#include <string>

namespace pkgscan {

struct ParseError {
  std::string message;  // human readable, names the offending part, e.g. "invalid slot ':+bar'"
  std::size_t pos = 0;  // byte offset of the problem in the parsed input
};

}  // namespace pkgscan
