// Shell completions: bash's completion function is run for real; zsh and
// fish files are at least parsed by their shells when those are installed.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "run_command.hpp"

namespace fs = std::filesystem;

namespace {

using pkgscan::test::Run;

fs::path completions_dir() {
  return fs::path(PKGSCAN_FIXTURES).parent_path().parent_path() / "completions";
}

Run run_shell(const std::string& cmd) { return pkgscan::test::run_shell(cmd + " 2>&1"); }

bool have(const std::string& program) {
  return run_shell("command -v " + program + " >/dev/null").status == 0;
}

// Runs _pkgscan as bash would for the command line `words`, the last word
// being the one completed, and returns COMPREPLY one entry per element.
std::vector<std::string> bash_complete(const std::vector<std::string>& words) {
  std::string array;
  for (const auto& w : words) array += " '" + w + "'";
  std::string script = "source '" + (completions_dir() / "pkgscan.bash").string() +
                       "' && COMP_WORDS=(" + array + ") && COMP_CWORD=" +
                       std::to_string(words.size() - 1) +
                       " && _pkgscan && printf '%s\\n' \"${COMPREPLY[@]}\"";
  // The script is single-quote free apart from the words, so wrap it in
  // double quotes for sh, escaping what double quotes would expand.
  std::string escaped;
  for (char c : script) {
    if (c == '"' || c == '$' || c == '\\' || c == '`') escaped += '\\';
    escaped += c;
  }
  Run r = run_shell("bash --norc --noprofile -c \"" + escaped + "\"");
  INFO(r.out);
  REQUIRE(r.status == 0);
  std::vector<std::string> items;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) items.push_back(line);
  return items;
}

using Catch::Matchers::VectorContains;

}  // namespace

TEST_CASE("bash completion: subcommands", "[completion]") {
  if (!have("bash")) {
    WARN("skipped: bash is not installed");
    return;
  }
  CHECK(bash_complete({"pkgscan", "sc"}) == std::vector<std::string>{"scan"});
  auto all = bash_complete({"pkgscan", ""});
  CHECK(all == std::vector<std::string>{"scan", "show", "replay", "inspect", "dep", "version"});
  CHECK(bash_complete({"pkgscan", "ve"}) == std::vector<std::string>{"version"});
  CHECK(bash_complete({"pkgscan", "--ver"}) == std::vector<std::string>{"--version"});
}

TEST_CASE("bash completion: option values and sub-subcommands", "[completion]") {
  if (!have("bash")) {
    WARN("skipped: bash is not installed");
    return;
  }
  auto reporters = bash_complete({"pkgscan", "scan", "-R", ""});
  CHECK(reporters == std::vector<std::string>{"text", "json", "sarif"});
  CHECK_THAT(bash_complete({"pkgscan", "scan", "--reporter", "sa"}), VectorContains(std::string("sarif")));
  CHECK(bash_complete({"pkgscan", "replay", "in.jsonl", "-R", "j"}) == std::vector<std::string>{"json"});
  CHECK(bash_complete({"pkgscan", "scan", "--exit", "w"}) == std::vector<std::string>{"warning"});

  auto scan_opts = bash_complete({"pkgscan", "scan", "--"});
  for (const char* opt : {"--repo", "--checks", "--keywords", "--reporter", "--output", "--jobs",
                          "--exit", "--repo-path", "--config", "--cache-only"})
    CHECK_THAT(scan_opts, VectorContains(std::string(opt)));
  CHECK_THAT(bash_complete({"pkgscan", "scan", "-"}), VectorContains(std::string("-j")));

  auto inspect_opts = bash_complete({"pkgscan", "inspect", "--"});
  for (const char* opt : {"--repo", "--repo-path", "--json", "--deps-graph"})
    CHECK_THAT(inspect_opts, VectorContains(std::string(opt)));
  CHECK(bash_complete({"pkgscan", "inspect", "--repo-path", ""}).empty());

  CHECK(bash_complete({"pkgscan", "show", ""}) ==
        std::vector<std::string>{"checks", "keywords", "reporters"});
  CHECK(bash_complete({"pkgscan", "show", "k"}) == std::vector<std::string>{"keywords"});
  CHECK(bash_complete({"pkgscan", "version", ""}) == std::vector<std::string>{"compare", "sort"});
  CHECK(bash_complete({"pkgscan", "version", "compare", ""}).empty());
  CHECK(bash_complete({"pkgscan", "dep", ""}) == std::vector<std::string>{"parse"});
  CHECK_THAT(bash_complete({"pkgscan", "dep", "parse", "--e"}), VectorContains(std::string("--eapi")));
  // Free-form values get no suggestions.
  CHECK(bash_complete({"pkgscan", "scan", "-j", ""}).empty());
}

TEST_CASE("zsh completion parses", "[completion]") {
  if (!have("zsh")) {
    WARN("skipped: zsh is not installed");
    return;
  }
  Run r = run_shell("zsh -n '" + (completions_dir() / "_pkgscan").string() + "'");
  INFO(r.out);
  CHECK(r.status == 0);
}

TEST_CASE("fish completion parses", "[completion]") {
  if (!have("fish")) {
    WARN("skipped: fish is not installed");
    return;
  }
  Run r = run_shell("fish -n '" + (completions_dir() / "pkgscan.fish").string() + "'");
  INFO(r.out);
  CHECK(r.status == 0);
  // And loading it defines completions for the subcommands.
  Run c = run_shell("fish --no-config -c \"source '" +
                    (completions_dir() / "pkgscan.fish").string() +
                    "'; complete -C 'pkgscan sc'\"");
  INFO(c.out);
  CHECK_THAT(c.out, Catch::Contains("scan"));
}
