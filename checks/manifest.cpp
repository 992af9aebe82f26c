// Manifest: does each package's Manifest parse, list every distfile its
// versions fetch (SRC_URI with every USE branch taken, named as after "->"),
// with the hashes metadata/layout.conf requires, and nothing else? Hashes are
// only compared with each other, never computed: the distfiles are not here.
// Across the scanned packages, one distfile name must have one set of hashes
// and one set of hashes one name (pkgcheck's ManifestCheck and
// ManifestCollisionCheck).
#include <string.h>  // memrchr

#include <algorithm>
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

bool archive_ext(std::string_view s) {
  return std::find(std::begin(kArchiveExts), std::end(kArchiveExts), s) != std::end(kArchiveExts);
}

// ${PN}.ext, ${PV}.ext, v${PV}.ext or <commit>.ext: names that say nothing
// of the package. The prefix is tested first: every distfile passes here.
bool unspecific_filename(std::string_view file, std::string_view pn, std::string_view pv) {
  if (file.starts_with(pn) && archive_ext(file.substr(pn.size()))) return true;
  std::string_view rest = file.starts_with('v') ? file.substr(1) : file;
  if (rest.starts_with(pv) && archive_ext(rest.substr(pv.size()))) return true;
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

// A hash value's fingerprint for comparisons across packages: its first 16
// hex digits as a number (the value is a cryptographic hash, so these bits
// are as good as any), and its length. Case does not matter, as pkgcore
// compares the numbers.
std::uint64_t fingerprint(std::string_view hex_value) {
  std::uint64_t fp = 0;
  for (char c : hex_value.substr(0, 16)) {
    unsigned digit = c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
    fp = (fp << 4) | digit;
  }
  return fp ^ (static_cast<std::uint64_t>(hex_value.size()) * 0x9E3779B97F4A7C15ull);
}

// A hash name as a Symbol; the two that nearly every entry has skip the
// symbol table.
Symbol hash_symbol(std::string_view name) {
  static const Symbol kBlake2b = Symbol::intern("BLAKE2B"), kSha512 = Symbol::intern("SHA512");
  if (name == "BLAKE2B") return kBlake2b;
  if (name == "SHA512") return kSha512;
  return Symbol::intern(name);
}

// The DIST entries of one package, compactly, kept from check_package to
// check_repo: a large repository has hundreds of thousands of them. Hash
// values are kept as 64-bit fingerprints (two different files would have
// to agree in the first 64 bits of every hash to be taken for one).
struct PackagePrints {
  struct Hash {
    Symbol name;  // "BLAKE2B"
    std::uint64_t fp;
  };
  struct Entry {
    std::uint32_t name_at, name_size;  // in names
    std::uint64_t name_hash;
    std::uint32_t first_hash, hash_count;  // in hashes, sorted by name
    std::uint64_t all;                     // size and every (name, value): equal entries, equal values
  };
  std::string names;
  std::vector<Hash> hashes;
  std::vector<Entry> entries;

  std::string_view name(const Entry& e) const { return std::string_view(names).substr(e.name_at, e.name_size); }
  std::span<const Hash> hashes_of(const Entry& e) const {
    return std::span<const Hash>(hashes).subspan(e.first_hash, e.hash_count);
  }
};

// Sorts by the 64-bit `key` member, stably (equal keys keep their order):
// a least-significant-byte radix sort, linear in the number of elements.
template <class T>
void radix_sort(std::vector<T>& v) {
  std::vector<T> tmp(v.size());
  for (int shift = 0; shift < 64; shift += 8) {
    std::size_t count[257] = {};
    for (const T& x : v) ++count[((x.key >> shift) & 0xff) + 1];
    if (count[((v.empty() ? 0 : v[0].key >> shift) & 0xff) + 1] == v.size()) continue;  // one bucket: nothing moves
    for (int b = 0; b < 256; ++b) count[b + 1] += count[b];
    for (const T& x : v) tmp[count[(x.key >> shift) & 0xff]++] = x;
    v.swap(tmp);
  }
}

// A distfile name met in the collision pass.
struct SeenFile {
  std::vector<const Package*> packages;     // in scan order, each once
  std::vector<PackagePrints::Hash> hashes;  // the union of the agreeing entries' hashes
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
    // The Manifest's bytes (the parsed entries are views into them) and
    // its parsed form live in storage each thread reuses: Manifests of
    // cargo packages run to megabytes, and every package has one.
    thread_local std::string text;
    thread_local Manifest manifest;
    thread_local std::vector<char> fetched;  // per entry: some version fetches it
    // A Manifest that could not be read or has malformed lines gives no
    // comparisons (they would rest on part of the file); SRC_URI itself is
    // still checked.
    const bool usable = read_manifest(pkg, out, text, manifest);

    std::vector<std::string> unnecessary;
    std::set<std::string> deprecated;
    for (const ManifestEntry& e : manifest.entries) {
      if (e.tag != "DIST") {
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
        if (manifest.entries[i].tag == "DIST" && !fetched[i]) unknown.emplace_back(manifest.entries[i].name);
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
  bool read_manifest(const Package& pkg, ResultSink& out, std::string& text, Manifest& manifest) const {
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
    if (!pkg.repo->fs().read_file(pkg.repo->abs(rel), text, &err)) {
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

  // One version's distfiles: missing entries, then the hashes of the
  // entries this package has not yet been checked for.
  // One version's distfiles: bad names, missing entries, then the hashes
  // of the entries no lower version fetched. `manifest` is null when it is
  // unusable: then only the names are checked.
  void check_version(const Ebuild& e, std::span<const SrcUriLeaf> leaves, const Manifest* manifest,
                     std::vector<char>& fetched, ResultSink& out) const {
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
      const bool lacks = std::any_of(required_.begin(), required_.end(),
                                     [&](const std::string& h) { return !manifest->hash(*entry, h); });
      const bool extra = std::any_of(manifest->hashes_of(*entry).begin(), manifest->hashes_of(*entry).end(),
                                     [&](const ManifestHash& h) {
                                       return std::find(hashes_.begin(), hashes_.end(), h.name) == hashes_.end();
                                     });
      if (lacks || extra) hash_result(e, *manifest, *entry, lacks, out);
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

  // MissingChksum (when a required hash is lacking), else DeprecatedChksum.
  void hash_result(const Ebuild& e, const Manifest& manifest, const ManifestEntry& entry, bool lacks,
                   ResultSink& out) const {
    std::vector<std::string> lacking, has{"size"}, extra;
    for (const std::string& h : required_)
      if (!manifest.hash(entry, h)) lacking.push_back(lower(h));
    for (const ManifestHash& h : manifest.hashes_of(entry)) {
      has.push_back(lower(h.name));
      if (std::find(hashes_.begin(), hashes_.end(), h.name) == hashes_.end()) extra.push_back(lower(h.name));
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

  void remember(const Package& pkg, const Manifest& manifest) const {
    PackagePrints prints;
    std::size_t entries = 0, name_bytes = 0;
    for (const ManifestEntry& e : manifest.entries)
      if (e.tag == "DIST") {
        ++entries;
        name_bytes += e.name.size();
      }
    if (entries == 0) return;
    prints.entries.reserve(entries);  // kept to the end of the scan: sized once, no regrowth
    prints.names.reserve(name_bytes);
    prints.hashes.reserve(manifest.hashes.size());
    for (const ManifestEntry& e : manifest.entries) {
      if (e.tag != "DIST") continue;
      PackagePrints::Entry& p = prints.entries.emplace_back();
      p.name_at = static_cast<std::uint32_t>(prints.names.size());
      p.name_size = static_cast<std::uint32_t>(e.name.size());
      p.name_hash = std::hash<std::string_view>{}(e.name);
      prints.names += e.name;
      p.first_hash = static_cast<std::uint32_t>(prints.hashes.size());
      p.hash_count = static_cast<std::uint32_t>(e.hash_count);
      for (const ManifestHash& h : manifest.hashes_of(e)) prints.hashes.push_back({hash_symbol(h.name), fingerprint(h.value)});
      auto mine = std::span<PackagePrints::Hash>(prints.hashes).subspan(p.first_hash);
      auto by_name = [](const PackagePrints::Hash& a, const PackagePrints::Hash& b) {
        return Symbol::lexical_less(a.name, b.name);
      };
      if (!std::is_sorted(mine.begin(), mine.end(), by_name)) std::sort(mine.begin(), mine.end(), by_name);
      p.all = (e.size + 1) * 0x9E3779B97F4A7C15ull;
      for (const PackagePrints::Hash& h : mine) {
        p.all = (p.all ^ h.name.id()) * 0xFF51AFD7ED558CCDull;
        p.all = (p.all ^ h.fp) * 0xC4CEB9FE1A85EC53ull;
        p.all ^= p.all >> 29;
      }
    }
    std::lock_guard<std::mutex> lock(mu_);
    prints_.emplace(&pkg, std::move(prints));
  }

  // pkgcheck's ManifestCollisionCheck over the scanned packages in order:
  // a name seen before with a different value for a shared hash conflicts;
  // a size and hash set seen before under another name matches. Entries are
  // grouped by sorting (name, then scan order; fingerprint, then scan order)
  // rather than through hash tables: hundreds of thousands of entries sort
  // faster than they are looked up one by one.
  void collisions(std::span<const Package* const> scanned, ResultSink& out) const {
    // Every scanned DIST entry in scan order, and small (key, position)
    // pairs to sort: sorting these is cheaper than looking each entry up.
    struct Ref {
      std::string_view name;
      const Package* pkg;
      const PackagePrints* prints;
      const PackagePrints::Entry* entry;
    };
    struct Key {
      std::uint64_t key;
      std::uint32_t at;  // index in refs, which is scan order
    };
    std::vector<Ref> refs;
    for (const Package* pkg : scanned) {
      auto it = prints_.find(pkg);
      if (it == prints_.end() || pkg->versions.empty()) continue;
      for (const PackagePrints::Entry& e : it->second.entries) refs.push_back({it->second.name(e), pkg, &it->second, &e});
    }
    std::vector<Key> keys(refs.size());
    // Runs of equal keys, in scan order within each run; fn(run) for runs of two or more.
    auto each_run = [&](auto key_of, auto&& fn) {
      for (std::uint32_t i = 0; i < refs.size(); ++i) keys[i] = {key_of(refs[i]), i};
      radix_sort(keys);
      std::vector<const Ref*> run;
      for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i + 1;
        while (j < keys.size() && keys[j].key == keys[i].key) ++j;
        if (j - i > 1) {
          run.clear();
          for (std::size_t k = i; k < j; ++k) run.push_back(&refs[keys[k].at]);
          fn(run);
        }
        i = j;
      }
    };

    if (out.wants(kConflictingChksums)) {
      each_run([](const Ref& r) { return r.entry->name_hash; }, [&](std::vector<const Ref*>& run) {
        // Equal name hashes: the names themselves are compared too; a
        // handled name is cleared from the run.
        for (std::size_t i = 0; i < run.size(); ++i) {
          if (!run[i]) continue;
          SeenFile seen;
          seen.packages.push_back(run[i]->pkg);
          auto first = run[i]->prints->hashes_of(*run[i]->entry);
          seen.hashes.assign(first.begin(), first.end());
          for (std::size_t k = i + 1; k < run.size(); ++k) {
            if (!run[k] || run[k]->name != run[i]->name) continue;
            const Ref& r = *run[k];
            conflict(*r.pkg, r.pkg->versions.front(), r.name, r.prints->hashes_of(*r.entry), seen, out);
          }
          std::string_view name = run[i]->name;
          for (std::size_t k = i; k < run.size(); ++k)
            if (run[k] && run[k]->name == name) run[k] = nullptr;
        }
      });
    }
    if (out.wants(kMatchingChksums)) {
      each_run([](const Ref& r) { return r.entry->all; }, [&](std::vector<const Ref*>& run) {
        const Ref& origin = *run[0];
        for (std::size_t k = 1; k < run.size(); ++k) {
          const Ref& r = *run[k];
          if (r.name == origin.name) continue;
          if (r.name.find("%2F@v") != std::string_view::npos && r.name.ends_with(".mod")) continue;  // go.mod files
          std::string message =
              "distfile '" + std::string(r.name) + "' matches checksums for '" + std::string(origin.name) + "'";
          if (origin.pkg != r.pkg) message += " from " + origin.pkg->key();
          meta::report(out, kMatchingChksums, r.pkg->versions.front(), message);
        }
      });
    }
  }

  // A distfile name seen before: its hashes must agree with the earlier ones.
  static void conflict(const Package& pkg, const Ebuild& first, std::string_view name,
                       std::span<const PackagePrints::Hash> hashes, SeenFile& seen, ResultSink& out) {
    std::vector<std::string> differing;
    for (const PackagePrints::Hash& h : hashes)
      for (const PackagePrints::Hash& old : seen.hashes)
        if (old.name == h.name && old.fp != h.fp) differing.push_back(lower(h.name.str()));
    if (differing.empty()) {
      for (const PackagePrints::Hash& h : hashes)
        if (std::none_of(seen.hashes.begin(), seen.hashes.end(), [&](const auto& o) { return o.name == h.name; }))
          seen.hashes.push_back(h);
      if (seen.packages.back() != &pkg) seen.packages.push_back(&pkg);
      return;
    }
    std::vector<std::string> pkgs;
    for (const Package* p : seen.packages) pkgs.push_back(p->key());
    std::sort(pkgs.begin(), pkgs.end());
    meta::report(out, kConflictingChksums, first,
                 "distfile '" + std::string(name) + "' has different " +
                     plural(differing.size(), "checksum", "checksums") + " (" + list(differing) + ") for " +
                     plural(pkgs.size(), "package", "packages") + ": " + list(pkgs));
  }

  bool enabled_ = true;
  bool thin_ = false;
  std::vector<std::string> hashes_, required_;
  mutable std::mutex mu_;  // guards prints_, filled by concurrent check_package calls
  mutable std::unordered_map<const Package*, PackagePrints> prints_;
};

const RegisterCheck<ManifestCheck> kRegister;

}  // namespace
}  // namespace pkgscan
