// Manifest: does each package's Manifest parse, list every distfile its
// versions fetch (SRC_URI with every USE branch taken, named as after "->"),
// with the hashes metadata/layout.conf requires, and nothing else? Hashes are
// only compared with each other, never computed: the distfiles are not here.
// Across the scanned packages, one distfile name must have one set of hashes
// and one set of hashes one name (pkgcheck's ManifestCheck and
// ManifestCollisionCheck).
#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include "meta_common.hpp"
#include "package_files.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/manifest.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kMissingManifest{
    "MissingManifest", Level::Error, Scope::Version,
    "A file that SRC_URI fetches (in any USE branch; named as after '->') has no DIST entry in the package's "
    "Manifest, or there is no Manifest at all. Package managers refuse to fetch it. Run 'pkgdev manifest' or "
    "'ebuild foo.ebuild manifest'."};
constexpr Keyword kMissingChksum{
    "MissingChksum", Level::Warning, Scope::Version,
    "A DIST entry lacks a hash that metadata/layout.conf requires (manifest-required-hashes; BLAKE2B when the "
    "repository sets no hashes). Reported once per file, on the lowest version fetching it. Regenerate the "
    "Manifest entry."};
constexpr Keyword kDeprecatedChksum{
    "DeprecatedChksum", Level::Warning, Scope::Version,
    "A DIST entry has every required hash but also hashes outside manifest-hashes (e.g. SHA256 or WHIRLPOOL "
    "left from an older hash set). Regenerate the Manifest entry."};
constexpr Keyword kUnknownManifest{
    "UnknownManifest", Level::Warning, Scope::Package,
    "A DIST entry names a file that no version's SRC_URI fetches (in any USE branch): a leftover of a removed "
    "version or a renamed file. Not reported while a version has no cache entry or an unparsable SRC_URI."};
constexpr Keyword kUnnecessaryManifest{
    "UnnecessaryManifest", Level::Warning, Scope::Package,
    "The repository uses thin Manifests (thin-manifests = true) but the Manifest still has AUX, EBUILD or MISC "
    "entries, which only thick Manifests carry. Regenerate the Manifest."};
constexpr Keyword kInvalidManifest{
    "InvalidManifest", Level::Error, Scope::Package,
    "The Manifest cannot be used: a line that does not parse (unknown tag, wrong field count, bad size or hash, "
    "duplicate entry; the result names the line), a PGP signature (package Manifests are not signed), or it is "
    "a directory, unreadable, or a symbolic link leading outside the repository. After a malformed line the "
    "package's other Manifest results are not computed (they would rest on a partial file)."};
constexpr Keyword kDeprecatedManifestHash{
    "DeprecatedManifestHash", Level::Warning, Scope::Package,
    "The Manifest's DIST entries use a deprecated hash (MD5, RMD160, SHA1 or WHIRLPOOL). Regenerate the "
    "Manifest."};
constexpr Keyword kMatchingChksums{
    "MatchingChksums", Level::Warning, Scope::Version,
    "Two DIST entries with different names have the same size and hashes: one file fetched under two names "
    "(in this package or another). Rename with '->' to one name. Go module .mod files (%2F@v...mod) are "
    "exempt."};
constexpr Keyword kConflictingChksums{
    "ConflictingChksums", Level::Error, Scope::Version,
    "A distfile name appears in the Manifests of several packages with different values for the same hash: "
    "distfiles share one directory, so one of them cannot be fetched. Rename one with '->'."};
constexpr Keyword kInvalidSrcUri{
    "InvalidSrcUri", Level::Error, Scope::Version,
    "SRC_URI does not parse ('||' or an operator without a group, '->' without a URI or a file name, "
    "unbalanced parentheses); the message gives the parser's reason and byte offset. Its distfiles cannot be "
    "checked against the Manifest."};
constexpr Keyword kBadFilename{
    "BadFilename", Level::Warning, Scope::Version,
    "A distfile is named only ${PN}, ${PV}, v${PV} or a 40-digit commit hash plus an archive extension "
    "(e.g. 1.2.tar.gz from a GitHub tag URL): such names collide in the shared distfiles directory. Rename with "
    "'->', e.g. -> ${P}.tar.gz."};
