// TEMPORARY until src/regen lands on this branch: no regeneration.
#include "regenerator.hpp"

namespace pkgscan::cli {

std::unique_ptr<Regenerator> make_bash_regenerator(const RepoSet&, const RegenSettings&, std::string*) { return nullptr; }

}  // namespace pkgscan::cli
