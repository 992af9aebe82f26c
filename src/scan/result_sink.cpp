// ResultSink: builds results with their location filled from the ebuild or package.
#include "pkgscan/check.hpp"

#include <algorithm>
#include <cstdint>

namespace pkgscan {

KeywordFilter::KeywordFilter(std::vector<std::string> enabled, std::span<const Keyword* const> declared)
    : enabled_(std::move(enabled)) {
  std::sort(enabled_.begin(), enabled_.end());
  std::size_t size = 64;
  while (size < 4 * declared.size()) size *= 2;
  table_.resize(size);
  for (const Keyword* kw : declared) {
    Slot& slot = table_[slot_of(kw->name.data())];
    slot = {kw->name.data(), kw->name.size(), std::binary_search(enabled_.begin(), enabled_.end(), kw->name)};
  }
}

// The slot holding `name`'s address, or the empty one where it would go.
std::size_t KeywordFilter::slot_of(const char* name) const {
  const std::size_t mask = table_.size() - 1;
  std::size_t i = static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(name) * 0x9E3779B97F4A7C15ull) >> 40) & mask;
  while (table_[i].name && table_[i].name != name) i = (i + 1) & mask;
  return i;
}

bool KeywordFilter::operator()(std::string_view keyword) const {
  const Slot& slot = table_[slot_of(keyword.data())];
  // The same address with another length would be another name (a prefix).
  if (slot.name && slot.size == keyword.size()) return slot.enabled;
  return std::binary_search(enabled_.begin(), enabled_.end(), keyword);
}

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
