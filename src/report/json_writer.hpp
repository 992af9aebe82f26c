#pragma once
// A minimal JSON writer for the reporters' hot paths. Building an
// nlohmann::ordered_json tree per result and dumping it costs several
// allocations per member; reports of a whole repository run to hundreds of
// thousands of results, so the reporters append text directly instead.
#include <string>
#include <string_view>

namespace pkgscan::report {

// Appends s as a JSON string literal. Bytes that are not valid UTF-8 become
// U+FFFD, so the output is always valid JSON whatever the repository held.
void append_json_string(std::string& out, std::string_view s);

// Writes one JSON object member by member. `spaced` selects ", " and ": "
// (for the SARIF log, read by people) over "," and ":" (JSON Lines).
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, bool spaced) : out_(out), spaced_(spaced) { out_ += '{'; }

  // Starts a member whose value the caller appends itself.
  std::string& key(std::string_view k) {
    if (!first_) out_ += spaced_ ? ", " : ",";
    first_ = false;
    append_json_string(out_, k);
    out_ += spaced_ ? ": " : ":";
    return out_;
  }
  void string(std::string_view k, std::string_view v) { append_json_string(key(k), v); }
  void integer(std::string_view k, long long v) { key(k) += std::to_string(v); }
  void boolean(std::string_view k, bool v) { key(k) += v ? "true" : "false"; }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool spaced_;
  bool first_ = true;
};

}  // namespace pkgscan::report
