#pragma once
// What this thread's reads of the current package's files saw of them (the
// executable bit), for ScanContext::executable. All checks of one package run
// one after another on one thread (pipeline.cpp), so a per-thread note keyed
// by scan and package is enough; the next package replaces it.
#include <cstdint>
#include <optional>
#include <string_view>

#include "pkgscan/index.hpp"

namespace pkgscan::package_file_reads {

// The file `name` of `pkg` was read in scan `scan_id`; `executable` is what
// the read saw.
void note(std::uint64_t scan_id, const Package& pkg, std::string_view name, bool executable);

// What a noted read saw, or nullopt when this thread has not read the file
// during this scan and package.
std::optional<bool> noted(std::uint64_t scan_id, const Package& pkg, std::string_view name);

}  // namespace pkgscan::package_file_reads
