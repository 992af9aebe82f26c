// Parses every dependency-family, REQUIRED_USE, LICENSE, SRC_URI, RESTRICT and
// PROPERTIES value of every entry in the real GURU metadata corpus at the
// entry's own EAPI. Skipped with a message when the corpus tarball is absent.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pkgscan/depspec.hpp"

namespace fs = std::filesystem;
using pkgscan::DepSpec;
using pkgscan::Eapi;
using pkgscan::ParseError;
using pkgscan::SpecKind;

namespace {

const fs::path kTarball = fs::path(PKGSCAN_CORPUS) / "guru-2026-08-21-metadata.tar.xz";

// Unpacks the corpus into a fresh temp dir; empty path on failure.
fs::path unpack_corpus() {
  std::string tmpl = (fs::temp_directory_path() / "pkgscan-corpus-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) return {};
  std::string cmd = "tar -xJf '" + kTarball.string() + "' -C '" + tmpl + "'";
  if (std::system(cmd.c_str()) != 0) {
    fs::remove_all(tmpl);
    return {};
  }
  return tmpl;
}

const std::map<std::string, SpecKind>& keys() {
  static const std::map<std::string, SpecKind> k = {
      {"DEPEND", SpecKind::Depend},        {"RDEPEND", SpecKind::Depend},   {"BDEPEND", SpecKind::Depend},
      {"PDEPEND", SpecKind::Depend},       {"IDEPEND", SpecKind::Depend},   {"REQUIRED_USE", SpecKind::RequiredUse},
      {"LICENSE", SpecKind::License},      {"SRC_URI", SpecKind::SrcUri},   {"RESTRICT", SpecKind::Plain},
      {"PROPERTIES", SpecKind::Plain},
  };
  return k;
}

}  // namespace

TEST_CASE("every spec value in the real corpus parses at its EAPI", "[depspec][corpus]") {
  if (!fs::exists(kTarball)) {
    WARN("skipped: corpus tarball not found at " << kTarball);
    return;
  }
  fs::path root = unpack_corpus();
  REQUIRE_FALSE(root.empty());
  fs::path cache = root / "metadata" / "md5-cache";
  REQUIRE(fs::is_directory(cache));

  std::size_t entries = 0, values = 0, atoms = 0;
  std::vector<std::string> failures;
  for (const auto& cat : fs::directory_iterator(cache)) {
    if (!cat.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(cat.path())) {
      std::ifstream in(file.path(), std::ios::binary);
      std::vector<std::pair<std::string, std::string>> kv;
      std::string line, eapi_name;
      while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string key = line.substr(0, eq);
        if (key == "EAPI") eapi_name = line.substr(eq + 1);
        kv.emplace_back(std::move(key), line.substr(eq + 1));
      }
      ++entries;
      auto eapi = Eapi::parse(eapi_name);
      if (!eapi) {
        failures.push_back(file.path().string() + ": unknown EAPI " + eapi_name);
        continue;
      }
      for (const auto& [key, value] : kv) {
        auto k = keys().find(key);
        if (k == keys().end() || value.empty()) continue;
        ++values;
        ParseError err;
        auto spec = DepSpec::parse(value, k->second, *eapi, &err);
        if (!spec) {
          failures.push_back(cat.path().filename().string() + "/" + file.path().filename().string() + " " + key +
                             ": " + err.message);
          continue;
        }
        atoms += spec->atoms.size();
        if (k->second == SpecKind::SrcUri) {  // the tree-less walk sees the same leaves
          std::vector<pkgscan::SrcUriLeaf> leaves;
          bool same = pkgscan::src_uri_leaves(value, *eapi, leaves) && leaves.size() == spec->strings.size();
          for (std::size_t i = 0; same && i < leaves.size(); ++i)
            same = leaves[i].uri == spec->strings[i] && leaves[i].rename == spec->renames[i];
          if (!same) failures.push_back(file.path().string() + " SRC_URI: src_uri_leaves disagrees with DepSpec");
        }
        // The canonical text must itself parse to the same text.
        std::string text = spec->str();
        auto again = DepSpec::parse(text, k->second, *eapi, &err);
        if (!again || again->str() != text)
          failures.push_back(file.path().string() + " " + key + ": canonical text does not round trip");
      }
    }
  }
  fs::remove_all(root);
  std::ostringstream first;
  for (std::size_t i = 0; i < failures.size() && i < 20; ++i) first << failures[i] << '\n';
  INFO(failures.size() << " failures, first ones:\n" << first.str());
  CHECK(failures.empty());
  CHECK(entries > 3000);
  CHECK(atoms > 50000);
  WARN("corpus: " << entries << " entries, " << values << " values, " << atoms << " atoms parsed");
}
