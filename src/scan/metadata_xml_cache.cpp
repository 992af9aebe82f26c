// ScanContext::metadata_xml: one parse of each package's metadata.xml per
// scan, shared by the checks that read it.
//
// All checks of one package run one after another on one thread (see
// pipeline.cpp), so a one-entry cache per thread is enough: the first check
// to ask parses, the next ones of the same package get that value, and the
// next package replaces it. No locks, and memory stays at one parsed file
// per thread. Keyed by scan and package, so a package object at a reused
// address in a later scan never sees a stale value.
#include <algorithm>
#include <optional>

#include "package_file_reads.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {

namespace {

// The type of `name` in the package directory as the index listed it
// (Missing when it is not there), so the file is not stat'ed again; nullopt
// when there is no listing (a metadata-only repository, an unlistable
// directory).
std::optional<FileType> listed_type(const Package& pkg, std::string_view name) {
  if (pkg.listing.empty()) return std::nullopt;
  auto it = std::lower_bound(pkg.listing.begin(), pkg.listing.end(), name,
                             [](const DirEntry& e, std::string_view n) { return e.name < n; });
  if (it == pkg.listing.end() || it->name != name) return FileType::Missing;
  return it->type;
}

}  // namespace

const MetadataXml& ScanContext::metadata_xml(const Package& pkg) const {
  struct Slot {
    std::uint64_t scan_id = 0;
    const Package* pkg = nullptr;
    MetadataXml xml;
  };
  thread_local Slot slot;
  if (slot.scan_id != scan_id || slot.pkg != &pkg) {
    std::string path = pkg.repo->abs(pkg.key() + "/metadata.xml");
    FileInfo read;
    read.type = FileType::Missing;
    slot.xml = read_metadata_xml(pkg.repo->fs(), path, MetadataXmlKind::Package, listed_type(pkg, "metadata.xml"), &read);
    if (read.type != FileType::Missing) package_file_reads::note(scan_id, pkg, "metadata.xml", read.executable);
    slot.scan_id = scan_id;
    slot.pkg = &pkg;
  }
  return slot.xml;
}

}  // namespace pkgscan
