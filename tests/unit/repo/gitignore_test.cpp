#include <catch2/catch.hpp>

#include "pkgscan/gitignore.hpp"

using namespace pkgscan;

TEST_CASE("glob_match: stars, questions, classes and escapes", "[gitignore]") {
  CHECK(glob_match("*.orig", "foo.orig"));
  CHECK_FALSE(glob_match("*.orig", "dir/foo.orig"));  // '*' stops at '/'
  CHECK(glob_match("foo?", "foo1"));
  CHECK_FALSE(glob_match("foo?", "foo/"));
  CHECK(glob_match("[a-c]x", "bx"));
  CHECK_FALSE(glob_match("[!a-c]x", "bx"));
  CHECK(glob_match("[!a-c]x", "dx"));
  CHECK(glob_match("[]]", "]"));
  CHECK(glob_match("a[", "a["));  // unclosed class: literal
  CHECK(glob_match("\\*", "*"));
  CHECK_FALSE(glob_match("\\*", "x"));
  CHECK(glob_match("**/foo", "foo"));
  CHECK(glob_match("**/foo", "a/b/foo"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK(glob_match("a/**", "a/x/y"));
  CHECK_FALSE(glob_match("a/**", "b/x"));
  CHECK(glob_match("a**b", "axxb"));
  CHECK_FALSE(glob_match("a**b", "ax/xb"));  // not a whole component: a plain '*'
}

TEST_CASE("glob_match: hostile patterns finish quickly", "[gitignore]") {
  std::string pattern;
  for (int i = 0; i < 200; ++i) pattern += "*a";
  pattern += "b";
  CHECK_FALSE(glob_match(pattern, std::string(3000, 'a')));
  CHECK_FALSE(glob_match(std::string(2000, '*'), "x"));  // over the length limit: never matches
}

TEST_CASE("GitIgnore: anchoring, directories, negation, parents", "[gitignore]") {
  GitIgnore ig;
  ig.add("# comment\n"
         "\n"
         "*.orig\n"
         "/distfiles/\n"
         "app-misc/dummy\n"
         "build/\n"
         "!keep.orig\n"
         "trailing   \n"
         "\\#literal\n");
  CHECK(ig.ignored("cat/pkg/files/a.orig", false));
  CHECK_FALSE(ig.ignored("cat/pkg/files/keep.orig", false));  // re-included
  CHECK(ig.ignored("distfiles", true));
  CHECK(ig.ignored("distfiles/foo.tar.gz", false));         // inside an ignored directory
  CHECK_FALSE(ig.ignored("cat/distfiles/foo", false));      // anchored to the root
  CHECK(ig.ignored("app-misc/dummy/dummy-1.ebuild", false));
  CHECK_FALSE(ig.ignored("x/app-misc/dummy", true));
  CHECK(ig.ignored("cat/pkg/build", true));
  CHECK_FALSE(ig.ignored("cat/pkg/build", false));          // "build/" matches directories only
  CHECK(ig.ignored("cat/pkg/build/x", false));
  CHECK(ig.ignored("trailing", false));
  CHECK(ig.ignored("#literal", false));
  CHECK_FALSE(ig.ignored("cat/pkg/pkg-1.ebuild", false));

  GitIgnore parent;
  parent.add("files/\n!files/keep.patch\n");
  CHECK(parent.ignored("cat/pkg/files/keep.patch", false));  // git cannot re-include below an ignored directory

  GitIgnore none;
  CHECK(none.empty());
  CHECK_FALSE(none.ignored("anything", false));
}

TEST_CASE("GitIgnore::load reads .gitignore and .git/info/exclude", "[gitignore]") {
  VirtualFileSystem fs;
  fs.add_file("/r/.gitignore", "*.rej\n");
  fs.add_file("/r/.git/info/exclude", "local/\n");
  GitIgnore ig = GitIgnore::load(fs, "/r");
  CHECK(ig.ignored("cat/pkg/files/x.rej", false));
  CHECK(ig.ignored("local/foo", false));
  CHECK_FALSE(ig.ignored("cat/pkg/Manifest", false));
  CHECK(GitIgnore::load(fs, "/elsewhere").empty());
}