constexpr Keyword kDeprecatedRepoHash{
    "DeprecatedRepoHash", Level::Warning, Scope::Repo,
    "manifest-hashes in metadata/layout.conf includes a deprecated hash (MD5, RMD160, SHA1 or WHIRLPOOL)."};

constexpr std::string_view kDeprecatedHashes[] = {"MD5", "RMD160", "SHA1", "WHIRLPOOL"};

bool deprecated_hash(std::string_view name) {
  return std::find(std::begin(kDeprecatedHashes), std::end(kDeprecatedHashes), name) != std::end(kDeprecatedHashes);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "a, b" of sorted names; pkgcheck writes hash names in lower case.
std::string list(const std::vector<std::string>& items) { return meta::joined(items, ", "); }

// Archive suffixes that unpack knows in some EAPI (pkgcheck's pattern takes
// the ebuild's EAPI; the union differs only in rarely used formats).
constexpr std::string_view kArchiveExts[] = {
    ".tar", ".tar.gz", ".tgz", ".tar.Z", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.lzma", ".zip", ".ZIP",
    ".jar", ".gz", ".Z", ".z", ".bz2", ".xz", ".lzma", ".rar", ".RAR", ".lha", ".LHa", ".LHA", ".lzh", ".a", ".deb",
    ".7z", ".7Z"};

bool hex40(std::string_view s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// ${PN}.ext, ${PV}.ext, v${PV}.ext or <commit>.ext: names that say nothing of the package.
bool unspecific_filename(std::string_view file, std::string_view pn, std::string_view pv) {
  for (std::string_view ext : kArchiveExts) {
    if (!file.ends_with(ext)) continue;
    std::string_view stem = file.substr(0, file.size() - ext.size());
    if (stem == pn || stem == pv || (stem.size() == pv.size() + 1 && stem[0] == 'v' && stem.substr(1) == pv) ||
        hex40(stem))
      return true;
  }
  return false;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::string(n == 1 ? one : many);
}

// The file name a SRC_URI leaf fetches into: the "->" name, else the URI's
// last path component (mirror:// and fetch+ URIs included), else the bare name.
std::string_view distfile_name(const DepSpec& spec, std::uint32_t leaf) {
  if (leaf < spec.renames.size() && !spec.renames[leaf].empty()) return spec.renames[leaf];
  std::string_view uri = spec.strings[leaf];
  std::size_t slash = uri.rfind('/');
  return slash == std::string_view::npos ? uri : uri.substr(slash + 1);
}

// One DIST entry, compactly, for the comparisons across packages: hash
// values are kept as 64-bit fingerprints (a false match needs a collision
// of a 64-bit hash on top of equal sizes).
struct DistPrint {
  std::string name;
  std::uint64_t size = 0;
  std::vector<std::pair<std::string, std::uint64_t>> hashes;  // sorted by name
};

class ManifestCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Manifest";
  static constexpr std::string_view kDoc =
      "Checks package Manifests against SRC_URI (every USE branch) and metadata/layout.conf: missing, unknown "
      "and unnecessary entries, required and deprecated hashes, malformed lines, and distfiles whose names or "
      "hashes collide across packages.";
  static constexpr std::array<Keyword, 12> kKeywords = {
      kMissingManifest,       kMissingChksum,   kDeprecatedChksum,       kUnknownManifest,
      kUnnecessaryManifest,   kInvalidManifest, kDeprecatedManifestHash, kMatchingChksums,
      kConflictingChksums,    kInvalidSrcUri,   kBadFilename,            kDeprecatedRepoHash};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    const LayoutConf& layout = ctx.repos.main().layout();
    enabled_ = layout.use_manifests != "false";
    thin_ = layout.thin_manifests;
    hashes_ = layout.manifest_hashes;
    required_ = layout.manifest_required_hashes;
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!enabled_ || ctx.index.metadata_only(*pkg.repo)) return;
    Manifest manifest;
    // A Manifest that could not be read or has malformed lines gives no
    // comparisons (they would rest on part of the file); SRC_URI itself is
    // still checked.
    const bool usable = read_manifest(pkg, out, manifest);

    std::map<std::string_view, const ManifestEntry*> dist;  // name -> entry
    std::vector<std::string> unnecessary;
    std::set<std::string> used_hashes;
    for (const ManifestEntry& e : manifest.entries) {
      if (e.tag != "DIST") {
        unnecessary.push_back(e.tag == "AUX" ? "files/" + e.name : e.name);
        continue;
      }
      dist.emplace(e.name, &e);
      for (const auto& h : e.hashes) used_hashes.insert(h.first);
    }

    // Every version's distfiles against the DIST entries.
    std::set<std::string, std::less<>> seen;  // distfiles of the versions checked so far
    bool all_known = true;                     // every version's distfiles could be listed
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) {
        all_known = false;
        continue;
      }
      const std::string& text = e.entry.get(CacheKey::SRC_URI);
      if (text.empty()) continue;
      ParseError err;
      std::optional<DepSpec> spec = DepSpec::parse(text, SpecKind::SrcUri, meta::parse_eapi(e), &err);
      if (!spec) {
        all_known = false;
        Result* r = meta::report(out, kInvalidSrcUri, e, "SRC_URI: " + err.message);
        meta::field(meta::field(r, "attr", "SRC_URI"), "position", std::to_string(err.pos));
        continue;
      }
      check_version(e, *spec, usable ? &dist : nullptr, seen, out);
    }
    if (!usable) return;

    if (thin_ && !unnecessary.empty()) {
      std::sort(unnecessary.begin(), unnecessary.end());
      manifest_result(out, kUnnecessaryManifest, pkg, 0,
                      "unnecessary " + plural(unnecessary.size(), "file", "files") + " in Manifest: [ " +
                          list(unnecessary) + " ]");
    }
    if (all_known) {
      std::vector<std::string> unknown;
      for (const auto& [name, entry] : dist)
        if (!seen.count(name)) unknown.emplace_back(name);
      if (!unknown.empty())
        manifest_result(out, kUnknownManifest, pkg, 0,
                        "unknown " + plural(unknown.size(), "distfile", "distfiles") + " in Manifest: [ " +
                            list(unknown) + " ]");
    }
    std::vector<std::string> deprecated;
    for (const std::string& h : used_hashes)
      if (deprecated_hash(h)) deprecated.push_back(lower(h));
    if (!deprecated.empty())
      manifest_result(out, kDeprecatedManifestHash, pkg, 0,
                      "defines deprecated manifest hash " + plural(deprecated.size(), "type", "types") + ": [ " +
                          list(deprecated) + " ]");

    if (out.wants(kMatchingChksums) || out.wants(kConflictingChksums)) remember(pkg, manifest);
  }

  void check_repo(std::span<const Package* const> scanned, const ScanContext& ctx, ResultSink& out) const override {
    if (!enabled_) return;
    if (ctx.whole_repo) {
      std::vector<std::string> deprecated;
      for (const std::string& h : hashes_)
        if (deprecated_hash(h)) deprecated.push_back(lower(h));
      if (!deprecated.empty())
        out.repo(kDeprecatedRepoHash, "metadata/layout.conf", 0,
                 "manifest-hashes includes deprecated " + plural(deprecated.size(), "hash", "hashes") + ": [ " +
                     list(deprecated) + " ]");
    }
    collisions(scanned, out);
  }

 private:
  // Reads and parses the package's Manifest into `manifest` (left empty when
  // there is none). False when the package's other Manifest results must
  // not be computed; the reason has been reported.
  bool read_manifest(const Package& pkg, ResultSink& out, Manifest& manifest) const {
    const DirEntry* entry = pkgfiles::find(pkg, "Manifest");
    if (!entry) return true;  // no Manifest: every distfile is missing
    const std::string rel = pkgfiles::path(pkg, "Manifest");
    if (entry->symlink) {
      std::string target;
      if (pkgfiles::follow_links(*pkg.repo, rel, &target) == pkgfiles::LinkEnd::Outside) {
        manifest_result(out, kInvalidManifest, pkg, 0,
                        "Manifest is a symbolic link to '" + target +
                            "', outside the repository; it was not read");
        return false;
      }
    }
    if (entry->type != FileType::Regular) {
      // Never opened: a FIFO would block the read, a device never end it.
      std::string why = entry->type == FileType::Directory ? "Manifest is a directory, not a file"
                        : entry->problem.empty() ? "Manifest is not a regular file (a device, FIFO or socket)"
                                                 : "Manifest cannot be followed: " + entry->problem;
      manifest_result(out, kInvalidManifest, pkg, 0, why);
      return false;
    }
    std::string text, err;
    if (!pkg.repo->fs().read_file(pkg.repo->abs(rel), text, &err)) {
      manifest_result(out, kInvalidManifest, pkg, 0, "Manifest " + (err.empty() ? "cannot be read" : err));
      return false;
    }
    manifest = parse_manifest(text);
    if (manifest.signed_)
      manifest_result(out, kInvalidManifest, pkg, 0,
                      "Manifest is PGP-signed; package Manifests are not signed (only the repository's top-level "
                      "Manifest is, GLEP 74)");
    for (const ManifestIssue& issue : manifest.issues)
      manifest_result(out, kInvalidManifest, pkg, issue.line,
                      "Manifest line " + std::to_string(issue.line) + ": " + issue.message);
    if (manifest.more_issues > 0)
      manifest_result(out, kInvalidManifest, pkg, 0,
                      "Manifest: " + std::to_string(manifest.more_issues) + " more malformed " +
                          plural(manifest.more_issues, "line", "lines") + " not shown");
    return manifest.issues.empty();
  }

  // One version's distfiles: missing entries, then the hashes of the
  // entries this package has not yet been checked for.
  // `dist` is null when the Manifest is unusable: only the names are checked.
  void check_version(const Ebuild& e, const DepSpec& spec, const std::map<std::string_view, const ManifestEntry*>* dist,
                     std::set<std::string, std::less<>>& seen, ResultSink& out) const {
    std::vector<std::string_view> files;
    for (std::uint32_t i = 0; i < spec.nodes.size(); ++i) {
      const DepNode& n = spec.nodes[i];
      if (n.kind != NodeKind::Leaf) continue;
      std::string_view name = distfile_name(spec, n.leaf);
      if (!name.empty() && std::find(files.begin(), files.end(), name) == files.end()) files.push_back(name);
    }
    std::vector<std::string> missing, unspecific;
    const std::string_view pn = e.package.str(), pv = e.version.without_revision();
    for (std::string_view f : files) {
      if (dist && !dist->count(f)) missing.emplace_back(f);
      if (unspecific_filename(f, pn, pv)) unspecific.emplace_back(f);
    }
    if (!unspecific.empty()) {
      std::sort(unspecific.begin(), unspecific.end());
      meta::report(out, kBadFilename, e,
                   "bad " + plural(unspecific.size(), "filename", "filenames") + ": [ " + list(unspecific) + " ]");
    }
    if (!missing.empty()) {
      std::sort(missing.begin(), missing.end());
      meta::report(out, kMissingManifest, e,
                   plural(missing.size(), "distfile", "distfiles") + " missing from Manifest: [ " + list(missing) + " ]");
    }
    if (!dist) return;
    for (std::string_view f : files) {
      if (seen.count(f)) continue;
      seen.emplace(f);
      auto it = dist->find(f);
      if (it == dist->end()) continue;
      const ManifestEntry& entry = *it->second;
      std::vector<std::string> lacking, has{"size"}, extra;
      for (const std::string& h : required_)
        if (!entry.hash(h)) lacking.push_back(lower(h));
      for (const auto& [h, value] : entry.hashes) {
        has.push_back(lower(h));
        if (std::find(hashes_.begin(), hashes_.end(), h) == hashes_.end()) extra.push_back(lower(h));
      }
      std::sort(lacking.begin(), lacking.end());
      std::sort(has.begin(), has.end());
      std::sort(extra.begin(), extra.end());
      if (!lacking.empty()) {
        meta::report(out, kMissingChksum, e,
                     "'" + std::string(f) + "' missing required chksums: " + list(lacking) + "; has chksums: " + list(has));
      } else if (!extra.empty()) {
        meta::report(out, kDeprecatedChksum, e,
                     "'" + std::string(f) + "' has deprecated " + plural(extra.size(), "checksum", "checksums") + ": " +
                         list(extra));
      }
    }
  }

  static Result* manifest_result(ResultSink& out, const Keyword& kw, const Package& pkg, int line, std::string message) {
    Result* r = out.package(kw, pkg, meta::printable(message));
    if (r) {
      r->path = pkgfiles::path(pkg, "Manifest");
      r->line = line;
    }
    return r;
  }

  void remember(const Package& pkg, const Manifest& manifest) const {
    std::vector<DistPrint> prints;
    for (const ManifestEntry& e : manifest.entries) {
      if (e.tag != "DIST") continue;
      DistPrint& p = prints.emplace_back();
      p.name = e.name;
      p.size = e.size;
      for (const auto& [h, value] : e.hashes) p.hashes.emplace_back(h, std::hash<std::string>{}(value));
      std::sort(p.hashes.begin(), p.hashes.end());
    }
    if (prints.empty()) return;
    std::lock_guard<std::mutex> lock(mu_);
    prints_.emplace(&pkg, std::move(prints));
  }

  // pkgcheck's ManifestCollisionCheck over the scanned packages in order:
  // a name seen before with a different value for a shared hash conflicts;
  // a size and hash set seen before under another name matches.
  void collisions(std::span<const Package* const> scanned, ResultSink& out) const {
    struct SeenFile {
      std::vector<std::string> packages;
      std::map<std::string, std::uint64_t> hashes;
    };
    std::unordered_map<std::string, SeenFile> seen_files;
    std::unordered_map<std::string, std::pair<std::string, std::string>> seen_prints;  // key -> (cat/pkg, name)
    for (const Package* pkg : scanned) {
      auto it = prints_.find(pkg);
      if (it == prints_.end() || pkg->versions.empty()) continue;
      const Ebuild& first = pkg->versions.front();
      const std::string key = pkg->key();
      for (const DistPrint& p : it->second) {
        auto [file, fresh] = seen_files.try_emplace(p.name);
        if (fresh) {
          file->second.packages.push_back(key);
          file->second.hashes.insert(p.hashes.begin(), p.hashes.end());
        } else {
          std::vector<std::string> differing;
          for (const auto& [h, fp] : p.hashes) {
            auto old = file->second.hashes.find(h);
            if (old != file->second.hashes.end() && old->second != fp) differing.push_back(lower(h));
          }
          if (!differing.empty()) {
            std::vector<std::string> pkgs = file->second.packages;
            std::sort(pkgs.begin(), pkgs.end());
            meta::report(out, kConflictingChksums, first,
                         "distfile '" + p.name + "' has different " + plural(differing.size(), "checksum", "checksums") +
                             " (" + list(differing) + ") for " + plural(pkgs.size(), "package", "packages") + ": " +
                             list(pkgs));
          } else {
            file->second.hashes.insert(p.hashes.begin(), p.hashes.end());
            if (file->second.packages.back() != key) file->second.packages.push_back(key);
          }
        }

        std::string print = std::to_string(p.size);
        for (const auto& [h, fp] : p.hashes) print += ' ' + h + ':' + std::to_string(fp);
        auto [match, new_print] = seen_prints.try_emplace(print, key, p.name);
        if (new_print || match->second.second == p.name) continue;
        if (p.name.find("%2F@v") != std::string::npos && p.name.ends_with(".mod")) continue;  // go.mod files
        std::string message = "distfile '" + p.name + "' matches checksums for '" + match->second.second + "'";
        if (match->second.first != key) message += " from " + match->second.first;
        meta::report(out, kMatchingChksums, first, message);
      }
    }
  }

  bool enabled_ = true;
  bool thin_ = false;
  std::vector<std::string> hashes_, required_;
  mutable std::mutex mu_;  // guards prints_, filled by concurrent check_package calls
  mutable std::unordered_map<const Package*, std::vector<DistPrint>> prints_;
};

const RegisterCheck<ManifestCheck> kRegister;

}  // namespace
}  // namespace pkgscan
