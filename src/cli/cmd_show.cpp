// pkgscan show checks|keywords|reporters [--json]
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "pkgscan/check.hpp"
#include "pkgscan/reporter.hpp"

namespace pkgscan::cli {

namespace {

void show_checks(bool json) {
  nlohmann::json arr = nlohmann::json::array();
  for (const CheckInfo& c : CheckRegistry::instance().checks()) {
    if (json) {
      nlohmann::json kws = nlohmann::json::array();
      for (const Keyword& k : c.keywords) kws.push_back(std::string(k.name));
      arr.push_back({{"name", c.name}, {"doc", c.doc}, {"default", c.default_enabled}, {"repo_wide", c.repo_wide}, {"keywords", kws}});
      continue;
    }
    std::printf("%.*s%s%s\n", static_cast<int>(c.name.size()), c.name.data(), c.default_enabled ? "" : " (optional)",
                c.repo_wide ? " (whole-repository scans, or when selected)" : "");
    std::printf("  %.*s\n", static_cast<int>(c.doc.size()), c.doc.data());
    std::printf("  keywords:");
    for (const Keyword& k : c.keywords) std::printf(" %.*s", static_cast<int>(k.name.size()), k.name.data());
    std::printf("\n\n");
  }
  if (json) std::printf("%s\n", arr.dump(2).c_str());
}

void show_keywords(bool json) {
  const CheckRegistry& reg = CheckRegistry::instance();
  nlohmann::json arr = nlohmann::json::array();
  for (const Keyword& k : reg.keywords()) {
    auto owners = reg.checks_for_keyword(k.name);
    std::string checks;
    for (auto o : owners) checks += (checks.empty() ? "" : ",") + std::string(o);
    if (json) {
      arr.push_back({{"name", k.name},
                     {"level", level_name(k.level)},
                     {"scope", scope_name(k.scope)},
                     {"checks", checks},
                     {"default", k.default_enabled},
                     {"doc", k.doc}});
      continue;
    }
    std::printf("%.*s (%.*s, %.*s scope, %s%s)\n", static_cast<int>(k.name.size()), k.name.data(),
                static_cast<int>(level_name(k.level).size()), level_name(k.level).data(),
                static_cast<int>(scope_name(k.scope).size()), scope_name(k.scope).data(), checks.c_str(),
                k.default_enabled ? "" : ", optional");
    std::printf("  %.*s\n\n", static_cast<int>(k.doc.size()), k.doc.data());
  }
  if (json) std::printf("%s\n", arr.dump(2).c_str());
}

void show_reporters(bool json) {
  nlohmann::json arr = nlohmann::json::array();
  for (auto name : reporter_names()) {
    if (json) arr.push_back(std::string(name));
    else std::printf("%.*s\n", static_cast<int>(name.size()), name.data());
  }
  if (json) std::printf("%s\n", arr.dump(2).c_str());
}

}  // namespace

void add_show_command(CLI::App& app, Context& ctx) {
  auto what = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand("show", "List checks, keywords or reporters with their docs");
  sub->add_option("what", *what, "checks, keywords or reporters")
      ->required()
      ->check(CLI::IsMember({"checks", "keywords", "reporters"}));
  sub->add_flag("--json", *json, "JSON output");
  sub->callback([what, json, &ctx] {
    if (*what == "checks") show_checks(*json);
    else if (*what == "keywords") show_keywords(*json);
    else show_reporters(*json);
    ctx.exit_code = 0;
  });
}

}  // namespace pkgscan::cli
