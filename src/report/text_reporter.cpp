// The human-readable reporter: results grouped under a cat/pkg header,
//
//   dev-libs/foo
//     MissingSlotDep: version 1.2-r1, line 7: RDEPEND: dev-libs/bar
//     UnusedLocalUse: bar
//
// one blank line between groups. Whether to colour is the caller's decision
// (terminal, NO_COLOR); this only knows how.
#include <string>

#include "reporters_impl.hpp"

namespace pkgscan::report {
namespace {

constexpr std::string_view kReset = "\033[0m";
constexpr std::string_view kHeader = "\033[1;34m";  // bold blue

std::string_view level_color(Level l) {
  switch (l) {
    case Level::Error: return "\033[31m";    // red
    case Level::Warning: return "\033[33m";  // yellow
    case Level::Style: return "\033[36m";    // cyan
    case Level::Info: return "\033[32m";     // green
  }
  return "";
}

// Repo-scope results have no location of their own; the reporter does not
// know the repository's name, so they go under a literal "repo". Commit
// results go under their commit.
std::string group_key(const Result& r) {
  switch (r.scope) {
    case Scope::Commit: return "commit " + r.commit;
    case Scope::Repo: return "repo";
    case Scope::Category: return r.category.empty() ? std::string("repo") : r.category;
    case Scope::Package:
    case Scope::Version: break;
  }
  if (r.category.empty()) return "repo";
  if (r.package.empty()) return r.category;
  return r.category + "/" + r.package;
}

class TextReporter final : public Reporter {
 public:
  TextReporter(std::FILE* out, bool color) : out_(out), color_(color) {}

  void report(const Result& r) override {
    std::string key = group_key(r);
    std::string buf;
    if (!started_ || key != current_) {
      if (started_) buf += '\n';
      if (color_) buf += kHeader;
      buf += key;
      if (color_) buf += kReset;
      buf += '\n';
      current_ = std::move(key);
      started_ = true;
    }
    buf += "  ";
    if (color_) buf += level_color(r.level);
    buf += r.keyword;
    if (color_) buf += kReset;

    // Location inside the group: the version for version results; for the
    // rest only a line number means anything, and then with its file.
    std::string where;
    if (r.scope == Scope::Version && !r.version.empty()) {
      where = "version " + r.version;
      if (r.line > 0) where += ", line " + std::to_string(r.line);
    } else if (r.line > 0 && !r.path.empty()) {
      where = r.path + ", line " + std::to_string(r.line);
    }
    if (!where.empty()) buf += ": " + where;
    if (!r.message.empty()) {
      buf += ": ";
      // A message of several lines keeps the layout: continuation lines are
      // indented under the result.
      for (char c : r.message) {
        buf += c;
        if (c == '\n') buf += "    ";
      }
    }
    buf += '\n';
    std::fwrite(buf.data(), 1, buf.size(), out_);
  }

  void end() override { std::fflush(out_); }

 private:
  std::FILE* out_;
  bool color_;
  bool started_ = false;
  std::string current_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, const ReporterOptions& opts) {
  return std::make_unique<TextReporter>(out, opts.color);
}

}  // namespace pkgscan::report
