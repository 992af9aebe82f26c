// ScanContext::read_package_file and ScanContext::executable: the files of a
// package directory that a scan reads (ebuilds, Manifest, metadata.xml) give
// their executable bit with the read, so PkgDir's ExecutableFile test costs
// no lstat for them -- one system call per file, and a system call is
// expensive on virtual machines.
#include "package_file_reads.hpp"

#include <string>
#include <utility>
#include <vector>

#include "pkgscan/check.hpp"

namespace pkgscan {

namespace package_file_reads {

namespace {

struct Notes {
  std::uint64_t scan_id = 0;
  const Package* pkg = nullptr;
  std::vector<std::pair<std::string, bool>> files;  // (name, executable), a handful per package
};

Notes& notes() {
  thread_local Notes n;
  return n;
}

}  // namespace

void note(std::uint64_t scan_id, const Package& pkg, std::string_view name, bool executable) {
  Notes& n = notes();
  if (n.scan_id != scan_id || n.pkg != &pkg) {
    n.scan_id = scan_id;
    n.pkg = &pkg;
    n.files.clear();
  }
  for (auto& [file, x] : n.files)
    if (file == name) {
      x = executable;
      return;
    }
  n.files.emplace_back(std::string(name), executable);
}

std::optional<bool> noted(std::uint64_t scan_id, const Package& pkg, std::string_view name) {
  const Notes& n = notes();
  if (n.scan_id != scan_id || n.pkg != &pkg) return std::nullopt;
  for (const auto& [file, x] : n.files)
    if (file == name) return x;
  return std::nullopt;
}

}  // namespace package_file_reads

bool ScanContext::read_package_file(const Package& pkg, std::string_view name, std::string& out,
                                    std::string* err) const {
  FileInfo info;
  if (!pkg.repo->fs().read_file_info(pkg.repo->abs(pkg.key() + "/" + std::string(name)), out, err, info)) return false;
  package_file_reads::note(scan_id, pkg, name, info.executable);
  return true;
}

std::optional<bool> ScanContext::executable(const Package& pkg, std::string_view name) const {
  if (std::optional<bool> x = package_file_reads::noted(scan_id, pkg, name)) return x;
  // An ebuild the metadata layer hashed.
  if (name.ends_with(".ebuild")) {
    const std::string rel = pkg.key() + "/" + std::string(name);
    for (const Ebuild& e : pkg.versions)
      if (e.origin.checked && e.ebuild_path == rel) return e.origin.ebuild_executable;
  }
  FileInfo info;
  if (!pkg.repo->fs().lstat(pkg.repo->abs(pkg.key() + "/" + std::string(name)), info, nullptr)) return std::nullopt;
  return info.executable;
}

}  // namespace pkgscan
