#pragma once
// Each subcommand lives in its own cmd_<name>.cpp and registers itself on the
// CLI11 app here. A command's callback stores its exit status in `exit_code`:
// 0 clean, 1 results at the exit threshold / invalid input, 2 usage or fatal error.
#include <memory>

#include <CLI/CLI.hpp>

namespace pkgscan::cli {

struct Context {
  int exit_code = 0;
  // What a command built and main() need not free: main() leaves with _exit().
  std::shared_ptr<void> keep_alive;
};

void add_dep_command(CLI::App& app, Context& ctx);      // pkgscan dep parse
void add_version_command(CLI::App& app, Context& ctx);  // pkgscan version compare|sort
void add_scan_command(CLI::App& app, Context& ctx);     // pkgscan scan
void add_show_command(CLI::App& app, Context& ctx);     // pkgscan show checks|keywords|reporters
void add_replay_command(CLI::App& app, Context& ctx);   // pkgscan replay
void add_inspect_command(CLI::App& app, Context& ctx);  // pkgscan inspect
void add_regen_command(CLI::App& app, Context& ctx);    // pkgscan regen

}  // namespace pkgscan::cli
