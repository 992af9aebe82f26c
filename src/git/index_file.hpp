#pragma once
// The git index file (.git/index), read directly.
//
// Why not libgit2's git_index: a pre-commit hook reads the index once, and
// on a ::gentoo-sized repository (~100,000 entries, 11 MB) git_index_read
// took 340-700 ms: it hashes the whole file with collision-detecting SHA-1,
// allocates every entry and builds a path map we never use. Reading the
// format ourselves (git's Documentation/gitformat-index.txt, versions 2, 3
// and 4) takes a few milliseconds, and it gives us the cache tree (the TREE
// extension), which libgit2 keeps to itself and which lets the staged diff
// skip every directory the index did not change.
//
// Like git on ordinary reads (it verifies the trailing checksum only in
// `git fsck`), the checksum is not verified; every length and offset is
// bounds-checked instead, so a truncated or garbled file is an error, never
// a crash.
#include <git2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pkgscan::git {

struct IndexEntry {
  std::uint32_t path_offset = 0;  // see IndexFile::path()
  std::uint32_t path_size = 0;
  std::uint32_t mode = 0;         // git's file mode: 0100644, 0100755, 0120000, 0160000
  git_oid oid{};
  std::uint8_t stage = 0;         // 0: merged; 1-3: the sides of a conflict
  bool intent_to_add = false;     // `git add -N`: the path without content
};

// One directory of the cache tree: what `git write-tree` would give for it,
// while that is still known.
struct CacheTree {
  std::string name;              // one path component; "" for the root
  std::int64_t entry_count = -1; // index entries below it; -1: a change below invalidated it
  git_oid oid{};                 // the tree object, when valid
  std::vector<CacheTree> children;  // sorted by name

  bool valid() const { return entry_count >= 0; }
  const CacheTree* child(std::string_view name) const;
};

struct IndexFile {
  std::uint32_t version = 2;
  std::vector<IndexEntry> entries;  // index order: by path, then stage
  bool has_cache_tree = false;
  CacheTree cache_tree;             // the TREE extension (the root), when has_cache_tree

  // Versions 2 and 3 store every path whole: entries point into the file's
  // bytes (`raw`, kept alive by `storage`). Version 4 compresses each path
  // against the one before: they are spelled out in `paths`.
  std::shared_ptr<const void> storage;
  std::string_view raw;
  std::string paths;

  std::string_view path(const IndexEntry& e) const {
    return std::string_view((version >= 4 ? paths.data() : raw.data()) + e.path_offset, e.path_size);
  }
};

// Parses the bytes of an index file. false with *err saying what is wrong
// (and where) when they are not a well-formed index this reader knows. The
// entries of a version 2 or 3 index point into `data`, which must outlive
// `out` unless out.storage is set to own it.
bool parse_index(std::string_view data, IndexFile& out, std::string* err);

// Maps and parses the index file at `path`; a missing file is an empty
// index (a repository where nothing was ever staged). nullptr with *err on
// failure.
std::shared_ptr<const IndexFile> read_index(const std::string& path, std::string* err);

}  // namespace pkgscan::git
