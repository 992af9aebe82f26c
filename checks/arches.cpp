// Known and stable arches of a repository set (arches.hpp).
#include "arches.hpp"

#include <algorithm>

#include "pkgscan/profiles.hpp"

namespace pkgscan::arches {

ArchSet known(const RepoSet& repos) {
  ArchSet out;
  for (const auto& repo : repos.repos())
    for (const std::string& a : repo->profiles().arches) out.insert(a);
  return out;
}

ArchSet arches_desc_stable(const RepoSet& repos) {
  ArchSet out;
  for (const auto& repo : repos.repos()) {
    std::string text;
    if (!repo->fs().read_file(repo->abs("profiles/arches.desc"), text, nullptr)) continue;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string::npos) nl = text.size();
      std::string_view line(text.data() + pos, nl - pos);
      pos = nl + 1;
      if (std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
      std::string_view fields[3];
      std::size_t n = 0, i = 0;
      while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        if (i > start) {
          if (n < 3) fields[n] = line.substr(start, i - start);
          ++n;
        }
      }
      if (n == 2 && fields[1] == "stable") out.insert(std::string(fields[0]));
    }
  }
  return out;
}

ArchSet stable(const ScanContext& ctx) {
  ArchSet out = arches_desc_stable(ctx.repos);
  if (!out.empty()) return out;
  for (const ProfileEntry& e : ctx.profiles().entries())
    if (e.status == ProfileStatus::Stable) out.insert(e.arch);
  return out;
}

namespace {
struct SortKey {
  std::string_view suffix, arch;
};
SortKey sort_key(std::string_view kw) {
  while (!kw.empty() && (kw[0] == '~' || kw[0] == '-')) kw.remove_prefix(1);
  std::size_t dash = kw.find('-');
  if (dash == std::string_view::npos) return {{}, kw};
  return {kw.substr(dash + 1), kw.substr(0, dash)};
}
}  // namespace

bool keyword_less(std::string_view a, std::string_view b) {
  SortKey ka = sort_key(a), kb = sort_key(b);
  if (ka.suffix != kb.suffix) return ka.suffix < kb.suffix;
  return ka.arch < kb.arch;
}

}  // namespace pkgscan::arches
