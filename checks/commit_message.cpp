// CommitMessage (--commits): each commit of the range against GLEP 66's
// message format and GLEP 76's sign-off rule, as pkgcheck's
// GitCommitMessageCheck enforces them:
//
//   cat/pkg: summary of at most 69 characters after the prefix
//   <empty line>
//   body lines of at most 80 characters (a single long word, e.g. a URL, may be longer)
//   <empty line>
//   Tag: value          (Bug:/Closes: URLs, Fixes:/Reverts: commits, Signed-off-by: ...)
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kBadCommitSummary{
    "BadCommitSummary", Level::Style, Scope::Commit,
    "The commit's summary line lacks the prefix of what it changes: 'cat/pkg: ' when one package changed, 'cat: ' "
    "when several packages of one category did, and the new version when it adds one ebuild (not a revision bump; "
    "acct-user, acct-group and virtual excepted). See the devmanual's git commit message format."};
constexpr Keyword kInvalidCommitMessage{
    "InvalidCommitMessage", Level::Style, Scope::Commit,
    "The commit message breaks GLEP 66's layout: no message, a summary longer than 69 characters (after the "
    "'cat/pkg: ' prefix), no empty line between summary, body and tags, body lines over 80 characters, or lines in "
    "the tag block that are not 'Tag: value'."};
constexpr Keyword kInvalidCommitTag{
    "InvalidCommitTag", Level::Style, Scope::Commit,
    "A tag of the commit message has a bad value: Bug: and Closes: take http(s) URLs, Fixes: and Reverts: take an "
    "existing commit ('abc123' or 'abc123 (\"summary\")'), and Gentoo-Bug: is no longer used."};
constexpr Keyword kMissingSignOff{
    "MissingSignOff", Level::Error, Scope::Commit,
    "The commit lacks a 'Signed-off-by: Name <email>' line for its author or its committer (GLEP 76's "
    "certificate of origin). Commit with 'git commit -s' using the same name and email as the commit."};

constexpr std::size_t kMaxSummary = 69;
constexpr std::size_t kMaxBodyLine = 80;

std::vector<std::string> split_lines(const std::string& message) {
  std::string m = message;
  while (!m.empty() && m.back() == '\n') m.pop_back();
  std::vector<std::string> lines;
  if (m.empty()) return lines;
  std::size_t i = 0;
  while (true) {
    std::size_t j = m.find('\n', i);
    lines.push_back(m.substr(i, j == std::string::npos ? std::string::npos : j - i));
    if (j == std::string::npos) break;
    i = j + 1;
  }
  return lines;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// "Tag: value": a tag of letters, digits, '_' and '-', then ": ".
bool footer_line(std::string_view line, std::string* tag, std::string* value) {
  std::size_t colon = line.find(": ");
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (char c : line.substr(0, colon))
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  if (tag) *tag = std::string(line.substr(0, colon));
  if (value) *value = std::string(line.substr(colon + 2));
  return true;
}

std::size_t word_count(std::string_view line) {
  std::size_t n = 0;
  bool in = false;
  for (char c : line) {
    bool ws = c == ' ' || c == '\t';
    if (!ws && !in) ++n;
    in = !ws;
  }
  return n;
}

// The scheme of a URL as Python's urlparse finds it: letters, digits, '+',
// '-' and '.' before the first ':', starting with a letter; "" when none.
std::string url_scheme(std::string_view v) {
  std::size_t colon = v.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(v[0]))) return {};
  for (char c : v.substr(0, colon))
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.')) return {};
  std::string s(v.substr(0, colon));
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Does `summary` mention `version` as a word, optionally after a 'v'?
bool mentions_version(const std::string& summary, const std::string& version) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t pos = summary.find(version); pos != std::string::npos; pos = summary.find(version, pos + 1)) {
    std::size_t end = pos + version.size();
    bool start_ok = pos == 0 || !word(summary[pos - 1]) || (summary[pos - 1] == 'v' && (pos == 1 || !word(summary[pos - 2])));
    bool end_ok = end == summary.size() || !word(summary[end]) || !word(version.back());
    if (start_ok && end_ok) return true;
  }
  return false;
}

