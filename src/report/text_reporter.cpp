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
#include <span>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>

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

// Turns results, in final order, into text. The state is the group being
// written and the listed line being gathered; a fresh one starting at a
// group boundary writes what the serial one would there, which is what lets
// report_all format blocks side by side.
class TextFormat {
 public:
  // started: something was written before, so a new group is preceded by a
  // blank line; current: the group written last.
  TextFormat(bool color, bool started, std::string current = {})
      : color_(color), started_(started), current_(std::move(current)) {}

  void add(const Result& r, std::string& out) {
    if (pending_ && same_line(*pending_, r)) {
      items_.push_back(list_item(r));
      return;
    }
    finish(out);
    if ((pending_kind_ = listed(r))) {
      pending_ = r;
      items_.push_back(list_item(r));
      return;
    }
    write(r, r.message, out);
  }

  // Writes the pending listed line, if any.
  void finish(std::string& out) {
    if (!pending_) return;
    std::string message(pending_->field("attr"));
    message.append(": ").append(pending_kind_->noun).append(items_.size() > 1 ? "s: " : ": ");
    for (std::size_t i = 0; i < items_.size(); ++i) message.append(i ? ", " : "").append(items_[i]);
    write(*pending_, message, out);
    pending_.reset();
    items_.clear();
  }

  bool started() const { return started_; }

 private:
  void write(const Result& r, std::string_view message, std::string& buf) {
    std::string key = group_key(r);
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
  }

  bool color_;
  bool started_;
  std::string current_;
  // The listed line being gathered: its first result and every item.
  std::optional<Result> pending_;
  const Listed* pending_kind_ = nullptr;
  std::vector<std::string> items_;
};

class TextReporter final : public Reporter {
 public:
  TextReporter(std::FILE* out, bool color) : out_(out), color_(color), format_(color, false) {}

  void report(const Result& r) override {
    buf_.clear();
    format_.add(r, buf_);
    std::fwrite(buf_.data(), 1, buf_.size(), out_);
  }

  // Blocks of whole groups are formatted side by side and written in order,
  // a window of blocks at a time, as the JSON reporter does (on the real
  // union, 55,000 results took 30 ms at the end of the scan on one thread).
  // A block ends where a group does, so no group header and no listed line
  // is split between two blocks.
  void report_all(std::span<const Result> results) override {
    constexpr std::size_t kBlock = 256, kWindow = 16;
    if (format_.started() || results.size() < 2 * kBlock) {
      Reporter::report_all(results);
      return;
    }
    std::vector<std::string> blocks(kWindow);
    std::vector<std::pair<std::size_t, std::size_t>> bounds;
    for (std::size_t start = 0; start < results.size();) {
      bounds.clear();
      while (bounds.size() < kWindow && start < results.size()) {
        std::size_t end = std::min(results.size(), start + kBlock);
        while (end < results.size() && group_key(results[end]) == group_key(results[end - 1])) ++end;
        bounds.emplace_back(start, end);
        start = end;
      }
      tbb::parallel_for(std::size_t{0}, bounds.size(), [&](std::size_t b) {
        std::string& text = blocks[b];
        text.clear();
        TextFormat format(color_, bounds[b].first > 0);
        for (std::size_t i = bounds[b].first; i < bounds[b].second; ++i) format.add(results[i], text);
        format.finish(text);
      });
      for (std::size_t b = 0; b < bounds.size(); ++b) std::fwrite(blocks[b].data(), 1, blocks[b].size(), out_);
    }
    // What follows (nothing, in a scan) continues after the last group.
    format_ = TextFormat(color_, true, group_key(results.back()));
  }

  void end() override {
    buf_.clear();
    format_.finish(buf_);
    std::fwrite(buf_.data(), 1, buf_.size(), out_);
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  bool color_;
  TextFormat format_;
  std::string buf_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, const ReporterOptions& opts) {
  return std::make_unique<TextReporter>(out, opts.color);
}

}  // namespace pkgscan::report
