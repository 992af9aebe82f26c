// The reporter registry: names to constructors.
#include "pkgscan/reporter.hpp"

#include "reporters_impl.hpp"

namespace pkgscan {

std::unique_ptr<Reporter> make_reporter(std::string_view name, std::FILE* out,
                                        std::span<const Keyword> keywords,
                                        const ReporterOptions& opts) {
  if (name == "text") return report::make_text_reporter(out, opts);
  if (name == "json") return report::make_json_reporter(out);
  if (name == "sarif") return report::make_sarif_reporter(out, keywords, opts);
  return nullptr;
}

std::vector<std::string_view> reporter_names() { return {"text", "json", "sarif"}; }

}  // namespace pkgscan