// Ebuilds a commit changed, by status: 'A', 'M', 'D'.
struct EbuildChange {
  char status;
  std::string category, package;
  Version version;
};

std::vector<EbuildChange> ebuild_changes(const CommitInfo& c) {
  std::vector<EbuildChange> out;
  auto add = [&](const std::string& path, char status) {
    // The last three components: cat/pkg/pf.ebuild (the repository may sit below the top).
    std::size_t c3 = path.rfind('/');
    if (c3 == std::string::npos || c3 == 0) return;
    std::size_t c2 = path.rfind('/', c3 - 1);
    if (c2 == std::string::npos || c2 == 0) return;
    std::size_t c1 = path.rfind('/', c2 - 1);
    std::string cat = path.substr(c1 == std::string::npos ? 0 : c1 + 1, c2 - (c1 == std::string::npos ? 0 : c1 + 1));
    std::string pkg = path.substr(c2 + 1, c3 - c2 - 1);
    std::string file = path.substr(c3 + 1);
    if (file.size() <= 7 || file.compare(file.size() - 7, 7, ".ebuild") != 0) return;
    auto split = split_pf(file.substr(0, file.size() - 7));
    if (!split || split->package != pkg) return;
    out.push_back(EbuildChange{status, cat, pkg, split->version});
  };
  for (const FileChange& f : c.changes) {
    if (f.status == 'R') {
      add(f.old_path, 'D');
      add(f.path, 'A');
    } else {
      add(f.path, f.status == 'A' || f.status == 'D' ? f.status : 'M');
    }
  }
  return out;
}

