// SARIF 2.1.0 for code scanning services (GitHub code scanning and others).
// One run; the rules are the whole keyword registry, so that a service can
// show a rule's help even for keywords that did not fire this time. The log
// is streamed, one rule and one result per line, so a report of a whole
// repository is never held in memory twice.
#include <cstdint>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <vector>

#include "json_writer.hpp"
#include "reporters_impl.hpp"

namespace pkgscan::report {
namespace {

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

// A result's file: the one the check named, else the ebuild for a version
// result. Package and category results without a file have no location, and
// neither have commit results: a commit is not a file.
std::string result_path(const Result& r) {
  if (r.scope == Scope::Commit) return {};
  if (!r.path.empty()) return r.path;
  if (r.scope == Scope::Version && !r.category.empty() && !r.package.empty() &&
      !r.version.empty())
    return r.category + "/" + r.package + "/" + r.package + "-" + r.version + ".ebuild";
  return {};
}

// {"key": "value"}
void one_member(std::string& out, std::string_view key, std::string_view value) {
  ObjectWriter o(out, true);
  o.string(key, value);
  o.close();
}

void write_rule(std::string& out, const Keyword& k) {
  std::string doc = k.doc.empty() ? std::string(k.name) : std::string(k.doc);
  ObjectWriter rule(out, true);
  rule.string("id", k.name);
  rule.string("name", k.name);
  one_member(rule.key("shortDescription"), "text", first_sentence(doc));
  one_member(rule.key("fullDescription"), "text", doc);
  one_member(rule.key("help"), "text", doc);
  ObjectWriter config(rule.key("defaultConfiguration"), true);
  config.string("level", sarif_level(k.level));
  if (!k.default_enabled) config.boolean("enabled", false);
  config.close();
  ObjectWriter props(rule.key("properties"), true);
  props.string("level", level_name(k.level));
  props.string("scope", scope_name(k.scope));
  props.close();
  rule.close();
}

class SarifReporter final : public Reporter {
 public:
  SarifReporter(std::FILE* out, std::span<const Keyword> keywords, const ReporterOptions& opts)
      : out_(out), keywords_(keywords.begin(), keywords.end()), opts_(opts) {}

  void begin() override { start(); }

  void report(const Result& r) override {
    start();
    std::string buf = results_ == 0 ? "\n        " : ",\n        ";
    write_result(buf, r);
    ++results_;
    std::fwrite(buf.data(), 1, buf.size(), out_);
  }

  void end() override {
    start();
    std::string buf = results_ == 0 ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n";
    std::fwrite(buf.data(), 1, buf.size(), out_);
    std::fflush(out_);
  }

 private:
  // Everything up to the opening bracket of the results.
  void start() {
    if (started_) return;
    started_ = true;
    std::string buf = "{\n  \"$schema\": ";
    append_json_string(buf, kSchemaUri);
    buf += ",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n"
           "        \"driver\": {\n          \"name\": \"pkgscan\",\n";
    if (!opts_.tool_version.empty()) {
      buf += "          \"version\": ";
      append_json_string(buf, opts_.tool_version);
      buf += ",\n";
    }
    buf += "          \"informationUri\": ";
    append_json_string(buf, kInformationUri);
    buf += ",\n          \"rules\": [";
    std::size_t written = 0;
    for (const Keyword& k : keywords_) {
      if (rule_index_.count(std::string(k.name))) continue;
      rule_index_.emplace(std::string(k.name), written);
      buf += written++ == 0 ? "\n            " : ",\n            ";
      write_rule(buf, k);
    }
    buf += written == 0 ? "]\n" : "\n          ]\n";
    buf += "        }\n      },\n";
    if (!opts_.repo_root_uri.empty()) {
      std::string root = opts_.repo_root_uri;
      // SARIF requires a base URI to end with a slash.
      if (root.back() != '/') root += '/';
      buf += "      \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": ";
      append_json_string(buf, root);
      buf += "}},\n";
    }
    buf += "      \"results\": [";
    std::fwrite(buf.data(), 1, buf.size(), out_);
  }

  void write_result(std::string& out, const Result& r) const {
    ObjectWriter res(out, true);
    res.string("ruleId", r.keyword);
    // A keyword outside the registry (a replayed log from another version)
    // has no rule to point at; ruleId alone is valid SARIF.
    if (auto it = rule_index_.find(r.keyword); it != rule_index_.end())
      res.integer("ruleIndex", static_cast<long long>(it->second));
    res.string("level", sarif_level(r.level));
    one_member(res.key("message"), "text", r.message.empty() ? r.keyword : r.message);

    if (std::string path = result_path(r); !path.empty()) {
      res.key("locations") += '[';
      ObjectWriter location(out, true);
      ObjectWriter physical(location.key("physicalLocation"), true);
      ObjectWriter artifact(physical.key("artifactLocation"), true);
      artifact.string("uri", uri_path(path));
      if (!opts_.repo_root_uri.empty()) artifact.string("uriBaseId", kRootId);
      artifact.close();
      if (r.line > 0) {
        ObjectWriter region(physical.key("region"), true);
        region.integer("startLine", r.line);
        region.close();
      }
      physical.close();
      location.close();
      out += ']';
    }

    one_member(res.key("partialFingerprints"), "pkgscan/v1", result_fingerprint(r));

    ObjectWriter props(res.key("properties"), true);
    props.string("check", r.check);
    props.string("scope", scope_name(r.scope));
    if (!r.category.empty()) props.string("category", r.category);
    if (!r.package.empty()) props.string("package", r.package);
    if (!r.version.empty()) props.string("version", r.version);
    if (!r.commit.empty()) props.string("commit", r.commit);
    // Nested, not merged into the bag: a field called "tags" would otherwise
    // collide with the bag's reserved string array.
    ObjectWriter fields(props.key("fields"), true);
    for (const auto& [key, value] : r.fields) fields.string(key, value);
    fields.close();
    props.close();
    res.close();
  }

  std::FILE* out_;
  std::vector<Keyword> keywords_;
  ReporterOptions opts_;
  std::unordered_map<std::string, std::size_t> rule_index_;
  bool started_ = false;
  std::size_t results_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, std::span<const Keyword> keywords,
                                              const ReporterOptions& opts) {
  return std::make_unique<SarifReporter>(out, keywords, opts);
}

}  // namespace pkgscan::report
