#pragma once
// metadata.xml of a package or a category (GLEP 68), parsed with libxml2
// into plain data: what the file says (maintainers, upstream remote-ids, USE
// flag descriptions, ...) and what is wrong with it (structure violations,
// empty elements, mixed indentation). The libxml2 tree is dropped once this
// is filled, so the value is cheap to keep and safe to share.
//
// The parser is configured for untrusted files: no network, no DTD loading,
// no entity substitution, and any entity declaration stops the parse (so
// "billion laughs" and external entities are refused, not expanded); the
// input must be UTF-8 (GLEP 31) and at most kMaxMetadataXmlBytes long.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/fs.hpp"

namespace pkgscan {

enum class MetadataXmlKind { Package, Category };  // <pkgmetadata> or <catmetadata>

// Real files are a few KB; anything this large is not a metadata.xml and is
// not parsed (a hostile file should cost a stat and one read, no more).
inline constexpr std::size_t kMaxMetadataXmlBytes = 1 << 20;

struct MetadataXml {
  enum class State {
    Missing,   // no file
    Unusable,  // not a regular file, unreadable, too large, not well-formed XML, not UTF-8, entity declarations
    Parsed     // well-formed; structure violations, if any, are listed below
  };
  State state = State::Missing;
  std::string error;  // Unusable: why, a phrase that follows "metadata.xml " ("is not well formed xml: ...")
  int error_line = 0;  // Unusable: 1-based line when known

  // --- content (Parsed) ------------------------------------------------------
  struct Maintainer {
    std::string type;   // "person" or "project" as written (may be empty or wrong: see violations)
    std::string email;  // first <email>, whitespace-trimmed
    std::string name;
    int line = 0;
  };
  struct RemoteId {
    std::string type;   // attribute as written
    std::string value;  // text, whitespace-trimmed
    int line = 0;
  };
  struct UseFlag {
    std::string name;
    std::string description;  // all text inside <flag>, whitespace-collapsed; empty = none
    int line = 0;
  };
  struct Reference {  // <pkg> or <cat> text, whitespace-trimmed
    std::string text;
    int line = 0;
  };
  struct Located {  // a finding at a line
    int line = 0;
    std::string text;
  };

  std::vector<Maintainer> maintainers;  // <pkgmetadata><maintainer>, in file order
  std::vector<RemoteId> remote_ids;     // <upstream><remote-id>, in file order
  // Flags of the first English <use> (no lang, or lang="en"), as pkgcore reads
  // them; a flag named twice keeps its first description.
  std::vector<UseFlag> use_flags;
  // The first English <longdescription>, whitespace-collapsed (nullopt: none).
  std::optional<std::string> longdescription;
  bool stabilize_allarches = false;
  bool maintainer_needed_comment = false;  // a comment whose text is "maintainer-needed"
  std::vector<Reference> pkg_refs, cat_refs;

  // --- findings (Parsed) ------------------------------------------------------
  std::vector<Located> violations;      // GLEP 68 structure: "<herd> is not allowed in <pkgmetadata> ..."
  std::vector<Located> empty_elements;  // element names with no content (flag and the flag-like elements excepted)
  std::vector<int> mixed_indentation;   // lines whose indentation differs from the file's first indentation character

  bool parsed() const { return state == State::Parsed; }
  const UseFlag* use_flag(std::string_view name) const;
};

// Parses the bytes of a metadata.xml. Never throws; every problem is data.
MetadataXml parse_metadata_xml(std::string_view bytes, MetadataXmlKind kind);

// Reads and parses `path` (absolute) through `fs`. A missing file is
// State::Missing; a directory, device, unreadable or oversized file is
// State::Unusable with the reason. `known` is the file's type when the caller
// has it already from a directory listing (symlinks followed, as stat does):
// the file is then not stat'ed again. `read`, when given, receives what the
// read saw of the file (FileSystem::read_file_info) when it was read, and is
// left alone otherwise.
MetadataXml read_metadata_xml(const FileSystem& fs, const std::string& path, MetadataXmlKind kind,
                              std::optional<FileType> known = std::nullopt, FileInfo* read = nullptr);

}  // namespace pkgscan
