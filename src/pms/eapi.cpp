// EAPI names: only the official "0".."9" are known.
#include "pkgscan/eapi.hpp"

namespace pkgscan {

std::optional<Eapi> Eapi::parse(std::string_view name) {
  if (name.empty()) return Eapi(0);  // an absent or empty EAPI means 0 (PMS)
  if (name.size() == 1 && name[0] >= '0' && name[0] <= '9') return Eapi(name[0] - '0');
  return std::nullopt;
}

Eapi Eapi::latest() { return Eapi(9); }

Eapi Eapi::of(int n) { return Eapi(n < 0 ? 0 : n > 9 ? 9 : n); }

}  // namespace pkgscan
