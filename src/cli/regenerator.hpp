#pragma once
// The Regenerator the command line gives to scans: the bash worker pool of
// src/regen/ behind the scan's interface.
#include <memory>
#include <string>

#include "pkgscan/scan.hpp"

namespace pkgscan::cli {

std::unique_ptr<Regenerator> make_bash_regenerator(const RepoSet& repos, const RegenSettings& settings, std::string* err);

}  // namespace pkgscan::cli