class CommitMessageCheck final : public Check {
 public:
  static constexpr std::string_view kName = "CommitMessage";
  static constexpr std::string_view kDoc =
      "With --commits: each commit's message against GLEP 66 (summary prefix and length, body, tags) and GLEP 76 "
      "(sign-offs).";
  static constexpr std::array<Keyword, 4> kKeywords = {kBadCommitSummary, kInvalidCommitMessage, kInvalidCommitTag,
                                                       kMissingSignOff};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void check_repo(std::span<const Package* const>, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history) return;
    for (const CommitInfo& c : ctx.history->commits) check_commit(c, *ctx.history, out);
  }

 private:
  static void check_commit(const CommitInfo& c, const History& h, ResultSink& out) {
    const std::vector<std::string> lines = split_lines(c.message);
    auto message = [&](std::string text) { out.commit(kInvalidCommitMessage, c.short_hash, std::move(text)); };
    if (lines.empty()) {
      message("no commit message");
      return;
    }
    const std::string& summary = lines[0];
    std::size_t prefix = summary.find(": ");
    std::size_t summary_length = prefix == std::string::npos ? summary.size() : summary.size() - prefix - 2;
    if (summary_length > kMaxSummary) message("summary is too long");
    check_summary(c, summary, out);

    // The body: up to the first line that looks like a tag.
    std::size_t i = 1;
    bool body = false;
    for (; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (blank(line)) continue;
      if (!footer_line(line, nullptr, nullptr)) {
        if (!body && !lines[1].empty()) message("missing empty line before body");
        body = true;
        if (word_count(line) > 1 && line.size() > kMaxBodyLine)
          message("line " + std::to_string(i + 1) + " greater than 80 chars: '" + line + "'");
        continue;
      }
      if (!lines[i - 1].empty()) message("missing empty line before tags");
      break;
    }
    // The tag block.
    std::map<std::string, std::vector<std::string>> tags;
    for (; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      std::string tag, value;
      if (blank(line)) {
        if (i + 1 != lines.size()) message("empty line " + std::to_string(i + 1) + " in footer");
      } else if (footer_line(line, &tag, &value)) {
        tags[tag].push_back(value);
      } else {
        message("non-tag in footer, line " + std::to_string(i + 1) + ": '" + line + "'");
      }
    }
    check_tags(c, tags, h, out);
  }

  static void check_summary(const CommitInfo& c, const std::string& summary, ResultSink& out) {
    std::vector<EbuildChange> changes = ebuild_changes(c);
    if (changes.empty()) return;
    std::set<std::string> categories, packages;
    for (const EbuildChange& e : changes) {
      categories.insert(e.category);
      packages.insert(e.category + "/" + e.package);
    }
    if (categories.size() != 1) return;
    auto bad = [&](std::string error) {
      with(out.commit(kBadCommitSummary, c.short_hash, error + ": '" + summary + "'"), "summary", summary);
    };
    const std::string& category = *categories.begin();
    if (packages.size() > 1) {
      if (summary.rfind(category + ": ", 0) != 0) bad("summary missing '" + category + "' category prefix");
      return;
    }
    const std::string& key = *packages.begin();
    if (summary.rfind(key + ": ", 0) != 0) bad("summary missing '" + key + "' package prefix");
    // One new ebuild (not a revision bump): the summary names its version.
    std::vector<const EbuildChange*> added;
    for (const EbuildChange& e : changes)
      if (e.status == 'A') added.push_back(&e);
    if (added.size() != 1 || category == "acct-group" || category == "acct-user" || category == "virtual") return;
    const Version& v = added[0]->version;
    if (v.has_revision() && v.revision() != "0") return;
    std::string version(v.without_revision());
    if (!mentions_version(summary, version)) bad("summary missing package version '" + version + "'");
  }

  static void check_tags(const CommitInfo& c, const std::map<std::string, std::vector<std::string>>& tags,
                         const History& h, ResultSink& out) {
    auto bad_tag = [&](const std::string& tag, const std::string& value, const std::string& error) {
      Result* r = out.commit(kInvalidCommitTag, c.short_hash, "tag \"" + tag + ": " + value + "\": " + error);
      with(with(r, "tag", tag), "value", value);
    };
    // Signed-off-by is required: checked whether present or not.
    std::set<std::string> signed_off;
    if (auto it = tags.find("Signed-off-by"); it != tags.end()) signed_off.insert(it->second.begin(), it->second.end());
    std::vector<std::string> missing;
    for (const std::string& who : std::set<std::string>{c.author, c.committer})
      if (!signed_off.count(who)) missing.push_back(who);
    if (!missing.empty()) {
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
      with(out.commit(kMissingSignOff, c.short_hash,
                      std::string("missing sign-off") + (missing.size() > 1 ? "s" : "") + ": " + list),
           "missing", list);
    }
    for (const auto& [tag, values] : tags) {
      if (tag == "Gentoo-Bug") {
        for (const std::string& v : values) bad_tag(tag, v, "Gentoo-Bug tag is no longer valid");
      } else if (tag == "Bug" || tag == "Closes") {
        for (const std::string& v : values) {
          std::string scheme = url_scheme(v);
          if (scheme.empty())
            bad_tag(tag, v, "value isn't a URL");
          else if (scheme != "http" && scheme != "https")
            bad_tag(tag, v, "invalid protocol; should be http or https");
        }
      } else if (tag == "Fixes" || tag == "Reverts") {
        for (const std::string& v : values) check_commit_ref(tag, v, h, bad_tag);
      }
    }
  }

  // "abc123", "abc123." or "abc123 (summary)": the commit must exist.
  template <class Bad>
  static void check_commit_ref(const std::string& tag, const std::string& value, const History& h, Bad&& bad_tag) {
    std::size_t n = 0;
    while (n < value.size() && std::isxdigit(static_cast<unsigned char>(value[n]))) ++n;
    std::string_view rest = std::string_view(value).substr(n);
    bool ok = n > 0;
    if (ok && !rest.empty() && rest[0] == ' ') {
      ok = rest.size() > 3 && rest[1] == '(' && (rest.back() == ')' || rest.substr(rest.size() - 2) == ").");
    } else if (ok && !rest.empty()) {
      ok = rest == ".";
    }
    if (!ok) {
      bad_tag(tag, value, "invalid format");
      return;
    }
    std::string kind = h.object_kind ? h.object_kind(value.substr(0, n)) : "commit";
    if (kind != "commit") bad_tag(tag, value, kind == "missing" || kind == "ambiguous" ? kind + " commit" : "not a commit (" + kind + ")");
  }
};

const RegisterCheck<CommitMessageCheck> kRegister;

}  // namespace
}  // namespace pkgscan
