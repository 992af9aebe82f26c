// Placeholder until the scan command lands; replaced by its real implementation.
#include <cstdio>

#include "commands.hpp"

namespace pkgscan::cli {

void add_scan_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("scan", "(not implemented yet)");
  sub->allow_extras();
  sub->callback([&ctx] {
    std::fprintf(stderr, "pkgscan scan: not implemented yet\n");
    ctx.exit_code = 2;
  });
}

}  // namespace pkgscan::cli
