// YAML configuration files. yaml-cpp throws; nothing escapes this file.
#include "pkgscan/config.hpp"

#include <fnmatch.h>

#include <fstream>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "pkgscan/atom.hpp"

namespace pkgscan {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::size_t b = cur.find_first_not_of(" \t\n");
    std::size_t e = cur.find_last_not_of(" \t\n");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char c : s) {
    if (c == ',') flush();
    else cur += c;
  }
  flush();
  return out;
}

bool Suppression::matches(const Result& r) const {
  if (keyword != "*" && keyword != r.keyword) return false;
  if (target.empty() || target == "*" || target == "*/*") return true;
  if (r.category.empty()) return false;  // repo-scope results only match "*"
  if (target[0] == '=' || target[0] == '~' || target[0] == '<' || target[0] == '>') {
    auto atom = Atom::parse(target, Eapi::latest());
    if (!atom || r.version.empty()) return false;
    auto v = Version::parse(r.version);
    return v && atom->category.str() == r.category && atom->package.str() == r.package && atom->matches_version(*v);
  }
  std::string key = r.category + "/" + r.package;
  if (r.package.empty()) key = r.category;
  return fnmatch(target.c_str(), key.c_str(), 0) == 0 ||
         (r.package.empty() && fnmatch(target.c_str(), (r.category + "/x").c_str(), 0) == 0);
}

namespace {

std::string where(const std::string& source, const YAML::Node& node) {
  return source + ":" + std::to_string(node.Mark().line + 1);
}

// A scalar or a list of scalars, as a list of items ("a,b" splits too).
bool read_list(const YAML::Node& node, const std::string& source, std::vector<std::string>& out, std::string* err) {
  if (node.IsScalar()) {
    for (auto& item : split_list(node.as<std::string>())) out.push_back(item);
    return true;
  }
  if (node.IsSequence()) {
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        *err = where(source, item) + ": expected a name";
        return false;
      }
      for (auto& part : split_list(item.as<std::string>())) out.push_back(part);
    }
    return true;
  }
  *err = where(source, node) + ": expected a name or a list of names";
  return false;
}

bool read_suppress(const YAML::Node& node, const std::string& source, Config& into, std::string* err) {
  if (!node.IsSequence()) {
    *err = where(source, node) + ": suppress: expected a list of {keyword, target, reason}";
    return false;
  }
  for (const auto& item : node) {
    if (!item.IsMap()) {
      *err = where(source, item) + ": suppress entry: expected keyword, target and reason";
      return false;
    }
    Suppression s;
    s.source = where(source, item);
    for (const auto& kv : item) {
      std::string key = kv.first.as<std::string>();
      if (!kv.second.IsScalar()) {
        *err = where(source, kv.second) + ": suppress " + key + ": expected a string";
        return false;
      }
      std::string value = kv.second.as<std::string>();
      if (key == "keyword") s.keyword = value;
      else if (key == "target") s.target = value;
      else if (key == "reason") s.reason = value;
      else {
        *err = where(source, kv.first) + ": suppress: unknown key '" + key + "'";
        return false;
      }
    }
    if (s.keyword.empty()) {
      *err = s.source + ": suppress entry without keyword";
      return false;
    }
    if (s.reason.empty()) {
      *err = s.source + ": suppress entry for " + s.keyword + " without a reason";
      return false;
    }
    into.suppress.push_back(std::move(s));
  }
  return true;
}

}  // namespace

bool load_config_text(const std::string& text, const std::string& source, Config& into, std::string* err) {
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsNull()) return true;  // empty file
    if (!root.IsMap()) {
      *err = where(source, root) + ": expected a mapping of option names to values";
      return false;
    }
    for (const auto& kv : root) {
      std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      auto scalar = [&](std::string& out) {
        if (!v.IsScalar()) {
          *err = where(source, v) + ": " + key + ": expected a single value";
          return false;
        }
        out = v.as<std::string>();
        return true;
      };
      std::string s;
      if (key == "checks") {
        if (!read_list(v, source, into.checks, err)) return false;
      } else if (key == "keywords") {
        if (!read_list(v, source, into.keywords, err)) return false;
      } else if (key == "jobs") {
        if (!scalar(s)) return false;
        try {
          int n = std::stoi(s);
          if (n < 0) throw std::out_of_range("negative");
          into.jobs = n;
        } catch (const std::exception&) {
          *err = where(source, v) + ": jobs: expected a non-negative number, got '" + s + "'";
          return false;
        }
      } else if (key == "exit") {
        if (!scalar(s)) return false;
        into.exit = s;
      } else if (key == "reporter") {
        if (!scalar(s)) return false;
        into.reporter = s;
      } else if (key == "output") {
        if (!scalar(s)) return false;
        into.output = s;
      } else if (key == "cache-only") {
        if (!scalar(s)) return false;
        into.cache_only = (s == "true" || s == "yes" || s == "1");
      } else if (key == "regen") {
        if (!scalar(s)) return false;
        into.regen = (s == "true" || s == "yes" || s == "1");
      } else if (key == "regen-timeout") {
        if (!scalar(s)) return false;
        try {
          double t = std::stod(s);
          if (!(t > 0)) throw std::out_of_range("not positive");
          into.regen_timeout = t;
        } catch (const std::exception&) {
          *err = where(source, v) + ": regen-timeout: expected a positive number of seconds, got '" + s + "'";
          return false;
        }
      } else if (key == "repo-paths" || key == "repo-path") {
        if (!v.IsMap()) {
          *err = where(source, v) + ": " + key + ": expected a mapping of repository names to paths";
          return false;
        }
        for (const auto& rp : v) into.repo_paths[rp.first.as<std::string>()] = rp.second.as<std::string>();
      } else if (key == "suppress") {
        if (!read_suppress(v, source, into, err)) return false;
      } else {
        *err = where(source, kv.first) + ": unknown option '" + key + "'";
        return false;
      }
    }
    return true;
  } catch (const YAML::Exception& e) {
    *err = source + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg;
    return false;
  }
}

bool load_config_file(const std::string& path, Config& into, std::string* err) {
  std::ifstream in(path);
  if (!in) {
    *err = path + ": cannot read configuration file";
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return load_config_text(ss.str(), path, into, err);
}

}  // namespace pkgscan
