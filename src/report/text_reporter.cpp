// The human-readable reporter: results grouped under a cat/pkg header,
//
//   dev-libs/foo
//     MissingSlotDep: version 1.2-r1, line 7: RDEPEND: dev-libs/bar
//     UnusedLocalUse: bar
//
// one blank line between groups. Whether to colour is the caller's decision
// (terminal, NO_COLOR); this only knows how.
//
// A few per-atom keywords are listed, as pkgcheck shows them: one line per
// ebuild and variable instead of one per atom (JSON and SARIF keep one
// object per atom),
//
//     NonexistentDeps: version 1: RDEPEND: nonexistent packages: a/b, c/d (available: 1 (slot 0))
#include <optional>
#include <string>
#include <vector>

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

// The listed keywords and what their line calls the atoms. Their results
// carry the fields attr (the variables) and atom; "available", when
// present, follows the atom in parentheses.
struct Listed {
  std::string_view keyword;
  std::string_view noun;  // singular; an "s" is added for several
};
constexpr Listed kListed[] = {{"NonexistentDeps", "nonexistent package"}};

const Listed* listed(const Result& r) {
  if (r.field("attr").empty() || r.field("atom").empty()) return nullptr;  // e.g. a replayed log of another version
  for (const Listed& l : kListed)
    if (r.keyword == l.keyword) return &l;
  return nullptr;
}

std::string list_item(const Result& r) {
  std::string item(r.field("atom"));
  if (std::string_view have = r.field("available"); !have.empty()) item.append(" (available: ").append(have) += ')';
  return item;
}

// Results arrive sorted by message, which starts with the variables, so one
// ebuild's results of one listed keyword and variable set are consecutive.
bool same_line(const Result& a, const Result& b) {
  return a.keyword == b.keyword && a.category == b.category && a.package == b.package && a.version == b.version &&
         a.path == b.path && a.line == b.line && a.level == b.level && a.field("attr") == b.field("attr");
}

class TextReporter final : public Reporter {
 public:
  TextReporter(std::FILE* out, bool color) : out_(out), color_(color) {}

  void report(const Result& r) override {
    if (pending_ && same_line(*pending_, r)) {
      items_.push_back(list_item(r));
      return;
    }
    flush();
    if ((pending_kind_ = listed(r))) {
      pending_ = r;
      items_.push_back(list_item(r));
      return;
    }
    write(r, r.message);
  }

  void end() override {
    flush();
    std::fflush(out_);
  }

 private:
  // Writes the pending listed line, if any.
  void flush() {
    if (!pending_) return;
    std::string message(pending_->field("attr"));
    message.append(": ").append(pending_kind_->noun).append(items_.size() > 1 ? "s: " : ": ");
    for (std::size_t i = 0; i < items_.size(); ++i) message.append(i ? ", " : "").append(items_[i]);
    write(*pending_, message);
    pending_.reset();
    items_.clear();
  }

  void write(const Result& r, std::string_view message) {
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
    if (!message.empty()) {
      buf += ": ";
      // A message of several lines keeps the layout: continuation lines are
      // indented under the result.
      for (std::string_view rest = message; !rest.empty();) {
        const std::size_t nl = rest.find('\n');
        if (nl == std::string_view::npos) {
          buf += rest;
          break;
        }
        buf.append(rest.substr(0, nl + 1)).append("    ");
        rest.remove_prefix(nl + 1);
      }
    }
    buf += '\n';
    std::fwrite(buf.data(), 1, buf.size(), out_);
  }

  std::FILE* out_;
  bool color_;
  bool started_ = false;
  std::string current_;
  // The listed line being gathered: its first result and every item.
  std::optional<Result> pending_;
  const Listed* pending_kind_ = nullptr;
  std::vector<std::string> items_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, const ReporterOptions& opts) {
  return std::make_unique<TextReporter>(out, opts.color);
}

}  // namespace pkgscan::report
