// update_cache(): what `egencache --update` does to metadata/md5-cache.
// Fresh entries (the _md5_ / _eclasses_ rule of DESIGN.md §3) are left alone;
// missing and stale ones are regenerated and written atomically (a temporary
// file in the category directory, then rename). An ebuild that fails keeps
// its old entry, as in Portage.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "pkgscan/atom.hpp"
#include "pkgscan/regen.hpp"
#include "regen_internal.hpp"

namespace pkgscan::regen {

namespace {

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool make_dirs(const std::string& path) {
  if (mkdir(path.c_str(), 0755) == 0 || errno == EEXIST) return true;
  if (errno != ENOENT) return false;
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return false;
  return make_dirs(path.substr(0, slash)) && (mkdir(path.c_str(), 0755) == 0 || errno == EEXIST);
}

// Writes `data` to `path` through a temporary name in the same directory.
bool write_atomically(const std::string& path, std::string_view data, std::string* err) {
  std::size_t slash = path.rfind('/');
  std::string dir = path.substr(0, slash);
  if (!make_dirs(dir)) {
    *err = "cannot create " + dir + ": " + std::strerror(errno);
    return false;
  }
  std::string tmp = dir + "/." + path.substr(slash + 1) + ".XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) {
    *err = "cannot create a temporary file in " + dir + ": " + std::strerror(errno);
    return false;
  }
  bool ok = fchmod(fd, 0644) == 0 && write_all(fd, data);
  int e = errno;
  ok = close(fd) == 0 && ok;
  if (ok && rename(tmp.c_str(), path.c_str()) == 0) return true;
  if (ok) e = errno;
  unlink(tmp.c_str());
  *err = "cannot write " + path + ": " + std::strerror(e);
  return false;
}

}  // namespace

UpdateReport update_cache(const RepoSet& repos, const UpdateOptions& opts) {
  UpdateReport report;
  const Repository& repo = repos.main();
  const FileSystem& fs = repo.fs();
  std::vector<Job> stale;
  std::string buf;
  std::string err;

  // The selected ebuilds, in tree order; fresh entries are skipped.
  std::vector<std::string> bad;
  for (const std::string& cat : repo.category_dirs()) {
    for (const std::string& pkg : repo.package_dirs(cat)) {
      if (opts.select_package && !opts.select_package(cat, pkg)) continue;
      bad.clear();
      for (const Repository::EbuildFile& eb : repo.ebuilds(cat, pkg, &bad)) {
        if (opts.select_ebuild && !opts.select_ebuild(cat, pkg, eb.pf)) continue;
        ++report.ebuilds;
        Job job{cat, eb.pf, repo.abs(eb.path)};
        if (!opts.force && fs.read_file(repo.abs(repo.cache_path(cat, eb.pf)), buf, nullptr)) {
          CacheEntry entry = parse_cache_entry(buf);
          std::string ebuild_md5 = fs.read_file(job.path, buf, nullptr) ? md5_hex(buf) : std::string();
          if (!ebuild_md5.empty() && entry.issues.empty() &&
              check_freshness(entry, ebuild_md5, repos).state == Freshness::Fresh) {
            ++report.fresh;
            continue;
          }
        }
        stale.push_back(std::move(job));
      }
      // *.ebuild names that are not ebuilds: a directory, a broken symlink,
      // a name that does not parse. Never silently skipped.
      for (const std::string& rel : bad) {
        std::string file = rel.substr(rel.rfind('/') + 1);
        std::string pf = file.substr(0, file.size() - 7);
        if (opts.select_ebuild && !opts.select_ebuild(cat, pkg, pf)) continue;
        ++report.ebuilds;
        FileType t = fs.stat(repo.abs(rel));
        Failure f{t == FileType::Regular ? Reason::Other : Reason::Unreadable,
                  t == FileType::Regular ? "not a valid ebuild file name (" + cat + "/" + pkg + "/<name>-<version>.ebuild)"
                                         : "the ebuild is not a regular file",
                  repo.abs(rel), 0, {}};
        report.failures.emplace_back(Job{cat, pf, repo.abs(rel)}, std::move(f));
      }
    }
  }

  report.run = regenerate(repos, stale, opts.regen);
  if (!report.run.fatal.empty()) {
    report.errors.push_back(report.run.fatal);
    return report;
  }
  for (std::size_t i = 0; i < stale.size(); ++i) {
    Outcome& o = report.run.outcomes[i];
    if (!o.ok()) {
      report.failures.emplace_back(stale[i], *o.failure);
      continue;
    }
    std::string path = repo.abs(repo.cache_path(stale[i].category, stale[i].pf));
    if (fs.read_file(path, buf, nullptr) && buf == o.md5_dict) {
      ++report.unchanged;
      continue;
    }
    if (write_atomically(path, o.md5_dict, &err)) ++report.written;
    else report.errors.push_back(err);
  }

  std::stable_sort(report.failures.begin(), report.failures.end(),
                   [](const auto& a, const auto& b) { return a.first.path < b.first.path; });

  if (opts.prune) {
    // Entries whose ebuild is gone; an entry of a failing ebuild stays.
    std::vector<DirEntry> cats, files;
    if (fs.list_dir(repo.abs("metadata/md5-cache"), cats, nullptr)) {
      for (const DirEntry& c : cats) {
        if (c.type != FileType::Directory || c.name.front() == '.') continue;
        if (!fs.list_dir(repo.abs("metadata/md5-cache/" + c.name), files, nullptr)) continue;
        for (const DirEntry& f : files) {
          if (f.type != FileType::Regular || f.name.front() == '.') continue;
          auto split = split_pf(f.name);
          std::string pkg = split ? std::string(split->package) : std::string();
          if (!split && (opts.select_package || opts.select_ebuild)) continue;  // cannot tell whether it is selected
          if (split && opts.select_package && !opts.select_package(c.name, pkg)) continue;
          if (split && opts.select_ebuild && !opts.select_ebuild(c.name, pkg, f.name)) continue;
          if (split && fs.stat(repo.abs(c.name + "/" + pkg + "/" + f.name + ".ebuild")) == FileType::Regular) continue;
          std::string path = repo.abs("metadata/md5-cache/" + c.name + "/" + f.name);
          if (unlink(path.c_str()) == 0) ++report.pruned;
          else report.errors.push_back("cannot remove " + path + ": " + std::strerror(errno));
        }
      }
    }
  }
  return report;
}

}  // namespace pkgscan::regen
