#pragma once
// Small helpers shared by the PMS parsers for building error values.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "pkgscan/error.hpp"

namespace pkgscan::pms {

// Fills *err (when given) and returns nullopt, so parsers can `return fail(...)`.
inline std::nullopt_t fail(ParseError* err, std::size_t pos, std::string msg) {
  if (err) {
    err->message = std::move(msg);
    err->pos = pos;
  }
  return std::nullopt;
}

inline std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out.append(s);
  out += '\'';
  return out;
}

inline std::string at(std::size_t pos) { return " at " + std::to_string(pos); }

}  // namespace pkgscan::pms
