// Placeholder until the inspect command lands; replaced by its real implementation.
#include <cstdio>

#include "commands.hpp"

namespace pkgscan::cli {

void add_inspect_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("inspect", "(not implemented yet)");
  sub->allow_extras();
  sub->callback([&ctx] {
    std::fprintf(stderr, "pkgscan inspect: not implemented yet\n");
    ctx.exit_code = 2;
  });
}

}  // namespace pkgscan::cli
