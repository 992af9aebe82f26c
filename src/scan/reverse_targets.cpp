// reverse_targets: who inherits a changed eclass or depends on a removed package.
#include "reverse_targets.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string_view>

#include <tbb/parallel_for.h>

namespace pkgscan {

namespace {

// (category id, package id) of an atom or a removed package.
std::uint64_t key_of(Symbol category, Symbol package) {
  return (static_cast<std::uint64_t>(category.id()) << 32) | package.id();
}

bool reaches(const Ebuild& e, const std::set<std::string>& eclasses, const std::set<std::uint64_t>& removed) {
  for (Symbol s : e.inherited)
    if (eclasses.count(std::string(s.str()))) return true;
  if (removed.empty()) return false;
  for (DepVar v : kDepVars)
    if (const DepSpec* spec = e.dep(v))
      for (const Atom& a : spec->atoms)
        if (removed.count(key_of(a.category, a.package))) return true;
  return false;
}

// Whether `text` has `word` with no letter, digit or underscore on either
// side ("inherit cmake" names cmake; so does "cmake-utils", which is fine:
// the text filter may over-approximate, never miss).
bool mentions_word(std::string_view text, std::string_view word) {
  auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    const bool before = at > 0 && name_char(text[at - 1]);
    const bool after = at + word.size() < text.size() && name_char(text[at + word.size()]);
    if (!before && !after) return true;
  }
  return false;
}

// What an ebuild or eclass must mention, as text, to be able to reach a
// change: the name of an eclass that reaches it, or a removed cat/pkg.
struct Mentions {
  std::set<std::string> eclasses;  // words
  std::vector<std::string> atoms;  // "cat/pkg" substrings
  bool in(std::string_view text) const {
    for (const std::string& a : atoms)
      if (text.find(a) != std::string_view::npos) return true;
    for (const std::string& e : eclasses)
      if (mentions_word(text, e)) return true;
    return false;
  }
};

// Every eclass of the repository set, name and text.
std::vector<std::pair<std::string, std::string>> eclass_texts(const RepoSet& repos) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& repo : repos.repos()) {
    std::vector<DirEntry> entries;
    if (!repo->fs().list_dir(repo->abs("eclass"), entries, nullptr)) continue;
    for (const DirEntry& d : entries) {
      if (d.name.size() <= 7 || d.name.compare(d.name.size() - 7, 7, ".eclass") != 0) continue;
      std::string text;
      if (repo->fs().read_file(repo->abs("eclass/" + d.name), text, nullptr))
        out.emplace_back(d.name.substr(0, d.name.size() - 7), std::move(text));
    }
  }
  return out;
}

// An eclass that mentions one of `m`'s eclasses (it may inherit it) or a
// removed package (it may add the dependency) reaches the change as well:
// adds such eclasses to `m` until none is left.
void close_over_eclasses(const RepoSet& repos, Mentions& m) {
  std::vector<std::pair<std::string, std::string>> texts = eclass_texts(repos);
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& [name, text] : texts)
      if (!m.eclasses.count(name) && m.in(text)) {
        m.eclasses.insert(name);
        grew = true;
      }
  }
}

// Whether some ebuild of cat/pkg mentions `m`; true when one cannot be read
// (the metadata will tell).
bool package_mentions(const Repository& repo, Symbol category, Symbol package, const Mentions& m) {
  const std::string dir = std::string(category.str()) + "/" + std::string(package.str());
  std::vector<DirEntry> entries;
  if (!repo.fs().list_dir(repo.abs(dir), entries, nullptr)) return true;
  std::string text;
  for (const DirEntry& d : entries) {
    if (d.name.size() <= 7 || d.name.compare(d.name.size() - 7, 7, ".ebuild") != 0) continue;
    if (!repo.fs().read_file(repo.abs(dir + "/" + d.name), text, nullptr) || m.in(text)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> reverse_targets(
    const RepoIndex& index, const std::set<std::string>& eclasses,
    const std::set<std::pair<std::string, std::string>>& removed) {
  std::vector<std::pair<std::string, std::string>> out;
  if (eclasses.empty() && removed.empty()) return out;
  std::set<std::uint64_t> removed_symbols;
  for (const auto& [c, p] : removed) removed_symbols.insert(key_of(Symbol::intern(c), Symbol::intern(p)));
  // Reading the metadata of every package would regenerate the whole tree
  // in a checkout without a cache: first find, by their text, the ebuilds
  // that can reach the change at all, and read the metadata of those only.
  Mentions mentions;
  mentions.eclasses = eclasses;
  for (const auto& [c, p] : removed) mentions.atoms.push_back(c + "/" + p);
  close_over_eclasses(index.repos(), mentions);
  const Repository& main = index.repos().main();
  const bool by_text = !index.metadata_only(main);  // a metadata snapshot has no ebuild text
  const auto& keys = index.main_packages();
  std::mutex mu;
  tbb::parallel_for(std::size_t{0}, keys.size(), [&](std::size_t i) {
    if (by_text && !package_mentions(main, keys[i].category, keys[i].package, mentions)) return;
    const Package* pkg = index.find_main(keys[i].category, keys[i].package);
    if (!pkg) return;
    for (const Ebuild& e : pkg->versions)
      if (reaches(e, eclasses, removed_symbols)) {
        std::lock_guard<std::mutex> lock(mu);
        out.emplace_back(std::string(pkg->category.str()), std::string(pkg->package.str()));
        return;
      }
  });
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace pkgscan
