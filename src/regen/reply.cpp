// A worker's reply turned into what Portage would have written (regen.md §5).
//
// Portage's bash prints `KEY=$(echo ${!KEY})` lines; Python decodes them as
// UTF-8 (errors=replace), splits them with str.splitlines() and each line at
// its first '='. The worker sends the same values NUL-separated, so here we
// replay exactly that Python step: a value holding a character that Python
// treats as a line break (but bash does not) splits the value, and a fragment
// without '=' makes the whole reply invalid, as in Portage.
#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "pkgscan/regen.hpp"
#include "regen_internal.hpp"

namespace pkgscan::regen {

namespace {

// The keys in the order Portage's ebuild.sh prints them; a later line wins
// when a stray fragment repeats a key.
constexpr std::array<std::string_view, 19> kPrintedKeys = {
    "DEPEND", "RDEPEND", "SLOT",     "SRC_URI", "RESTRICT", "HOMEPAGE",   "LICENSE",        "DESCRIPTION", "KEYWORDS",
    "INHERITED", "IUSE", "REQUIRED_USE", "PDEPEND", "BDEPEND", "EAPI", "PROPERTIES", "DEFINED_PHASES", "IDEPEND",
    "INHERIT"};

std::optional<Reason> reason_from_name(std::string_view s) {
  if (s == "die") return Reason::Die;
  if (s == "syntax") return Reason::Syntax;
  if (s == "missing-eclass") return Reason::MissingEclass;
  if (s == "eapi-mismatch") return Reason::EapiMismatch;
  if (s == "source-status") return Reason::SourceStatus;
  if (s == "limit") return Reason::Limit;
  if (s == "unreadable") return Reason::Unreadable;
  if (s == "other") return Reason::Other;
  return std::nullopt;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    if (v > 100000000) return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

Outcome failed(Reason reason, std::string message, std::string file = {}, int line = 0, std::string output = {}) {
  Outcome out;
  out.failure = Failure{reason, std::move(message), std::move(file), line, std::move(output)};
  return out;
}

}  // namespace

std::string_view reason_name(Reason r) {
  switch (r) {
    case Reason::Die: return "die";
    case Reason::Syntax: return "syntax";
    case Reason::MissingEclass: return "missing-eclass";
    case Reason::EapiMismatch: return "eapi-mismatch";
    case Reason::UnsupportedEapi: return "unsupported-eapi";
    case Reason::SourceStatus: return "source-status";
    case Reason::Limit: return "limit";
    case Reason::Timeout: return "timeout";
    case Reason::WorkerCrash: return "worker-crash";
    case Reason::Unreadable: return "unreadable";
    case Reason::InvalidValue: return "invalid-value";
    case Reason::Other: return "other";
  }
  return "other";
}

std::string decode_utf8_replace(std::string_view s) {
  static constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::string out;
  out.reserve(n);
  std::size_t i = 0;
  while (i < n) {
    unsigned c = b[i];
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else {  // never a start byte: one replacement for this byte
      out += kReplacement;
      ++i;
      continue;
    }
    // Python replaces the maximal valid prefix of a broken sequence with one
    // U+FFFD and goes on at the first byte that does not fit.
    std::size_t k = 1;
    while (k < len && i + k < n) {
      unsigned d = b[i + k];
      bool fits = k == 1 ? (d >= lo && d <= hi) : (d & 0xC0) == 0x80;
      if (!fits) break;
      ++k;
    }
    if (k == len) {
      out.append(s.substr(i, len));
    } else {
      out += kReplacement;
    }
    i += k;
  }
  return out;
}

std::vector<std::string_view> python_splitlines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t start = 0, i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t brk = 0;  // length of the line break at i
    if (c == '\n' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e) brk = 1;
    else if (c == '\r') brk = (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
    else if (c == 0xc2 && i + 1 < n && static_cast<unsigned char>(s[i + 1]) == 0x85) brk = 2;  // U+0085
    else if (c == 0xe2 && i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
             (static_cast<unsigned char>(s[i + 2]) == 0xa8 || static_cast<unsigned char>(s[i + 2]) == 0xa9))
      brk = 3;  // U+2028, U+2029
    if (brk == 0) {
      ++i;
      continue;
    }
    lines.push_back(s.substr(start, i - start));
    i += brk;
    start = i;
  }
  if (start < n) lines.push_back(s.substr(start));
  return lines;
}

Outcome outcome_from_reply(const std::vector<std::pair<std::string, std::string>>& fields, const EapiHead& head,
                           const std::string& ebuild_md5, const RepoSet& repos, const std::string& ebuild_path) {
  auto field = [&](std::string_view name) -> const std::string* {
    for (const auto& [k, v] : fields)
      if (k == name) return &v;
    return nullptr;
  };
  const std::string* status = field("STATUS");
  Outcome out;
  if (!status || (*status != "ok" && *status != "fail")) {
    out = failed(Reason::WorkerCrash, "the worker sent a reply without STATUS=ok or STATUS=fail", ebuild_path);
  } else if (*status == "fail") {
    const std::string* reason = field("REASON");
    const std::string* message = field("MESSAGE");
    const std::string* line = field("LINE");
    const std::string* file = field("FILE");
    const std::string* output = field("OUTPUT");
    auto r = reason ? reason_from_name(*reason) : std::nullopt;
    std::string msg = message && !message->empty() ? *message : "sourcing failed";
    if (reason && !r) msg = *reason + ": " + msg;
    out = failed(r.value_or(Reason::Other), decode_utf8_replace(msg), file && !file->empty() ? *file : ebuild_path,
                 line ? to_int(*line) : 0, output ? decode_utf8_replace(*output) : std::string());
  } else {
    // Python's view of the printed lines: later lines win, stray keys are dropped.
    std::map<std::string, std::string, std::less<>> metadata;
    for (std::string_view key : kPrintedKeys) {
      const std::string* value = field(key);
      std::string line = std::string(key) + "=" + (value ? *value : std::string());
      std::string decoded = decode_utf8_replace(line);
      for (std::string_view l : python_splitlines(decoded)) {
        std::size_t eq = l.find('=');
        if (eq == std::string_view::npos) {
          out = failed(Reason::InvalidValue,
                       "the value of " + std::string(key) +
                           " holds a character Portage reads as a line break (\\r, \\v, \\f, \\x1c-\\x1e, "
                           "U+0085, U+2028 or U+2029); Portage writes no entry",
                       ebuild_path);
          out.ebuild_md5 = ebuild_md5;
          return out;
        }
        metadata[std::string(l.substr(0, eq))] = std::string(l.substr(eq + 1));
      }
    }
    auto get = [&](std::string_view k) -> std::string {
      auto it = metadata.find(k);
      return it == metadata.end() ? std::string() : it->second;
    };

    // EAPI after sourcing (regen.md §1.5): it must be there and equal the head's.
    const std::string eapi = get("EAPI");
    if (eapi.empty() || eapi != head.eapi) {
      std::string msg = !head.assigned ? "valid EAPI assignment must occur on or before line: " + std::to_string(head.line)
                                       : "bash returned EAPI '" + eapi + "' which does not match assignment on line: " +
                                             std::to_string(head.line);
      out = failed(Reason::EapiMismatch, msg, ebuild_path, head.line);
    } else {
      CacheEntry entry;
      for (std::string_view key : kPrintedKeys) {
        if (key == "INHERITED") continue;
        if (auto k = cache_key_from_name(key)) entry.values[static_cast<std::size_t>(*k)] = get(key);
      }
      // _eclasses_: every inherited eclass, resolved on the same eclass path
      // bash searched, sorted by name as Portage's serializer does.
      std::set<std::string> names;
      std::string inherited = get("INHERITED");
      for (std::size_t i = 0; i < inherited.size();) {
        std::size_t j = inherited.find(' ', i);
        if (j == std::string::npos) j = inherited.size();
        if (j > i) names.insert(inherited.substr(i, j - i));
        i = j + 1;
      }
      std::string eclasses;
      for (const std::string& name : names) {
        const EclassInfo* info = repos.eclass(name);
        if (!info) {
          out = failed(Reason::MissingEclass, name + ".eclass could not be found by inherit()", ebuild_path);
          break;
        }
        if (info->md5.empty()) {
          out = failed(Reason::Unreadable, "cannot read " + info->path, info->path);
          break;
        }
        if (!eclasses.empty()) eclasses += '\t';
        eclasses += name;
        eclasses += '\t';
        eclasses += info->md5;
      }
      if (!out.failure) {
        entry.values[static_cast<std::size_t>(CacheKey::ECLASSES)] = std::move(eclasses);
        entry.values[static_cast<std::size_t>(CacheKey::MD5)] = ebuild_md5;
        out.md5_dict = write_md5_dict(entry);
        out.entry = parse_cache_entry(out.md5_dict);
      }
    }
  }
  out.ebuild_md5 = ebuild_md5;
  return out;
}

}  // namespace pkgscan::regen
