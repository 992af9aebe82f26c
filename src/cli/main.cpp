// pkgscan: a fast QA scanner for Gentoo ebuild repositories.
#include <unistd.h>

#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"pkgscan: QA scanner for Gentoo ebuild repositories"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "pkgscan 0.1.0");
  pkgscan::cli::Context ctx;
  pkgscan::cli::add_scan_command(app, ctx);
  pkgscan::cli::add_show_command(app, ctx);
  pkgscan::cli::add_replay_command(app, ctx);
  pkgscan::cli::add_inspect_command(app, ctx);
  pkgscan::cli::add_regen_command(app, ctx);
  pkgscan::cli::add_dep_command(app, ctx);
  pkgscan::cli::add_version_command(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;  // usage errors are exit status 2
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pkgscan: error: %s\n", e.what());
    return 2;
  }
  // The scan's index can hold hundreds of megabytes in millions of small
  // allocations; freeing them one by one only delays the exit. Flush and leave.
  std::fflush(stdout);
  std::fflush(stderr);
  _exit(ctx.exit_code);
}
