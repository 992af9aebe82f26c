#pragma once
// metadata.xml <remote-id>: what a value of each type must look like, and
// which remote-ids an ebuild's URLs suggest (pkgcheck's InvalidRemoteID and
// MissingRemoteId rules, reference/profiles-and-checks.md §3.4).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pkgscan::remote_id {

// The expected shape ("{username}/{project}", ...) when `value` does not fit
// its type; nullopt when it fits or the type has no rule.
std::optional<std::string_view> invalid(std::string_view type, std::string_view value);

// The rules that recognise a remote-id in a URL, in pkgcheck's order (a type
// may have several). Each returns the remote-id value or nullopt.
struct Rule {
  std::string_view type;
  std::optional<std::string> (*match)(std::string_view url);
};
const std::vector<Rule>& inference_rules();

// Some rule recognises a remote-id in `url`.
bool recognised(std::string_view url);

// The URLs of the unconditional, top-level SRC_URI entries, `mirror://name/`
// expanded through `mirrors` (unknown mirrors dropped), that some rule
// recognises. Patches, diffs and vendored dependency tarballs (-crates.tar,
// -deps.tar, -vendor.tar) are left out: they often live in someone else's
// space. Other URLs are dropped without a copy (a cargo ebuild has thousands).
std::vector<std::string> src_uri_urls(std::string_view src_uri,
                                      const std::map<std::string, std::vector<std::string>>& mirrors);

}  // namespace pkgscan::remote_id
