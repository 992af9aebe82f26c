// ScanContext::ebuild_text: one read of each ebuild file per scan, shared by checks
// (and with the metadata layer, which reads it first to hash it).
#include <utility>
#include <vector>

#include "package_file_reads.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {

namespace {

// The texts of the package this thread is checking. Keyed by scan and
// package, so a package object at a reused address in a later scan never
// sees stale text.
struct PackageTexts {
  std::uint64_t scan_id = 0;
  const Package* pkg = nullptr;
  struct Entry {
    const Ebuild* ebuild;
    bool ok;
    std::string text;  // the bytes, or the error message when !ok
  };
  std::vector<Entry> entries;
};

}  // namespace

const std::string* ScanContext::ebuild_text(const Package& pkg, const Ebuild& e, std::string* err) const {
  thread_local PackageTexts cache;
  if (e.ebuild_path.empty()) {
    if (err) *err = "no ebuild file";
    return nullptr;
  }
  // The metadata layer already read it to hash it.
  if (e.origin.ebuild_text) return e.origin.ebuild_text.get();
  if (cache.scan_id != scan_id || cache.pkg != &pkg) {
    cache.scan_id = scan_id;
    cache.pkg = &pkg;
    cache.entries.clear();
  }
  for (const PackageTexts::Entry& entry : cache.entries)
    if (entry.ebuild == &e) {
      if (!entry.ok && err) *err = entry.text;
      return entry.ok ? &entry.text : nullptr;
    }
  PackageTexts::Entry& entry = cache.entries.emplace_back();
  entry.ebuild = &e;
  std::string message;
  FileInfo info;
  entry.ok = pkg.repo->fs().read_file_info(pkg.repo->abs(e.ebuild_path), entry.text, &message, info);
  if (entry.ok && e.ebuild_path.starts_with(pkg.key() + "/"))
    package_file_reads::note(scan_id, pkg, std::string_view(e.ebuild_path).substr(pkg.key().size() + 1), info.executable);
  if (!entry.ok) {
    entry.text = message.empty() ? "cannot read" : message;
    if (err) *err = entry.text;
    return nullptr;
  }
  return &entry.text;
}

}  // namespace pkgscan
