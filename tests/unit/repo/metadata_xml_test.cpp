// metadata.xml parsing: content, GLEP 68 structure, findings, and hostile
// input (entity bombs, external entities, other encodings, huge or deep
// files, directories, pipes) -- each a value, never a crash or a hang.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>

#include "pkgscan/metadata_xml.hpp"
#include "pkgscan/repo.hpp"
#include "temp_dir.hpp"

using namespace pkgscan;

namespace {

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE pkgmetadata SYSTEM \"https://www.gentoo.org/dtd/metadata.dtd\">\n";

MetadataXml pkg(const std::string& body) {
  return parse_metadata_xml(kHead + "<pkgmetadata>\n" + body + "</pkgmetadata>\n", MetadataXmlKind::Package);
}

// "line N: text" of each violation, for compact expectations.
std::vector<std::string> violations(const MetadataXml& x) {
  std::vector<std::string> out;
  for (const auto& v : x.violations) out.push_back("line " + std::to_string(v.line) + ": " + v.text);
  return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("metadata.xml content is read as pkgcore reads it", "[metadata-xml]") {
  MetadataXml x = pkg(
      "\t<!-- maintainer-needed -->\n"
      "\t<maintainer type=\"person\" proxied=\"yes\">\n\t\t<email> dev@example.org </email>\n\t\t<name>A Dev</name>\n"
      "\t</maintainer>\n"
      "\t<maintainer type=\"project\">\n\t\t<email>proj@gentoo.org</email>\n\t</maintainer>\n"
      "\t<longdescription lang=\"de\">Deutsch</longdescription>\n"
      "\t<longdescription>\n\t\tFirst   English\n\t\tdescription with <pkg>dev-libs/foo</pkg>.\n\t</longdescription>\n"
      "\t<longdescription lang=\"en\" restrict=\"&gt;=cat/pkg-2\">Second English</longdescription>\n"
      "\t<use lang=\"fr\">\n\t\t<flag name=\"fr\">Français</flag>\n\t</use>\n"
      "\t<use>\n\t\t<flag name=\"gui\">Build the <pkg>x11-libs/gtk+</pkg>\n\t\t\tinterface</flag>\n"
      "\t\t<flag name=\"empty\"/>\n\t</use>\n"
      "\t<stabilize-allarches/>\n"
      "\t<upstream>\n\t\t<remote-id type=\"github\">owner/repo</remote-id>\n"
      "\t\t<remote-id type=\"pypi\"> repo </remote-id>\n\t</upstream>\n");
  REQUIRE(x.parsed());
  CHECK(x.violations.empty());
  REQUIRE(x.maintainers.size() == 2);
  CHECK(x.maintainers[0].type == "person");
  CHECK(x.maintainers[0].email == "dev@example.org");
  CHECK(x.maintainers[0].name == "A Dev");
  CHECK(x.maintainers[0].line == 5);
  CHECK(x.maintainers[1].type == "project");
  CHECK(x.maintainer_needed_comment);
  REQUIRE(x.longdescription);
  CHECK(*x.longdescription == "First English description with dev-libs/foo.");
  REQUIRE(x.use_flags.size() == 2);  // the first English <use> only
  CHECK(x.use_flags[0].name == "gui");
  CHECK(x.use_flags[0].description == "Build the x11-libs/gtk+ interface");
  CHECK(x.use_flags[1].name == "empty");
  CHECK(x.use_flags[1].description.empty());
  CHECK(x.use_flag("gui") == &x.use_flags[0]);
  CHECK(x.use_flag("fr") == nullptr);
  CHECK(x.stabilize_allarches);
  REQUIRE(x.remote_ids.size() == 2);
  CHECK(x.remote_ids[1].type == "pypi");
  CHECK(x.remote_ids[1].value == "repo");
  REQUIRE(x.pkg_refs.size() == 2);
  CHECK(x.pkg_refs[0].text == "dev-libs/foo");
  CHECK(x.pkg_refs[0].line == 15);
  CHECK(x.empty_elements.empty());  // an empty <flag> is MissingLocalUseDesc's, <stabilize-allarches/> is a marker
  CHECK(x.mixed_indentation.empty());
}

TEST_CASE("GLEP 68 structure violations name the element and line", "[metadata-xml]") {
  struct Case {
    std::string body;
    std::string expected;  // part of the single violation
  };
  const Case cases[] = {
      {"\t<herd>base-system</herd>\n", "line 4: <herd> is not allowed in <pkgmetadata> (allowed: longdescription"},
      {"\t<maintainer>\n\t\t<email>a@b.org</email>\n\t</maintainer>\n",
       "line 4: <maintainer> lacks the required attribute 'type'"},
      {"\t<maintainer type=\"human\">\n\t\t<email>a@b.org</email>\n\t</maintainer>\n",
       "<maintainer> type='human' is not 'person' or 'project'"},
      {"\t<maintainer type=\"person\" status=\"x\">\n\t\t<email>a@b.org</email>\n\t</maintainer>\n",
       "attribute 'status' is not allowed on <maintainer>"},
      {"\t<maintainer type=\"person\">\n\t\t<name>Nobody</name>\n\t</maintainer>\n", "<maintainer> has no <email>"},
      {"\t<maintainer type=\"person\">\n\t\t<email>not-an-address</email>\n\t</maintainer>\n",
       "line 5: <email> 'not-an-address' is not an e-mail address"},
      {"\t<maintainer type=\"person\">\n\t\t<email>a@b.org</email>\n\t\tstray text\n\t</maintainer>\n",
       "<maintainer> may contain only elements, not text 'stray text'"},
      {"\t<maintainer type=\"person\">\n\t\t<email>a@b.org</email>\n\t</maintainer>\n"
       "\t<maintainer type=\"person\">\n\t\t<email>a@b.org</email>\n\t</maintainer>\n",
       "line 7: <maintainer> repeats the one on line 4 (same e-mail and restrict)"},
      {"\t<upstream/>\n\t<upstream/>\n", "line 5: <pkgmetadata> may have only one <upstream> (the first is on line 4)"},
      {"\t<upstream>\n\t\t<remote-id type=\"myforge\">x</remote-id>\n\t</upstream>\n",
       "<remote-id> type='myforge' is not a known remote-id type"},
      {"\t<upstream>\n\t\t<remote-id>x/y</remote-id>\n\t</upstream>\n", "<remote-id> lacks the required attribute 'type'"},
      {"\t<upstream>\n\t\t<doc>www.example.org</doc>\n\t</upstream>\n", "<doc> 'www.example.org' is not a mailto:"},
      {"\t<upstream>\n\t\t<maintainer status=\"gone\">\n\t\t\t<name>X</name>\n\t\t</maintainer>\n\t</upstream>\n",
       "<maintainer> status='gone' is not 'active', 'inactive' or 'unknown'"},
      {"\t<upstream>\n\t\t<maintainer>\n\t\t\t<email>a@b.org</email>\n\t\t</maintainer>\n\t</upstream>\n",
       "<maintainer> has no <name>"},
      {"\t<use>\n\t\t<flag name=\"a\">x</flag>\n\t\t<flag name=\"a\">y</flag>\n\t</use>\n",
       "line 6: <flag> repeats the one on line 5 (same name and restrict)"},
      {"\t<use>\n\t\t<flag name=\"+bad\">x</flag>\n\t</use>\n", "<flag> name='+bad' is not a USE flag name"},
      {"\t<use>\n\t\t<flag>x</flag>\n\t</use>\n", "<flag> lacks the required attribute 'name'"},
      {"\t<use>\n\t\t<flag name=\"a\" restrict=\"dev-libs/foo\">x</flag>\n\t</use>\n",
       "restrict='dev-libs/foo' is not a versioned atom"},
      {"\t<longdescription lang=\"en_US\">x</longdescription>\n", "lang='en_US' is not a language code"},
      {"\t<longdescription>a</longdescription>\n\t<longdescription lang=\"en\">b</longdescription>\n",
       "line 5: <longdescription> repeats the one on line 4 (same lang and restrict)"},
      {"\t<longdescription>See <b>this</b></longdescription>\n", "<b> is not allowed in <longdescription>"},
      {"\t<longdescription>See <pkg>not a name</pkg></longdescription>\n",
       "<pkg> 'not a name' is not a category/package name"},
      {"\t<stabilize-allarches>yes</stabilize-allarches>\n", "<stabilize-allarches> must be empty"},
      {"\t<slots>\n\t\t<slot name=\"1\">x</slot>\n\t\t<slot name=\"1\">y</slot>\n\t</slots>\n",
       "<slot> repeats the one on line 5 (same name)"},
      {"\t<longdescription>&unknown;</longdescription>\n",
       "entity reference '&unknown;' in <longdescription>: metadata.xml may use only the predefined entities"},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    MetadataXml x = pkg(c.body);
    REQUIRE(x.parsed());
    auto v = violations(x);
    REQUIRE(v.size() == 1);
    CHECK(contains(v[0], c.expected));
  }
  // Namespaces and the wrong root.
  MetadataXml ns = parse_metadata_xml("<pkgmetadata xmlns=\"urn:x\"/>", MetadataXmlKind::Package);
  REQUIRE(ns.violations.size() == 1);
  CHECK(contains(ns.violations[0].text, "is in namespace 'urn:x'"));
  MetadataXml root = parse_metadata_xml("<catmetadata/>", MetadataXmlKind::Package);
  REQUIRE(root.violations.size() == 1);
  CHECK(root.violations[0].text == "the root element is <catmetadata>, not <pkgmetadata>");
  MetadataXml cat = parse_metadata_xml(
      "<catmetadata>\n<longdescription lang=\"en\">x</longdescription>\n<maintainer type=\"person\"/>\n</catmetadata>",
      MetadataXmlKind::Category);
  REQUIRE(cat.violations.size() == 1);
  CHECK(cat.violations[0].line == 3);
  CHECK(contains(cat.violations[0].text, "<maintainer> is not allowed in <catmetadata> (allowed: longdescription)"));
}

TEST_CASE("a complete, valid metadata.xml has no violations", "[metadata-xml]") {
  MetadataXml x = pkg(
      "\t<maintainer type=\"project\" proxied=\"proxy\">\n\t\t<email>proxy-maint@gentoo.org</email>\n"
      "\t\t<name>Proxy Maintainers</name>\n\t\t<description lang=\"en\">Proxy</description>\n\t</maintainer>\n"
      "\t<maintainer type=\"person\" restrict=\"&gt;=dev-libs/foo-2\">\n\t\t<email>a@b.org</email>\n\t</maintainer>\n"
      "\t<maintainer type=\"person\" restrict=\"&lt;dev-libs/foo-2\">\n\t\t<email>a@b.org</email>\n\t</maintainer>\n"
      "\t<longdescription lang=\"pt-BR\">Descrição</longdescription>\n"
      "\t<slots lang=\"en\">\n\t\t<slot name=\"*\">All</slot>\n\t\t<subslots>ABI</subslots>\n\t</slots>\n"
      "\t<stabilize-allarches restrict=\"=dev-libs/foo-1*\"/>\n\t<straight-to-stable/>\n"
      "\t<use>\n\t\t<flag name=\"gui\" restrict=\"~dev-libs/foo-1.2\">GUI, see <cat>x11-libs</cat></flag>\n\t</use>\n"
      "\t<upstream>\n\t\t<maintainer status=\"inactive\">\n\t\t\t<name>U</name>\n\t\t\t<email>u@x.org</email>\n"
      "\t\t</maintainer>\n\t\t<changelog>https://x.org/NEWS</changelog>\n\t\t<bugs-to>mailto:bugs@x.org</bugs-to>\n"
      "\t\t<doc lang=\"en\">ftp://x.org/doc</doc>\n\t\t<remote-id type=\"github\">x/y</remote-id>\n"
      "\t\t<remote-id type=\"github\">x/z</remote-id>\n\t</upstream>\n"
      "\t<?processing instruction?>\n");
  REQUIRE(x.parsed());
  CHECK(violations(x).empty());
  CHECK(x.cat_refs.size() == 1);
}

TEST_CASE("empty elements and mixed indentation are found", "[metadata-xml]") {
  MetadataXml x = pkg("\t<longdescription>\n\t</longdescription>\n\t<upstream>\n\t\t<doc/>\n\t</upstream>\n"
                      "\t<slots><!-- a comment is content --></slots>\n");
  REQUIRE(x.parsed());
  REQUIRE(x.empty_elements.size() == 2);
  CHECK(x.empty_elements[0].text == "longdescription");
  CHECK(x.empty_elements[0].line == 4);
  CHECK(x.empty_elements[1].text == "doc");

  // The first indented line sets the character; blank lines do not count;
  // CRLF and CR end lines too.
  std::string text = kHead + "<pkgmetadata>\r\n\t<maintainer type=\"person\">\r\n  \t<email>a@b.org</email>\r\n \r\n"
                             "\t</maintainer>\r    <stabilize-allarches/>\n</pkgmetadata>\n";
  MetadataXml mixed = parse_metadata_xml(text, MetadataXmlKind::Package);
  REQUIRE(mixed.parsed());
  CHECK(mixed.mixed_indentation == std::vector<int>{5, 8});
  MetadataXml spaces = parse_metadata_xml(kHead + "<pkgmetadata>\n  <stabilize-allarches/>\n    <straight-to-stable/>\n"
                                                  "</pkgmetadata>\n",
                                          MetadataXmlKind::Package);
  CHECK(spaces.mixed_indentation.empty());
  // A non-breaking space (U+00A0) is whitespace to pkgcheck too.
  MetadataXml nbsp = parse_metadata_xml("<pkgmetadata>\n\t<stabilize-allarches/>\n\xc2\xa0<straight-to-stable/>\n</pkgmetadata>",
                                        MetadataXmlKind::Package);
  CHECK(nbsp.mixed_indentation == std::vector<int>{3});
}

TEST_CASE("files that are not usable XML give the reason and line", "[metadata-xml][bad-input]") {
  MetadataXml broken = pkg("\t<maintainer type=\"person\">\n");
  CHECK(broken.state == MetadataXml::State::Unusable);
  CHECK(contains(broken.error, "is not well formed xml: Opening and ending tag mismatch: maintainer line 4 and pkgmetadata"));
  CHECK(broken.error_line == 5);

  MetadataXml latin1 = parse_metadata_xml("<pkgmetadata>\n<longdescription>caf\xe9</longdescription>\n</pkgmetadata>",
                                          MetadataXmlKind::Package);
  CHECK(latin1.state == MetadataXml::State::Unusable);
  CHECK(contains(latin1.error, "not proper UTF-8"));
  CHECK(latin1.error.find('\n') == std::string::npos);
  CHECK(latin1.error_line == 2);

  // A declared encoding does not make other bytes acceptable (GLEP 31: UTF-8).
  MetadataXml declared = parse_metadata_xml(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<pkgmetadata><longdescription>caf\xe9</longdescription></pkgmetadata>",
      MetadataXmlKind::Package);
  CHECK(declared.state == MetadataXml::State::Unusable);

  CHECK(parse_metadata_xml("", MetadataXmlKind::Package).state == MetadataXml::State::Unusable);
  CHECK(parse_metadata_xml(std::string("<pkgmetadata>\0</pkgmetadata>", 28), MetadataXmlKind::Package).state ==
        MetadataXml::State::Unusable);

  // Nesting deeper than libxml2's default limit (256) is refused, not recursed into.
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  MetadataXml d = parse_metadata_xml(deep, MetadataXmlKind::Package);
  CHECK(d.state == MetadataXml::State::Unusable);
  CHECK(contains(d.error, "depth"));

  // Megabytes: refused before parsing, with the size.
  std::string huge = "<pkgmetadata><longdescription>" + std::string(2 << 20, 'x') + "</longdescription></pkgmetadata>";
  MetadataXml h = parse_metadata_xml(huge, MetadataXmlKind::Package);
  CHECK(h.state == MetadataXml::State::Unusable);
  CHECK(contains(h.error, "is " + std::to_string(huge.size()) + " bytes, more than the 1 MiB"));
}

TEST_CASE("entity declarations are refused: no expansion, no external files", "[metadata-xml][bad-input]") {
  std::string lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE pkgmetadata [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    lol += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) lol += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    lol += "\">\n";
  }
  lol += "]>\n<pkgmetadata><longdescription>&lol9;</longdescription></pkgmetadata>\n";
  auto t0 = std::chrono::steady_clock::now();
  MetadataXml bomb = parse_metadata_xml(lol, MetadataXmlKind::Package);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(1));
  CHECK(bomb.state == MetadataXml::State::Unusable);
  CHECK(contains(bomb.error, "declares entity 'lol': entity declarations are refused"));
  CHECK(bomb.error_line == 3);

