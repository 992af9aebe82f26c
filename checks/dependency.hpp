#pragma once
// The Dependency family is split over three files that share this header:
//   dependency.cpp       the family itself: existence, moves, deprecation,
//                        blockers, revisions, redundancy, self-dependencies
//   dependency_use.cpp   USE flags: UnstatedIuse, MissingUseDepDefault, and
//                        the implicit IUSE the profiles define
//   dependency_slot.cpp  MissingSlotDep
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pkgscan/check.hpp"

namespace pkgscan::depcheck {

inline constexpr Keyword kNonexistentDeps{
    "NonexistentDeps", Level::Warning, Scope::Version,
    "A dependency atom (not a blocker) matches no version of any package in the repository or its masters: the "
    "package does not exist, or no version satisfies the version and slot restrictions. The message says which. "
    "USE dependencies are ignored, so one ebuild gets one result per atom; an atom in several variables is one "
    "result naming them all (attr DEPEND+RDEPEND). The text output lists one ebuild's atoms on one line per "
    "variable. When a master repository is missing, atoms that could live there are never reported here; "
    "UnresolvableDeps counts them instead."};
inline constexpr Keyword kDependencyMoved{
    "DependencyMoved", Level::Error, Scope::Version,
    "A dependency names a package that profiles/updates (of the repository or a master) moved to a new name and "
    "nothing matches the old name any more. Replace it with the new name given in the message. One result per "
    "atom without its USE dependencies, naming every variable that has it."};
inline constexpr Keyword kUnresolvableDeps{
    "UnresolvableDeps", Level::Info, Scope::Repo,
    "A master repository is missing, so dependency atoms that match nothing in the repositories at hand might live "
    "there. They are counted here once (an atom per ebuild, as NonexistentDeps would report them) instead of "
    "being reported as NonexistentDeps (nor NonexistentBlocker). "
    "Supply the master with --repo-path NAME=PATH to check them."};
inline constexpr Keyword kBadDependency{
    "BadDependency", Level::Error, Scope::Version,
    "A dependency that cannot work as written: a ':=' slot operator inside '|| ( )' (the package manager cannot "
    "tell which alternative to rebuild against), ':=' in PDEPEND, a slot operator on a blocker (valid grammar, "
    "but nothing is built against a blocker), or a blocker that matches the ebuild itself."};
inline constexpr Keyword kMissingSlotDep{
    "MissingSlotDep", Level::Warning, Scope::Version,
    "An atom that is both in DEPEND and RDEPEND names no slot and no slot operator, yet the versions it matches "
    "span more than one SLOT, so the runtime dependency may be satisfied by a different slot than the one built "
    "against. Add the slot (cat/pkg:2) or a slot operator (:= to rebuild when it changes, :* for any). EAPI 5+."};
inline constexpr Keyword kMissingUseDepDefault{
    "MissingUseDepDefault", Level::Warning, Scope::Version,
    "A USE dependency without a (+) or (-) default names a flag that some matching version does not have in its "
    "IUSE, so that version can never satisfy it. The message lists those versions. Add the default that states "
    "what a version without the flag means. EAPI 4+."};
inline constexpr Keyword kUnstatedIuse{
    "UnstatedIuse", Level::Error, Scope::Version,
    "A USE-conditional group (flag? ( ... )) or a conditional USE dependency ([flag?], [flag=], [!flag=], "
    "[!flag?]) names a flag that is not in the ebuild's effective IUSE: its IUSE plus the implicit flags the "
    "profiles define (arch.list, IUSE_IMPLICIT and USE_EXPAND_IMPLICIT values from profiles/base/make.defaults of "
    "the repository and its masters). With a missing master, flags its profiles usually make implicit (arch "
    "names, elibc_*, kernel_*, userland_*, prefix*) are assumed implicit. EAPI 5+ only: older EAPIs let profiles "
    "inject any flag."};
inline constexpr Keyword kMissingPackageRevision{
    "MissingPackageRevision", Level::Warning, Scope::Version,
    "An atom with '=', '<=' or '>' and a version without -rN: '=cat/pkg-1' matches only revision -r0, '<=' stops "
    "at -r0 and '>' already matches -r1. Use '~cat/pkg-1' for any revision, or write the revision meant. One "
    "result per atom without its USE dependencies, naming every variable that has it."};
inline constexpr Keyword kDeprecatedDep{
    "DeprecatedDep", Level::Warning, Scope::Version,
    "A dependency (not a blocker) whose every match is listed in profiles/package.deprecated of the repository or "
    "a master. Move to the replacement the deprecation notice names. One result per atom without its USE "
    "dependencies, naming every variable that has it."};
inline constexpr Keyword kMisplacedWeakBlocker{
    "MisplacedWeakBlocker", Level::Warning, Scope::Version,
    "A weak blocker (!cat/pkg) only decides whether file collisions are tolerated at merge time, so it belongs in "
    "RDEPEND. Reported when it is in DEPEND or BDEPEND but not also in RDEPEND, in IDEPEND but in neither RDEPEND "
    "nor DEPEND, or in PDEPEND."};
inline constexpr Keyword kNonexistentBlocker{
    "NonexistentBlocker", Level::Warning, Scope::Version,
    "A blocker matches no version in the repository or its masters, so it blocks nothing and is probably obsolete: "
    "its package exists nowhere (and was not moved by profiles/updates), or no version satisfies its operator and "
    "version (!<cat/pkg-2 when the oldest version is 3). As in pkgcheck, the blocker's slot and USE dependencies "
    "are ignored. Never reported when a master repository is missing."};
inline constexpr Keyword kRedundantDep{
    "RedundantDep", Level::Style, Scope::Version,
    "The same atom appears twice in one dependency variable under the same USE conditions, or also under extra "
    "conditions where an unconditional copy already requires it. Alternatives of '|| ( )' are not compared."};
inline constexpr Keyword kSelfDependency{
    "SelfDependency", Level::Warning, Scope::Version,
    "An ebuild depends on its own package outside a blocker. A build-time self-dependency (DEPEND, BDEPEND) "
    "cannot be satisfied on a system without the package and breaks bootstrapping; at runtime it only adds USE "
    "constraints that REQUIRED_USE states better. Only atoms the ebuild itself satisfies count, outside '|| ( )': "
    "an alternative (a -bin or -bootstrap package) or another slot or version of the package breaks the cycle."};

// Flags that the profiles make part of every EAPI 5+ ebuild's effective IUSE.
class ImplicitIuse {
 public:
  // Reads arch.list and profiles/base/make.defaults of every repository in the set.
  void build(const RepoSet& repos);
  bool contains(Symbol flag) const;
  bool conservative() const { return conservative_; }

