// PkgDir: the files of a package directory and its files/ subdirectory, as
// pkgcheck's PkgDirCheck sees them: names (GLEP 31 characters, ebuild names
// that do not parse or name another package, unexpected entries in ::gentoo),
// executable bits, empty, large and duplicate files in files/, ebuilds that
// are not UTF-8, and dosym with an absolute path (pkgcheck's
// AbsoluteSymlinkCheck). Paths the repository's .gitignore excludes are
// skipped. A symbolic link is followed only while it stays inside the
// repository; one leading out, a dangling or looping link, or an unreadable
// entry is reported instead.
#include <algorithm>
#include <cstdio>
#include <map>

#include "meta_common.hpp"
#include "package_files.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/gitignore.hpp"
#include "pkgscan/utf8.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kExecutableFile{
    "ExecutableFile", Level::Warning, Scope::Package,
    "A file of the package directory or of files/ has an executable bit. Nothing there is run directly (ebuilds "
    "are sourced, patches applied, scripts installed with their mode set by the ebuild). chmod -x it."};
constexpr Keyword kBannedCharacter{
    "BannedCharacter", Level::Error, Scope::Package,
    "A name in the package directory (or of a file in files/) has a character outside GLEP 31's set "
    "a-z A-Z 0-9 . _ - + :, which breaks tools and some file systems. Rename it."};
constexpr Keyword kInvalidUTF8{
    "InvalidUTF8", Level::Error, Scope::Package,
    "An ebuild is not valid UTF-8 (GLEP 31); the message gives the offending byte and its line. pkgcheck reads "
    "only the first 8 KiB; the whole file is checked here."};
constexpr Keyword kMismatchedPN{
    "MismatchedPN", Level::Error, Scope::Package,
    "An ebuild's file name parses as name-version but the name is not the package directory's: package "
    "managers ignore it. Rename or move it."};
constexpr Keyword kInvalidPN{
    "InvalidPN", Level::Error, Scope::Package,
    "An ebuild's file name does not parse as a package name and version (e.g. foo.ebuild, foo-1.x.ebuild): "
    "package managers ignore it. Rename it."};
constexpr Keyword kUnknownPkgDirEntry{
    "UnknownPkgDirEntry", Level::Warning, Scope::Package,
    "In the gentoo repository only: the package directory has an entry other than ebuilds, Manifest, "
    "metadata.xml and files/ (PMS allows other files in overlays)."};
constexpr Keyword kEmptyFile{
    "EmptyFile", Level::Warning, Scope::Package,
    "A file in files/ is empty: a leftover or a mistake."};
constexpr Keyword kSizeViolation{
    "SizeViolation", Level::Warning, Scope::Package,
    "A file in files/ is larger than 20 KiB. Large patches and data belong in a distfile (SRC_URI), not in "
    "the repository that every user syncs."};
constexpr Keyword kTotalSizeViolation{
    "TotalSizeViolation", Level::Warning, Scope::Package,
    "The files in files/ add up to more than 50 KiB. Move large ones to a distfile."};
constexpr Keyword kDuplicateFiles{
    "DuplicateFiles", Level::Warning, Scope::Package,
    "Files in files/ with identical contents: keep one and use it from every ebuild."};
constexpr Keyword kAbsoluteSymlink{
    "AbsoluteSymlink", Level::Warning, Scope::Version,
    "An ebuild line calls dosym with an absolute target (/usr/..., /etc/..., or \"${ED}\"-style prefixed): the "
    "link breaks when the image is installed under another root. Use a relative target or dosym -r (EAPI 8)."};
constexpr Keyword kBrokenPkgDirEntry{
    "BrokenPkgDirEntry", Level::Error, Scope::Package,
    "An entry of the package directory or files/ cannot be used: a symbolic link leading outside the "
    "repository (never followed), a dangling or looping link, a directory that cannot be listed or a file that "
    "cannot be read. The message names the path."};

// pkgcheck's limits (bytes).
constexpr std::uint64_t kMaxFileSize = 20480;
constexpr std::uint64_t kMaxTotalSize = 51200;

bool allowed_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-' || c == '+' || c == ':';
}

// The characters of `name` outside GLEP 31's set, sorted, each once.
std::string banned_chars(std::string_view name) {
  std::string bad;
  for (char c : name)
    if (!allowed_name_char(c)) bad += c;
  std::sort(bad.begin(), bad.end());
  bad.erase(std::unique(bad.begin(), bad.end()), bad.end());
  return bad;
}

