// PackageUpdates: profiles/updates of the scanned repository (pkgcheck's
// PackageUpdatesCheck, reference/profiles-and-checks.md §1.9 and §3.1).
// The files are read strictly, as pkgcore does: a badly named file, an empty
// line, stray whitespace, a wrong number of words, a versioned 'move' atom,
// a slotted 'slotmove' atom or an unknown command are BadPackageUpdate; a
// package moved twice is MovedPackageUpdate. Then the moves are followed:
// chains (a -> b -> c) and lines whose target no longer exists.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kBadPackageUpdate{
    "BadPackageUpdate", Level::Error, Scope::Repo,
    "A profiles/updates file or line the package manager cannot use: a file name other than <1-4>Q-<YYYY> (before "
    "profile EAPI 8), an empty line, leading, trailing or doubled whitespace, a 'move' without exactly two "
    "unversioned package names, a 'slotmove' without an atom and two slots or with a slotted atom, an invalid atom, "
    "or an unknown command. The line is ignored."};
constexpr Keyword kMovedPackageUpdate{
    "MovedPackageUpdate", Level::Warning, Scope::Repo,
    "A 'move' or 'slotmove' line names a package that an earlier line already moved away: it has no effect."};
constexpr Keyword kOldPackageUpdate{
    "OldPackageUpdate", Level::Warning, Scope::Repo,
    "A 'move' whose target, or a 'slotmove' whose package, exists in neither the repository nor its masters: the "
    "line is old and can go. Not reported while a master repository is missing."};
constexpr Keyword kMultiMovePackageUpdate{
    "MultiMovePackageUpdate", Level::Warning, Scope::Repo,
    "A package was moved more than once (a -> b -> c): the older lines could move it to its final name directly."};
constexpr Keyword kOldMultiMovePackageUpdate{
    "OldMultiMovePackageUpdate", Level::Warning, Scope::Repo,
    "A chain of moves (a -> b -> c) ends in a package that no longer exists: the lines are old and can go."};
constexpr Keyword kRedundantPackageUpdate{
    "RedundantPackageUpdate", Level::Warning, Scope::Repo,
    "A 'move' to the same package, or a 'slotmove' to the same slot: the line does nothing."};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// "[1-4]Q-YYYY": the only names before profile EAPI 8 (PMS "The updates directory").
