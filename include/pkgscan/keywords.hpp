#pragma once
// Every keyword of every registered check, sorted by name (SARIF rules, show keywords, replay).
#include <span>

#include "pkgscan/result.hpp"

namespace pkgscan {

std::span<const Keyword> all_keywords();

}  // namespace pkgscan