  testing::TempDir dir;
  dir.write("secret", "TOP-SECRET-CONTENT");
  for (const std::string& decl : {"<!ENTITY x SYSTEM \"file://" + dir / "secret" + "\">",
                                  "<!ENTITY % p SYSTEM \"file://" + dir / "secret" + "\"> %p;",
                                  std::string("<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">")}) {
    INFO(decl);
    MetadataXml ext = parse_metadata_xml("<!DOCTYPE pkgmetadata [" + decl + "]>\n<pkgmetadata><longdescription>&x;"
                                         "</longdescription></pkgmetadata>",
                                         MetadataXmlKind::Package);
    CHECK(ext.state == MetadataXml::State::Unusable);
    CHECK(!ext.longdescription);
    CHECK(!contains(ext.error, "TOP-SECRET"));
  }
  // An external DTD named in the DOCTYPE (as every real file has) is not fetched.
  CHECK(pkg("").parsed());
}

TEST_CASE("read_metadata_xml: missing, directory, unreadable, pipe", "[metadata-xml][bad-input]") {
  VirtualFileSystem vfs;
  vfs.add_dir("/r/cat/dir/metadata.xml");
  vfs.add_unreadable("/r/cat/locked/metadata.xml");
  vfs.add_file("/r/cat/ok/metadata.xml", "<pkgmetadata/>");
  CHECK(read_metadata_xml(vfs, "/r/cat/none/metadata.xml", MetadataXmlKind::Package).state == MetadataXml::State::Missing);
  MetadataXml dir = read_metadata_xml(vfs, "/r/cat/dir/metadata.xml", MetadataXmlKind::Package);
  CHECK(dir.state == MetadataXml::State::Unusable);
  CHECK(dir.error == "is a directory, not a file");
  MetadataXml locked = read_metadata_xml(vfs, "/r/cat/locked/metadata.xml", MetadataXmlKind::Package);
  CHECK(locked.state == MetadataXml::State::Unusable);
  CHECK(locked.error == "cannot be read: Permission denied");
  CHECK(read_metadata_xml(vfs, "/r/cat/ok/metadata.xml", MetadataXmlKind::Package).parsed());

  // A named pipe would block a reader forever: it is never opened.
  testing::TempDir tmp;
  std::string fifo = tmp / "metadata.xml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  RealFileSystem real;
  MetadataXml pipe = read_metadata_xml(real, fifo, MetadataXmlKind::Package);
  CHECK(pipe.state == MetadataXml::State::Unusable);
  CHECK(contains(pipe.error, "is not a regular file"));
}

TEST_CASE("eclass_iuse: the literal flags an eclass puts in IUSE", "[eclass]") {
  std::string text =
      "# IUSE=\"commented\"\n"
      "IUSE=\"+doc test\n\tgtk\"\n"
      "if [[ ${X} ]]; then\n\tIUSE+=\" -debug ${PYTHON_TARGETS} python_targets_${impl}\"\n\tIUSE+=' examples'\nfi\n"
      "distutils_enable_tests() {\n\tIUSE+=\" test-rust\"\n}\n"
      "IUSE=lone; other=1\n"
      "MY_IUSE=\"not-this\"\n"
      "RESTRICT=\"!test? ( test )\"\n";
  CHECK(eclass_iuse(text) == std::vector<std::string>{"debug", "doc", "examples", "gtk", "lone", "test", "test-rust"});
  CHECK(eclass_iuse("IUSE=\"unterminated").size() == 1);
  CHECK(eclass_iuse("").empty());
}

TEST_CASE("profiles/use.local.desc is read with its package keys", "[profiles]") {
  VirtualFileSystem vfs;
  vfs.add_file("/r/profiles/repo_name", "r\n");
  vfs.add_file("/r/profiles/use.local.desc",
               "# comment\n"
               "app-misc/foo:gui - Build the GUI\n"
               ">=dev-libs/bar-2:ssl - Use OpenSSL\n"
               "no colon here - text\n"
               "app-misc/foo:nodesc\n");
  Profiles p = read_profiles(vfs, "/r");
  REQUIRE(p.use_local_desc.size() == 2);
  CHECK(p.use_local_desc[0].package == "app-misc/foo");
  CHECK(p.use_local_desc[0].flag == "gui");
  CHECK(p.use_local_desc[0].description == "Build the GUI");
  CHECK(p.use_local_desc[0].line == 2);
  CHECK(p.use_local_desc[1].package == "dev-libs/bar");
  CHECK(p.use_local_desc[1].flag == "ssl");
  REQUIRE(p.issues.size() == 2);
  CHECK(p.issues[0].line == 4);
  CHECK(p.issues[1].line == 5);
}
