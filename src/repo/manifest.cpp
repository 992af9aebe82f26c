// Package Manifest lines (GLEP 74), read the way pkgcore reads them: only
// DIST, AUX, EBUILD and MISC; a name, a size and hash pairs; each (tag, name)
// once. Every malformed line becomes an issue with its line number.
#include "pkgscan/manifest.hpp"

#include <charconv>
#include <map>

#include "text_lines.hpp"

namespace pkgscan {

namespace {

constexpr std::string_view kBeginSigned = "-----BEGIN PGP SIGNED MESSAGE-----";
constexpr std::string_view kBeginSignature = "-----BEGIN PGP SIGNATURE-----";
constexpr std::string_view kEndSignature = "-----END PGP SIGNATURE-----";

// A token for a message: long garbage is cut, so one result stays one line.
std::string shown(std::string_view token) {
  constexpr std::size_t kMax = 60;
  if (token.size() <= kMax) return std::string(token);
  return std::string(token.substr(0, kMax)) + "...";
}

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return !s.empty();
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

class Parser {
 public:
  Manifest out;

  void issue(int line, std::string message) {
    if (out.issues.size() < Manifest::kMaxIssues)
      out.issues.push_back({line, std::move(message)});
    else
      ++out.more_issues;
  }

  void entry_line(int line, std::string_view content) {
    std::vector<std::string_view> t = text::split_ws(content);
    if (t.empty()) return;
    const std::string_view tag = t[0];
    if (tag != "DIST" && tag != "AUX" && tag != "EBUILD" && tag != "MISC") {
      if (tag == "MANIFEST" || tag == "IGNORE" || tag == "DATA" || tag == "TIMESTAMP")
        issue(line, "'" + std::string(tag) + "' is a tree-level Manifest tag, not valid in a package Manifest");
      else
        issue(line, "unknown Manifest tag '" + shown(tag) + "'");
      return;
    }
    if (t.size() < 3 || t.size() % 2 == 0) {
      issue(line, std::string(tag) + " line has " + std::to_string(t.size()) +
                      " fields; expected TAG NAME SIZE and then hash name and value pairs");
      return;
    }
    ManifestEntry e;
    e.tag = std::string(tag);
    e.name = std::string(t[1]);
    e.line = line;
    if (tag == "DIST" && e.name.find('/') != std::string::npos) {
      issue(line, "DIST name '" + shown(e.name) + "' contains '/'; distfile names are plain file names");
      return;
    }
    auto [end, ec] = std::from_chars(t[2].data(), t[2].data() + t[2].size(), e.size);
    if (ec != std::errc() || end != t[2].data() + t[2].size()) {
      issue(line, "size '" + shown(t[2]) + "' of '" + shown(e.name) + "' is not a number");
      return;
    }
    for (std::size_t i = 3; i + 1 < t.size(); i += 2) {
      std::string name = upper(t[i]);
      std::string_view value = t[i + 1];
      if (e.hash(name)) {
        issue(line, "hash " + shown(name) + " of '" + shown(e.name) + "' is given twice");
        return;
      }
      if (!is_hex(value)) {
        issue(line, "hash " + shown(name) + " of '" + shown(e.name) + "' is not hexadecimal: '" + shown(value) + "'");
        return;
      }
      std::size_t want = manifest_hash_length(name);
      if (want != 0 && value.size() != want) {
        issue(line, "hash " + name + " of '" + shown(e.name) + "' has " + std::to_string(value.size()) +
                        " hex digits, expected " + std::to_string(want));
        return;
      }
      e.hashes.emplace_back(std::move(name), lower(value));
    }
    auto [it, fresh] = first_line_.try_emplace(e.tag + ' ' + e.name, line);
    if (!fresh) {
      issue(line, "duplicate entry " + e.tag + " '" + shown(e.name) + "' (first on line " + std::to_string(it->second) + ")");
      return;
    }
    out.entries.push_back(std::move(e));
  }

 private:
  std::map<std::string, int> first_line_;
};

}  // namespace

const std::string* ManifestEntry::hash(std::string_view name) const {
  for (const auto& [n, v] : hashes)
    if (n == name) return &v;
  return nullptr;
}

std::size_t manifest_hash_length(std::string_view name) {
  static constexpr std::pair<std::string_view, std::size_t> kLengths[] = {
      {"MD5", 32},         {"RMD160", 40},      {"SHA1", 40},        {"SHA256", 64},
      {"SHA512", 128},     {"WHIRLPOOL", 128},  {"BLAKE2B", 128},    {"BLAKE2S", 64},
      {"SHA3_256", 64},    {"SHA3_512", 128},   {"STREEBOG256", 64}, {"STREEBOG512", 128}};
  for (const auto& [n, len] : kLengths)
    if (n == name) return len;
  return 0;
}

Manifest parse_manifest(std::string_view content) {
  Parser p;
  // Where we are in an OpenPGP cleartext signature (RFC 4880 §7).
  enum class Part { Plain, Headers, Signed, Signature, After } part = Part::Plain;
  int line_no = 0;
  bool any_content = false;
  while (!content.empty()) {
    std::size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    switch (part) {
      case Part::Plain:
        if (line == kBeginSigned) {
          if (any_content) p.issue(line_no, "a PGP signature starts after Manifest entries");
          p.out.signed_ = true;
          part = Part::Headers;
          continue;
        }
        break;
      case Part::Headers:
        if (line.empty()) part = Part::Signed;  // "Hash: SHA256" lines end with a blank line
        continue;
      case Part::Signed:
        if (line == kBeginSignature) {
          part = Part::Signature;
          continue;
        }
        if (line.starts_with("- ")) line.remove_prefix(2);  // dash-escaped
        break;
      case Part::Signature:
        if (line == kEndSignature) part = Part::After;
        continue;
      case Part::After:
        if (!text::trim(line).empty()) p.issue(line_no, "text after the PGP signature");
        continue;
    }
    if (!text::trim(line).empty()) any_content = true;
    p.entry_line(line_no, line);
  }
  if (part == Part::Headers || part == Part::Signed || part == Part::Signature)
    p.issue(line_no, "the PGP signature is not closed");
  return std::move(p.out);
}

}  // namespace pkgscan