// "filename 'x' characters outside allowed set: ' ', '@'" (pkgcheck's words).
std::string banned_message(const std::string& shown_name, const std::string& bad) {
  std::string chars;
  for (char c : bad) {
    if (!chars.empty()) chars += ", ";
    chars += '\'' + std::string(1, c) + '\'';  // made printable with the whole message
  }
  return "filename '" + shown_name + "' " + (bad.size() == 1 ? "character" : "characters") +
         " outside allowed set: " + chars;
}

// KiB as snakeoil's sizeof_fmt writes them ("20.0 KiB").
std::string kib(std::uint64_t bytes) {
  char buf[32];
  if (bytes < 1024) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else if (bytes < 1024 * 1024) std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024);
  else std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024 * 1024));
  return buf;
}


int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// pkgcheck's AbsoluteSymlinkCheck: "dosym" at the start of a line, then a
// first argument that is "${D}"-style prefixed (in double quotes) or an
// absolute path into /bin, /etc, /lib, /opt, /sbin, /srv, /usr or /var.
// Returns the command up to the end of that argument, or "".
std::string_view absolute_dosym(std::string_view line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos || line.substr(i, 5) != "dosym") return {};
  const std::size_t start = i;
  i += 5;
  std::size_t arg = line.find_first_not_of(" \t", i);
  if (arg == i || arg == std::string_view::npos) return {};
  std::string_view rest = line.substr(arg);
  auto until_space = [&](std::size_t from) {
    std::size_t end = rest.find_first_of(" \t", from);
    return end == std::string_view::npos ? rest.size() : end;
  };
  // "${ED}/usr/..." or "${ED%/}"/usr/...
  static constexpr std::string_view kVars[] = {"BROOT", "ROOT", "D", "EROOT", "ED", "EPREFIX"};
  if (rest.starts_with("\"${")) {
    for (std::string_view var : kVars) {
      std::string_view after = rest.substr(3);
      if (!after.starts_with(var)) continue;
      std::size_t k = 3 + var.size();
      if (rest.substr(k, 2) == "%/") k += 2;
      if (rest.substr(k, 1) != "}") continue;
      ++k;
      std::size_t end;
      if (rest.substr(k, 1) == "\"") {
        end = until_space(k + 1);
      } else {
        std::size_t quote = rest.find('"', k);
        if (quote == std::string_view::npos) continue;
        end = quote + 1;
      }
      return line.substr(start, arg - start + end);
    }
    return {};
  }
  static constexpr std::string_view kDirs[] = {"bin", "etc", "lib", "opt", "sbin", "srv", "usr", "var"};
  std::size_t k = 0;
  char quote = 0;
  if (!rest.empty() && (rest[0] == '"' || rest[0] == '\'')) quote = rest[k++];
  if (rest.substr(k, 1) != "/") return {};
  std::string_view path = rest.substr(k + 1);
  if (std::none_of(std::begin(kDirs), std::end(kDirs), [&](std::string_view d) { return path.starts_with(d); }))
    return {};
  std::size_t end;
  if (quote) {
    std::size_t close = rest.find(quote, k + 1);
    if (close == std::string_view::npos) return {};
    end = close + 1;
  } else {
    end = until_space(k);
  }
  return line.substr(start, arg - start + end);
}

