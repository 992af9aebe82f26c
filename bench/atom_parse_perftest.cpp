// Atom parsing speed against the cost of merely splitting the same bytes on
// whitespace, on every atom of the real corpus's dependency variables.
//
//   atom_parse_perftest [CORPUS_DIR] [REPETITIONS]
//
// CORPUS_DIR is a repository root (with metadata/md5-cache); by default the
// GURU metadata tarball next to the repository is unpacked to a temp dir.
// Single-threaded; best of N repetitions (thread CPU time) for each side.
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "pkgscan/atom.hpp"

namespace fs = std::filesystem;

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool dep_key(std::string_view k) {
  return k == "DEPEND" || k == "RDEPEND" || k == "BDEPEND" || k == "PDEPEND" || k == "IDEPEND";
}

// Appends every atom token of a dependency value to `out`, space separated.
void collect_atoms(std::string_view value, std::string& out) {
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_space(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !is_space(value[i])) ++i;
    std::string_view t = value.substr(start, i - start);
    if (t.empty() || t == "(" || t == ")" || t == "||" || t.back() == '?') continue;
    out.append(t);
    out += ' ';
  }
}

fs::path default_tarball() {
  fs::path dir = fs::path(__FILE__).parent_path() / ".." / ".." / "shared" / "corpus";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().string().ends_with(".tar.xz")) return e.path();
  return {};
}

// CPU time of this thread: on a shared, loaded machine wall time mostly
// measures the other processes.
double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double wall_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Timing {
  double cpu = 1e100;   // best thread CPU time
  double wall = 1e100;  // best wall time, for comparison
};

template <class F>
Timing best_of(int reps, F&& fn) {
  Timing best;
  for (int r = 0; r < reps; ++r) {
    double c0 = thread_seconds(), w0 = wall_seconds();
    fn();
    best.cpu = std::min(best.cpu, thread_seconds() - c0);
    best.wall = std::min(best.wall, wall_seconds() - w0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root;
  fs::path temp;
  int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 9;
  if (argc > 1) {
    root = argv[1];
  } else {
    fs::path tarball = default_tarball();
    if (tarball.empty()) {
      std::fprintf(stderr, "atom_parse_perftest: no corpus tarball found; pass a corpus dir\n");
      return 2;
    }
    std::string tmpl = (fs::temp_directory_path() / "pkgscan-bench-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) return 2;
    temp = root = tmpl;
    std::string cmd = "tar -xJf '" + tarball.string() + "' -C '" + tmpl + "'";
    if (std::system(cmd.c_str()) != 0) {
      fs::remove_all(temp);
      return 2;
    }
  }
  fs::path cache = fs::is_directory(root / "metadata" / "md5-cache") ? root / "metadata" / "md5-cache" : root;

  std::string bytes;
  for (const auto& e : fs::recursive_directory_iterator(cache)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq != std::string::npos && dep_key(std::string_view(line).substr(0, eq)))
        collect_atoms(std::string_view(line).substr(eq + 1), bytes);
    }
  }
  if (!temp.empty()) fs::remove_all(temp);

  std::vector<std::string_view> atoms;
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t sp = bytes.find(' ', i);
    atoms.push_back(std::string_view(bytes).substr(i, sp - i));
    i = sp + 1;
  }
  if (atoms.empty()) {
    std::fprintf(stderr, "atom_parse_perftest: no atoms found under %s\n", cache.c_str());
    return 2;
  }

  const pkgscan::Eapi eapi = pkgscan::Eapi::latest();
  // Warm up the symbol table and check that everything parses.
  std::size_t invalid = 0;
  for (auto a : atoms) invalid += !pkgscan::Atom::parse(a, eapi).has_value();

  volatile std::size_t sink = 0;
  Timing split = best_of(reps, [&] {
    std::size_t tokens = 0, len = 0;
    const char* p = bytes.data();
    const char* end = p + bytes.size();
    while (p < end) {
      while (p < end && is_space(*p)) ++p;
      const char* s = p;
      while (p < end && !is_space(*p)) ++p;
      if (p > s) {
        ++tokens;
        len += static_cast<std::size_t>(p - s);
      }
    }
    sink = sink + tokens + len;
  });
  Timing parse = best_of(reps, [&] {
    std::size_t acc = 0;
    for (auto a : atoms) {
      auto atom = pkgscan::Atom::parse(a, eapi);
      acc += atom ? atom->package.id() + atom->use.size() : 1;
    }
    sink = sink + acc;
  });

  double n = static_cast<double>(atoms.size());
  std::printf("atoms: %zu (%zu invalid), %zu bytes, best of %d\n", atoms.size(), invalid, bytes.size(), reps);
  std::printf("split:  %8.2f ns/atom  %12.0f atoms/s  (wall %.2f ns/atom)\n", split.cpu / n * 1e9, n / split.cpu,
              split.wall / n * 1e9);
  std::printf("parse:  %8.2f ns/atom  %12.0f atoms/s  (wall %.2f ns/atom, %.0f atoms/s)\n", parse.cpu / n * 1e9,
              n / parse.cpu, parse.wall / n * 1e9, n / parse.wall);
  std::printf("ratio parse/split: %.2f (wall %.2f)\n", parse.cpu / split.cpu, parse.wall / split.wall);
  return 0;
}
