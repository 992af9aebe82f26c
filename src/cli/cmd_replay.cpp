// pkgscan replay FILE: read a JSON Lines report (`scan -R json`) back and
// feed it to any reporter, e.g. to turn a saved CI run into SARIF or text.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "options.hpp"
#include "pkgscan/keywords.hpp"
#include "pkgscan/reporter.hpp"

namespace pkgscan::cli {

namespace {

struct ReplayArgs {
  std::string input;
  std::string reporter = "text";
  std::string output;
  std::string color = "auto";
};

using FilePtr = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// Reads one line of any length; false at end of input.
bool read_line(std::FILE* f, std::string& line) {
  line.clear();
  int c;
  while ((c = std::getc(f)) != EOF) {
    if (c == '\n') return true;
    line += static_cast<char>(c);
  }
  return !line.empty();
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

int run(const ReplayArgs& a) {
  std::FILE* in = stdin;
  FilePtr in_file(nullptr, &std::fclose);
  std::string name = a.input == "-" ? "<stdin>" : a.input;
  if (a.input != "-") {
    in_file.reset(std::fopen(a.input.c_str(), "rb"));
    if (!in_file) {
      std::fprintf(stderr, "pkgscan replay: error: cannot read %s\n", a.input.c_str());
      return 2;
    }
    in = in_file.get();
  }

  // Everything is read and checked before anything is written: a bad line
  // leaves no half-written report behind.
  std::vector<Result> results;
  std::string line;
  for (std::size_t lineno = 1; read_line(in, line); ++lineno) {
    if (blank(line)) continue;
    std::string err;
    std::optional<Result> r = result_from_json(line, &err);
    if (!r) {
      std::fprintf(stderr, "pkgscan replay: error: %s:%zu: %s\n", name.c_str(), lineno,
                   err.c_str());
      return 2;
    }
    results.push_back(std::move(*r));
  }
  if (std::ferror(in)) {
    std::fprintf(stderr, "pkgscan replay: error: cannot read %s\n", name.c_str());
    return 2;
  }
  // Reports may be concatenated from several runs; the output order is the
  // scanner's, whatever the input order was.
  std::stable_sort(results.begin(), results.end(), result_less);

  std::FILE* out = stdout;
  FilePtr out_file(nullptr, &std::fclose);
  if (!a.output.empty() && a.output != "-") {
    out_file.reset(std::fopen(a.output.c_str(), "w"));
    if (!out_file) {
      std::fprintf(stderr, "pkgscan replay: error: cannot write %s\n", a.output.c_str());
      return 2;
    }
    out = out_file.get();
  }
  ReporterOptions ropts;
  ropts.tool_version = "0.1.0";
  bool tty = out == stdout && isatty(fileno(stdout));
  const char* no_color = std::getenv("NO_COLOR");
  ropts.color = a.color == "always" || (a.color == "auto" && tty && !(no_color && *no_color));
  auto rep = make_reporter(a.reporter, out, all_keywords(), ropts);
  if (!rep) {
    std::fprintf(stderr, "pkgscan replay: error: unknown reporter '%s'\n", a.reporter.c_str());
    return 2;
  }
  rep->begin();
  for (const Result& r : results) rep->report(r);
  rep->end();
  if (std::fflush(out) != 0 || std::ferror(out)) {
    std::fprintf(stderr, "pkgscan replay: error: writing the report failed\n");
    return 2;
  }
  return 0;
}

}  // namespace

void add_replay_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ReplayArgs>();
  auto* sub = app.add_subcommand("replay", "Report the results of a saved JSON Lines report");
  sub->add_option("file", args->input, "JSON Lines report from `scan -R json` (- for stdin)")
      ->required();
  std::vector<std::string> names;
  for (auto n : reporter_names()) names.emplace_back(n);
  value_option(sub, "-R,--reporter", args->reporter, "Output format: text, json, sarif")
      ->check(CLI::IsMember(names));
  value_option(sub, "-o,--output", args->output, "Write the report to FILE");
  value_option(sub, "--color", args->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  sub->callback([args, &ctx] { ctx.exit_code = run(*args); });
}

}  // namespace pkgscan::cli