 private:
  std::unordered_set<Symbol> flags_;
  bool conservative_ = false;  // a master is missing: assume what its profiles usually define
};

// The USE-flag checks of one ebuild (UnstatedIuse, MissingUseDepDefault).
void check_use_flags(const Ebuild& e, const ImplicitIuse& implicit, const RepoIndex& index, ResultSink& out);

// MissingSlotDep for one atom that is in both DEPEND and RDEPEND without slot
// or slot operator, given every repository's copy of its package.
void check_slot_dep(const Ebuild& e, const Atom& atom, std::span<const Package* const> copies, ResultSink& out);

// "VAR: atom: reason", the shape of every message in the family, with the
// attr and atom fields set.
Result* report(ResultSink& out, const Keyword& kw, const Ebuild& e, std::string_view var, const std::string& atom,
               const std::string& reason);

// Results that depend only on an atom without its USE dependencies (and on
// the repositories), not on where it is written: NonexistentDeps,
// DependencyMoved, DeprecatedDep, NonexistentBlocker, MissingPackageRevision,
// and the atoms UnresolvableDeps counts. An ebuild that writes such an atom
// several times (under other USE conditions, with other USE dependencies, in
// DEPEND and RDEPEND) has one problem, so it gets one result whose attr names
// every variable: "DEPEND+RDEPEND". Gathered over one ebuild, then flushed.
class AtomFindings {
 public:
  struct Finding {
    const Keyword* keyword;
    Atom atom;                // without USE dependencies
    std::uint8_t vars = 0;    // bit per DepVar
    std::string reason;
    std::vector<std::pair<std::string, std::string>> fields;  // after attr and atom
  };

  void clear() { findings_.clear(); }
  // Notes `kw` on `atom` in `var`. Returns the new finding for the caller to
  // give its reason and fields, or nullptr when the ebuild already has it
  // (the variable is added to it) and nothing more needs to be said.
  Finding* add(const Keyword& kw, DepVar var, const Atom& atom);
  // Reports every finding: "VAR+VAR: atom: reason", fields attr, atom, then
  // the finding's own. The UnresolvableDeps findings are not reported but
  // appended (as cat/pkg) to `unresolved`, one per atom.
  void flush(const Ebuild& e, ResultSink& out, std::vector<std::string>& unresolved);

 private:
  std::vector<Finding> findings_;
};

// Every version of cat/pkg in the repository set, in ascending order
// (RepoIndex::versions).
std::vector<const Ebuild*> all_versions(const RepoIndex& index, Symbol category, Symbol package);
// The same into a caller's buffer (cleared first), for per-atom paths.
void all_versions(const RepoIndex& index, Symbol category, Symbol package, std::vector<const Ebuild*>& out);

// Every repository's copies of the packages one package's dependencies name,
// each looked up in the index once. Versions share most of their
// dependencies and DEPEND and RDEPEND usually repeat each other, so a full
// scan would otherwise ask the (large, cache-cold) index the same question
// several times per package. One per thread, cleared per package.
class PackageLookups {
 public:
  struct Found {
    std::span<const Package* const> copies;  // main repository first, as RepoIndex::for_each_copy
    bool any_version;                        // some copy has a version
  };
  void clear();
  // Valid until the next find() or clear().
  Found find(const RepoIndex& index, Symbol category, Symbol package);

 private:
  struct Entry {
    std::uint64_t key = 0;
    std::uint32_t generation = 0;  // an entry of an older generation is empty
    std::uint32_t first = 0, count = 0;
    bool any_version = false;
  };
  void grow();
  std::vector<Entry> slots_;  // open addressing, power-of-two size
  std::vector<const Package*> copies_;
  std::size_t used_ = 0;
  std::uint32_t generation_ = 1;
};

}  // namespace pkgscan::depcheck
