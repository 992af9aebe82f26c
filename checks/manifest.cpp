// Manifest: does each package's Manifest parse, list every distfile its
// versions fetch (SRC_URI with every USE branch taken, named as after "->"),
// with the hashes metadata/layout.conf requires, and nothing else? Hashes are
// only compared with each other, never computed: the distfiles are not here.
// Across the scanned packages, one distfile name must have one set of hashes
// and one set of hashes one name (pkgcheck's ManifestCheck and
// ManifestCollisionCheck).
#include <string.h>  // memrchr

#include <algorithm>
#include <cstring>
#include <set>

#include "distfile_collisions.hpp"
#include "meta_common.hpp"
#include "package_files.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/manifest.hpp"
#include "pkgscan/text_lines.hpp"

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
  return std::any_of(std::begin(kDeprecatedHashes), std::end(kDeprecatedHashes),
                     [&](std::string_view d) { return text::same(d, name); });
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return text::same(n, name); });
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

bool archive_ext(std::string_view s) {
  return std::find(std::begin(kArchiveExts), std::end(kArchiveExts), s) != std::end(kArchiveExts);
}

bool has_prefix(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// ${PN}.ext, ${PV}.ext, v${PV}.ext or <commit>.ext: names that say nothing
// of the package. The prefix is tested first: every distfile passes here.
bool unspecific_filename(std::string_view file, std::string_view pn, std::string_view pv) {
  if (has_prefix(file, pn) && archive_ext(file.substr(pn.size()))) return true;
  std::string_view rest = !file.empty() && file[0] == 'v' ? file.substr(1) : file;
  if (has_prefix(rest, pv) && archive_ext(rest.substr(pv.size()))) return true;
  return file.size() > 40 && hex40(file.substr(0, 40)) && archive_ext(file.substr(40));
}

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::string(n == 1 ? one : many);
}

