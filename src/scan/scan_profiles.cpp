// ScanContext::profiles and ::reports: the lazily built profile set and the
// selected keywords.
#include <algorithm>

#include "pkgscan/check.hpp"
#include "pkgscan/profiles.hpp"

namespace pkgscan {

LazyProfiles::LazyProfiles() = default;
LazyProfiles::~LazyProfiles() = default;

const ProfileSet& ScanContext::profiles() const {
  tbb::collaborative_call_once(lazy_profiles->once, [&] { lazy_profiles->set = ProfileSet::load(repos); });
  return *lazy_profiles->set;
}

bool ScanContext::reports(std::string_view keyword) const {
  return std::binary_search(keywords.begin(), keywords.end(), keyword);
}

}  // namespace pkgscan
