// Keywords: KEYWORDS tokens must name arches the repository knows (profiles/
// arch.list of the repository and its masters), each arch once, in pkgcore's
// order; a virtual should carry the keywords all its providers have.
//
// With a master missing, the known arches are incomplete: Portage stacks
// arch.list, so an overlay's own file holds only the arches it adds and an
// arch absent from it may well be in the master's. Then only malformed tokens
// (not keyword syntax at all) are reported. With no arch.list anywhere there
// is nothing to compare with, and likewise only malformed tokens are reported.
#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "arches.hpp"
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
constexpr Keyword kUnsortedKeywords{
    "UnsortedKeywords", Level::Style, Scope::Version,
    "KEYWORDS is not in the conventional order: alphabetical by arch ('~' and '-' ignored), with -* first and "
    "prefix arches (those with a '-', e.g. amd64-linux) after the plain ones, grouped by what follows the '-'. "
    "The message lists the keywords as written; sort them as described."};
constexpr Keyword kVirtualKeywordsUpdate{
    "VirtualKeywordsUpdate", Level::Info, Scope::Version,
    "A virtual/* version lacks keywords that every one of its providers has: for each RDEPEND atom (all USE "
    "branches, blockers aside) the keywords of its matching versions (arches of arch.list only) are collected, "
    "and the keywords common to all atoms that the virtual does not carry (a stable keyword also counts as its "
    "~arch) are listed. The virtual could be keyworded there."};

std::string_view arch_of(std::string_view kw) {
  if (!kw.empty() && (kw[0] == '~' || kw[0] == '-')) kw.remove_prefix(1);
  return kw;
}

class KeywordsCheck final : public Check {
 public:
  static constexpr std::string_view kName = "Keywords";
  static constexpr std::string_view kDoc =
      "Reports unknown, malformed, overlapping, duplicate and unsorted KEYWORDS, and virtuals that could carry "
      "more keywords.";
  static constexpr std::array<Keyword, 5> kKeywords = {kUnknownKeywords, kOverlappingKeywords, kDuplicateKeywords,
                                                       kUnsortedKeywords, kVirtualKeywordsUpdate};
  static constexpr bool kDefaultEnabled = true;

  void begin(const ScanContext& ctx) override {
    for (const auto& repo : ctx.repos.repos())
      for (const std::string& a : repo->profiles().arches) arches_.insert(a);
    arches_known_ = ctx.repos.missing_masters().empty() && !arches_.empty();
    // Portage accepts '*' and '~*' in overlays (any arch); only -* is PMS.
    overlay_ = !ctx.repos.main().layout().masters.empty();
    virtual_ = Symbol::intern("virtual");
  }

  void check_package(const Package& pkg, const ScanContext& ctx, ResultSink& out) const override {
    const bool virtual_updates = pkg.category == virtual_ && out.wants(kVirtualKeywordsUpdate);
    for (const Ebuild& e : pkg.versions) {
      if (!e.has_cache) continue;
      // Reused across ebuilds: the usual entry has nothing to report and should cost no allocation.
      thread_local std::vector<std::string_view> toks;
      split(e.entry.get(CacheKey::KEYWORDS), toks);
      check_unknown(e, toks, out);
      if (!small_and_clean(toks)) check_repeats(e, toks, out);
      check_order(e, toks, out);
      if (virtual_updates) check_virtual(e, ctx, out);
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

  static void check_order(const Ebuild& e, const std::vector<std::string_view>& toks, ResultSink& out) {
    if (std::is_sorted(toks.begin(), toks.end(), arches::keyword_less)) return;
    std::vector<std::string> written(toks.begin(), toks.end());
    meta::field(meta::report(out, kUnsortedKeywords, e, "unsorted KEYWORDS: " + meta::joined(written, ", ")),
                "keywords", meta::joined(written));
  }

  // pkgcheck's VirtualKeywordsUpdate: the keywords (of known arches) that
  // every provider atom offers, minus the virtual's own.
  void check_virtual(const Ebuild& e, const ScanContext& ctx, ResultSink& out) const {
    const DepSpec* rdepend = e.dep(DepVar::RDEPEND);
    if (!rdepend || arches_.empty()) return;
    std::vector<const Atom*> atoms;
    for (const Atom& a : rdepend->atoms)
      if (a.blocker == Blocker::None &&
          std::none_of(atoms.begin(), atoms.end(), [&](const Atom* b) { return *b == a; }))
        atoms.push_back(&a);
    std::optional<std::set<std::string>> common;
    for (const Atom* a : atoms) {
      std::vector<const Ebuild*> found = ctx.index.matches(*a, false);
      if (found.empty()) continue;  // NonexistentDeps says so
      std::set<std::string> offered;
      for (const Ebuild* m : found)
        for (Symbol k : m->keywords) {
          std::string_view kw = k.str();
          if (!kw.empty() && kw[0] == '-') continue;
          if (arches_.count(kw[0] == '~' ? kw.substr(1) : kw)) offered.emplace(kw);
        }
      if (!common) {
        common = std::move(offered);
      } else {
        std::erase_if(*common, [&](const std::string& k) { return !offered.count(k); });
      }
    }
    if (!common) return;
    for (Symbol k : e.keywords) {
      std::string_view kw = k.str();
      common->erase(std::string(kw));
      if (!kw.empty() && kw[0] != '~' && kw[0] != '-') common->erase("~" + std::string(kw));
    }
    if (common->empty()) return;
    std::vector<std::string> missing(common->begin(), common->end());
    std::stable_sort(missing.begin(), missing.end(), arches::keyword_less);
    meta::field(meta::report(out, kVirtualKeywordsUpdate, e, "KEYWORDS updates available: " + meta::joined(missing, ", ")),
                "keywords", meta::joined(missing));
  }

  std::set<std::string, std::less<>> arches_;  // transparent: looked up by string_view
  bool arches_known_ = false;
  bool overlay_ = false;
  Symbol virtual_;
};

const RegisterCheck<KeywordsCheck> kRegister;

}  // namespace
}  // namespace pkgscan
