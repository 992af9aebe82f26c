#pragma once
// pkgscan inspect --deps-graph: one ebuild's resolved build graph.
#include "pkgscan/index.hpp"

namespace pkgscan::cli {

// Prints the build graph reachable from `e` (every Python variant), each
// variant with its resolved build and runtime dependencies, and the bootstrap
// cycles through it, as text or as one JSON object (one line).
void print_deps_graph(const RepoIndex& index, const Ebuild& e, bool json);

}  // namespace pkgscan::cli
