// The index file format, versions 2-4 (git's gitformat-index.txt): a
// header, the entries sorted by path, extensions, a trailing checksum.
#include "index_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace pkgscan::git {

namespace {

constexpr std::size_t kOidSize = 20;       // SHA-1; libgit2 1.5 opens no other object format
constexpr std::size_t kHeaderSize = 12;    // "DIRC", version, entry count
constexpr std::size_t kEntryFixed = 62;    // stat data, mode, object id, flags
constexpr std::uint16_t kFlagExtended = 0x4000;
constexpr std::uint16_t kFlagStageMask = 0x3000;
constexpr std::uint16_t kFlagNameMask = 0x0fff;
constexpr std::uint16_t kExtIntentToAdd = 0x2000;
constexpr int kMaxTreeDepth = 4096;        // a deeper cache tree is garbage, not a repository

std::uint32_t be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
}

std::uint16_t be16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<std::uint16_t>((u[0] << 8) | u[1]);
}

bool fail(std::string* err, const std::string& why) {
  if (err) *err = "malformed git index: " + why;
  return false;
}

// Version 4's path prefix: the number of bytes to drop from the end of the
// previous path, in the varint pack files use for OFS_DELTA offsets (each
// continuation byte adds one before shifting, so no value has two spellings).
bool read_varint(std::string_view data, std::size_t& pos, std::uint64_t& value) {
  if (pos >= data.size()) return false;
  auto byte = static_cast<unsigned char>(data[pos++]);
  value = byte & 0x7f;
  while (byte & 0x80) {
    if (pos >= data.size() || value > (std::uint64_t{1} << 56)) return false;
    byte = static_cast<unsigned char>(data[pos++]);
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return true;
}

// A non-negative or -1 decimal number ending at `stop`.
bool read_count(std::string_view data, std::size_t& pos, char stop, std::int64_t& out) {
  bool negative = pos < data.size() && data[pos] == '-';
  if (negative) ++pos;
  std::size_t start = pos;
  std::int64_t v = 0;
  while (pos < data.size() && data[pos] >= '0' && data[pos] <= '9') {
    if (v > (std::int64_t{1} << 40)) return false;
    v = v * 10 + (data[pos++] - '0');
  }
  if (pos == start || pos >= data.size() || data[pos] != stop) return false;
  ++pos;
  out = negative ? -v : v;
  return true;
}

// One cache tree node and, recursively, the subtrees that follow it.
bool read_tree(std::string_view data, std::size_t& pos, CacheTree& node, int depth, std::string* err) {
  if (depth > kMaxTreeDepth) return fail(err, "the cache tree (TREE extension) nests too deep");
  std::size_t nul = data.find('\0', pos);
  if (nul == std::string_view::npos) return fail(err, "a cache tree name is not terminated");
  node.name.assign(data.substr(pos, nul - pos));
  pos = nul + 1;
  std::int64_t subtrees = 0;
  if (!read_count(data, pos, ' ', node.entry_count) || node.entry_count < -1 || !read_count(data, pos, '\n', subtrees) ||
      subtrees < 0)
    return fail(err, "bad counts in the cache tree entry '" + node.name + "'");
  if (node.valid()) {
    if (data.size() - pos < kOidSize) return fail(err, "the cache tree is truncated");
    std::memcpy(node.oid.id, data.data() + pos, kOidSize);
    pos += kOidSize;
  }
  // Each subtree takes at least 5 bytes ("\0-1 0\n" minus a name): a count
  // beyond what is left is garbage.
  if (static_cast<std::uint64_t>(subtrees) > (data.size() - pos) / 5) return fail(err, "the cache tree is truncated");
  node.children.resize(static_cast<std::size_t>(subtrees));
  for (CacheTree& c : node.children)
    if (!read_tree(data, pos, c, depth + 1, err)) return false;
  // Git keeps subtrees ordered by name length first; we search by name.
  std::sort(node.children.begin(), node.children.end(),
            [](const CacheTree& a, const CacheTree& b) { return a.name < b.name; });
  return true;
}

}  // namespace

const CacheTree* CacheTree::child(std::string_view n) const {
  auto it = std::lower_bound(children.begin(), children.end(), n,
                             [](const CacheTree& c, std::string_view key) { return c.name < key; });
  return it != children.end() && it->name == n ? &*it : nullptr;
}

