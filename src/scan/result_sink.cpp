// ResultSink: builds results with their location filled from the ebuild or package.
#include "pkgscan/check.hpp"

namespace pkgscan {

bool ResultSink::wants(const Keyword& kw) const { return !enabled_ || (*enabled_)(kw.name); }

Result* ResultSink::push(const Keyword& kw, std::string message) {
  if (!wants(kw)) return nullptr;
  Result& r = out_->emplace_back();
  r.keyword = std::string(kw.name);
  r.level = kw.level;
  r.scope = kw.scope;
  r.check = std::string(check_);
  r.message = std::move(message);
  return &r;
}

Result* ResultSink::version(const Keyword& kw, const Ebuild& e, std::string message) {
  Result* r = push(kw, std::move(message));
  if (!r) return r;
  r->category = std::string(e.category.str());
  r->package = std::string(e.package.str());
  r->version = e.version.str();
  r->path = !e.ebuild_path.empty() ? e.ebuild_path : e.cache_path;
  return r;
}

Result* ResultSink::package(const Keyword& kw, const Package& p, std::string message) {
  Result* r = push(kw, std::move(message));
  if (!r) return r;
  r->category = std::string(p.category.str());
  r->package = std::string(p.package.str());
  r->path = r->category + "/" + r->package;
  return r;
}

Result* ResultSink::category(const Keyword& kw, std::string_view category, std::string message) {
  Result* r = push(kw, std::move(message));
  if (!r) return r;
  r->category = std::string(category);
  r->path = r->category;
  return r;
}

Result* ResultSink::repo(const Keyword& kw, std::string path, int line, std::string message) {
  Result* r = push(kw, std::move(message));
  if (!r) return r;
  r->path = std::move(path);
  r->line = line;
  return r;
}

Result* ResultSink::commit(const Keyword& kw, std::string commit, std::string message) {
  Result* r = push(kw, std::move(message));
  if (!r) return r;
  r->commit = std::move(commit);
  return r;
}

}  // namespace pkgscan
