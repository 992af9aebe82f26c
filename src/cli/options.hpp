#pragma once
// How the subcommands declare their options, so that every option reads the
// same wherever it is written: before the targets or after them, short or
// long, with a space or with '=' (-k X, -k=X, -kX, --keywords X, --keywords=X).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace pkgscan::cli {

// "-k=X": CLI11 hands a short option everything after its letter, so the
// value would be "=X". No value of ours starts with '=' (targets such as
// =cat/pkg-1 are positional), so the '=' is dropped.
inline CLI::Option* equals_after_short_name(CLI::Option* opt) {
  return opt->transform([](std::string value) {
    if (!value.empty() && value.front() == '=') value.erase(0, 1);
    return value;
  });
}

// A value option (-r DIR, -j N, -R NAME): one value per use.
template <typename T>
CLI::Option* value_option(CLI::App* app, const std::string& names, T& into, const std::string& help) {
  return equals_after_short_name(app->add_option(names, into, help));
}

// A list option (-c, -k, --exit, --repo-path): one comma-separated value per
// use, and the option may be repeated (-k A -k B is -k A,B). By default CLI11
// lets an option that fills a vector take every following word, so
// `scan -k X PATH` read PATH as a second keyword; here it takes exactly one,
// even one that starts with '-' (-c -Bootstrap removes a check).
inline CLI::Option* list_option(CLI::App* app, const std::string& names, std::vector<std::string>& into,
                                const std::string& help) {
  return value_option(app, names, into, help)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

}  // namespace pkgscan::cli
