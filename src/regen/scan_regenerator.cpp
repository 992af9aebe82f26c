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
    // The pool sources the file itself: on the real file system the bytes
    // are the ones the layer hashed.
    Outcome o = pool_.regenerate(Job{category, pf, repo.abs(ebuild_path)});
    SourcedEntry s;
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
    // Results name repo-relative files; an eclass of a master keeps its absolute path.
    const std::string& root = repo.root();
    if (f.file.rfind(root + "/", 0) == 0)
      s.failure.file = f.file.substr(root.size() + 1);
    else
      s.failure.file = f.file.empty() ? ebuild_path : f.file;
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
