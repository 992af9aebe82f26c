// ScanContext::metadata_xml: one parse of each package's metadata.xml per
// scan, shared by the checks that read it.
//
// All checks of one package run one after another on one thread (see
// pipeline.cpp), so a one-entry cache per thread is enough: the first check
// to ask parses, the next ones of the same package get that value, and the
// next package replaces it. No locks, and memory stays at one parsed file
// per thread. Keyed by scan and package, so a package object at a reused
// address in a later scan never sees a stale value.
#include "pkgscan/check.hpp"

namespace pkgscan {

const MetadataXml& ScanContext::metadata_xml(const Package& pkg) const {
  struct Slot {
    std::uint64_t scan_id = 0;
    const Package* pkg = nullptr;
    MetadataXml xml;
  };
  thread_local Slot slot;
  if (slot.scan_id != scan_id || slot.pkg != &pkg) {
    std::string path = pkg.repo->abs(pkg.key() + "/metadata.xml");
    slot.xml = read_metadata_xml(pkg.repo->fs(), path, MetadataXmlKind::Package);
    slot.scan_id = scan_id;
    slot.pkg = &pkg;
  }
  return slot.xml;
}

}  // namespace pkgscan
