// pkgscan: a fast QA scanner for Gentoo ebuild repositories.
#include <mimalloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  // The index and the results are millions of small allocations: ask
  // mimalloc for transparent huge pages, which cuts page faults about five
  // times on a whole-tree scan (a fault is expensive on virtual machines).
  // MIMALLOC_LARGE_OS_PAGES=0 in the environment still turns it off.
  if (!std::getenv("MIMALLOC_LARGE_OS_PAGES")) mi_option_enable(mi_option_large_os_pages);
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
