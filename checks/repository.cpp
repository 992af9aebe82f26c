// Repository: problems with the repository's own files (layout.conf,
// profiles/) and masters that cannot be found. Said once, at repo scope.
#include "pkgscan/check.hpp"
#include "repo_file_error.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kMissingMaster{
    "MissingMaster", Level::Warning, Scope::Repo,
    "A master repository named in metadata/layout.conf could not be found, so dependencies and eclasses that "
    "live there cannot be checked (they are reported as unresolvable, never as nonexistent). Supply it with "
    "--repo-path NAME=PATH, repo-paths in the configuration, or /etc/portage/repos.conf."};
constexpr Keyword kMetadataOnlyRepo{
    "MetadataOnlyRepo", Level::Info, Scope::Repo,
    "The repository has an md5-cache but no ebuilds (a metadata snapshot): versions come from the cache and "
    "freshness is not checked."};

// Files the Profiles and PackageUpdates checks read strictly themselves and
// report on (ProfileError, BadPackageUpdate): not said twice here.
bool profile_checks_own(const std::string& path) {
  return path == "profiles/base/make.defaults" || path.starts_with("profiles/updates/");
}

class RepositoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Repository";
  static constexpr std::string_view kDoc =
      "Reports problems with repository-level files and missing master repositories, once per scan.";
  static constexpr std::array<Keyword, 3> kKeywords = {kMissingMaster, kRepoFileError, kMetadataOnlyRepo};
  static constexpr bool kDefaultEnabled = true;

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    const Repository& main = ctx.repos.main();
    for (const std::string& m : ctx.repos.missing_masters())
      with(out.repo(kMissingMaster, "metadata/layout.conf", 0,
                    "master repository '" + m + "' not found: dependencies and eclasses it provides cannot be checked "
                    "(use --repo-path " + m + "=PATH)"),
           "master", m);
    for (const RepoIssue& issue : main.issues())
      if (!profile_checks_own(issue.path)) out.repo(kRepoFileError, issue.path, issue.line, issue.message);
    if (ctx.index.metadata_only(main))
      out.repo(kMetadataOnlyRepo, "metadata/md5-cache", 0,
               "no ebuilds found: scanning the md5-cache alone (freshness not checked)");
  }
};

const RegisterCheck<RepositoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
