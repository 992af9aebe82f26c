// Keywords: KEYWORDS tokens must name arches the repository knows (profiles/
// arch.list of the repository and its masters), each arch once.
//
// With a master missing, the known arches are incomplete: Portage stacks
// arch.list, so an overlay's own file holds only the arches it adds and an
// arch absent from it may well be in the master's. Then only malformed tokens
// (not keyword syntax at all) are reported. With no arch.list anywhere there
// is nothing to compare with, and likewise only malformed tokens are reported.
#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "meta_common.hpp"
#include "pkgscan/atom.hpp"
#include "pkgscan/check.hpp"

namespace pkgscan {
namespace {

constexpr Keyword kUnknownKeywords{
    "UnknownKeywords", Level::Error, Scope::Version,
    "KEYWORDS names an arch that is in no profiles/arch.list of the repository or its masters, or a token that is "
    "not keyword syntax (arch, ~arch, -arch or -*). Unknown arches are not reported while a master repository is "
    "missing, since its arch.list is unknown; malformed tokens always are."};
constexpr Keyword kOverlappingKeywords{
    "OverlappingKeywords", Level::Style, Scope::Version,
    "KEYWORDS lists the same arch in more than one form (e.g. 'amd64 ~amd64'); keep only the one meant."};
constexpr Keyword kDuplicateKeywords{
    "DuplicateKeywords", Level::Style, Scope::Version, "KEYWORDS lists the same keyword more than once."};

std::string_view arch_of(std::string_view kw) {
  if (!kw.empty() && (kw[0] == '~' || kw[0] == '-')) kw.remove_prefix(1);
  return kw;
}

class KeywordsCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Keywords";
  static constexpr std::string_view kDoc = "Reports unknown, malformed, overlapping and duplicate KEYWORDS.";
  static constexpr std::array<Keyword, 3> kKeywords = {kUnknownKeywords, kOverlappingKeywords, kDuplicateKeywords};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    for (const auto& repo : ctx.repos.repos())
      for (const std::string& a : repo->profiles().arches) arches_.insert(a);
    arches_known_ = ctx.repos.missing_masters().empty() && !arches_.empty();
    // Portage accepts '*' and '~*' in overlays (any arch); only -* is PMS.
    overlay_ = !ctx.repos.main().layout().masters.empty();
  }

  void check_package(const Package& pkg, const ScanContext&, ResultSink& out) const override {
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      // Reused across ebuilds: the usual entry has nothing to report and should cost no allocation.
      thread_local std::vector<std::string_view> toks;
      split(e.entry.get(CacheKey::KEYWORDS), toks);
      check_unknown(e, toks, out);
      if (!small_and_clean(toks)) check_repeats(e, toks, out);
    }
  }

 private:
  bool known(std::string_view tok) const {
    if (tok == "-*") return true;
    if (overlay_ && (tok == "*" || tok == "~*")) return true;
    if (!valid_keyword(tok)) return false;
    return !arches_known_ || arches_.find(arch_of(tok)) != arches_.end();
  }

  // meta::tokens into a reused vector.
  static void split(std::string_view s, std::vector<std::string_view>& out) {
    out.clear();
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && space(s[i])) ++i;
      std::size_t start = i;
      while (i < s.size() && !space(s[i])) ++i;
      if (i > start) out.push_back(s.substr(start, i - start));
    }
  }

  // A short list with no repeated token and no arch named twice: what
  // check_repeats would find nothing in, decided by pairwise comparison
  // without building its hash maps. Long lists go to check_repeats.
  static bool small_and_clean(const std::vector<std::string_view>& toks) {
    if (toks.size() > 64) return false;
    for (std::size_t i = 1; i < toks.size(); ++i) {
      std::string_view arch = arch_of(toks[i]);
      for (std::size_t j = 0; j < i; ++j) {
        if (toks[j] == toks[i]) return false;
        // check_repeats skips -* for overlaps, both as the later and the earlier token.
        if (toks[i] != "-*" && toks[j] != "-*" && arch_of(toks[j]) == arch) return false;
      }
    }
    return true;
  }

  void check_unknown(const Ebuild& e, const std::vector<std::string_view>& toks, ResultSink& out) const {
    if (std::all_of(toks.begin(), toks.end(), [&](std::string_view t) { return known(t); })) return;
    meta::UniqueList unknown;
    for (std::string_view t : toks)
      if (!known(t)) unknown.add(t);
    if (unknown.empty()) return;
    meta::field(meta::report(out, kUnknownKeywords, e, "KEYWORDS: unknown keyword(s) " + meta::quoted_list(unknown.items())),
         "keywords", meta::joined(unknown.items()));
  }

  // Hash maps rather than pairwise comparison: a broken cache entry may hold
  // a megabyte of tokens.
  static void check_repeats(const Ebuild& e, const std::vector<std::string_view>& toks, ResultSink& out) {
    std::unordered_set<std::string_view> seen;
    std::unordered_map<std::string_view, std::string_view> first_form;  // arch -> first token naming it
    meta::UniqueList dups;
    std::vector<std::string> overlaps;
    for (std::string_view t : toks) {
      if (!seen.insert(t).second) {
        dups.add(t);
        continue;
      }
      if (t == "-*") continue;
      auto [it, fresh] = first_form.emplace(arch_of(t), t);
      if (!fresh) overlaps.push_back(std::string(it->second) + " " + std::string(t));
    }
    if (!dups.empty())
      meta::field(meta::report(out, kDuplicateKeywords, e, "KEYWORDS: duplicate keyword(s) " + meta::quoted_list(dups.items())),
           "keywords", meta::joined(dups.items()));
    if (!overlaps.empty())
      meta::field(meta::report(out, kOverlappingKeywords, e, "KEYWORDS: overlapping keywords " + meta::quoted_list(overlaps)),
           "keywords", meta::joined(overlaps, ", "));
  }

  std::set<std::string, std::less<>> arches_;  // transparent: looked up by string_view
  bool arches_known_ = false;
  bool overlay_ = false;
};

const RegisterCheck<KeywordsCheck> kRegister;

}  // namespace
}  // namespace pkgscan
