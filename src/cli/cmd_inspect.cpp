// pkgscan inspect TARGET... [--json]: what the checks see of each ebuild,
// its parsed cache entry plus the derived Python facts (eclass,
// implementations, DISTUTILS_EXT, build backend, extension builders), and
// where the entry came from: the repository's md5-cache, the user cache, or
// sourced just now (a git checkout has no cache; inspect regenerates like scan).
//
// The command is a loop over the selected ebuilds that hands each one to an
// emitter; another view (e.g. a dependency graph) is another option and emitter.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "inspect_graph.hpp"
#include "options.hpp"
#include "pkgscan/index.hpp"
#include "pkgscan/metadata_layer.hpp"
#include "pkgscan/python.hpp"
#include "pkgscan/regen.hpp"
#include "pkgscan/repo.hpp"
#include "pkgscan/scan.hpp"
#include "../scan/targets.hpp"

namespace pkgscan::cli {

namespace {

struct InspectOptions {
  std::vector<std::string> targets;
  std::string repo;
  std::vector<std::string> repo_paths;  // NAME=PATH
  bool json = false;
  bool deps_graph = false;
  bool no_regen = false;
  double regen_timeout = 30;
  int jobs = 0;
};

// What one ebuild looks like to the checks.
struct Inspected {
  const Package* pkg = nullptr;
  const Ebuild* ebuild = nullptr;
  const python::EbuildModel* model = nullptr;
};

std::string join_symbols(const std::vector<Symbol>& v) {
  std::string out;
  for (Symbol s : v) out += (out.empty() ? "" : " ") + std::string(s.str());
  return out;
}

std::string join_strings(const std::vector<std::string>& v, const char* sep = " ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string iuse_text(const Ebuild& e) {
  std::string out;
  for (const IuseFlag& f : e.iuse) {
    if (!out.empty()) out += ' ';
    if (f.def) out += f.def;
    out += f.flag.str();
  }
  return out;
}

std::string ext_text(const python::EbuildModel& m) {
  if (m.distutils_ext()) return "yes (debug after the target flags, PYTHON_DEPS in DEPEND)";
  if (m.ext_debug_mark) return "yes (debug after the target flags; no PYTHON_DEPS in DEPEND: DISTUTILS_OPTIONAL?)";
  if (m.ext_depend_mark) return "no (PYTHON_DEPS in DEPEND without the debug flag: added by hand)";
  return "no";
}

std::vector<std::string> signal_texts(const python::EbuildModel& m) {
  std::vector<std::string> out;
  for (const auto& s : m.ext_signals)
    out.push_back(s.what + (s.strength == python::ExtSignalStrength::Weak ? " (weak)" : ""));
  return out;
}

// "regenerated", "user cache", ... plus why there is no metadata.
std::string origin_text(const Package& pkg, const Ebuild& e) {
  std::string text(entry_source_name(e.origin.source));
  if (const auto& f = e.origin.failure) {
    text += " (sourcing failed: " + f->reason + ": " + f->message;
    if (!f->file.empty()) text += " at " + f->file + (f->line > 0 ? ":" + std::to_string(f->line) : "");
    text += ")";
  } else if (e.origin.source == EntrySource::None) {
    // Without sourcing (--no-regen) a checkout simply has no entry: say that,
    // not the errno of the failed read.
    if (pkg.repo->fs().stat(pkg.repo->abs(e.cache_path)) == FileType::Missing)
      text += " (no md5-cache entry at " + e.cache_path + ")";
    else if (!e.cache_error.empty())
      text += " (" + e.cache_error + ")";
  }
  return text;
}

nlohmann::json to_json(const Inspected& x) {
  const Ebuild& e = *x.ebuild;
  const python::EbuildModel& m = *x.model;
  nlohmann::json j;
  j["cpv"] = e.cpv();
  j["repo"] = x.pkg->repo->name();
  j["path"] = e.ebuild_path.empty() ? e.cache_path : e.ebuild_path;
  j["metadata_source"] = entry_source_name(e.origin.source);
  if (const auto& f = e.origin.failure)
    j["sourcing_failure"] = {{"reason", f->reason}, {"message", f->message}, {"file", f->file}, {"line", f->line}};
  j["eapi"] = e.entry.get(CacheKey::EAPI);
  j["slot"] = std::string(e.slot.str());
  j["subslot"] = std::string(e.subslot.str());
  j["keywords"] = join_symbols(e.keywords);
  j["iuse"] = iuse_text(e);
  j["inherited"] = join_symbols(e.inherited);
  j["live"] = e.live;
  for (DepVar v : kDepVars) {
    std::string name(dep_var_name(v));
    if (const DepSpec* s = e.dep(v)) j[name] = s->str();
    if (!e.dep_errors[static_cast<std::size_t>(v)].empty()) j[name + "_error"] = e.dep_errors[static_cast<std::size_t>(v)];
  }
  j["required_use"] = e.entry.get(CacheKey::REQUIRED_USE);
  nlohmann::json py;
  py["eclass"] = m.eclass == python::Eclass::None ? nlohmann::json(nullptr) : nlohmann::json(python::eclass_name(m.eclass));
  py["distutils"] = m.distutils;
  py["implementations"] = m.impls;
  py["uses_python_deps"] = m.uses_python_deps;
  py["distutils_ext"] = m.distutils_ext();
  py["ext_marks"] = {{"debug", m.ext_debug_mark}, {"depend", m.ext_depend_mark}};
  py["backend"] = m.backend.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.backend);
  nlohmann::json sig = nlohmann::json::array();
  for (const auto& s : m.ext_signals)
    sig.push_back({{"signal", s.what}, {"strength", s.strength == python::ExtSignalStrength::Strong ? "strong" : "weak"}});
  py["extension_builders"] = sig;
  j["python"] = py;
  return j;
}

void print_text(const Inspected& x) {
  const Ebuild& e = *x.ebuild;
  const python::EbuildModel& m = *x.model;
  auto line = [](const char* key, const std::string& value) {
    if (!value.empty()) std::printf("  %-21s %s\n", key, value.c_str());
  };
  std::printf("%s::%s\n", e.cpv().c_str(), x.pkg->repo->name().c_str());
  line("path", e.ebuild_path.empty() ? e.cache_path : e.ebuild_path);
  line("metadata from", origin_text(*x.pkg, e));
  line("EAPI", e.entry.get(CacheKey::EAPI));
  line("SLOT", std::string(e.slot.str()) + (e.subslot == e.slot ? "" : "/" + std::string(e.subslot.str())));
  line("KEYWORDS", join_symbols(e.keywords));
  line("IUSE", iuse_text(e));
  line("REQUIRED_USE", e.entry.get(CacheKey::REQUIRED_USE));
  line("inherited", join_symbols(e.inherited));
  for (DepVar v : kDepVars) {
    std::string name(dep_var_name(v));
    if (const DepSpec* s = e.dep(v)) line(name.c_str(), s->str());
    if (!e.dep_errors[static_cast<std::size_t>(v)].empty())
      line(name.c_str(), "invalid: " + e.dep_errors[static_cast<std::size_t>(v)]);
  }
  if (m.eclass == python::Eclass::None && !m.distutils && m.ext_signals.empty()) {
    line("python eclass", "none");
  } else {
    line("python eclass", m.eclass == python::Eclass::None ? "none" : std::string(python::eclass_name(m.eclass)) +
                                                                          (m.distutils ? " (via distutils-r1)" : ""));
    line("implementations", m.impls.empty() ? "(none found)" : join_strings(m.impls));
    if (m.distutils) {
      line("DISTUTILS_EXT", ext_text(m));
      line("build backend", m.backend);
    }
    line("extension builders", m.ext_signals.empty() ? "none" : join_strings(signal_texts(m), ", "));
  }
  std::printf("\n");
}

// What the tree's python eclasses know, and where each fact came from: the
// checks judge every ebuild in this era.
void print_era(const python::ScanData& pydata) {
  const python::KnownImpls& k = pydata.known();
  std::printf("# python targets: %s\n",
              k.targets.empty() ? "(no profiles/desc/python_targets.desc)" : join_strings(k.targets).c_str());
  std::printf("# implementations from %s%s\n", k.source.empty() ? "nowhere" : k.source.c_str(),
              k.supported.empty() ? "" : (": " + join_strings(k.supported)).c_str());
  if (k.from_data_file)
    std::printf("# (last resort: no python-utils-r1.eclass and no python_targets.desc; the file's era may not be "
                "this tree's)\n");
  for (const std::string& p : k.problems) std::printf("# problem: %s\n", p.c_str());
  std::printf("# interpreters (%s): %s\n", pydata.interpreters_source().c_str(),
              join_strings(pydata.interpreters().packages()).c_str());
  const python::DistutilsFeatures& d = pydata.distutils();
  std::string features;
  for (auto [known, name] : {std::pair{d.use_pep517, "DISTUTILS_USE_PEP517"}, std::pair{d.deps, "DISTUTILS_DEPS"},
                             std::pair{d.ext, "DISTUTILS_EXT"}})
    if (known) features += (features.empty() ? "" : " ") + std::string(name);
  std::printf("# distutils-r1 knows: %s (%s)\n\n", features.empty() ? "none of DISTUTILS_USE_PEP517, DISTUTILS_DEPS, DISTUTILS_EXT" : features.c_str(),
              d.source.c_str());
}

int run_inspect(const InspectOptions& opt) {
  RealFileSystem fs;
  std::string cwd(4096, '\0');
  if (!getcwd(cwd.data(), cwd.size())) cwd = "/";
  cwd.resize(std::char_traits<char>::length(cwd.c_str()));

  ResolvedTargets targets = resolve_targets(fs, opt.targets, opt.repo, cwd);
  for (const std::string& err : targets.errors) std::fprintf(stderr, "pkgscan inspect: error: %s\n", err.c_str());
  if (!targets.errors.empty()) return 2;

  std::map<std::string, std::string> known = read_repos_conf(fs, "/etc/portage/repos.conf");
  for (const std::string& rp : opt.repo_paths) {
    auto eq = rp.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "pkgscan inspect: error: --repo-path expects NAME=PATH, got '%s'\n", rp.c_str());
      return 2;
    }
    known[rp.substr(0, eq)] = rp.substr(eq + 1);
  }
  std::string err;
  auto main_repo = Repository::open(fs, targets.repo_root, &err);
  if (!main_repo) {
    std::fprintf(stderr, "pkgscan inspect: error: cannot open repository %s: %s\n", targets.repo_root.c_str(), err.c_str());
    return 2;
  }
  RepoSet repos(fs, std::move(main_repo), known);
  // Metadata as the scan gets it: repository cache when fresh, else the
  // user cache, else sourcing the ebuild (only the selected packages are read).
  std::unique_ptr<MetadataLayer> layer;
  if (!opt.no_regen) {
    RegenSettings rs;
    rs.data_dir = default_data_dir();
    rs.jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)));
    rs.timeout_seconds = opt.regen_timeout;
    layer = open_scan_metadata(repos, regen::make_scan_regenerator, rs, "", &err);
    if (!layer) {
      std::fprintf(stderr, "pkgscan inspect: error: %s\n", err.c_str());
      return 2;
    }
  }
  RepoIndex index(repos, layer.get());
  python::ScanData pydata(repos, default_data_dir());
  if (!opt.json) print_era(pydata);

  std::size_t shown = 0;
  for (const RepoIndex::Key& key : index.main_packages()) {
    if (!targets.selects_package(key.category.str(), key.package.str())) continue;
    const Package* pkg = index.find_main(key.category, key.package);
    if (!pkg) continue;
    for (const Ebuild& e : pkg->versions) {
      if (!targets.selects_version(key.category.str(), key.package.str(), e.pf, e.version)) continue;
      Inspected x{pkg, &e, &pydata.model(e)};
      if (opt.deps_graph) print_deps_graph(index, e, opt.json);
      else if (opt.json) std::printf("%s\n", to_json(x).dump().c_str());
      else print_text(x);
      ++shown;
    }
  }
  if (shown == 0) {
    std::fprintf(stderr, "pkgscan inspect: no ebuild matches the targets in %s\n", targets.repo_root.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

void add_inspect_command(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<InspectOptions>();
  auto* sub = app.add_subcommand("inspect", "Show each ebuild's metadata and the derived Python facts the checks use");
  sub->add_option("targets", opt->targets, "Paths, cat/pkg, cat/*, =cat/pkg-1.2 (default: current directory)");
  value_option(sub, "-r,--repo", opt->repo, "Repository (path)");
  list_option(sub, "--repo-path", opt->repo_paths, "Where to find a master repository: NAME=PATH (repeatable)");
  sub->add_flag("--json", opt->json, "One JSON object per ebuild (JSON Lines)");
  sub->add_flag("--deps-graph", opt->deps_graph, "Show the resolved build graph and bootstrap cycles instead");
  sub->add_flag("--no-regen", opt->no_regen, "Never source ebuilds: show only what the repository's md5-cache has");
  value_option(sub, "--regen-timeout", opt->regen_timeout, "Seconds one ebuild may take to source (default 30)");
  value_option(sub, "-j,--jobs", opt->jobs, "Bash workers for ebuilds that must be sourced (default: CPUs)");
  sub->callback([opt, &ctx] { ctx.exit_code = run_inspect(*opt); });
}

}  // namespace pkgscan::cli
