#pragma once
// The result model (DESIGN.md §6): stable keyword names with fixed level and scope.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pkgscan {

enum class Level : std::uint8_t { Error, Warning, Style, Info };
// Commit: about one commit of a --commits range (its message, its sign-offs).
enum class Scope : std::uint8_t { Repo, Category, Package, Version, Commit };

std::string_view level_name(Level l);   // "error" "warning" "style" "info"
std::string_view scope_name(Scope s);   // "repo" "category" "package" "version" "commit"
std::optional<Level> level_from_name(std::string_view s);
std::optional<Scope> scope_from_name(std::string_view s);

// A keyword as declared by a check. All strings are static (string literals).
struct Keyword {
  std::string_view name;     // CamelCase, pkgcheck's name where the check overlaps
  Level level;
  Scope scope;
  std::string_view doc;      // one paragraph: what triggers it and how to fix it
  bool default_enabled = true;
};

struct Result {
  std::string keyword;
  Level level = Level::Warning;
  Scope scope = Scope::Version;
  std::string check;         // check family name, e.g. "Metadata"
  std::string category;      // empty for repo scope
  std::string package;       // empty for repo/category scope
  std::string version;       // full version incl. -rN; empty unless version scope
  std::string path;          // repo-relative: ebuild, metadata/md5-cache/..., profiles/...
  std::string commit;        // commit scope: the commit's short hash (12 hex digits); else empty
  int line = 0;              // 1-based; 0 = unknown
  std::string message;
  // Structured fields, e.g. {"attr","RDEPEND"}, {"atom","dev-python/foo"}; in
  // insertion order, written to JSON and SARIF properties.
  std::vector<std::pair<std::string, std::string>> fields;

  std::string_view field(std::string_view name) const;  // "" when absent
};

// DESIGN.md §6 order: category, package, version (PMS order; non-version
// results of a package first), keyword, message, then path/line. Commit
// results sort first (by commit), then repo-scope results (empty category).
bool result_less(const Result& a, const Result& b);
// Sorts by result_less, moving each result once: a Result is a dozen
// strings, and sorting them in place moved each ~30 times (a scan with
// 55,000 results spent more on the moves than on the compares).
void sort_results(std::vector<Result>& results);
bool operator==(const Result& a, const Result& b);

// Identifies "the same problem" across runs and commits (SARIF's
// partialFingerprints, --baseline): keyword, category/package/version,
// commit and message; no line number and no path, which move when unrelated
// lines are edited or a file is renamed. A run summary (below) is identified
// by its keyword alone. 16 hex digits.
std::string result_fingerprint(const Result& r);

// Run summaries: repository-scope notices about the scan rather than the
// repository, said at most once per scan, whose messages carry counts or
// lists that depend on what this run covered or where it ran (how many
// entries were regenerated or read from the user cache, the user cache's
// directory, which eclasses the entries it read lacked). The same notice in
// two runs is the same result whatever its counts, so its fingerprint leaves
// the message out: a baseline knows it, and a SARIF viewer tracks it as one
// result. A keyword belongs here only if it is reported at most once per scan.
inline constexpr std::string_view kRunSummaryKeywords[] = {
    "BashCompatFallback", "PythonImplsFromDataFile", "RegeneratedMetadata", "UnverifiableCache", "UserCacheRebuilt"};
bool is_run_summary(std::string_view keyword);

}  // namespace pkgscan