bool quarter_name(std::string_view n) {
  return n.size() == 7 && n[0] >= '1' && n[0] <= '4' && n[1] == 'Q' && n[2] == '-' &&
         std::all_of(n.begin() + 3, n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class PackageUpdatesCheck final : public Check {
 public:
  static constexpr std::string_view kName = "PackageUpdates";
  static constexpr std::string_view kDoc =
      "Checks profiles/updates of the repository: malformed files and lines, packages moved twice, chains of moves, "
      "moves to the same name, and lines whose target no longer exists.";
  static constexpr std::array<Keyword, 6> kKeywords = {kBadPackageUpdate,        kMovedPackageUpdate,
                                                       kMultiMovePackageUpdate,  kOldMultiMovePackageUpdate,
                                                       kOldPackageUpdate,        kRedundantPackageUpdate};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kRepoScopeAlone = true;  // its check_repo needs nothing from the package stream
  static constexpr bool kRepoWide = true;

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    const Repository& main = ctx.repos.main();
    const std::string dir = "profiles/updates";
    if (main.fs().stat(main.abs(dir)) != FileType::Directory) return;
    std::vector<DirEntry> entries;
    std::string err;
    if (!main.fs().list_dir(main.abs(dir), entries, &err)) {
      out.repo(kBadPackageUpdate, dir, 0, "cannot list '" + dir + "': " + err);
      return;
    }
    // Any name from profile EAPI 8; quarters before.
    const std::string eapi_text = root_eapi(main);
    const auto eapi = Eapi::parse(eapi_text.empty() ? "0" : eapi_text);
    const bool any_name = eapi && eapi->number() >= 8;
    std::vector<std::string> names;
    for (const DirEntry& e : entries) {
      if (e.type != FileType::Regular || e.name.front() == '.') continue;
      if (!any_name && !quarter_name(e.name)) {
        out.repo(kBadPackageUpdate, dir + "/" + e.name, 0, "incorrectly named update file: '" + e.name + "'");
        continue;
      }
      names.push_back(e.name);
    }
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return updates_name_less(a, b); });

    std::vector<Line> lines;
    for (const std::string& name : names) read(main, dir + "/" + name, name, lines, out);
    follow(lines, ctx.index, ctx.repos.missing_masters().empty(), out);
  }

 private:
  struct Line {
    std::string path;   // repo-relative file
    int line = 0;
    std::string text;   // as written, trimmed
    bool move = false;  // move (else slotmove)
    Atom from;
    std::optional<Atom> to;  // move target
    std::string slot_from, slot_to;
  };

  static std::string root_eapi(const Repository& main) {
    std::string text, err;
    if (!main.fs().read_file(main.abs("profiles/eapi"), text, &err)) return {};
    auto w = words(text.substr(0, text.find('\n')));
    return w.empty() ? std::string() : std::string(w[0]);
  }

  static void read(const Repository& main, const std::string& path, const std::string& name, std::vector<Line>& lines,
                   ResultSink& out) {
    std::string text, err;
    if (!main.fs().read_file(main.abs(path), text, &err)) {
      out.repo(kBadPackageUpdate, path, 0, "cannot read '" + path + "': " + err);
      return;
    }
    // Keys moved away so far, with their new name (across files).
    thread_local std::map<std::string, std::string> moved_to;
    if (lines.empty()) moved_to.clear();
    std::string_view rest = text;
    for (int no = 1; !rest.empty(); ++no) {
      std::size_t nl = rest.find('\n');
      std::string_view raw = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      auto bad = [&](const std::string& what) {
        out.repo(kBadPackageUpdate, path, no, "file '" + name + "': '" + std::string(raw) + "' on line " +
                                                  std::to_string(no) + ": " + what);
      };
      auto w = words(raw);
      if (w.empty()) {
        out.repo(kBadPackageUpdate, path, no, "file '" + name + "': empty line " + std::to_string(no));
        continue;
      }
      std::string joined;
      for (std::string_view x : w) joined += (joined.empty() ? "" : " ") + std::string(x);
      if (joined != raw) bad("extra whitespace");
      Line l{path, no, joined, w[0] == "move", {}, std::nullopt, {}, {}};
      if (w[0] != "move" && w[0] != "slotmove") {
        bad("unknown command");
        continue;
      }
      if (w.size() != (l.move ? 3u : 4u)) {
        bad(l.move ? "bad move form" : "bad slotmove form");
        continue;
      }
      ParseError perr;
      auto from = Atom::parse(w[1], Eapi::latest(), &perr);
      std::optional<Atom> to;
      if (l.move && from) to = Atom::parse(w[2], Eapi::latest(), &perr);
      if (!from || (l.move && !to)) {
        bad("invalid atom: " + (perr.message.empty() ? std::string("unparseable") : perr.message));
        continue;
      }
      if (l.move && (from->version || to->version)) {
        bad("atom " + (from->version ? from->str() : to->str()) + " must be versionless");
        continue;
      }
      if (auto m = moved_to.find(from->key()); m != moved_to.end()) {
        out.repo(kMovedPackageUpdate, path, no,
                 "file '" + name + "': '" + l.text + "' on line " + std::to_string(no) + ": " + from->str() +
                     " was already moved to " + m->second + ", this line is redundant");
        continue;
      }
      if (!l.move && !from->slot.empty()) {
        bad("slotted atom makes no sense for slotmoves");
        continue;
      }
      l.from = std::move(*from);
      if (l.move) {
        l.to = std::move(*to);
        moved_to[l.from.key()] = l.to->key();
      } else {
        l.slot_from = std::string(w[2]);
        l.slot_to = std::string(w[3]);
      }
      lines.push_back(std::move(l));
    }
  }

  static bool exists(const RepoIndex& index, const Atom& a) {
    bool any = false;
    index.for_each_copy(a.category, a.package, [&](const Package& p) { any = any || !p.versions.empty(); });
    return any;
  }

  // Chains, redundant lines and lines whose target is gone.
  // `complete`: no master is missing, so a package found nowhere is gone.
  static void follow(const std::vector<Line>& lines, const RepoIndex& index, bool complete, ResultSink& out) {
    struct Old {
      const Line* line;
      std::string pkg;
    };
    std::map<std::string, Old> old;  // by the package that is gone
    std::vector<std::string> gone_chain_ends;  // reported as OldMultiMovePackageUpdate instead
    // Each line's names as keys, made once, the move lines by the name they
    // move, and whether a move line's source is a name no earlier move made:
    // following chains compared every pair of lines' keys, made afresh
    // (a million keys for flatcar's 1,100 lines).
    std::vector<std::string> from_key(lines.size()), to_key(lines.size());
    std::unordered_map<std::string, std::vector<std::size_t>> moves_of;
    std::vector<char> starts_chain(lines.size(), 0);
    std::unordered_set<std::string> moved_here;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      from_key[i] = lines[i].from.key();
      if (!lines[i].move) continue;
      to_key[i] = lines[i].to->key();
      moves_of[from_key[i]].push_back(i);
      starts_chain[i] = !moved_here.count(from_key[i]);
      moved_here.insert(to_key[i]);
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (!l.move) {
        if (l.slot_from == l.slot_to)
          out.repo(kRedundantPackageUpdate, l.path, l.line, "update line moves to the same package/slot: '" + l.text + "'");
        if (complete && !exists(index, l.from)) old.emplace(from_key[i], Old{&l, from_key[i]});
        continue;
      }
      // The chain from this line's source: each later move of the current
      // name continues it (a move before this line does not apply).
      std::vector<std::string> chain = {from_key[i], to_key[i]};
      std::size_t at = i;
      for (bool more = true; more && chain.size() < 64;) {
        more = false;
        auto moves = moves_of.find(chain.back());
        if (moves == moves_of.end()) break;
        auto next = std::upper_bound(moves->second.begin(), moves->second.end(), at);  // the first move after `at`
        if (next == moves->second.end()) break;
        if (std::find(chain.begin(), chain.end(), to_key[*next]) != chain.end()) break;  // a cycle
        chain.push_back(to_key[*next]);
        at = *next;
        more = true;
      }
      // A later line of the chain reports its own part; only chains starting at
      // a name nothing moved here before are reported as chains.
      if (chain.size() > 2 && starts_chain[i]) {
        std::string moves;
        for (const std::string& k : chain) moves += (moves.empty() ? "" : " -> ") + k;
        Result* r;
        const bool gone = !exists(index, Atom::parse(chain.back(), Eapi::latest()).value());
        if (gone && !complete) continue;
        if (gone) {
          r = out.repo(kOldMultiMovePackageUpdate, l.path, l.line,
                       "'" + chain.back() + "' unavailable: old multi-move update: " + moves);
          gone_chain_ends.push_back(chain.back());
        } else {
          r = out.repo(kMultiMovePackageUpdate, l.path, l.line, "'" + chain.front() + "': multi-move update: " + moves);
        }
        with(r, "moves", moves);
        continue;
      }
      if (chain.size() > 2) continue;
      if (from_key[i] == to_key[i])
        out.repo(kRedundantPackageUpdate, l.path, l.line, "update line moves to the same package/slot: '" + l.text + "'");
      if (complete && !exists(index, *l.to)) old.emplace(to_key[i], Old{&l, to_key[i]});
    }
    for (const std::string& end : gone_chain_ends) old.erase(end);
    for (const auto& [key, o] : old)
      with(out.repo(kOldPackageUpdate, o.line->path, o.line->line,
                    "'" + o.pkg + "' unavailable: old update line: '" + o.line->text + "'"),
           "line", o.line->text);
  }
};

const RegisterCheck<PackageUpdatesCheck> kRegister;

}  // namespace
}  // namespace pkgscan
