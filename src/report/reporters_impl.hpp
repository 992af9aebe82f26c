#pragma once
// Constructors of the concrete reporters, private to the report module;
// everyone else goes through make_reporter().
#include <cstdio>
#include <memory>
#include <span>

#include "pkgscan/reporter.hpp"

namespace pkgscan::report {

std::unique_ptr<Reporter> make_text_reporter(std::FILE* out, const ReporterOptions& opts);
std::unique_ptr<Reporter> make_json_reporter(std::FILE* out);
std::unique_ptr<Reporter> make_sarif_reporter(std::FILE* out, std::span<const Keyword> keywords,
                                              const ReporterOptions& opts);

}  // namespace pkgscan::report
