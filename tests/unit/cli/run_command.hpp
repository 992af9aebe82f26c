#pragma once
// Running the built binary (or any shell command) from end-to-end tests.
#include <sys/wait.h>

#include <cstdio>
#include <string>

#include <catch2/catch.hpp>

namespace pkgscan::test {

struct Run {
  std::string out;  // standard output (plus stderr where the command redirects it)
  int status = -1;  // exit status, -1 when killed by a signal
};

// Runs `cmd` through /bin/sh and collects its standard output.
inline Run run_shell(const std::string& cmd) {
  Run r;
  std::FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// The pkgscan binary under test, quoted for the shell.
inline std::string pkgscan_cmd() { return std::string("'") + PKGSCAN_BINARY + "'"; }

}  // namespace pkgscan::test
