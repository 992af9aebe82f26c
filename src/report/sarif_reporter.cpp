// SARIF 2.1.0 for code scanning services (GitHub code scanning and others).
// One run; the rules are the whole keyword registry, so that a service can
// show a rule's help even for keywords that did not fire this time. Results
// are buffered and the log is written at end(): SARIF is one JSON document.
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "reporters_impl.hpp"

namespace pkgscan::report {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kInformationUri = "https://github.com/pkgscan/pkgscan";
constexpr const char* kRootId = "SRCROOT";

std::string_view sarif_level(Level l) {
  switch (l) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Style:
    case Level::Info: return "note";
  }
  return "warning";
}

// The first sentence of a keyword's doc: up to and including the first
// period that ends the text or is followed by white space.
std::string first_sentence(std::string_view doc) {
  for (std::size_t i = 0; i < doc.size(); ++i) {
    if (doc[i] != '.') continue;
    if (i + 1 == doc.size() || doc[i + 1] == ' ' || doc[i + 1] == '\n')
      return std::string(doc.substr(0, i + 1));
  }
  return std::string(doc);
}

// Repository paths are plain file names; a URI reference needs everything
// outside the unreserved and path characters percent-encoded (spaces, '%',
// non-ASCII bytes of UTF-8 names).
std::string uri_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("-._~/!$&'()*+,;=@").find(static_cast<char>(c)) !=
                     std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// 64-bit FNV-1a: fixed by definition, so fingerprints agree between runs,
// machines and builds, which std::hash does not promise.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Identifies "the same problem" across commits: no line number and no path
// (both move when unrelated lines are edited or a file is renamed).
std::string fingerprint(const Result& r) {
  std::string key = r.keyword;
  key += '\0';
  key += r.category + "/" + r.package + "/" + r.version;
  key += '\0';
  key += r.message;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
  return hex;
}

// A result's file: the one the check named, else the ebuild for a version
// result. Package and category results without a file have no location.
std::string result_path(const Result& r) {
  if (!r.path.empty()) return r.path;
  if (r.scope == Scope::Version && !r.category.empty() && !r.package.empty() &&
      !r.version.empty())
    return r.category + "/" + r.package + "/" + r.package + "-" + r.version + ".ebuild";
  return {};
}

ordered_json make_rule(const Keyword& k) {
  ordered_json rule;
  rule["id"] = k.name;
  rule["name"] = k.name;
  std::string doc = k.doc.empty() ? std::string(k.name) : std::string(k.doc);
  rule["shortDescription"] = {{"text", first_sentence(doc)}};
  rule["fullDescription"] = {{"text", doc}};
  rule["help"] = {{"text", doc}};
  ordered_json config;
  config["level"] = sarif_level(k.level);
  if (!k.default_enabled) config["enabled"] = false;
  rule["defaultConfiguration"] = std::move(config);
  rule["properties"] = {{"level", level_name(k.level)}, {"scope", scope_name(k.scope)}};
  return rule;
}

class SarifReporter final : public Reporter {
 public:
  SarifReporter(std::FILE* out, std::span<const Keyword> keywords, const ReporterOptions& opts)
      : out_(out), opts_(opts) {
    for (const Keyword& k : keywords) {
      if (rule_index_.count(std::string(k.name))) continue;
      rule_index_.emplace(std::string(k.name), rules_.size());
      rules_.push_back(make_rule(k));
    }
  }

  void report(const Result& r) override { results_.push_back(make_result(r)); }

  void end() override {
    ordered_json driver;
    driver["name"] = "pkgscan";
    if (!opts_.tool_version.empty()) driver["version"] = opts_.tool_version;
    driver["informationUri"] = kInformationUri;
    driver["rules"] = std::move(rules_);

    ordered_json run;
    run["tool"] = {{"driver", std::move(driver)}};
    if (!opts_.repo_root_uri.empty()) {
      std::string root = opts_.repo_root_uri;
      // SARIF requires a base URI to end with a slash.
      if (root.back() != '/') root += '/';
      run["originalUriBaseIds"] = {{kRootId, {{"uri", root}}}};
    }
    run["results"] = std::move(results_);

    ordered_json log;
    log["$schema"] = kSchemaUri;
    log["version"] = "2.1.0";
    log["runs"] = ordered_json::array({std::move(run)});
    std::string text = log.dump(2, ' ', false, ordered_json::error_handler_t::replace);
    text += '\n';
    std::fwrite(text.data(), 1, text.size(), out_);
    std::fflush(out_);
  }

 private:
  ordered_json make_result(const Result& r) {
    ordered_json res;
    res["ruleId"] = r.keyword;
    auto it = rule_index_.find(r.keyword);
    if (it == rule_index_.end()) {
      // A keyword outside the registry (a replayed log from another
      // version): give it a bare rule so ruleIndex stays meaningful.
      Keyword k{};
      k.name = r.keyword;  // only read while building the rule below
      k.level = r.level;
      k.scope = r.scope;
      it = rule_index_.emplace(r.keyword, rules_.size()).first;
      rules_.push_back(make_rule(k));
    }
    res["ruleIndex"] = it->second;
    res["level"] = sarif_level(r.level);
    res["message"] = {{"text", r.message.empty() ? r.keyword : r.message}};

    if (std::string path = result_path(r); !path.empty()) {
      ordered_json artifact;
      artifact["uri"] = uri_path(path);
      if (!opts_.repo_root_uri.empty()) artifact["uriBaseId"] = kRootId;
      ordered_json physical;
      physical["artifactLocation"] = std::move(artifact);
      if (r.line > 0) physical["region"] = {{"startLine", r.line}};
      res["locations"] = ordered_json::array({{{"physicalLocation", std::move(physical)}}});
    }

    res["partialFingerprints"] = {{"pkgscan/v1", fingerprint(r)}};

    ordered_json props;
    props["check"] = r.check;
    props["scope"] = scope_name(r.scope);
    if (!r.category.empty()) props["category"] = r.category;
    if (!r.package.empty()) props["package"] = r.package;
    if (!r.version.empty()) props["version"] = r.version;
    // Nested, not merged into the bag: a field called "tags" would otherwise
    // collide with the bag's reserved string array.
    ordered_json fields = ordered_json::object();
    for (const auto& [key, value] : r.fields) fields[key] = value;
    props["fields"] = std::move(fields);
    res["properties"] = std::move(props);
    return res;
  }

  std::FILE* out_;
  ReporterOptions opts_;
  std::unordered_map<std::string, std::size_t> rule_index_;
  ordered_json rules_ = ordered_json::array();
  ordered_json results_ = ordered_json::array();
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, std::span<const Keyword> keywords,
                                              const ReporterOptions& opts) {
  return std::make_unique<SarifReporter>(out, keywords, opts);
}

}  // namespace pkgscan::report
