// CopyrightHistory (--commits): an ebuild added or changed this year says so
// in its copyright line (pkgcheck's IncorrectCopyright for ebuilds).
#include <ctime>

#include "history_changes.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kIncorrectCopyright{
    "IncorrectCopyright", Level::Warning, Scope::Version,
    "An ebuild added or modified in the commits being checked has a first line '# Copyright YYYY ...' (or "
    "'# Copyright YYYY-YYYY ...') whose last year is not the current year. Update the year when changing the file."};

// The last year of "# Copyright 1999-2024 Gentoo Authors"; 0 when the line is not of that form.
int copyright_end(std::string_view line) {
  constexpr std::string_view prefix = "# Copyright ";
  if (line.substr(0, prefix.size()) != prefix) return 0;
  line.remove_prefix(prefix.size());
  auto year = [](std::string_view s) {
    if (s.size() < 4) return 0;
    int y = 0;
    for (int i = 0; i < 4; ++i) {
      if (s[i] < '0' || s[i] > '9') return 0;
      y = y * 10 + (s[i] - '0');
    }
    return y;
  };
  int first = year(line);
  if (!first) return 0;
  line.remove_prefix(4);
  if (!line.empty() && line[0] == '-') {
    int last = year(line.substr(1));
    if (!last) return 0;
    line.remove_prefix(5);
    first = last;
  }
  // A holder must follow: "# Copyright 2024" alone is not the header.
  if (line.size() < 2 || line[0] != ' ') return 0;
  return first;
}

int this_year() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return tm.tm_year + 1900;
}

class CopyrightHistoryCheck final : public Check {
 public:
  static constexpr std::string_view kName = "CopyrightHistory";
  static constexpr std::string_view kDoc =
      "With --commits: ebuilds added or modified whose copyright line does not end in the current year.";
  static constexpr std::array<Keyword, 1> kKeywords = {kIncorrectCopyright};
  static constexpr bool kDefaultEnabled = true;
  static constexpr bool kHistory = true;

  void begin(const ScanContext& ctx) override {
    if (ctx.history) changes_.build(*ctx.history);
    year_ = this_year();
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    if (!ctx.history) return;
    const PackageChanges& pc = changes_.of(pkg.category.str(), pkg.package.str());
    if (pc.ebuilds.empty()) return;
    for (const Ebuild& e : pkg.versions) {
      auto it = pc.ebuilds.find(e.pf);
      if (it == pc.ebuilds.end() || (it->second != 'A' && it->second != 'M')) continue;
      const std::string* text = ctx.ebuild_text(pkg, e);
      if (!text) continue;
      std::string_view line(*text);
      line = line.substr(0, line.find('\n'));
      int year = copyright_end(line);
      if (year && year != year_) {
        Result* r = out.version(kIncorrectCopyright, e,
                                "incorrect copyright year " + std::to_string(year) + ": '" + std::string(line) + "'");
        if (r) r->line = 1;
        with(r, "year", std::to_string(year));
      }
    }
  }

 private:
  ChangeIndex changes_;
  int year_ = 0;
};

const RegisterCheck<CopyrightHistoryCheck> kRegister;

}  // namespace
}  // namespace pkgscan