class PkgDirCheck final : public Check {
 public:
  static constexpr std::string_view kName = "PkgDir";
  static constexpr std::string_view kDoc =
      "Checks the files of package directories: names, executable bits, empty, large and duplicate files in "
      "files/, ebuilds that are not UTF-8 or use dosym with absolute paths, and links leading outside the "
      "repository.";
  static constexpr std::array<Keyword, 12> kKeywords = {
      kExecutableFile,     kBannedCharacter, kInvalidUTF8,   kMismatchedPN,       kInvalidPN,      kUnknownPkgDirEntry,
      kEmptyFile,          kSizeViolation,   kDuplicateFiles, kTotalSizeViolation, kAbsoluteSymlink, kBrokenPkgDirEntry};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    const Repository& main = ctx.repos.main();
    gentoo_ = main.name() == "gentoo";
    ignore_ = GitIgnore::load(main.fs(), main.root());
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (pkg.listing.empty() && pkg.listing_error.empty()) return;  // metadata-only: no directory to look at
    if (!pkg.listing_error.empty()) {
      report(out, kBrokenPkgDirEntry, pkg, pkg.key() + ": " + pkg.listing_error);
      return;
    }
    top_level(pkg, ctx, out);  // reports a files/ link that leads out or nowhere
    const DirEntry* files = pkgfiles::find(pkg, "files");
    bool usable = files && files->type == FileType::Directory && !ignored(pkg, "files", true) &&
                  (!files->symlink || pkgfiles::follow_links(*pkg.repo, pkgfiles::path(pkg, "files")) ==
                                          pkgfiles::LinkEnd::Inside);
    if (usable) files_dir(pkg, out);
    dosym_lines(pkg, ctx, out);
  }

 private:
  static Result* report(ResultSink& out, const Keyword& kw, const Package& pkg, const std::string& message,
                        const std::string& path = "") {
    Result* r = out.package(kw, pkg, meta::printable(message));
    if (r && !path.empty()) r->path = pkg.key() + "/" + path;
    return r;
  }

  bool ignored(const Package& pkg, std::string_view rel, bool is_dir) const {
    return !ignore_.empty() && ignore_.ignored(pkg.key() + "/" + std::string(rel), is_dir);
  }

  // A symlink at package-relative `rel`: true when it may be followed;
  // otherwise it has been reported.
  bool stays_inside(const Package& pkg, const std::string& rel, ResultSink& out) const {
    std::string target;
    switch (pkgfiles::follow_links(*pkg.repo, pkgfiles::path(pkg, rel), &target)) {
      case pkgfiles::LinkEnd::Inside: return true;
      case pkgfiles::LinkEnd::Outside:
        report(out, kBrokenPkgDirEntry, pkg,
               "'" + rel + "' is a symbolic link to '" + target + "', outside the repository; not followed", rel);
        return false;
      case pkgfiles::LinkEnd::Broken:
        report(out, kBrokenPkgDirEntry, pkg, "'" + rel + "' is a symbolic link that cannot be followed ('" + target + "')",
               rel);
        return false;
    }
    return false;
  }

  void top_level(const Package& pkg, const ScanContext& ctx, ResultSink& out) const {
    std::vector<std::string> mismatched, invalid, unknown;
    const std::string_view dir_name = pkg.package.str();
    for (const DirEntry& e : pkg.listing) {
      const bool is_dir = e.type == FileType::Directory;
      if (ignored(pkg, e.name, is_dir)) continue;
      if (e.symlink && !stays_inside(pkg, e.name, out)) continue;
      if (e.type == FileType::Other && !e.symlink)
        report(out, kBrokenPkgDirEntry, pkg,
               "'" + e.name + "' is neither a file nor a directory" + (e.problem.empty() ? "" : " (" + e.problem + ")"),
               e.name);
      if (std::string bad = banned_chars(e.name); !bad.empty())
        report(out, kBannedCharacter, pkg, banned_message(e.name, bad), e.name);
      if (e.name.ends_with(".ebuild")) {
        // The index parsed every ebuild name already: only those it set
        // aside (Package::bad_ebuilds) need a second look.
        std::string_view pf = std::string_view(e.name).substr(0, e.name.size() - 7);
        if (is_bad_ebuild(pkg, e.name)) {
          std::optional<PfSplit> split = split_pf(pf);
          if (!split) invalid.emplace_back(pf);
          else if (split->package != dir_name) mismatched.emplace_back(pf);
        }
        if (e.type == FileType::Regular) utf8(pkg, ctx, e.name, out);
      } else if (gentoo_ && e.name != "Manifest" && e.name != "metadata.xml" && e.name != "files") {
        unknown.push_back(e.name);
      }
      // The ebuilds, Manifest and metadata.xml have been read by now (by
      // the metadata layer, the checks before this one, or utf8() above):
      // those reads saw the bit, and only the other files are stat'ed.
      if (e.type == FileType::Regular && !e.symlink && out.wants(kExecutableFile) &&
          ctx.executable(pkg, e.name).value_or(false))
        report(out, kExecutableFile, pkg, "unnecessary executable bit: '" + e.name + "'", e.name);
    }
    auto names = [](const std::vector<std::string>& v) { return meta::joined(v, ", "); };
    if (!mismatched.empty())
      report(out, kMismatchedPN, pkg,
             std::string("mismatched package name") + (mismatched.size() == 1 ? "" : "s") + ": [ " + names(mismatched) + " ]");
    if (!invalid.empty())
      report(out, kInvalidPN, pkg,
             std::string("invalid package name") + (invalid.size() == 1 ? "" : "s") + ": [ " + names(invalid) + " ]");
    if (!unknown.empty())
      report(out, kUnknownPkgDirEntry, pkg,
             std::string("unknown entr") + (unknown.size() == 1 ? "y" : "ies") + ": " + meta::quoted_list(unknown));
  }

  static bool is_bad_ebuild(const Package& pkg, const std::string& name) {
    if (name.front() == '.') return true;  // the index skips dotfiles
    for (const std::string& path : pkg.bad_ebuilds)
      if (path.size() > name.size() && path.ends_with(name) && path[path.size() - name.size() - 1] == '/') return true;
    return false;
  }

  // An ebuild's bytes: from the shared per-package read when it is one of
  // the package's versions, read here otherwise (a misnamed ebuild).
  void utf8(const Package& pkg, const ScanContext& ctx, const std::string& name, ResultSink& out) const {
    if (!out.wants(kInvalidUTF8)) return;
    const std::string rel = pkgfiles::path(pkg, name);
    std::string own, err;
    const std::string* text = nullptr;
    const Ebuild* version = nullptr;
    for (const Ebuild& e : pkg.versions)
      if (e.ebuild_path == rel) version = &e;
    // The metadata layer validated a version's bytes when it hashed them,
    // while they were in the cache; reading them again here, after the
    // other checks, would come from memory.
    if (version && version->origin.checked && version->origin.ebuild_invalid_utf8 == std::string_view::npos) return;
    if (version) text = ctx.ebuild_text(pkg, *version, &err);
    if (!text && err.empty()) {
      if (ctx.read_package_file(pkg, name, own, &err)) text = &own;
    }
    if (!text) {
      report(out, kBrokenPkgDirEntry, pkg, "'" + name + "' " + (err.empty() ? "cannot be read" : err), name);
      return;
    }
    std::size_t at = invalid_utf8_at(*text);
    if (at == std::string_view::npos) return;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned char>((*text)[at]));
    Result* r = report(out, kInvalidUTF8, pkg,
                       "invalid UTF-8: byte " + std::string(byte) + " at offset " + std::to_string(at) + ": '" + name + "'",
                       name);
    if (r) r->line = line_of(*text, at);
  }

  struct FilesEntry {
    std::string rel;  // "files/sub/x.patch"
    std::uint64_t size;
  };

  // files/ recursively: links not followed (pkgcheck's os.walk and lstat),
  // version-control directories skipped.
  void files_dir(const Package& pkg, ResultSink& out) const {
    std::vector<FilesEntry> sized;
    std::uint64_t total = 0;
    std::vector<std::string> dirs{"files"};
    int listed = 0;
    while (!dirs.empty()) {
      std::string dir = std::move(dirs.back());
      dirs.pop_back();
      if (++listed > kMaxDirs) {
        report(out, kBrokenPkgDirEntry, pkg, "files/ has more than " + std::to_string(kMaxDirs) +
                                                 " directories; the rest was not examined", "files");
        break;
      }
      std::vector<DirEntry> entries;
      std::string err;
      if (!pkg.repo->fs().list_dir(pkg.repo->abs(pkgfiles::path(pkg, dir)), entries, &err)) {
        report(out, kBrokenPkgDirEntry, pkg, "'" + dir + "' " + (err.empty() ? "cannot be listed" : err), dir);
        continue;
      }
      // Reverse order on the stack, so directories are visited in name order.
      for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        const DirEntry& e = *it;
        std::string rel = dir + "/" + e.name;
        if (ignored(pkg, rel, e.type == FileType::Directory)) continue;
        if (e.symlink) {
          stays_inside(pkg, rel, out);  // reports links that lead out or nowhere
          continue;
        }
        if (e.type == FileType::Directory) {
          if (e.name != "CVS" && e.name != ".svn" && e.name != ".bzr") dirs.push_back(rel);
          continue;
        }
        if (e.type != FileType::Regular) continue;
        FileInfo info;
        std::string lerr;
        if (!pkg.repo->fs().lstat(pkg.repo->abs(pkgfiles::path(pkg, rel)), info, &lerr)) {
          report(out, kBrokenPkgDirEntry, pkg, "'" + rel + "' " + lerr, rel);
          continue;
        }
        if (info.executable) report(out, kExecutableFile, pkg, "unnecessary executable bit: '" + rel + "'", rel);
        if (info.size == 0) {
          report(out, kEmptyFile, pkg, "empty file in FILESDIR: '" + rel + "'", rel);
        } else {
          total += info.size;
          sized.push_back({rel, info.size});
          if (info.size > kMaxFileSize)
            report(out, kSizeViolation, pkg, "'" + rel + "' exceeds " + kib(kMaxFileSize) + " in size; " + kib(info.size) + " total",
                   rel);
        }
        if (std::string bad = banned_chars(e.name); !bad.empty())
          report(out, kBannedCharacter, pkg, banned_message(rel, bad), rel);
      }
    }
    if (total > kMaxTotalSize)
      report(out, kTotalSizeViolation, pkg,
             "files/ directory exceeds " + kib(kMaxTotalSize) + " in size; " + kib(total) + " total", "files");
    if (out.wants(kDuplicateFiles)) duplicates(pkg, sized, out);
  }

  // Files of equal size are read (once each) and compared byte for byte.
  void duplicates(const Package& pkg, std::vector<FilesEntry>& sized, ResultSink& out) const {
    std::sort(sized.begin(), sized.end(), [](const FilesEntry& a, const FilesEntry& b) {
      return a.size != b.size ? a.size < b.size : a.rel < b.rel;
    });
    std::vector<std::vector<std::string>> groups;
    for (std::size_t i = 0; i < sized.size();) {
      std::size_t j = i;
      while (j < sized.size() && sized[j].size == sized[i].size) ++j;
      if (j - i > 1) {
        std::map<std::string, std::vector<std::string>> by_content;
        for (std::size_t k = i; k < j; ++k) {
          std::string text, err;
          if (!pkg.repo->fs().read_file(pkg.repo->abs(pkgfiles::path(pkg, sized[k].rel)), text, &err)) {
            report(out, kBrokenPkgDirEntry, pkg, "'" + sized[k].rel + "' " + err, sized[k].rel);
            continue;
          }
          by_content[std::move(text)].push_back(sized[k].rel);
        }
        for (auto& [content, names] : by_content)
          if (names.size() > 1) groups.push_back(std::move(names));
      }
      i = j;
    }
    std::sort(groups.begin(), groups.end());
    for (const auto& names : groups)
      report(out, kDuplicateFiles, pkg, "duplicate identical files in FILESDIR: " + meta::quoted_list(names), names.front());
  }

  void dosym_lines(const Package& pkg, const ScanContext& ctx, ResultSink& out) const {
    if (!out.wants(kAbsoluteSymlink)) return;
    for (const Ebuild& e : pkg.versions) {
      const std::string* text = ctx.ebuild_text(pkg, e);
      if (!text || text->find("dosym") == std::string::npos) continue;
      // Only the lines holding "dosym" are looked at (an ebuild that has one
      // has it on a few of its lines); line numbers count the newlines
      // skipped on the way.
      const std::string_view t = *text;
      int line_no = 1;
      std::size_t counted = 0;  // newlines before this offset are in line_no
      for (std::size_t at = t.find("dosym"); at != std::string_view::npos;) {
        const std::size_t newline_before = t.rfind('\n', at);
        const std::size_t begin = newline_before == std::string_view::npos ? 0 : newline_before + 1;
        std::size_t end = t.find('\n', at);
        if (end == std::string_view::npos) end = t.size();
        line_no += static_cast<int>(std::count(t.begin() + static_cast<std::ptrdiff_t>(counted),
                                               t.begin() + static_cast<std::ptrdiff_t>(begin), '\n'));
        counted = begin;
        at = end == t.size() ? std::string_view::npos : t.find("dosym", end);
        std::string_view cmd = absolute_dosym(t.substr(begin, end - begin));
        if (cmd.empty()) continue;
        Result* r = meta::report(out, kAbsoluteSymlink, e,
                                 "dosym called with absolute path on line " + std::to_string(line_no) + ": " +
                                     std::string(cmd));
        if (r) r->line = line_no;
      }
    }
  }

  static constexpr int kMaxDirs = 1000;  // a files/ tree deeper than any real one: a loop or an attack
  bool gentoo_ = false;
  GitIgnore ignore_;
};

const RegisterCheck<PkgDirCheck> kRegister;

}  // namespace
}  // namespace pkgscan
