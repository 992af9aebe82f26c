// pkgscan version compare|sort: PMS version comparison on the command line.
#include <algorithm>
#include <memory>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "pkgscan/version.hpp"

namespace pkgscan::cli {
namespace {

struct VersionOptions {
  std::string a, b;
  std::vector<std::string> versions;
};

bool parse_or_report(const std::string& s, const char* cmd, Version* out) {
  ParseError err;
  auto v = Version::parse(s, &err);
  if (!v) {
    std::cerr << "pkgscan version " << cmd << ": " << err.message << '\n';
    return false;
  }
  *out = std::move(*v);
  return true;
}

void compare(const VersionOptions& opt, Context& ctx) {
  Version a, b;
  if (!parse_or_report(opt.a, "compare", &a) || !parse_or_report(opt.b, "compare", &b)) {
    ctx.exit_code = 2;
    return;
  }
  auto c = a <=> b;
  std::cout << (c < 0 ? "<" : c > 0 ? ">" : "=") << '\n';
  ctx.exit_code = 0;
}

void sort(const VersionOptions& opt, Context& ctx) {
  std::vector<std::string> input = opt.versions;
  if (input.empty() || (input.size() == 1 && input[0] == "-")) {
    input.clear();
    std::string line;
    while (std::getline(std::cin, line)) {
      auto b = line.find_first_not_of(" \t\r");
      if (b == std::string::npos) continue;
      auto e = line.find_last_not_of(" \t\r");
      input.push_back(line.substr(b, e - b + 1));
    }
  }
  std::vector<Version> vs;
  vs.reserve(input.size());
  for (const std::string& s : input) {
    Version v;
    if (!parse_or_report(s, "sort", &v)) {
      ctx.exit_code = 2;
      return;
    }
    vs.push_back(std::move(v));
  }
  // Stable, so equal versions (1.0 and 1.00) keep their input order.
  std::stable_sort(vs.begin(), vs.end());
  for (const Version& v : vs) std::cout << v.str() << '\n';
  ctx.exit_code = 0;
}

}  // namespace

void add_version_command(CLI::App& app, Context& ctx) {
  auto* ver = app.add_subcommand("version", "Compare and sort package versions (PMS rules)");
  ver->require_subcommand(1);
  auto opt = std::make_shared<VersionOptions>();
  auto* cmp = ver->add_subcommand("compare", "Print <, = or > for A compared to B");
  cmp->add_option("A", opt->a, "First version")->required();
  cmp->add_option("B", opt->b, "Second version")->required();
  cmp->callback([opt, &ctx] { compare(*opt, ctx); });
  auto* srt = ver->add_subcommand("sort", "Sort versions (stdin with '-' or no args)");
  srt->add_option("versions", opt->versions, "Versions, or '-' to read one per line from stdin");
  srt->callback([opt, &ctx] { sort(*opt, ctx); });
}

}  // namespace pkgscan::cli
