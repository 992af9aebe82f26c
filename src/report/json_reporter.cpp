// JSON Lines: one object per result carrying every field, so that
// `pkgscan replay` can rebuild the exact results and feed any reporter.
#include <algorithm>
#include <exception>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>

#include "json_writer.hpp"
#include "reporters_impl.hpp"

namespace pkgscan {

// Reading uses ordered_json: a plain json object would sort the fields and
// the round trip would not be exact.
using ordered_json = nlohmann::ordered_json;

std::string result_to_json(const Result& r) {
  std::string out;
  out.reserve(256 + r.message.size() + r.path.size());
  report::ObjectWriter o(out, false);
  o.string("keyword", r.keyword);
  o.string("level", level_name(r.level));
  o.string("scope", scope_name(r.scope));
  o.string("check", r.check);
  o.string("category", r.category);
  o.string("package", r.package);
  o.string("version", r.version);
  o.string("path", r.path);
  o.integer("line", r.line);
  // Only commit results carry a commit: other lines stay as they were.
  if (!r.commit.empty()) o.string("commit", r.commit);
  o.string("message", r.message);
  // An object keeps the fields in the order the check added them; the
  // reader below (ordered_json) keeps that order too.
  report::ObjectWriter fields(o.key("fields"), false);
  for (const auto& [key, value] : r.fields) fields.string(key, value);
  fields.close();
  o.close();
  return out;
}

namespace {

bool fail(std::string* err, std::string message) {
  if (err) *err = std::move(message);
  return false;
}

// Reads an optional string member; absent and null mean "".
bool get_string(const ordered_json& j, const char* key, std::string& out, std::string* err) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string()) return fail(err, std::string("\"") + key + "\" is not a string");
  out = it->get<std::string>();
  return true;
}

std::optional<Result> parse_result(std::string_view line, std::string* err) {
  ordered_json j;
  try {
    j = ordered_json::parse(line);
  } catch (const ordered_json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at ..."; the
    // bracketed id means nothing to a user.
    std::string what = e.what();
    auto pos = what.find("] ");
    fail(err, pos == std::string::npos ? what : what.substr(pos + 2));
    return std::nullopt;
  }
  if (!j.is_object()) {
    fail(err, "not a JSON object");
    return std::nullopt;
  }

  Result r;
  std::string level, scope;
  if (!get_string(j, "keyword", r.keyword, err) || !get_string(j, "level", level, err) ||
      !get_string(j, "scope", scope, err) || !get_string(j, "check", r.check, err) ||
      !get_string(j, "category", r.category, err) ||
      !get_string(j, "package", r.package, err) ||
      !get_string(j, "version", r.version, err) || !get_string(j, "path", r.path, err) ||
      !get_string(j, "commit", r.commit, err) ||
      !get_string(j, "message", r.message, err))
    return std::nullopt;
  if (r.keyword.empty()) {
    fail(err, "missing \"keyword\"");
    return std::nullopt;
  }
  auto lv = level_from_name(level);
  if (!lv) {
    fail(err, level.empty() ? "missing \"level\"" : "unknown level \"" + level + "\"");
    return std::nullopt;
  }
  r.level = *lv;
  auto sc = scope_from_name(scope);
  if (!sc) {
    fail(err, scope.empty() ? "missing \"scope\"" : "unknown scope \"" + scope + "\"");
    return std::nullopt;
  }
  r.scope = *sc;

  if (auto it = j.find("line"); it != j.end() && !it->is_null()) {
    if (!it->is_number_integer() || it->get<long long>() < 0 ||
        it->get<long long>() > 1'000'000'000) {
      fail(err, "\"line\" is not a line number");
      return std::nullopt;
    }
    r.line = static_cast<int>(it->get<long long>());
  }

  if (auto it = j.find("fields"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      fail(err, "\"fields\" is not an object");
      return std::nullopt;
    }
    for (const auto& [key, value] : it->items()) {
      if (!value.is_string()) {
        fail(err, "field \"" + key + "\" is not a string");
        return std::nullopt;
      }
      r.fields.emplace_back(key, value.get<std::string>());
    }
  }
  return r;
}

}  // namespace

std::optional<Result> result_from_json(std::string_view line, std::string* err) {
  // Nothing may escape: replay reports a bad line, it does not crash on one.
  try {
    return parse_result(line, err);
  } catch (const std::exception& e) {
    fail(err, e.what());
  } catch (...) {
    fail(err, "unreadable result");
  }
  return std::nullopt;
}

namespace report {
namespace {

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(std::FILE* out) : out_(out) {}

  void report(const Result& r) override {
    std::string line = result_to_json(r);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out_);
  }

  // Each result is a line of its own: blocks of lines are made side by side
  // and written in order, a window of blocks at a time so that the output
  // is never held whole (55,000 results on the real union: 10% of the
  // scan's CPU, on one thread, before this).
  void report_all(std::span<const Result> results) override {
    constexpr std::size_t kBlock = 256, kWindow = 16;
    std::vector<std::string> blocks(kWindow);
    for (std::size_t start = 0; start < results.size(); start += kBlock * kWindow) {
      const std::size_t end = std::min(results.size(), start + kBlock * kWindow);
      const std::size_t count = (end - start + kBlock - 1) / kBlock;
      tbb::parallel_for(std::size_t{0}, count, [&](std::size_t b) {
        std::string& text = blocks[b];
        text.clear();
        for (std::size_t i = start + b * kBlock; i < std::min(end, start + (b + 1) * kBlock); ++i) {
          text += result_to_json(results[i]);
          text += '\n';
        }
      });
      for (std::size_t b = 0; b < count; ++b) std::fwrite(blocks[b].data(), 1, blocks[b].size(), out_);
    }
  }

  void end() override { std::fflush(out_); }

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(std::FILE* out) {
  return std::make_unique<JsonReporter>(out);
}

}  // namespace report
}  // namespace pkgscan