// The file name a SRC_URI leaf fetches into: the "->" name, else the URI's
// last path component (mirror:// and fetch+ URIs included), else the bare name.
std::string_view distfile_name(const SrcUriLeaf& leaf) {
  if (!leaf.rename.empty()) return leaf.rename;
  std::string_view uri = leaf.uri;
  const void* slash = uri.empty() ? nullptr : ::memrchr(uri.data(), '/', uri.size());
  return slash ? uri.substr(static_cast<std::size_t>(static_cast<const char*>(slash) - uri.data()) + 1) : uri;
}

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
    // The Manifest's bytes (the parsed entries are views into them) and
    // its parsed form live in storage each thread reuses: Manifests of
    // cargo packages run to megabytes, and every package has one.
    thread_local std::string text;
    thread_local Manifest manifest;
    thread_local std::vector<char> fetched;  // per entry: some version fetches it
    // A Manifest that could not be read or has malformed lines gives no
    // comparisons (they would rest on part of the file); SRC_URI itself is
    // still checked.
    const bool usable = read_manifest(pkg, ctx, out, text, manifest);

    std::vector<std::string> unnecessary;
    std::set<std::string> deprecated;
    for (const ManifestEntry& e : manifest.entries) {
      if (!e.dist()) {
        unnecessary.push_back((e.tag == "AUX" ? "files/" : "") + std::string(e.name));
        continue;
      }
      for (const ManifestHash& h : manifest.hashes_of(e))
        if (deprecated_hash(h.name)) deprecated.insert(lower(h.name));
    }
    fetched.assign(manifest.entries.size(), 0);
    bool all_known = true;  // every version's distfiles could be listed
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) {
        all_known = false;
        continue;
      }
      const std::string& src_uri = e.entry.get(CacheKey::SRC_URI);
      if (src_uri.empty()) continue;
      ParseError err;
      thread_local std::vector<SrcUriLeaf> leaves;  // every USE branch taken
      if (!src_uri_leaves(src_uri, meta::parse_eapi(e), leaves, &err)) {
        all_known = false;
        Result* r = meta::report(out, kInvalidSrcUri, e, "SRC_URI: " + err.message);
        meta::field(meta::field(r, "attr", "SRC_URI"), "position", std::to_string(err.pos));
        continue;
      }
      check_version(e, leaves, usable ? &manifest : nullptr, fetched, out);
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
      for (std::size_t i = 0; i < manifest.entries.size(); ++i)
        if (manifest.entries[i].dist() && !fetched[i]) unknown.emplace_back(manifest.entries[i].name);
      if (!unknown.empty()) {
        std::sort(unknown.begin(), unknown.end());
        manifest_result(out, kUnknownManifest, pkg, 0,
                        "unknown " + plural(unknown.size(), "distfile", "distfiles") + " in Manifest: [ " +
                            list(unknown) + " ]");
      }
    }
    if (!deprecated.empty())
      manifest_result(out, kDeprecatedManifestHash, pkg, 0,
                      "defines deprecated manifest hash " + plural(deprecated.size(), "type", "types") + ": [ " +
                          list(std::vector<std::string>(deprecated.begin(), deprecated.end())) + " ]");

    if (out.wants(kMatchingChksums) || out.wants(kConflictingChksums)) collisions_.add(pkg, manifest);
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
  bool read_manifest(const Package& pkg, const ScanContext& ctx, ResultSink& out, std::string& text,
                     Manifest& manifest) const {
    parse_manifest("", manifest);  // empty unless there is a Manifest to read
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
    std::string err;
    if (!ctx.read_package_file(pkg, "Manifest", text, &err)) {
      manifest_result(out, kInvalidManifest, pkg, 0, "Manifest " + (err.empty() ? "cannot be read" : err));
      return false;
    }
    parse_manifest(text, manifest);
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

  // One version's distfiles: bad names, missing entries, then the hashes
  // of the entries no lower version fetched. `manifest` is null when it is
  // unusable: then only the names are checked.
  void check_version(const Ebuild& e, std::span<const SrcUriLeaf> leaves, const Manifest* manifest,
                     std::vector<char>& fetched, ResultSink& out) const {
    HashVerdict last_verdict;  // views into `manifest`, so kept for one version's entries only
    // SRC_URI leaves in order, each looked up once; a name listed twice
    // (rare) is looked up twice, and the short result lists made unique.
    std::vector<std::string> missing, unspecific;
    const std::string_view pn = e.package.str(), pv = e.version.without_revision();
    for (const SrcUriLeaf& leaf : leaves) {
      std::string_view f = distfile_name(leaf);
      if (f.empty()) continue;
      if (unspecific_filename(f, pn, pv)) unspecific.emplace_back(f);
      if (!manifest) continue;
      const ManifestEntry* entry = manifest->find("DIST", f);
      if (!entry) {
        missing.emplace_back(f);
        continue;
      }
      char& seen = fetched[entry - manifest->entries.data()];
      if (seen) continue;  // its hashes were checked on a lower version
      seen = 1;
      const HashVerdict v = verdict(manifest->hashes_of(*entry), last_verdict);
      if (v.lacks || v.extra) hash_result(e, *manifest, *entry, v.lacks, out);
    }
    sort_unique(missing);
    sort_unique(unspecific);
    if (!unspecific.empty())
      meta::report(out, kBadFilename, e,
                   "bad " + plural(unspecific.size(), "filename", "filenames") + ": [ " + list(unspecific) + " ]");
    if (!missing.empty())
      meta::report(out, kMissingManifest, e,
                   plural(missing.size(), "distfile", "distfiles") + " missing from Manifest: [ " + list(missing) + " ]");
  }

  // Does a DIST entry with these hashes lack a hash manifest-required-hashes
  // names, or have one manifest-hashes does not? The entries of a Manifest
  // nearly all carry the same hash names in the same order (a cargo package
  // has hundreds), so the answer for the previous entry's names is reused
  // when they are the same.
  struct HashVerdict {
    std::span<const ManifestHash> names;  // the hashes it was worked out for (their names count)
    bool lacks = false, extra = false;
    bool known = false;
  };
  HashVerdict verdict(std::span<const ManifestHash> hashes, HashVerdict& last) const {
    if (last.known && last.names.size() == hashes.size() &&
        std::equal(hashes.begin(), hashes.end(), last.names.begin(),
                   [](const ManifestHash& a, const ManifestHash& b) { return text::same(a.name, b.name); }))
      return last;
    HashVerdict v{hashes, false, false, true};
    for (const std::string& required : required_)
      v.lacks = v.lacks || std::none_of(hashes.begin(), hashes.end(),
                                         [&](const ManifestHash& h) { return text::same(h.name, required); });
    v.extra = std::any_of(hashes.begin(), hashes.end(), [&](const ManifestHash& h) { return !listed(hashes_, h.name); });
    return last = v;
  }

  // MissingChksum (when a required hash is lacking), else DeprecatedChksum.
  void hash_result(const Ebuild& e, const Manifest& manifest, const ManifestEntry& entry, bool lacks,
                   ResultSink& out) const {
    std::vector<std::string> lacking, has{"size"}, extra;
    for (const std::string& h : required_)
      if (!manifest.hash(entry, h)) lacking.push_back(lower(h));
    for (const ManifestHash& h : manifest.hashes_of(entry)) {
      has.push_back(lower(h.name));
      if (!listed(hashes_, h.name)) extra.push_back(lower(h.name));
    }
    std::sort(lacking.begin(), lacking.end());
    std::sort(has.begin(), has.end());
    std::sort(extra.begin(), extra.end());
    const std::string f(entry.name);
    if (lacks)
      meta::report(out, kMissingChksum, e,
                   "'" + f + "' missing required chksums: " + list(lacking) + "; has chksums: " + list(has));
    else
      meta::report(out, kDeprecatedChksum, e,
                   "'" + f + "' has deprecated " + plural(extra.size(), "checksum", "checksums") + ": " + list(extra));
  }

  static Result* manifest_result(ResultSink& out, const Keyword& kw, const Package& pkg, int line, std::string message) {
    Result* r = out.package(kw, pkg, meta::printable(message));
    if (r) {
      r->path = pkgfiles::path(pkg, "Manifest");
      r->line = line;
    }
    return r;
  }

  // ConflictingChksums and MatchingChksums over the scanned packages, on the
  // lowest version of the later package (as pkgcheck).
  void collisions(std::span<const Package* const> scanned, ResultSink& out) const {
    collisions_.find(
        scanned, out.wants(kConflictingChksums), out.wants(kMatchingChksums),
        [&](const DistfileCollisions::Conflict& c) {
          if (c.pkg->versions.empty()) return;
          std::vector<std::string> hashes, pkgs;
          for (std::string_view h : c.hashes) hashes.push_back(lower(h));
          for (const Package* p : c.earlier) pkgs.push_back(p->key());
          sort_unique(hashes);
          std::sort(pkgs.begin(), pkgs.end());
          meta::report(out, kConflictingChksums, c.pkg->versions.front(),
                       "distfile '" + std::string(c.name) + "' has different " +
                           plural(hashes.size(), "checksum", "checksums") + " (" + list(hashes) + ") for " +
                           plural(pkgs.size(), "package", "packages") + ": " + list(pkgs));
        },
        [&](const DistfileCollisions::Match& m) {
          if (m.pkg->versions.empty()) return;
          std::string message =
              "distfile '" + std::string(m.name) + "' matches checksums for '" + std::string(m.origin_name) + "'";
          if (m.origin_pkg != m.pkg) message += " from " + m.origin_pkg->key();
          meta::report(out, kMatchingChksums, m.pkg->versions.front(), message);
        });
  }

  bool enabled_ = true;
  bool thin_ = false;
  std::vector<std::string> hashes_, required_;
  mutable DistfileCollisions collisions_;  // filled by concurrent check_package calls, read in check_repo
};

const RegisterCheck<ManifestCheck> kRegister;

}  // namespace
}  // namespace pkgscan