bool parse_index(std::string_view data, IndexFile& out, std::string* err) {
  out = IndexFile{};
  if (data.size() < kHeaderSize + kOidSize || data.substr(0, 4) != "DIRC") return fail(err, "no DIRC header");
  out.version = be32(data.data() + 4);
  if (out.version < 2 || out.version > 4)
    return fail(err, "version " + std::to_string(out.version) + " (pkgscan reads versions 2, 3 and 4)");
  const std::uint32_t count = be32(data.data() + 8);
  const std::size_t end = data.size() - kOidSize;  // the trailing checksum
  std::size_t pos = kHeaderSize;
  out.entries.reserve(std::min<std::size_t>(count, end / kEntryFixed));
  out.raw = data;
  if (data.size() > UINT32_MAX) return fail(err, "too large");
  std::string previous;  // version 4: the path the next one is relative to
  if (out.version >= 4) out.paths.reserve(data.size());
  for (std::uint32_t i = 0; i < count; ++i) {
    auto where = [&] { return "entry " + std::to_string(i + 1); };
    const std::size_t start = pos;
    if (end - pos < kEntryFixed) return fail(err, where() + " is truncated");
    const char* p = data.data() + pos;
    IndexEntry e;
    e.mode = be32(p + 24);
    std::memcpy(e.oid.id, p + 40, kOidSize);
    const std::uint16_t flags = be16(p + 60);
    e.stage = static_cast<std::uint8_t>((flags & kFlagStageMask) >> 12);
    pos += kEntryFixed;
    if (flags & kFlagExtended) {
      if (out.version < 3) return fail(err, where() + " has extended flags in a version 2 index");
      if (end - pos < 2) return fail(err, where() + " is truncated");
      e.intent_to_add = (be16(data.data() + pos) & kExtIntentToAdd) != 0;
      pos += 2;
    }
    std::string_view path;
    std::size_t nul;
    if (out.version == 4) {
      std::uint64_t strip = 0;
      if (!read_varint(data.substr(0, end), pos, strip) || strip > previous.size())
        return fail(err, where() + ": a bad path prefix length");
      nul = data.find('\0', pos);
      if (nul == std::string_view::npos || nul >= end) return fail(err, where() + ": its path is not terminated");
      previous.resize(previous.size() - strip);
      previous.append(data.substr(pos, nul - pos));
      path = previous;
      pos = nul + 1;
    } else {
      nul = data.find('\0', pos);
      if (nul == std::string_view::npos || nul >= end) return fail(err, where() + ": its path is not terminated");
      path = data.substr(pos, nul - pos);
      // The entry is padded with NULs to a multiple of eight bytes.
      pos = start + ((nul - start + 8) & ~std::size_t{7});
      if (pos > end) return fail(err, where() + " is truncated");
    }
    // The 12-bit length is the path's, or 0xfff for "this long or longer".
    const std::size_t name_len = flags & kFlagNameMask;
    if (path.empty() || (name_len < kFlagNameMask ? path.size() != name_len : path.size() < kFlagNameMask))
      return fail(err, where() + ": its path does not match its recorded length");
    if (!out.entries.empty()) {
      const IndexEntry& prev = out.entries.back();
      int c = out.path(prev).compare(path);
      if (c > 0 || (c == 0 && prev.stage >= e.stage))
        return fail(err, where() + " (" + std::string(path) + ") is out of order");
    }
    if (out.version >= 4) {
      if (out.paths.size() + path.size() > UINT32_MAX) return fail(err, "too large");
      e.path_offset = static_cast<std::uint32_t>(out.paths.size());
      out.paths.append(path);
    } else {
      e.path_offset = static_cast<std::uint32_t>(path.data() - data.data());
    }
    e.path_size = static_cast<std::uint32_t>(path.size());
    out.entries.push_back(e);
  }
  // Extensions: a 4-byte signature, a 4-byte size, the data. One whose
  // signature starts with a capital letter is optional; any other must be
  // understood (a split index's "link", a sparse index's "sdir").
  while (pos < end) {
    if (end - pos < 8) return fail(err, "an extension header is truncated");
    std::string_view sig = data.substr(pos, 4);
    const std::uint32_t size = be32(data.data() + pos + 4);
    pos += 8;
    if (size > end - pos) return fail(err, "extension " + std::string(sig) + " is truncated");
    std::string_view ext = data.substr(pos, size);
    pos += size;
    if (sig == "TREE") {
      std::size_t tpos = 0;
      if (!ext.empty()) {
        if (!read_tree(ext, tpos, out.cache_tree, 0, err)) return false;
        out.has_cache_tree = true;
      }
    } else if (!(sig[0] >= 'A' && sig[0] <= 'Z')) {
      if (err)
        *err = "the git index uses extension '" + std::string(sig) +
               "' (a split or sparse index), which pkgscan cannot read";
      return false;
    }
  }
  return true;
}

std::shared_ptr<const IndexFile> read_index(const std::string& path, std::string* err) {
  auto index = std::make_shared<IndexFile>();
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return index;
    if (err) *err = "cannot read the git index " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    if (err) *err = "cannot read the git index " + path + ": " + std::strerror(errno);
    ::close(fd);
    return nullptr;
  }
  // Mapped, not copied: the file is ~11 MB for ::gentoo and the entries
  // point into it. (git replaces the index by renaming a new file over it,
  // so the mapped file itself never changes under us.)
  const auto size = static_cast<std::size_t>(st.st_size);
  void* map = size == 0 ? MAP_FAILED : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  std::string_view data;
  if (map != MAP_FAILED) {
    index->storage = std::shared_ptr<const void>(map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
    data = std::string_view(static_cast<const char*>(map), size);
  }
  std::string why;
  std::shared_ptr<const void> storage = index->storage;
  if (!parse_index(data, *index, &why)) {
    if (err) *err = path + ": " + why;
    return nullptr;
  }
  index->storage = std::move(storage);  // parse_index starts from an empty IndexFile
  return index;
}

}  // namespace pkgscan::git
