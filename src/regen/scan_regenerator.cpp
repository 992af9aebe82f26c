// The bash worker pool (src/regen/) behind the scan's Regenerator interface.
#include "pkgscan/regen.hpp"
#include "pkgscan/scan.hpp"

namespace pkgscan::regen {

namespace {

class BashRegenerator final : public Regenerator {
 public:
  BashRegenerator(const RepoSet& repos, Options opts) : pool_(repos, std::move(opts)) {}

  SourcedEntry regenerate(const Repository& repo, const std::string& category, const std::string& pf,
                          const std::string& ebuild_path, const std::string& /*ebuild_text*/) override {
    // Bash sources a file on the disk: the ebuild itself on the real file
    // system, a private copy of the staged or committed bytes when the
    // repository is read from git. Either way the bytes the layer hashed.
    const std::string abs = repo.abs(ebuild_path);
    std::string why;
    const std::string disk = repo.fs().on_disk(abs, &why);
    SourcedEntry s;
    if (disk.empty()) {
      s.failure.reason = std::string(reason_name(Reason::Unreadable));
      s.failure.message = "cannot give the ebuild to bash: " + why;
      s.failure.file = ebuild_path;
      return s;
    }
    Outcome o = pool_.regenerate(Job{category, pf, disk});
    for (const std::string& n : o.notices) s.notice = n;
    if (o.ok()) {
      s.ok = true;
      s.md5_dict = std::move(o.md5_dict);
      return s;
    }
    const Failure& f = *o.failure;
    s.failure.reason = std::string(reason_name(f.reason));
    s.failure.message = f.message;
    s.failure.line = f.line;
    // Results name repo-relative files; an eclass of a master keeps its
    // absolute path. A copy keeps the absolute name below its own directory,
    // so the part in front of it is dropped first.
    const std::string copy_dir = disk.size() > abs.size() ? disk.substr(0, disk.size() - abs.size()) : std::string();
    std::string file = f.file;
    if (!copy_dir.empty() && file.rfind(copy_dir + "/", 0) == 0) file = file.substr(copy_dir.size());
    const std::string& root = repo.root();
    if (file.rfind(root + "/", 0) == 0)
      s.failure.file = file.substr(root.size() + 1);
    else
      s.failure.file = file.empty() ? ebuild_path : file;
    return s;
  }

  std::vector<std::string> safety_notes() const override {
    return {describe_protections(pool_.protections())};
  }

 private:
  RegenPool pool_;
};

}  // namespace

std::unique_ptr<Regenerator> make_scan_regenerator(const RepoSet& repos, const RegenSettings& settings, std::string*) {
  Options opts;
  opts.env_dir = settings.data_dir + "/ebuild-env";
  opts.jobs = settings.jobs;
  opts.limits.timeout_s = settings.timeout_seconds;
  return std::make_unique<BashRegenerator>(repos, std::move(opts));
}

}  // namespace pkgscan::regen
