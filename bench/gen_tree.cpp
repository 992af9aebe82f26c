// gen-tree: writes a synthetic Gentoo-style ebuild repository of N ebuilds
// with a correct metadata/md5-cache, so the scanner can be benchmarked at
// ::gentoo scale without a copy of ::gentoo.
//
//   gen-tree N OUTDIR [--seed S]
//
// The shape follows the GURU corpus (reference/gentoo-spec.md §1.5, §4-6):
// ~1.6 versions per package, ~15 atoms per cache entry, keys sorted as
// egencache writes them, eclass contributions appended in the order the
// inherits finish, python-r1 / python-single-r1 / python-any-r1 /
// distutils-r1 metadata expanded exactly as the eclasses would, a few huge
// cargo SRC_URIs. Dependencies point at packages generated earlier, so the
// build graph is acyclic; about 0.5% of atoms name packages that do not exist.
//
// Output depends only on N and the seed: the generator uses its own PRNG and
// never iterates an unordered container.
//
// Only OpenSSL and the standard library are used, so this builds while the
// scanner's own modules are still being written.

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace {

// ---------------------------------------------------------------------------
// Small utilities

// splitmix64: tiny, fast, and identical on every platform (unlike the
// distributions of <random>, whose algorithms are implementation-defined).
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  size_t below(size_t n) { return n ? size_t(unit() * double(n)) : 0; }
  int range(int lo, int hi) { return lo + int(below(size_t(hi - lo + 1))); }
  bool chance(double p) { return unit() < p; }
  // Index in [0, n) biased toward 0: early (popular) packages are picked
  // more often, like glibc or zlib in the real tree.
  size_t skewed(size_t n, double power) { return n ? std::min(n - 1, size_t(std::pow(unit(), power) * double(n))) : 0; }
  template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
};

// FNV-1a: a fixed hash where std::hash would be implementation-defined.
uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

std::string digest_hex(std::string_view bytes, const EVP_MD* md) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, md, nullptr);
  static const char hex[] = "0123456789abcdef";
  std::string out(size_t(len) * 2, '0');
  for (unsigned i = 0; i < len; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  return out;
}

std::string md5_hex(std::string_view bytes) { return digest_hex(bytes, EVP_md5()); }

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "gen-tree: %s\n", msg.c_str());
  std::exit(1);
}

// Writes files under a root, creating parent directories once each.
class TreeWriter {
 public:
  explicit TreeWriter(std::string root) : root_(std::move(root)) { make_dir(""); }

  void write(const std::string& rel, std::string_view content) {
    auto slash = rel.rfind('/');
    if (slash != std::string::npos) make_dir(rel.substr(0, slash));
    std::string path = root_ + "/" + rel;
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) die("cannot create " + path + ": " + std::strerror(errno));
    const char* p = content.data();
    size_t left = content.size();
    while (left > 0) {
      ssize_t n = ::write(fd, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        die("cannot write " + path + ": " + std::strerror(errno));
      }
      p += n;
      left -= size_t(n);
    }
    ::close(fd);
    ++files_;
    bytes_ += content.size();
  }

  size_t files() const { return files_; }
  size_t bytes() const { return bytes_; }

 private:
  void make_dir(const std::string& rel) {
    if (made_.count(rel)) return;
    auto slash = rel.rfind('/');
    if (slash != std::string::npos) make_dir(rel.substr(0, slash));
    std::string path = rel.empty() ? root_ : root_ + "/" + rel;
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) die("cannot create directory " + path + ": " + std::strerror(errno));
    made_.insert(rel);
  }

  std::string root_;
  std::set<std::string> made_;
  size_t files_ = 0;
  size_t bytes_ = 0;
};

std::string join(const std::vector<std::string>& parts, std::string_view sep = " ") {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

void append(std::string& to, std::string_view what) {
  if (what.empty()) return;
  if (!to.empty()) to += ' ';
  to += what;
}

// ---------------------------------------------------------------------------
// Fixed vocabulary

// ~170 category names (Gentoo's own list is of this size).
const std::vector<std::string> kCategories = {
    "acct-group", "acct-user", "app-accessibility", "app-admin", "app-alternatives", "app-antivirus", "app-arch",
    "app-backup", "app-benchmarks", "app-cdr", "app-containers", "app-crypt", "app-dicts", "app-doc", "app-editors",
    "app-emacs", "app-emulation", "app-eselect", "app-forensics", "app-i18n", "app-laptop", "app-metrics", "app-misc",
    "app-mobilephone", "app-office", "app-officeext", "app-pda", "app-portage", "app-shells", "app-text", "app-vim",
    "app-xemacs", "dev-ada", "dev-build", "dev-cpp", "dev-db", "dev-debug", "dev-dotnet", "dev-embedded", "dev-erlang",
    "dev-games", "dev-go", "dev-java", "dev-lang", "dev-libs", "dev-lisp", "dev-lua", "dev-ml", "dev-perl", "dev-php",
    "dev-python", "dev-qt", "dev-R", "dev-ruby", "dev-scheme", "dev-tcltk", "dev-tex", "dev-texlive", "dev-util",
    "dev-vcs", "games-action", "games-arcade", "games-board", "games-emulation", "games-engines", "games-fps",
    "games-kids", "games-misc", "games-mud", "games-puzzle", "games-roguelike", "games-rpg", "games-server",
    "games-simulation", "games-sports", "games-strategy", "games-util", "gnome-base", "gnome-extra", "gui-apps",
    "gui-libs", "gui-wm", "java-virtuals", "kde-apps", "kde-frameworks", "kde-misc", "kde-plasma", "llvm-core",
    "llvm-runtimes", "lxde-base", "lxqt-base", "mail-client", "mail-filter", "mail-mta", "mate-base", "mate-extra",
    "media-fonts", "media-gfx", "media-libs", "media-plugins", "media-radio", "media-sound", "media-tv", "media-video",
    "net-analyzer", "net-dialup", "net-dns", "net-firewall", "net-fs", "net-ftp", "net-im", "net-irc", "net-libs",
    "net-mail", "net-misc", "net-nds", "net-news", "net-nntp", "net-p2p", "net-print", "net-proxy", "net-vpn",
    "net-voip", "net-wireless", "perl-core", "sci-astronomy", "sci-biology", "sci-calculators", "sci-chemistry",
    "sci-electronics", "sci-geosciences", "sci-libs", "sci-mathematics", "sci-misc", "sci-ml", "sci-physics",
    "sci-visualization", "sec-keys", "sec-policy", "sys-apps", "sys-auth", "sys-block", "sys-boot", "sys-cluster",
    "sys-devel", "sys-firmware", "sys-fs", "sys-kernel", "sys-libs", "sys-power", "sys-process", "virtual",
    "www-apache", "www-apps", "www-client", "www-misc", "www-plugins", "www-servers", "x11-apps", "x11-base",
    "x11-drivers", "x11-libs", "x11-misc", "x11-plugins", "x11-terms", "x11-themes", "x11-wm", "xfce-base",
    "xfce-extra", "dev-hare", "dev-nim", "dev-zig", "dev-crystal", "dev-elixir", "app-voices", "mpv-plugin",
    "net-client", "phosh-base"};

// Share of generic packages per category (percent); the rest is spread evenly.
const std::map<std::string, double> kCategoryWeight = {
    {"dev-python", 12.0}, {"dev-perl", 5.5}, {"dev-ruby", 3.0}, {"dev-libs", 4.5}, {"media-libs", 3.0},
    {"dev-util", 2.5},    {"app-misc", 2.0}, {"sys-apps", 1.8}, {"net-misc", 1.8}, {"x11-libs", 1.0},
    {"media-sound", 1.6}, {"kde-apps", 1.2}, {"dev-java", 1.5}, {"sci-libs", 1.3}, {"dev-texlive", 0.6},
    {"media-fonts", 1.0}, {"x11-misc", 1.2}, {"app-text", 1.4}, {"dev-lua", 0.6},  {"dev-ml", 0.9},
    {"sys-kernel", 0.3},  {"dev-go", 0.4},   {"dev-lang", 0.7}, {"games-action", 0.5}};

const std::vector<std::string> kArches = {"alpha", "amd64", "arm", "arm64", "hppa", "loong", "m68k",
                                          "mips",  "ppc",   "ppc64", "riscv", "s390", "sparc", "x86"};
const std::vector<double> kArchShare = {0.10, 1.0, 0.35, 0.55, 0.12, 0.2, 0.07, 0.08, 0.2, 0.3, 0.3, 0.1, 0.15, 0.6};
const std::vector<std::string> kPrefixArches = {"amd64-linux", "arm64-linux", "ppc64-linux", "x86-linux",
                                                "arm64-macos", "ppc-macos",   "x64-macos",   "x64-solaris"};

const std::vector<std::string> kGlobalFlags = {
    "X",       "alsa",    "bzip2",    "caps",     "cli",          "cuda",      "cups",       "dbus",   "debug",
    "doc",     "examples", "ffmpeg",  "gstreamer", "gtk",         "gui",       "introspection", "ipv6", "jpeg",
    "json",    "kerberos", "ldap",    "lua",      "lzma",         "minimal",   "mysql",      "ncurses", "nls",
    "opencl",  "opengl",  "openmp",   "pam",      "perl",         "png",       "policykit",  "postgres", "pulseaudio",
    "python",  "qt6",     "readline", "ruby",     "seccomp",      "selinux",   "server",     "sound",   "sqlite",
    "ssl",     "static-libs", "systemd", "test",  "threads",      "udev",      "unicode",    "vala",    "verify-sig",
    "video",   "vulkan",  "wayland",  "xml",      "zlib",         "zstd",      "filecaps",   "client",  "gnutls"};

struct LicenseShare {
  const char* name;
  double weight;
};
const std::vector<LicenseShare> kLicenses = {
    {"MIT", 24},       {"GPL-2", 12},      {"GPL-2+", 7},     {"GPL-3", 9},         {"GPL-3+", 5},
    {"Apache-2.0", 8}, {"BSD", 7},         {"BSD-2", 2},      {"LGPL-2.1", 3},      {"LGPL-2.1+", 3},
    {"LGPL-3", 1},     {"MPL-2.0", 2},     {"ISC", 2},        {"Artistic", 2},      {"|| ( Artistic GPL-1+ )", 4},
    {"AGPL-3", 1},     {"ZLIB", 0.7},      {"Boost-1.0", 0.4}, {"OFL-1.1", 0.8},    {"CC0-1.0", 0.5},
    {"Unlicense", 0.4}, {"PSF-2", 0.6},    {"public-domain", 0.6}, {"CC-BY-SA-4.0", 0.3}, {"all-rights-reserved", 0.2},
    {"|| ( MIT Apache-2.0 )", 1.5}, {"BSD-4", 0.1}, {"Unicode-3.0", 0.1}, {"WTFPL-2", 0.2}, {"Vim", 0.1}};
// Licences a cargo package's LICENSE accumulates from its crates.
const std::vector<std::string> kCrateLicenses = {"0BSD",      "Apache-2.0", "Apache-2.0-with-LLVM-exceptions",
                                                 "BSD",       "BSD-2",      "Boost-1.0",
                                                 "CDLA-Permissive-2.0", "ISC", "MIT",
                                                 "MPL-2.0",   "Unicode-3.0", "ZLIB"};

// Python implementations in the eclass's order ("most preferred last").
// python3_15t is in _PYTHON_ALL_IMPLS but not in the desc files, so packages
// here never use it.
struct PyImpl {
  const char* name;  // PYTHON_COMPAT token
  const char* dep;   // PYTHON_PKG_DEP
};
const std::vector<PyImpl> kImpls = {{"pypy3_12", "dev-lang/pypy:3.12="},
                                    {"python3_14t", "dev-lang/python:3.14t"},
                                    {"python3_12", "dev-lang/python:3.12"},
                                    {"python3_13", "dev-lang/python:3.13"},
                                    {"python3_14", "dev-lang/python:3.14"},
                                    {"python3_15", "dev-lang/python:3.15"}};
constexpr unsigned kPypy = 1u << 0, kT14 = 1u << 1, k12 = 1u << 2, k13 = 1u << 3, k14 = 1u << 4, k15 = 1u << 5;
constexpr unsigned kAllImpls = kPypy | kT14 | k12 | k13 | k14 | k15;

// ---------------------------------------------------------------------------
// Eclasses

struct Eclass {
  std::string name;
  std::vector<std::string> inherits;  // nested inherits, in order
  std::string phases;                 // exported phase functions
  std::string bdepend, depend, idepend, iuse, properties;
  std::string md5;  // filled when written
};

std::vector<Eclass> make_eclasses() {
  return {
      {"multilib", {}, "", "", "", "", "", "", ""},
      {"toolchain-funcs", {"multilib"}, "", "", "", "", "", "", ""},
      {"flag-o-matic", {"toolchain-funcs"}, "", "", "", "", "", "", ""},
      {"multiprocessing", {}, "", "", "", "", "", "", ""},
      {"eapi9-pipestatus", {}, "", "", "", "", "", "", ""},
      {"ninja-utils", {"multiprocessing"}, "", "", "", "", "", "", ""},
      {"python-utils-r1", {"multiprocessing", "ninja-utils", "toolchain-funcs", "eapi9-pipestatus"}, "", "", "", "", "", "", ""},
      {"multibuild", {}, "", "", "", "", "", "", ""},
      {"python-r1", {"multibuild", "python-utils-r1"}, "", "", "", "", "", "", ""},
      {"python-single-r1", {"python-utils-r1"}, "setup", "", "", "", "", "", ""},
      {"python-any-r1", {"python-utils-r1"}, "setup", "", "", "", "", "", ""},
      {"out-of-source-utils", {}, "", "", "", "", "", "", ""},
      // distutils-r1 also pulls in python-r1 or python-single-r1; see inherit_closure().
      {"distutils-r1", {"flag-o-matic", "multibuild", "multiprocessing", "ninja-utils", "out-of-source-utils", "python-utils-r1"},
       "compile configure install prepare test", "", "", "", "", "", ""},
      {"pypi", {}, "", "", "", "", "", "", ""},
      {"rust-toolchain", {"multilib"}, "", "", "", "", "", "", ""},
      {"rust", {"multiprocessing", "rust-toolchain"}, "setup", "", "", "", "", "", ""},
      {"cargo", {"flag-o-matic", "multiprocessing", "rust", "toolchain-funcs"}, "compile configure install setup test unpack",
       "|| ( >=dev-lang/rust-bin-1.85.0:* >=dev-lang/rust-1.85.0:* )", "", "", "debug", "", ""},
      {"xdg-utils", {}, "", "", "", "", "", "", ""},
      {"cmake", {"flag-o-matic", "multiprocessing", "ninja-utils", "toolchain-funcs", "xdg-utils"},
       "compile configure install prepare test", "app-alternatives/ninja >=dev-build/cmake-3.28.5", "", "", "", "", ""},
      {"meson", {"flag-o-matic", "multiprocessing", "ninja-utils", "python-utils-r1", "toolchain-funcs"},
       "compile configure install test", ">=dev-build/meson-1.2.3 app-alternatives/ninja dev-build/meson-format-array", "", "",
       "", "", ""},
      {"xdg", {"xdg-utils"}, "postinst postrm preinst", "", "", "dev-util/desktop-file-utils x11-misc/shared-mime-info", "",
       "", ""},
      {"desktop", {}, "", "", "", "", "", "", ""},
      {"git-r3", {}, "unpack", ">=dev-vcs/git-1.8.2.1[curl]", "", "", "", "live", ""},
      {"optfeature", {}, "", "", "", "", "", "", ""},
      {"systemd", {"toolchain-funcs"}, "", "", "", "", "", "", ""},
      {"gnuconfig", {"toolchain-funcs"}, "", "", "", "", "", "", ""},
      {"libtool", {"toolchain-funcs"}, "", "", "", "", "", "", ""},
      {"autotools", {"gnuconfig", "libtool"}, "prepare",
       ">=dev-build/automake-1.17:1.17 >=dev-build/autoconf-2.72:2.72 >=dev-build/libtool-2.4.7", "", "", "", "", ""},
      {"go-env", {}, "", "", "", "", "", "", ""},
      {"go-module", {"go-env", "multiprocessing", "toolchain-funcs"}, "compile install unpack", ">=dev-lang/go-1.22:=", "", "",
       "", "", ""},
      {"shell-completion", {}, "", "", "", "", "", "", ""},
      {"udev", {"toolchain-funcs"}, "", "virtual/pkgconfig", "", "", "", "", ""},
      {"linux-info", {}, "setup", "", "", "", "", "", ""},
      {"verify-sig", {"eapi9-pipestatus"}, "unpack", "verify-sig? ( app-crypt/gnupg >=app-portage/gemato-20 )", "", "",
       "verify-sig", "", ""},
      {"unpacker", {"multiprocessing", "toolchain-funcs"}, "unpack", "", "", "", "", "", ""},
      {"wrapper", {}, "", "", "", "", "", "", ""},
      {"virtualx", {}, "", "test? ( x11-base/xorg-server[xvfb] )", "", "", "test", "", ""},
      {"edo", {}, "", "", "", "", "", "", ""},
      {"perl-functions", {}, "", "", "", "", "", "", ""},
      {"perl-module", {"multiprocessing", "perl-functions", "toolchain-funcs"}, "compile configure install prepare test",
       "dev-lang/perl", "dev-lang/perl", "", "", "", ""},
  };
}

// A plausible eclass file. The bulk is generated so that sizes resemble real
// eclasses (a few KB to tens of KB) and hashing them costs something.
std::string eclass_text(const Eclass& e, Rng& rng) {
  std::string t;
  t += "# Copyright 2004-2026 Gentoo Authors\n# Distributed under the terms of the GNU General Public License v2\n\n";
  t += "# @ECLASS: " + e.name + ".eclass\n# @MAINTAINER:\n# Synthetic Benchmark Project <bench@example.org>\n";
  t += "# @SUPPORTED_EAPIS: 7 8 9\n# @BLURB: synthetic eclass generated by gen-tree for benchmarking\n\n";
  std::string guard = e.name;
  for (auto& c : guard) c = (c == '-') ? '_' : char(std::toupper(static_cast<unsigned char>(c)));
  t += "if [[ -z ${_" + guard + "_ECLASS} ]]; then\n_" + guard + "_ECLASS=1\n\n";
  if (!e.inherits.empty()) t += "inherit " + join(e.inherits) + "\n\n";
  if (e.name == "python-utils-r1") {
    t += "# @ECLASS_VARIABLE: _PYTHON_ALL_IMPLS\n# @INTERNAL\n# @DESCRIPTION:\n"
         "# All supported Python implementations, most preferred last.\n"
         "_PYTHON_ALL_IMPLS=(\n\tpypy3_12\n\tpython3_{14..15}t\n\tpython3_{12..15}\n)\nreadonly _PYTHON_ALL_IMPLS\n\n"
         "# @ECLASS_VARIABLE: _PYTHON_HISTORICAL_IMPLS\n# @INTERNAL\n# @DESCRIPTION:\n"
         "# All historical Python implementations that are no longer supported.\n"
         "_PYTHON_HISTORICAL_IMPLS=(\n\tjython2_7\n\tpypy pypy1_{8,9} pypy2_0 pypy3 pypy3_11\n"
         "\tpython2_{5..7}\n\tpython3_{1..11}\n\tpython3_13t\n)\nreadonly _PYTHON_HISTORICAL_IMPLS\n\n";
  }
  if (e.name == "distutils-r1") {  // the variables of its era: pkgscan applies the PEP 517-era checks only then
    for (const char* v : {"DISTUTILS_EXT", "DISTUTILS_USE_PEP517", "DISTUTILS_DEPS"})
      t += std::string("# @ECLASS_VARIABLE: ") + v + "\n# @DESCRIPTION:\n# Synthetic documentation of " + v + ".\n\n";
  }
  if (!e.bdepend.empty()) t += "BDEPEND=\"" + e.bdepend + "\"\n";
  if (!e.depend.empty()) t += "DEPEND=\"" + e.depend + "\"\n";
  if (!e.idepend.empty()) t += "IDEPEND=\"" + e.idepend + "\"\n";
  if (!e.iuse.empty()) t += "IUSE=\"" + e.iuse + "\"\n";
  if (!e.properties.empty()) t += "PROPERTIES=\"" + e.properties + "\"\n";
  std::string fn_prefix = e.name;
  for (auto& c : fn_prefix)
    if (c == '-') c = '_';
  int helpers = rng.range(4, 40);
  for (int i = 0; i < helpers; ++i) {
    t += "\n# @FUNCTION: " + fn_prefix + "_helper_" + std::to_string(i) + "\n# @USAGE: [<args>...]\n# @DESCRIPTION:\n";
    t += "# Synthetic helper number " + std::to_string(i) + "; it only exists to give the file a realistic size.\n";
    t += fn_prefix + "_helper_" + std::to_string(i) + "() {\n\tdebug-print-function ${FUNCNAME} \"$@\"\n\n";
    int lines = rng.range(3, 25);
    for (int l = 0; l < lines; ++l)
      t += "\tlocal v" + std::to_string(l) + "=\"${" + std::to_string(l % 9 + 1) + ":-default}\" || die\n";
    t += "}\n";
  }
  for (auto& ph : std::vector<std::string>{"setup", "unpack", "prepare", "configure", "compile", "test", "install",
                                           "preinst", "postinst", "postrm"}) {
    if ((" " + e.phases + " ").find(" " + ph + " ") == std::string::npos) continue;
    std::string scope = (ph == "setup" || ph == "preinst" || ph == "postinst" || ph == "postrm") ? "pkg_" : "src_";
    t += "\n" + fn_prefix + "_" + scope + ph + "() {\n\tdebug-print-function ${FUNCNAME} \"$@\"\n\tdefault\n}\n";
  }
  if (!e.phases.empty()) {
    t += "\nEXPORT_FUNCTIONS";
    for (auto& ph : std::vector<std::string>{"setup", "unpack", "prepare", "configure", "compile", "test", "install",
                                             "preinst", "postinst", "postrm"})
      if ((" " + e.phases + " ").find(" " + ph + " ") != std::string::npos)
        t += ((ph == "setup" || ph == "preinst" || ph == "postinst" || ph == "postrm") ? " pkg_" : " src_") + ph;
    t += "\n";
  }
  t += "\nfi\n";
  return t;
}

// ---------------------------------------------------------------------------
// Packages

enum class PyKind { None, Multi, Single, Any };

// One element of a dependency specification as the ebuild writes it.
struct Dep {
  enum Kind { Atom, PyAtom, AnyOf, UseCond } kind = Atom;
  std::string atom;      // Atom / PyAtom: operator, name, version, slot
  std::string usedeps;   // extra USE deps without brackets ("gtk,ssl")
  std::string flag;      // UseCond: "gtk" or "!gtk"
  std::vector<Dep> children;
};

struct Package {
  std::string cat, name;
  std::vector<std::string> versions;  // ascending; "9999" last when live
  std::vector<std::string> slots;     // per version
  int eapi = 8;
  PyKind py = PyKind::None;
  unsigned impls = 0;
  bool distutils = false;
  std::string backend;  // DISTUTILS_USE_PEP517
  bool ext = false;     // DISTUTILS_EXT=1
  bool tests = false;   // distutils_enable_tests pytest
  bool any_gen_dep = false;
  std::string dead_compat;  // dead impl listed in PYTHON_COMPAT (ebuild text only)
  std::vector<std::string> inherits;
  std::vector<std::string> iuse;  // own flags, with +/- defaults
  std::string description, homepage, license, required_use, restrict_, properties;
  std::vector<std::string> own_phases;
  std::vector<Dep> rdepend, depend, bdepend, pdepend;
  bool depend_is_rdepend = false;
  int crates = 0;
  std::string keywords_mode;  // "" normal, "binary" for -* ~amd64
  std::vector<std::string> arches;
  std::vector<std::string> stable_arches;  // where older versions may be stable (reconcile_keywords)
  bool core = false;  // toolchain: every released version stable everywhere
};

bool is_live(const std::string& v) { return v == "9999"; }

std::string strip_revision(const std::string& v) {
  auto r = v.rfind("-r");
  return r == std::string::npos ? v : v.substr(0, r);
}

// Renders dependency specs into cache text (fully expanded) or ebuild text.
class DepRenderer {
 public:
  DepRenderer(const Package& p) : p_(p) {}

  std::string usedep_multi() const {
    std::string s;
    for (size_t i = 0; i < kImpls.size(); ++i)
      if (p_.impls & (1u << i)) {
        if (!s.empty()) s += ',';
        s += std::string("python_targets_") + kImpls[i].name + "(-)?";
      }
    return s;
  }

  std::string cache(const std::vector<Dep>& deps) const {
    std::string out;
    for (size_t i = 0; i < deps.size(); ++i) {
      // python_gen_cond_dep groups consecutive python atoms in single-impl packages.
      if (deps[i].kind == Dep::PyAtom && p_.py == PyKind::Single) {
        size_t j = i;
        while (j < deps.size() && deps[j].kind == Dep::PyAtom) ++j;
        for (size_t k = 0; k < kImpls.size(); ++k) {
          if (!(p_.impls & (1u << k))) continue;
          std::string grp = std::string("python_single_target_") + kImpls[k].name + "? (";
          for (size_t d = i; d < j; ++d) {
            grp += ' ';
            grp += atom_with(deps[d], std::string("python_targets_") + kImpls[k].name + "(-)");
          }
          append(out, grp + " )");
        }
        i = j - 1;
        continue;
      }
      append(out, cache_one(deps[i]));
    }
    return out;
  }

  std::string ebuild(const std::vector<Dep>& deps, const std::string& indent) const {
    std::string out;
    for (const auto& d : deps) out += indent + ebuild_one(d, indent) + "\n";
    return out;
  }

  std::string python_deps() const {
    std::string out;
    if (p_.py == PyKind::Any) {
      out = "|| (";
      for (size_t k = kImpls.size(); k-- > 0;)
        if (p_.impls & (1u << k)) out += std::string(" ") + kImpls[k].dep;
      return out + " )";
    }
    const char* prefix = p_.py == PyKind::Single ? "python_single_target_" : "python_targets_";
    for (size_t k = 0; k < kImpls.size(); ++k)
      if (p_.impls & (1u << k)) append(out, std::string(prefix) + kImpls[k].name + "? ( " + kImpls[k].dep + " )");
    return out;
  }

  std::string required_use() const {
    std::string out = p_.py == PyKind::Single ? "^^ (" : "|| (";
    const char* prefix = p_.py == PyKind::Single ? "python_single_target_" : "python_targets_";
    for (size_t k = 0; k < kImpls.size(); ++k)
      if (p_.impls & (1u << k)) out += std::string(" ") + prefix + kImpls[k].name;
    return out + " )";
  }

  std::string iuse_targets() const {
    std::string out;
    const char* prefix = p_.py == PyKind::Single ? "python_single_target_" : "python_targets_";
    for (size_t k = 0; k < kImpls.size(); ++k)
      if (p_.impls & (1u << k)) append(out, std::string(prefix) + kImpls[k].name);
    return out;
  }

  // Build-system deps distutils-r1 adds for the backend, as one Dep list of PyAtoms.
  std::string distutils_deps() const {
    std::vector<std::string> atoms;
    if (p_.backend != "no") atoms.push_back(">=dev-python/gpep517-16");
    static const std::map<std::string, std::string> backend_dep = {
        {"setuptools", "dev-python/setuptools"},   {"flit", "dev-python/flit-core"},
        {"hatchling", "dev-python/hatchling"},     {"poetry", "dev-python/poetry-core"},
        {"pdm-backend", "dev-python/pdm-backend"}, {"uv-build", "dev-python/uv-build"},
        {"maturin", ">=dev-util/maturin-1.8.2"},   {"meson-python", "dev-python/meson-python"},
        {"scikit-build-core", "dev-python/scikit-build-core"}};
    auto it = backend_dep.find(p_.backend);
    if (it != backend_dep.end()) atoms.push_back(it->second);
    std::string out;
    if (p_.py == PyKind::Single) {
      for (size_t k = 0; k < kImpls.size(); ++k) {
        if (!(p_.impls & (1u << k)) || atoms.empty()) continue;
        std::string grp = std::string("python_single_target_") + kImpls[k].name + "? (";
        for (auto& a : atoms) grp += " " + a + "[python_targets_" + kImpls[k].name + "(-)]";
        append(out, grp + " )");
      }
      return out;
    }
    for (auto& a : atoms) append(out, a + "[" + usedep_multi() + "]");
    return out;
  }

 private:
  std::string atom_with(const Dep& d, const std::string& pyuse) const {
    std::string use = d.usedeps;
    if (!pyuse.empty()) use = use.empty() ? pyuse : use + "," + pyuse;
    return use.empty() ? d.atom : d.atom + "[" + use + "]";
  }

  std::string cache_one(const Dep& d) const {
    switch (d.kind) {
      case Dep::Atom: return atom_with(d, "");
      case Dep::PyAtom:
        if (p_.py == PyKind::Multi) return atom_with(d, usedep_multi());
        return atom_with(d, "");
      case Dep::AnyOf: return "|| ( " + cache(d.children) + " )";
      case Dep::UseCond: return d.flag + "? ( " + cache(d.children) + " )";
    }
    return {};
  }

  std::string ebuild_one(const Dep& d, const std::string& indent) const {
    switch (d.kind) {
      case Dep::Atom: return atom_with(d, "");
      case Dep::PyAtom:
        if (p_.py == PyKind::Single) return "$(python_gen_cond_dep '" + atom_with(d, "${PYTHON_USEDEP}") + "')";
        return atom_with(d, "${PYTHON_USEDEP}");
      case Dep::AnyOf:
      case Dep::UseCond: {
        std::string head = d.kind == Dep::AnyOf ? "|| (\n" : d.flag + "? (\n";
        return head + ebuild(d.children, indent + "\t") + indent + ")";
      }
    }
    return {};
  }

  const Package& p_;
};

// ---------------------------------------------------------------------------
// The generator

class Generator {
 public:
  Generator(size_t n, uint64_t seed) : target_(n), rng_{seed ^ 0x5eed5eed5eedULL} { eclasses_ = make_eclasses(); }

  void run(const std::string& out) {
    make_core();
    make_generic();
    reconcile_keywords();
    TreeWriter w(out);
    write_eclasses(w);
    write_profiles(w);
    write_licenses(w);
    size_t ebuilds = 0;
    for (const auto& p : packages_) ebuilds += write_package(w, p);
    for (const auto& c : used_categories())
      w.write(c + "/metadata.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE catmetadata SYSTEM "
                                   "\"https://www.gentoo.org/dtd/metadata.dtd\">\n<catmetadata>\n\t<longdescription "
                                   "lang=\"en\">\n\t\tThe " + c + " category contains synthetic packages.\n"
                                   "\t</longdescription>\n</catmetadata>\n");
    std::printf("wrote %zu ebuilds in %zu packages, %zu categories: %zu files, %.1f MB\n", ebuilds, packages_.size(),
                used_categories().size(), w.files(), double(w.bytes()) / 1e6);
  }

 private:
  // --- names --------------------------------------------------------------
  std::string syllables(int n) {
    static const std::vector<std::string> onset = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r",
                                                   "s", "t", "v", "w", "z", "br", "ch", "cl", "dr", "fl", "gr",
                                                   "kr", "pl", "qu", "sh", "sk", "sn", "sp", "st", "str", "th", "tr"};
    static const std::vector<std::string> vowel = {"a", "e", "i", "o", "u", "y", "ai", "ea", "io", "ou", "oo"};
    static const std::vector<std::string> coda = {"", "", "", "n", "r", "x", "l", "m", "s", "t", "ck", "ng", "sh"};
    std::string s;
    for (int i = 0; i < n; ++i) s += rng_.pick(onset) + rng_.pick(vowel) + rng_.pick(coda);
    return s;
  }

  std::string word() { return syllables(rng_.chance(0.6) ? 2 : rng_.chance(0.7) ? 1 : 3); }

  std::string fresh_name(const std::string& cat) {
    for (;;) {
      std::string n = word();
      if (cat == "dev-python") {
        if (rng_.chance(0.3)) n += "-" + word();
        if (rng_.chance(0.08)) n = "py" + n;
        if (rng_.chance(0.06)) n = "pytest-" + n;
      } else if (cat == "dev-perl") {
        auto cap = [](std::string w) {
          w[0] = char(std::toupper(static_cast<unsigned char>(w[0])));
          return w;
        };
        n = cap(n) + "-" + cap(word());
        if (rng_.chance(0.4)) n += "-" + cap(word());
      } else {
        if (rng_.chance(0.2)) n += "-" + word();
        if ((cat == "dev-libs" || cat == "media-libs" || cat == "sys-libs") && rng_.chance(0.35)) n = "lib" + n;
        if (rng_.chance(0.04)) n += std::to_string(rng_.range(2, 6));
        if (rng_.chance(0.03)) n += "-bin";
      }
      if (names_.insert(cat + "/" + n).second) return n;
    }
  }

  // A name guaranteed not to be in the tree (nonexistent deps, moved names).
  std::string missing_name(const std::string& cat) {
    for (;;) {
      std::string n = word() + "-" + word();
      if (names_.insert(cat + "/" + n).second) return cat + "/" + n;
    }
  }

  std::string description(const Package& p) {
    static const std::vector<std::string> lead = {"Library for", "Tool to", "Fast", "Simple", "Lightweight",
                                                  "Python bindings for", "Command-line utility for", "Daemon for",
                                                  "Plugin providing", "Collection of", "Modern", "Portable"};
    static const std::vector<std::string> what = {"parsing", "rendering", "managing", "monitoring", "converting",
                                                  "streaming", "caching", "validating", "compressing", "indexing"};
    static const std::vector<std::string> obj = {"configuration files", "network packets", "audio streams",
                                                 "vector graphics", "JSON documents", "terminal sessions",
                                                 "package metadata", "time series", "virtual machines",
                                                 "HTTP requests", "spreadsheets", "font outlines", "log files",
                                                 "certificates", "container images", "database schemas"};
    std::string d = rng_.pick(lead) + " " + rng_.pick(what) + " " + rng_.pick(obj);
    if (rng_.chance(0.3)) d += " with " + p.name + " support";
    // A few descriptions end in a period, which scanners report.
    if (rng_.chance(0.005)) d += ".";
    return d;
  }

  std::string license() {
    double total = 0;
    for (auto& l : kLicenses) total += l.weight;
    double x = rng_.unit() * total;
    for (auto& l : kLicenses) {
      if ((x -= l.weight) < 0) return l.name;
    }
    return "MIT";
  }

  // --- versions -----------------------------------------------------------
  std::vector<std::string> versions(int count, bool live) {
    std::vector<std::string> out;
    bool date = rng_.chance(0.03);
    int major = date ? 2019 + rng_.range(0, 6) : (rng_.chance(0.4) ? 0 : rng_.range(1, 12));
    int minor = rng_.range(0, 30), patch = rng_.range(0, 12);
    bool three = rng_.chance(0.6);
    for (int i = 0; i < count; ++i) {
      std::string v;
      if (date) {
        v = std::to_string(major) + (minor % 12 + 1 < 10 ? "0" : "") + std::to_string(minor % 12 + 1) + "01";
        ++minor;
        if (minor % 12 == 0) ++major;
      } else {
        v = std::to_string(major) + "." + std::to_string(minor);
        if (three) v += "." + std::to_string(patch);
        if (rng_.chance(0.02)) v += char('a' + rng_.below(3));
        if (rng_.chance(0.04)) v += rng_.chance(0.5) ? "_rc" + std::to_string(rng_.range(1, 3)) : "_p" + std::to_string(rng_.range(1, 20250101));
        if (rng_.chance(0.15)) v += "-r" + std::to_string(rng_.range(1, 3));
        // Step to a strictly greater version for the next one.
        if (three && rng_.chance(0.7)) patch += rng_.range(1, 3);
        else if (rng_.chance(0.85)) { minor += rng_.range(1, 2); patch = 0; }
        else { ++major; minor = 0; patch = 0; }
      }
      out.push_back(v);
    }
    if (live) out.push_back("9999");
    return out;
  }

  int version_count() {
    double x = rng_.unit();
    if (x < 0.585) return 1;
    if (x < 0.875) return 2;
    if (x < 0.965) return 3;
    if (x < 0.99) return 4;
    if (x < 0.996) return 5;
    // Real trees have a few packages with dozens of versions (flatcar: 18
    // with ten or more, one with 96).
    if (x < 0.9985) return rng_.range(6, 10);
    return rng_.range(11, 60);
  }

  // --- atoms --------------------------------------------------------------
  // A dependency atom on an existing package, with the operators, slots and
  // USE deps in roughly the corpus's proportions (>= on ~20% of atoms, slot
  // parts on ~25%).
  Dep atom_on(size_t target, const Package* self, bool python) {
    const Package& t = packages_[target];
    Dep d;
    d.kind = python ? Dep::PyAtom : Dep::Atom;
    std::string name = t.cat + "/" + t.name;
    std::vector<std::string> released;
    for (auto& v : t.versions)
      if (!is_live(v)) released.push_back(v);
    double x = rng_.unit();
    if (x < 0.20 && !released.empty()) d.atom = ">=" + name + "-" + strip_revision(released[rng_.skewed(released.size(), 0.7)]);
    else if (x < 0.206 && !released.empty()) d.atom = "~" + name + "-" + strip_revision(released.back());
    else if (x < 0.212 && !released.empty()) d.atom = "<" + name + "-" + std::to_string(std::atoi(released.back().c_str()) + 1000);
    else if (x < 0.217 && !released.empty()) d.atom = "=" + name + "-" + released.front().substr(0, released.front().find('.')) + "*";
    else d.atom = name;
    const std::string& slot = t.slots.back();
    bool subslot = slot.find('/') != std::string::npos;
    bool multi_slot = t.slots.front() != t.slots.back();
    double s = rng_.unit();
    if (multi_slot) d.atom += ":" + slot.substr(0, slot.find('/')) + (subslot && s < 0.5 ? "=" : "");
    else if (subslot && s < 0.7) d.atom += ":=";
    else if (s < 0.06) d.atom += ":=";
    else if (s < 0.09 && slot != "0") d.atom += ":" + slot.substr(0, slot.find('/'));
    else if (s > 0.99) d.atom += ":*";
    if (!python && !t.iuse.empty() && rng_.chance(0.12)) {
      std::string f = t.iuse[rng_.below(t.iuse.size())];
      if (f[0] == '+' || f[0] == '-') f = f.substr(1);
      bool self_has = false;
      if (self)
        for (auto& g : self->iuse) self_has |= (g == f || g.substr(1) == f);
      d.usedeps = self_has && rng_.chance(0.5) ? f + "?" : (rng_.chance(0.9) ? f : "-" + f);
    }
    if (!python && rng_.chance(0.004)) {
      // Blockers take no slot operator (PMS): keep at most a plain :slot.
      for (const char* op : {":=", ":*"})
        if (d.atom.size() > 2 && d.atom.compare(d.atom.size() - 2, 2, op) == 0) d.atom.resize(d.atom.size() - 2);
      if (d.atom.back() == '=') d.atom.pop_back();
      d.atom = (rng_.chance(0.8) ? "!" : "!!") + d.atom;
    }
    // ~0.5% of atoms name packages that do not exist.
    if (rng_.chance(0.0065)) {
      d = Dep{};
      d.kind = python ? Dep::PyAtom : Dep::Atom;
      d.atom = missing_name(rng_.chance(0.5) ? t.cat : rng_.pick(kCategories));
    }
    return d;
  }

  size_t find(const std::string& cat, const std::string& name) const {
    for (size_t i = 0; i < packages_.size(); ++i)
      if (packages_[i].cat == cat && packages_[i].name == name) return i;
    die("no core package " + cat + "/" + name);
  }

  // Targets are picked among the packages before the one being made (the
  // last in packages_), so the graph has no cycles.
  // Packages without a python eclass do not depend on Python modules or the
  // interpreter directly (that would be a QA finding, not the tree's shape).
  size_t pick_any() {
    size_t t = 0;
    for (int tries = 0; tries < 8; ++tries) {
      t = rng_.skewed(packages_.size() - 1, 1.8);
      const Package& c = packages_[t];
      if (c.cat != "dev-python" && !(c.cat == "dev-lang" && (c.name == "python" || c.name == "pypy"))) break;
    }
    return t;
  }

  size_t pick_python(unsigned need) {
    size_t before = multi_python_.size();
    if (multi_python_.back() == packages_.size() - 1) --before;
    size_t best = multi_python_.front();
    for (int tries = 0; tries < 5; ++tries) {
      size_t c = multi_python_[rng_.skewed(before, 1.5)];
      best = c;
      if ((packages_[c].impls & need) == need) break;
    }
    return best;
  }

  // A package the tree depends on but does not have, as a real overlay
  // depends on its master's packages: about a quarter of the atoms of the
  // real trees (28% on their union, bench/tree_shape.py). Drawn from a pool
  // so that a few are named often, as a master's base libraries are.
  Dep outside_atom() {
    if (outside_.empty())
      for (int i = 0; i < 1500; ++i) outside_.push_back(missing_name(kCategories[rng_.below(kCategories.size())]));
    const std::string& name = outside_[rng_.skewed(outside_.size(), 1.8)];
    if (rng_.chance(0.2)) return plain(">=" + name + "-" + std::to_string(rng_.range(1, 9)) + "." + std::to_string(rng_.range(0, 20)));
    return plain(name);
  }

  std::vector<Dep> plain_atoms(int n, const Package* self) {
    std::vector<Dep> out;
    std::set<size_t> seen;
    for (int i = 0; i < n; ++i) {
      if (rng_.chance(0.32)) {
        out.push_back(outside_atom());
        continue;
      }
      size_t t = pick_any();
      if (!seen.insert(t).second) continue;
      out.push_back(atom_on(t, self, false));
    }
    return out;
  }

  std::vector<Dep> python_atoms(int n, const Package& self) {
    std::vector<Dep> out;
    std::set<size_t> seen;
    for (int i = 0; i < n; ++i) {
      size_t t = pick_python(self.impls);
      if (!seen.insert(t).second) continue;
      out.push_back(atom_on(t, &self, true));
    }
    return out;
  }

  int count(double mean, int max) {
    // Geometric-like: many small, a long tail.
    int n = int(-std::log(1.0 - rng_.unit()) * mean);
    return std::min(n, max);
  }

  // --- package assembly ---------------------------------------------------
  Package& add(const std::string& cat, const std::string& name, std::vector<std::string> vers,
               std::vector<std::string> slots = {}) {
    names_.insert(cat + "/" + name);
    Package p;
    p.cat = cat;
    p.name = name;
    p.versions = std::move(vers);
    if (slots.empty()) slots.assign(p.versions.size(), "0");
    p.slots = std::move(slots);
    p.description = description(p);
    p.homepage = "https://" + name + ".example.org/";
    p.license = license();
    p.arches = choose_arches();
    packages_.push_back(std::move(p));
    return packages_.back();
  }

  std::vector<std::string> choose_arches() {
    std::vector<std::string> a;
    for (size_t i = 0; i < kArches.size(); ++i)
      if (rng_.chance(kArchShare[i])) a.push_back(kArches[i]);
    if (rng_.chance(0.05)) a.push_back(rng_.pick(kPrefixArches));
    return a;
  }

  void make_python(Package& p, PyKind kind, unsigned impls, bool distutils, const std::string& backend) {
    p.py = kind;
    p.impls = impls;
    p.distutils = distutils;
    p.backend = backend;
    p.eapi = 8;
    if (distutils) p.inherits.push_back("distutils-r1");
    else p.inherits.push_back(kind == PyKind::Multi ? "python-r1" : kind == PyKind::Single ? "python-single-r1" : "python-any-r1");
    if (kind == PyKind::Multi) multi_python_.push_back(packages_.size() - 1);
  }

  Dep py(const std::string& atom) { return Dep{Dep::PyAtom, atom, "", "", {}}; }
  Dep plain(const std::string& atom, const std::string& use = "") { return Dep{Dep::Atom, atom, use, "", {}}; }

  // Base packages everything else depends on: interpreters, build systems and
  // the Python build-system bootstrap set (reference §7), shaped like the
  // real ebuilds so the bootstrap and DISTUTILS_EXT checks have work to do.
  void make_core() {
    add("virtual", "pkgconfig", {"3"}).description = "Virtual for the pkg-config implementation";
    add("app-alternatives", "ninja", {"1"});
    add("dev-build", "cmake", {"3.28.5", "3.31.7", "4.0.3"});
    add("dev-build", "autoconf", {"2.72-r1"}, {"2.72"});
    add("dev-build", "automake", {"1.17-r1"}, {"1.17"});
    add("dev-build", "libtool", {"2.4.7-r4", "2.5.4"});
    add("dev-lang", "perl", {"5.40.2", "5.42.0"}, {"0/5.40", "0/5.42"});
    add("dev-lang", "python", {"3.12.12", "3.13.11", "3.14.2", "3.14.2-r100", "3.15.0_beta3"},
        {"3.12", "3.13", "3.14", "3.14t", "3.15"})
        .iuse = {"+ssl", "sqlite", "tk", "+xml", "+ncurses", "+readline"};
    add("dev-lang", "pypy", {"3.12.7.3.21"}, {"3.12/pypy312-7.3"});
    add("dev-lang", "rust", {"1.88.0", "1.90.0"}, {"1.88.0", "1.90.0"});
    add("dev-lang", "rust-bin", {"1.88.0", "1.90.0"}, {"1.88.0", "1.90.0"});
    add("dev-lang", "go", {"1.24.6", "1.25.1"}, {"0/1.24.6", "0/1.25.1"});
    add("dev-vcs", "git", {"2.51.0"}).iuse = {"+curl", "perl", "+gpg"};
    add("dev-build", "meson", {"1.8.3", "1.9.0"});
    add("dev-build", "meson-format-array", {"0"});
    add("dev-util", "desktop-file-utils", {"0.28"});
    add("x11-misc", "shared-mime-info", {"2.4-r2"});
    add("app-crypt", "gnupg", {"2.4.8"});
    add("app-portage", "gemato", {"20.6"});
    add("x11-base", "xorg-server", {"21.1.18"}).iuse = {"xvfb", "+udev"};
    for (size_t i = 0; i < packages_.size(); ++i) core_plain_.push_back(i);

    auto core_py = [&](const std::string& name, const std::vector<std::string>& v, const std::string& backend,
                       bool ext = false) -> Package& {
      Package& p = add("dev-python", name, v);
      make_python(p, PyKind::Multi, kAllImpls, true, backend);
      p.ext = ext;
      p.arches = kArches;
      return p;
    };
    add("app-arch", "unzip", {"6.0_p29"});
    core_py("installer", {"1.0.1"}, "no").bdepend = {plain("app-arch/unzip")};
    core_py("gpep517", {"19", "23"}, "no").rdepend = {py(">=dev-python/installer-0.5.0")};
    core_py("flit-core", {"3.12.0", "4.1.0"}, "standalone");
    core_py("packaging", {"25.0", "26.3"}, "flit");
    // gpep517 wants packaging after it is built (PDEPEND breaks the cycle).
    packages_[find("dev-python", "gpep517")].pdepend = {py(">=dev-python/packaging-26.1")};
    core_py("wheel", {"0.46.1"}, "flit").rdepend = {py("dev-python/packaging")};
    {
      Package& p = core_py("setuptools", {"80.9.0", "80.10.2"}, "standalone");
      p.rdepend = {py(">=dev-python/packaging-24.2"), py("dev-python/wheel")};
      p.bdepend = p.rdepend;
    }
    core_py("hatchling", {"1.27.0"}, "standalone").rdepend = {py(">=dev-python/packaging-24.2")};
    core_py("poetry-core", {"2.2.1"}, "standalone");
    core_py("pdm-backend", {"2.4.5"}, "standalone");
    core_py("uv-build", {"0.8.22"}, "standalone");
    core_py("pytest", {"8.4.2"}, "setuptools").rdepend = {py("dev-python/packaging")};
    core_py("cython", {"3.1.4"}, "setuptools", true);
    {
      Package& p = core_py("pybind11", {"3.0.1"}, "setuptools");
      p.inherits.push_back("cmake");
    }
    core_py("setuptools-rust", {"1.12.0"}, "setuptools").rdepend = {py("dev-python/setuptools")};
    core_py("meson-python", {"0.18.0"}, "standalone").rdepend = {plain(">=dev-build/meson-1.2.3")};
    core_py("scikit-build-core", {"0.11.6"}, "hatchling").rdepend = {py("dev-python/packaging")};
    {
      Package& p = add("dev-util", "maturin", {"1.9.4"});
      make_python(p, PyKind::Multi, kAllImpls, true, "setuptools");
      p.inherits.push_back("cargo");
      p.ext = true;
      p.crates = 250;
      p.bdepend = {py("dev-python/setuptools-rust")};
    }
    {
      Package& p = core_py("numpy", {"2.3.3"}, "meson-python", true);
      p.bdepend = {py(">=dev-python/cython-3.0.6")};
    }
    core_count_ = packages_.size();
  }

  void make_generic() {
    // Category weights: the named ones get their share, the rest split the remainder.
    double named = 0;
    for (auto& [c, w] : kCategoryWeight) named += w;
    size_t others = kCategories.size() - kCategoryWeight.size();
    std::vector<double> cum;
    double acc = 0;
    for (auto& c : kCategories) {
      auto it = kCategoryWeight.find(c);
      double w = it != kCategoryWeight.end() ? it->second : (100.0 - named) / double(others) * (0.3 + 1.4 * rng_.unit());
      acc += w;
      cum.push_back(acc);
    }
    size_t written = 0;
    for (auto& p : packages_) written += p.versions.size();
    while (written < target_) {
      double x = rng_.unit() * acc;
      size_t ci = size_t(std::lower_bound(cum.begin(), cum.end(), x) - cum.begin());
      const std::string& cat = kCategories[std::min(ci, kCategories.size() - 1)];
      int n = version_count();
      bool live = rng_.chance(0.04);
      if (size_t(n) + (live ? 1 : 0) > target_ - written) {
        n = int(target_ - written);
        live = false;
      }
      make_one(cat, n, live);
      written += size_t(n) + (live ? 1 : 0);
    }
  }

  unsigned compat_set() {
    double x = rng_.unit();
    if (x < 0.45) return k12 | k13 | k14;
    if (x < 0.65) return k12 | k13 | k14 | k15;
    if (x < 0.75) return k12 | k13;
    if (x < 0.85) return kPypy | k12 | k13 | k14;
    if (x < 0.90) return kAllImpls;
    if (x < 0.95) return k13 | k14;
    if (x < 0.98) return kT14 | k12 | k13 | k14 | k15;
    return k14;
  }

  void make_one(const std::string& cat, int nvers, bool live) {
    std::string name = fresh_name(cat);
    Package& p = add(cat, name, versions(nvers, live));
    // Slots: mostly 0, some sub-slots, a few multi-slot packages.
    double s = rng_.unit();
    if (s < 0.06) {
      std::string sub = std::to_string(rng_.range(0, 30));
      for (auto& sl : p.slots) sl = "0/" + sub;
    } else if (s < 0.09 && p.versions.size() > 1) {
      for (size_t i = 0; i < p.versions.size(); ++i)
        p.slots[i] = is_live(p.versions[i]) ? p.slots[i - 1] : p.versions[i].substr(0, p.versions[i].find('.'));
    } else if (s < 0.11) {
      for (auto& sl : p.slots) sl = std::to_string(rng_.range(1, 6));
    }
    if (rng_.chance(0.6)) p.homepage = "https://github.com/" + word() + "/" + name;
    if (rng_.chance(0.08)) p.homepage += " https://" + word() + ".example.net/" + name + "/";
    if (rng_.chance(0.02)) {
      p.keywords_mode = "binary";
      p.arches = {"amd64"};
    }

    // Which kind of package: the python shares follow the corpus (§4).
    double k = rng_.unit();
    bool is_py_cat = cat == "dev-python";
    if (is_py_cat && k < 0.88) {
      make_python(p, PyKind::Multi, compat_set(), true, backend());
    } else if (is_py_cat && k < 0.93) {
      make_python(p, PyKind::Multi, compat_set(), false, "");
    } else if (is_py_cat && k < 0.95) {
      make_python(p, PyKind::Any, compat_set() & ~(kPypy | kT14), false, "");
    } else if (!is_py_cat && k < 0.035) {
      make_python(p, PyKind::Single, compat_set() & ~(kPypy | kT14), rng_.chance(0.25), "setuptools");
    } else if (!is_py_cat && k < 0.075) {
      make_python(p, PyKind::Any, compat_set() & ~(kPypy | kT14), false, "");
    } else if (!is_py_cat && k < 0.085) {
      make_python(p, PyKind::Multi, compat_set(), rng_.chance(0.5), "setuptools");
    } else {
      p.eapi = rng_.chance(0.13) ? 7 : rng_.chance(0.03) ? 6 : rng_.chance(0.01) ? 9 : 8;
    }
    if (p.py != PyKind::None) {
      if (p.impls == 0) p.impls = k13 | k14;
      if (rng_.chance(0.03)) p.eapi = 9;
      // Dead implementations left in PYTHON_COMPAT never reach the cache.
      if (rng_.chance(0.015)) p.dead_compat = "python3_11";
      else if (rng_.chance(0.005)) p.dead_compat = "python3_13t";
    }
    if (p.distutils) {
      p.tests = rng_.chance(0.7);
      if (p.backend == "maturin" || p.backend == "meson-python" || p.backend == "scikit-build-core") p.ext = rng_.chance(0.95);
      else p.ext = rng_.chance(0.12);
      if (p.backend == "maturin") {
        p.inherits.push_back("cargo");
        p.crates = rng_.range(40, 400);
      }
      if (rng_.chance(0.6)) p.inherits.push_back("pypi");
      if (p.ext && p.backend == "setuptools" && rng_.chance(0.6)) p.bdepend.push_back(py(">=dev-python/cython-3.0.11"));
      // A few build extensions with Cython but forgot DISTUTILS_EXT.
      if (!p.ext && rng_.chance(0.01)) p.bdepend.push_back(py("dev-python/cython"));
    }

    // Own USE flags.
    if (p.py == PyKind::None ? rng_.chance(0.45) : rng_.chance(0.15)) {
      int nf = rng_.range(1, 5);
      std::set<std::string> flags;
      for (int i = 0; i < nf; ++i) flags.insert(rng_.pick(kGlobalFlags));
      flags.erase("test");
      flags.erase("verify-sig");
      for (auto& f : flags) p.iuse.push_back(rng_.chance(0.25) ? "+" + f : f);
    }

    // Build-system eclasses for non-python packages.
    if (p.py == PyKind::None || p.py == PyKind::Single || p.py == PyKind::Any) {
      if (!p.distutils) {
        double b = rng_.unit();
        if (cat == "dev-perl") p.inherits.push_back("perl-module");
        else if (b < 0.15) p.inherits.push_back("cmake");
        else if (b < 0.26) p.inherits.push_back("meson");
        else if (b < 0.33) p.inherits.push_back("autotools");
        else if (b < 0.38 && p.py == PyKind::None) {
          p.inherits.push_back("cargo");
          // Real crate lists reach a few thousand entries (380 KB lines).
          double c = rng_.unit();
          p.crates = c < 0.5 ? rng_.range(50, 300) : c < 0.98 ? rng_.range(300, 1200) : rng_.range(2500, 5000);
        } else if (b < 0.43 && p.py == PyKind::None) p.inherits.push_back("go-module");
      }
      if (rng_.chance(0.16)) p.inherits.push_back("xdg");
      if (rng_.chance(0.10)) p.inherits.push_back("desktop");
      if (rng_.chance(0.08)) p.inherits.push_back("systemd");
      if (rng_.chance(0.07)) p.inherits.push_back("optfeature");
      if (rng_.chance(0.06)) p.inherits.push_back("toolchain-funcs");
      if (rng_.chance(0.04)) p.inherits.push_back("flag-o-matic");
      if (rng_.chance(0.04)) p.inherits.push_back("shell-completion");
      if (rng_.chance(0.02)) p.inherits.push_back("udev");
      if (rng_.chance(0.02)) p.inherits.push_back("linux-info");
      if (rng_.chance(0.02)) p.inherits.push_back("verify-sig");
      if (rng_.chance(0.01)) p.inherits.push_back("virtualx");
    }
    if (live) p.inherits.push_back("git-r3");
    // EAPI 6 only for packages whose eclasses still allow it.
    if (p.eapi == 6)
      for (auto& e : p.inherits)
        if (e != "desktop" && e != "toolchain-funcs" && e != "flag-o-matic" && e != "autotools" && e != "perl-module") p.eapi = 7;

    // Dependencies.
    if (p.py == PyKind::Multi) {
      int n = count(3.8, 25);
      for (auto& d : python_atoms(n, p)) p.rdepend.push_back(d);
      if (rng_.chance(0.15))
        for (auto& d : plain_atoms(rng_.range(1, 3), &p)) p.rdepend.push_back(d);
      if (!p.distutils) p.rdepend.insert(p.rdepend.begin(), Dep{Dep::Atom, "${PYTHON_DEPS}", "", "", {}});
    } else if (p.py == PyKind::Single) {
      for (auto& d : plain_atoms(count(3.0, 20), &p)) p.rdepend.push_back(d);
      for (auto& d : python_atoms(count(2.0, 8), p)) p.rdepend.push_back(d);
      if (!p.distutils) p.rdepend.insert(p.rdepend.begin(), Dep{Dep::Atom, "${PYTHON_DEPS}", "", "", {}});
      p.depend_is_rdepend = rng_.chance(0.5);
    } else {
      if (rng_.chance(0.8)) p.rdepend = plain_atoms(count(6.5, 60), &p);
      p.depend_is_rdepend = !p.rdepend.empty() && rng_.chance(0.55);
      if (!p.depend_is_rdepend && rng_.chance(0.15)) p.depend = plain_atoms(count(2.0, 10), &p);
      if (p.py == PyKind::Any) {
        p.any_gen_dep = rng_.chance(0.3);
        p.bdepend.push_back(Dep{Dep::Atom, "${PYTHON_DEPS}", "", "", {}});
      }
      if (rng_.chance(0.3)) p.bdepend.push_back(plain("virtual/pkgconfig"));
      if (rng_.chance(0.15))
        for (auto& d : plain_atoms(rng_.range(1, 3), &p)) p.bdepend.push_back(d);
    }
    // USE-conditional groups over the package's own flags.
    for (auto& f : p.iuse) {
      if (!rng_.chance(0.65)) continue;
      std::string flag = (f[0] == '+' || f[0] == '-') ? f.substr(1) : f;
      Dep c{Dep::UseCond, "", "", flag, plain_atoms(rng_.range(1, 4), &p)};
      if (!c.children.empty()) p.rdepend.push_back(std::move(c));
    }
    // || ( ) groups: 0.5 per entry on the real union, 1.1 on flatcar.
    if (rng_.chance(0.3) && packages_.size() > 3) {
      Dep any{Dep::AnyOf, "", "", "", plain_atoms(rng_.range(2, 5), &p)};
      if (any.children.size() >= 2) p.rdepend.push_back(std::move(any));
    }
    if (rng_.chance(0.001)) p.pdepend = plain_atoms(rng_.range(1, 4), &p);

    // Other metadata.
    if (p.iuse.size() >= 2 && rng_.chance(0.12)) {
      auto a = p.iuse[0], b = p.iuse[1];
      if (a[0] == '+' || a[0] == '-') a = a.substr(1);
      if (b[0] == '+' || b[0] == '-') b = b.substr(1);
      p.required_use = rng_.chance(0.5) ? "|| ( " + a + " " + b + " )" : a + "? ( " + b + " )";
    }
    if (!p.distutils) {
      double r = rng_.unit();
      if (r < 0.08) p.restrict_ = "test";
      else if (r < 0.10) p.restrict_ = "mirror";
      else if (r < 0.11) p.restrict_ = "strip";
    }
    if (rng_.chance(0.01)) p.properties = "test_network";
    if (p.py == PyKind::None && p.inherits.empty()) {
      static const std::vector<std::string> phases = {"prepare", "configure", "compile", "install", "test", "postinst"};
      static const std::vector<double> share = {0.3, 0.35, 0.3, 0.6, 0.08, 0.1};
      for (size_t i = 0; i < phases.size(); ++i)
        if (rng_.chance(share[i])) p.own_phases.push_back(phases[i]);
    } else if (rng_.chance(0.3)) {
      p.own_phases.push_back(rng_.chance(0.5) ? "install" : "prepare");
    }
    if (p.eapi == 6 && !p.bdepend.empty()) p.eapi = 7;
  }

  std::string backend() {
    double b = rng_.unit();
    if (b < 0.60) return "setuptools";
    if (b < 0.75) return "hatchling";
    if (b < 0.83) return "flit";
    if (b < 0.90) return "poetry";
    if (b < 0.92) return "pdm-backend";
    if (b < 0.94) return "uv-build";
    if (b < 0.97) return "maturin";
    if (b < 0.985) return "meson-python";
    if (b < 0.99) return "scikit-build-core";
    if (b < 0.997) return "standalone";
    return "no";
  }

  // --- inheritance --------------------------------------------------------
  const Eclass& eclass(const std::string& name) const {
    for (auto& e : eclasses_)
      if (e.name == name) return e;
    die("unknown eclass " + name);
  }

  // Every eclass inherited directly or not, in the order the inherits finish
  // (nested first), which is the order contributions are appended in.
  std::vector<std::string> inherit_closure(const Package& p) const {
    std::vector<std::string> out;
    std::set<std::string> seen;
    auto visit = [&](auto&& self, const std::string& name) -> void {
      if (!seen.insert(name).second) return;
      const Eclass& e = eclass(name);
      for (auto& i : e.inherits) self(self, i);
      if (name == "distutils-r1") self(self, p.py == PyKind::Single ? "python-single-r1" : "python-r1");
      out.push_back(name);
    };
    for (auto& i : p.inherits) visit(visit, i);
    return out;
  }

  // --- writing ------------------------------------------------------------
  void write_eclasses(TreeWriter& w) {
    Rng erng{0xec1a55ULL};  // eclass text does not depend on the seed
    for (auto& e : eclasses_) {
      std::string text = eclass_text(e, erng);
      e.md5 = md5_hex(text);
      w.write("eclass/" + e.name + ".eclass", text);
    }
  }

  std::set<std::string> used_categories() const {
    std::set<std::string> c;
    for (auto& p : packages_) c.insert(p.cat);
    return c;
  }

  void write_profiles(TreeWriter& w) {
    w.write("profiles/repo_name", "gentoo\n");
    std::string cats;
    std::vector<std::string> all(kCategories);
    std::sort(all.begin(), all.end());
    for (auto& c : all) cats += c + "\n";
    w.write("profiles/categories", cats);
    std::string arch = "# Synthetic arch.list written by gen-tree\n";
    for (auto& a : kArches) arch += a + "\n";
    arch += "\n# Prefix keywords\n";
    for (auto& a : kPrefixArches) arch += a + "\n";
    w.write("profiles/arch.list", arch);
    std::string use = "# Global USE flags (synthetic)\n\n";
    for (auto& f : kGlobalFlags) use += f + " - Enable support for " + f + "\n";
    // Flags only the profiles name (write_profile_tree).
    for (auto f : {"altivec", "clang", "crypt", "elogind", "gnome", "hardened", "kde", "llvm-libunwind", "multilib",
                   "nvidia", "pie", "qt5", "qt6", "split-usr", "ssp"})
      use += std::string(f) + " - Enable support for " + f + "\n";
    w.write("profiles/use.desc", use);
    std::string targets = "# Python targets (synthetic)\n\n", single = targets;
    for (auto& i : {"pypy3_12", "python3_12", "python3_13", "python3_14", "python3_14t", "python3_15"}) {
      std::string n = i;
      std::string human = n.rfind("pypy", 0) == 0 ? "PyPy 3.12" : "Python " + n.substr(6, 1) + "." + n.substr(8);
      targets += n + " - Build with " + human + "\n";
      single += n + " - Build for " + human + " only\n";
    }
    w.write("profiles/desc/python_targets.desc", targets);
    w.write("profiles/desc/python_single_target.desc", single);
    w.write("profiles/license_groups",
            "GPL-COMPATIBLE Apache-2.0 BSD BSD-2 GPL-2 GPL-2+ GPL-3 GPL-3+ ISC LGPL-2.1 LGPL-2.1+ LGPL-3 MIT ZLIB "
            "Boost-1.0 Unlicense CC0-1.0 PSF-2 public-domain WTFPL-2 Vim 0BSD MPL-2.0 Unicode-3.0\n"
            "FSF-APPROVED @GPL-COMPATIBLE AGPL-3 Artistic GPL-1+ BSD-4\n"
            "OSI-APPROVED @FSF-APPROVED Apache-2.0-with-LLVM-exceptions\n"
            "OPEN-CONTENT CC-BY-SA-4.0 OFL-1.1 CDLA-Permissive-2.0\n"
            "FREE @OSI-APPROVED @OPEN-CONTENT\n"
            "EULA all-rights-reserved\n");
    // package.deprecated: a few packages from early in the tree, which many
    // others depend on.
    std::string dep = "# Synthetic deprecations (gen-tree)\n\n";
    Rng drng{rng_.state ^ 0xdeadULL};
    std::set<size_t> picked;
    while (picked.size() < std::min<size_t>(6, packages_.size() - core_count_) && core_count_ < packages_.size()) {
      size_t span = std::min<size_t>(400, packages_.size() - core_count_);
      picked.insert(core_count_ + drng.below(span));
    }
    for (auto i : picked) dep += "# No longer maintained upstream.\n" + packages_[i].cat + "/" + packages_[i].name + "\n\n";
    w.write("profiles/package.deprecated", dep);
    std::string moves;
    for (int i = 0; i < 4 && core_count_ < packages_.size(); ++i) {
      const Package& p = packages_[core_count_ + drng.below(packages_.size() - core_count_)];
      moves += "move " + missing_name(p.cat) + " " + p.cat + "/" + p.name + "\n";
    }
    w.write("profiles/updates/1Q-2025", moves);
    w.write("profiles/updates/4Q-2024", "move " + missing_name("dev-libs") + " " + packages_[0].cat + "/" + packages_[0].name + "\n");
    w.write("profiles/base/make.defaults",
            "# Synthetic base profile (gen-tree)\n\n"
            "ARCH=\"amd64\"\n"
            "USE_EXPAND=\"ABI_X86 CPU_FLAGS_ARM CPU_FLAGS_X86 ELIBC KERNEL L10N LLVM_SLOT LUA_SINGLE_TARGET LUA_TARGETS PYTHON_SINGLE_TARGET "
            "PYTHON_TARGETS RUBY_TARGETS VIDEO_CARDS\"\n"
            "USE_EXPAND_HIDDEN=\"ABI_X86 CPU_FLAGS_X86\"\n"
            "USE_EXPAND_IMPLICIT=\"ARCH ELIBC KERNEL\"\n"
            "USE_EXPAND_UNPREFIXED=\"ARCH\"\n"
            "USE_EXPAND_VALUES_ARCH=\"alpha amd64 amd64-linux arm arm64 arm64-linux arm64-macos hppa loong m68k mips "
            "ppc ppc-macos ppc64 ppc64-linux riscv s390 sparc x64-macos x64-solaris x86 x86-linux\"\n"
            "USE_EXPAND_VALUES_ELIBC=\"Darwin SunOS bionic glibc musl\"\n"
            "USE_EXPAND_VALUES_KERNEL=\"Darwin SunOS linux\"\n"
            "IUSE_IMPLICIT=\"prefix prefix-guest prefix-stack\"\n"
            "PYTHON_TARGETS=\"python3_14\"\n"
            "PYTHON_SINGLE_TARGET=\"python3_14\"\n"
            "USE=\"ssl ipv6 nls unicode zlib\"\n");
    w.write("profiles/eapi", "8\n");
    write_profile_tree(w);
    w.write("metadata/layout.conf",
            "repo-name = gentoo\nmasters =\n\ncache-formats = md5-dict\nthin-manifests = true\n"
            "sign-manifests = false\nmanifest-hashes = BLAKE2B SHA512\n\n"
            "eapis-banned = 0 1 2 3 4 5\neapis-deprecated = 6\n"
            "properties-allowed = interactive live test_network test_privileged\n"
            "restrict-allowed = binchecks bindist fetch installsources mirror preserve-libs splitdebug strip test "
            "userpriv\n");
  }

  // Keywords as Gentoo keeps them: a package is keyworded only on arches
  // where its dependencies are (USE-conditional ones included: profiles may
  // let users enable the flag; one alternative of an || group suffices), and
  // older versions are stable only where every dependency has a stable
  // version. About 1 package in 200 keeps its arches regardless (planted
  // NonsolvableDeps findings). Draws nothing from the generator's RNG.
  void reconcile_keywords() {
    std::vector<std::string> all = kArches;
    all.insert(all.end(), kPrefixArches.begin(), kPrefixArches.end());
    auto mask_of = [&](const std::vector<std::string>& arches) {
      uint32_t m = 0;
      for (const auto& a : arches) m |= 1u << (std::find(all.begin(), all.end(), a) - all.begin());
      return m;
    };
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < packages_.size(); ++i) index[packages_[i].cat + "/" + packages_[i].name] = i;
    std::vector<uint32_t> kw(packages_.size()), stable(packages_.size());
    auto target = [&](std::string a) -> const size_t* {
      while (!a.empty() && (a[0] == '>' || a[0] == '<' || a[0] == '=' || a[0] == '~' || a[0] == '!')) a.erase(0, 1);
      a = a.substr(0, a.find_first_of(":["));
      for (;;) {
        if (auto it = index.find(a); it != index.end()) return &it->second;
        auto dash = a.rfind('-');
        if (dash == std::string::npos || a.find('/') > dash) return nullptr;
        a.resize(dash);
      }
    };
    // (keyworded, stable) arches a dependency allows; unknown targets allow everything.
    std::function<std::pair<uint32_t, uint32_t>(const Dep&)> allows = [&](const Dep& d) -> std::pair<uint32_t, uint32_t> {
      switch (d.kind) {
        case Dep::Atom:
        case Dep::PyAtom: {
          const size_t* t = target(d.atom);
          if (!t) return {~0u, ~0u};
          return {kw[*t], stable[*t]};
        }
        case Dep::UseCond: {
          std::pair<uint32_t, uint32_t> r{~0u, ~0u};
          for (const Dep& c : d.children) {
            auto x = allows(c);
            r.first &= x.first;
            r.second &= x.second;
          }
          return r;
        }
        case Dep::AnyOf: {
          std::pair<uint32_t, uint32_t> r{0, 0};
          for (const Dep& c : d.children) {
            auto x = allows(c);
            r.first |= x.first;
            r.second |= x.second;
          }
          return r;
        }
      }
      return {~0u, ~0u};
    };
    for (size_t i = 0; i < packages_.size(); ++i) {
      Package& p = packages_[i];
      if (i < core_count_) {  // the toolchain is keyworded, and stable, everywhere
        p.arches = kArches;
        p.core = true;
      }
      uint32_t k = mask_of(p.arches), st = k;
      const bool planted = i >= core_count_ && fnv1a(p.cat + "/" + p.name) % 200 == 0;
      for (const auto* deps : {&p.rdepend, &p.depend, &p.bdepend})
        for (const Dep& d : *deps) {
          auto [dk, ds] = allows(d);
          if (!planted) k &= dk;
          st &= ds;
        }
      st &= k;
      // A stable version exists where an older version gets stabilised (see keywords()).
      bool has_stable_version = false;
      for (size_t vi = 0; vi < p.versions.size(); ++vi) {
        bool newest = vi + 1 == p.versions.size() || is_live(p.versions[vi + 1]);
        if (!is_live(p.versions[vi]) && !newest && (unsigned(fnv1a(p.name)) + unsigned(vi)) % 10 < 7)
          has_stable_version = true;
      }
      std::vector<std::string> arches, stables;
      for (const auto& a : p.arches) {
        uint32_t bit = 1u << (std::find(all.begin(), all.end(), a) - all.begin());
        if (k & bit) arches.push_back(a);
        if ((st & bit) && a.find('-') == std::string::npos) stables.push_back(a);
      }
      if (p.keywords_mode != "binary") p.arches = arches;
      p.stable_arches = stables;
      kw[i] = mask_of(p.arches);
      stable[i] = p.core ? mask_of(kArches) : has_stable_version ? mask_of(p.stable_arches) : 0;
    }
  }

  // A profile tree shaped like Gentoo's for amd64, arm64 and x86: base/,
  // arch/<arch>/, features/ and targets/ mix-ins, and default/linux/<arch>/23.0
  // with its stable and dev children (about 40 profiles, plus a few exp and a
  // deprecated one), with repository- and profile-level package.mask,
  // use.mask/force, their stable variants and package.use.* lines of the
  // realistic size (base/package.use.mask alone has 1,500 lines).
  void write_profile_tree(TreeWriter& w) {
    Rng r{rng_.state ^ 0x9f11e5ULL};
    const size_t generic = packages_.size() - core_count_;
    auto any_pkg = [&]() -> const Package& { return packages_[core_count_ + r.below(generic)]; };
    // Popular packages (early in the tree) get masked less often than leaves: pick from the back.
    auto leafish = [&]() -> const Package& { return packages_[packages_.size() - 1 - r.skewed(generic, 2.0)]; };
    auto atom = [&](const Package& p) {
      std::string key = p.cat + "/" + p.name;
      if (p.versions.size() > 1 && r.chance(0.3)) return ">=" + key + "-" + p.versions[p.versions.size() / 2];
      if (r.chance(0.1)) return key + ":" + p.slots.back();
      return key;
    };
    auto flags_of = [&](const Package& p, size_t n) {
      std::vector<std::string> out;
      for (size_t i = 0; i < n && !p.iuse.empty(); ++i) {
        std::string f = r.pick(p.iuse);
        if (f[0] == '+' || f[0] == '-') f = f.substr(1);
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
      }
      return out;
    };
    auto with_iuse = [&]() -> const Package& {
      for (;;) {
        const Package& p = any_pkg();
        if (!p.iuse.empty()) return p;
      }
    };
    auto package_use_lines = [&](size_t n, const char* comment) {
      std::string out = std::string("# ") + comment + "\n";
      for (size_t i = 0; i < n; ++i) {
        if (i % 7 == 0) out += "\n# Reasons for the next lines (gen-tree).\n";
        const Package& p = with_iuse();
        std::string line = atom(p);
        for (const auto& f : flags_of(p, 1 + r.below(3))) line += " " + f;
        out += line + "\n";
      }
      return out;
    };
    auto mask_lines = [&](size_t n, bool header) {
      std::string out = header ? "# Masked packages (gen-tree). Each block: author, date, reason.\n" : "";
      for (size_t i = 0; i < n;) {
        out += "\n# Some Developer <dev@example.org> (2025-0" + std::to_string(1 + r.below(9)) + "-1" +
               std::to_string(r.below(10)) + ")\n# Fails to build with the current toolchain.\n";
        for (size_t k = 1 + r.below(3); k > 0 && i < n; --k, ++i) out += atom(leafish()) + "\n";
      }
      return out;
    };
    auto flag_lines = [&](const std::vector<std::string>& flags) {
      std::string out = "# Flags (gen-tree)\n";
      for (const auto& f : flags) out += f + "\n";
      return out;
    };
    auto some_global = [&](size_t n) {
      std::vector<std::string> out;
      while (out.size() < n) {
        std::string f = r.pick(kGlobalFlags);
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
      }
      return out;
    };
    auto parents = [&](const std::string& dir, const std::vector<std::string>& targets) {
      std::string up;
      for (char c : dir)
        if (c == '/') up += "../";
      up += "../";
      std::string out;
      for (const auto& t : targets) out += t == ".." ? "..\n" : up + t + "\n";
      if (!out.empty()) w.write("profiles/" + dir + "/parent", out);
      w.write("profiles/" + dir + "/eapi", "5\n");
    };

    // USE_EXPAND groups the profiles use, described as in ::gentoo.
    const std::vector<std::pair<std::string, std::vector<std::string>>> groups = {
        {"abi_x86", {"32", "64", "x32"}},
        {"cpu_flags_arm", {"neon", "vfp", "v8"}},
        {"cpu_flags_x86", {"sse2", "sse4_2", "avx2"}},
        {"elibc", {"Darwin", "SunOS", "bionic", "glibc", "musl"}},
        {"kernel", {"Darwin", "SunOS", "linux"}},
        {"l10n", {"de", "en", "fr", "ja"}},
        {"llvm_slot", {"19", "20", "21"}},
        {"lua_single_target", {"lua5-1", "lua5-4", "luajit"}},
        {"lua_targets", {"lua5-1", "lua5-4", "luajit"}},
        {"ruby_targets", {"ruby33", "ruby34"}},
        {"video_cards", {"amdgpu", "fbdev", "intel", "nouveau", "nvidia", "radeon"}}};
    for (const auto& [group, values] : groups) {
      std::string text = "# " + group + " values (gen-tree)\n\n";
      for (const auto& v : values) text += v + " - Support for " + v + "\n";
      w.write("profiles/desc/" + group + ".desc", text);
    }

    // Repository level: the big package.mask.
    w.write("profiles/package.mask", mask_lines(220, true));

    // base/
    w.write("profiles/base/eapi", "5\n");
    w.write("profiles/base/use.mask",
            flag_lines({"prefix", "prefix-guest", "prefix-stack", "python_targets_python3_14t",
                        "python_single_target_python3_14t", "elibc_Darwin", "elibc_SunOS", "elibc_musl",
                        "kernel_Darwin", "kernel_SunOS", "video_cards_nvidia", "cuda"}));
    w.write("profiles/base/use.force", flag_lines({"elibc_glibc", "kernel_linux"}));
    w.write("profiles/base/use.stable.mask",
            flag_lines({"python_targets_python3_15", "python_single_target_python3_15", "opencl", "vulkan"}));
    w.write("profiles/base/package.use.mask", package_use_lines(1500, "Per-package masked flags (gen-tree)"));
    w.write("profiles/base/package.use.stable.mask", package_use_lines(250, "Not for stable users (gen-tree)"));
    w.write("profiles/base/package.use.force", package_use_lines(100, "Forced per package (gen-tree)"));
    w.write("profiles/base/package.use", package_use_lines(120, "Default flags per package (gen-tree)"));
    w.write("profiles/base/package.mask", mask_lines(20, true));
    std::string system = "# The system set (gen-tree)\n";
    for (size_t i = 0; i < std::min<size_t>(30, core_count_); ++i)
      system += "*" + packages_[i].cat + "/" + packages_[i].name + "\n";
    w.write("profiles/base/packages", system);

    // arch/
    w.write("profiles/arch/base/eapi", "5\n");
    w.write("profiles/arch/base/use.mask", flag_lines({"cpu_flags_arm_neon", "cpu_flags_x86_sse2", "altivec"}));
    struct Arch {
      std::string name, chost;
    };
    const std::vector<Arch> arches = {{"amd64", "x86_64-pc-linux-gnu"},
                                      {"arm64", "aarch64-unknown-linux-gnu"},
                                      {"x86", "i686-pc-linux-gnu"}};
    for (const Arch& a : arches) {
      const std::string dir = "arch/" + a.name;
      parents(dir, {"arch/base"});
      w.write("profiles/" + dir + "/make.defaults",
              "ARCH=\"" + a.name + "\"\nACCEPT_KEYWORDS=\"" + a.name + "\"\nCHOST=\"" + a.chost +
                  "\"\nCFLAGS=\"-O2 -pipe\"\nCXXFLAGS=\"${CFLAGS}\"\nUSE=\"" + a.name + "\"\n");
      w.write("profiles/" + dir + "/use.mask", flag_lines(some_global(a.name == "amd64" ? 3 : 12)));
      w.write("profiles/" + dir + "/use.force", flag_lines({"-cpu_flags_x86_sse2"}));
      w.write("profiles/" + dir + "/use.stable.mask", flag_lines(some_global(a.name == "amd64" ? 4 : 15)));
      w.write("profiles/" + dir + "/package.use.mask", package_use_lines(a.name == "amd64" ? 150 : 300, "arch"));
      w.write("profiles/" + dir + "/package.use.stable.mask", package_use_lines(80, "arch stable"));
      w.write("profiles/" + dir + "/package.mask", mask_lines(a.name == "amd64" ? 10 : 60, true));
    }

    // features/ and targets/ mix-ins.
    w.write("profiles/default/linux/eapi", "5\n");
    w.write("profiles/default/linux/parent", "../../base\n");
    w.write("profiles/default/linux/make.defaults", "ELIBC=\"glibc\"\nKERNEL=\"linux\"\nUSE=\"crypt ipv6 ssl\"\n");
    w.write("profiles/features/multilib/eapi", "5\n");
    w.write("profiles/features/multilib/make.defaults", "ABI_X86=\"64\"\n");
    parents("features/no-multilib", {});
    w.write("profiles/features/no-multilib/package.mask", mask_lines(15, true));
    w.write("profiles/features/no-multilib/use.mask", flag_lines({"abi_x86_32", "multilib"}));
    parents("features/hardened", {});
    w.write("profiles/features/hardened/make.defaults", "USE=\"hardened pie ssp\"\n");
    w.write("profiles/features/hardened/package.mask", mask_lines(25, true));
    w.write("profiles/features/hardened/use.force", flag_lines({"pie", "ssp"}));
    parents("features/musl", {});
    w.write("profiles/features/musl/package.mask", mask_lines(80, true));
    w.write("profiles/features/musl/use.mask", flag_lines({"-elibc_musl", "elibc_glibc", "nvidia", "cuda"}));
    w.write("profiles/features/musl/use.force", flag_lines({"-elibc_glibc", "elibc_musl"}));
    w.write("profiles/features/musl/package.use.mask", package_use_lines(200, "musl"));
    parents("features/llvm", {});
    w.write("profiles/features/llvm/make.defaults", "USE=\"clang llvm-libunwind\"\n");
    w.write("profiles/features/llvm/package.mask", mask_lines(30, true));
    parents("features/split-usr", {});
    w.write("profiles/features/split-usr/make.defaults", "USE=\"split-usr\"\n");
    parents("targets/systemd", {});
    w.write("profiles/targets/systemd/make.defaults", "USE=\"systemd udev\"\n");
    w.write("profiles/targets/systemd/use.force", flag_lines({"systemd"}));
    w.write("profiles/targets/systemd/use.mask", flag_lines({"elogind", "-systemd"}));
    w.write("profiles/targets/systemd/package.use.mask", package_use_lines(30, "systemd"));
    parents("targets/desktop", {});
    std::string desktop = "USE=\"";
    for (const auto& f : some_global(25)) desktop += f + " ";
    w.write("profiles/targets/desktop/make.defaults", desktop + "X\"\n");
    w.write("profiles/targets/desktop/package.use", package_use_lines(60, "desktop defaults"));
    parents("targets/desktop/gnome", {".."});
    w.write("profiles/targets/desktop/gnome/make.defaults", "USE=\"gnome gtk -qt5 -qt6\"\n");
    parents("targets/desktop/plasma", {".."});
    w.write("profiles/targets/desktop/plasma/make.defaults", "USE=\"kde qt6 -gtk\"\n");
    w.write("profiles/targets/desktop/plasma/package.use", package_use_lines(40, "plasma defaults"));

    // default/linux/<arch>/23.0 and children; profiles.desc.
    std::string desc = "# Synthetic profiles.desc (gen-tree), shaped like Gentoo's\n#arch\tprofile\tstatus\n";
    for (const Arch& a : arches) {
      const std::string base = "default/linux/" + a.name + "/23.0";
      parents(base, {"arch/" + a.name, "default/linux", "features/multilib"});
      auto add = [&](const std::string& sub, const std::vector<std::string>& mixins, const std::string& status) {
        std::string dir = sub.empty() ? base : base + "/" + sub;
        if (!sub.empty()) {
          std::vector<std::string> ps = {".."};
          ps.insert(ps.end(), mixins.begin(), mixins.end());
          parents(dir, ps);
        }
        desc += a.name + "\t" + dir + "\t" + status + "\n";
      };
      desc += "\n# " + a.name + "\n";
      add("", {}, "stable");
      add("systemd", {"targets/systemd"}, "stable");
      add("desktop", {"targets/desktop"}, "stable");
      add("desktop/systemd", {"targets/systemd"}, "stable");
      add("desktop/gnome", {"targets/desktop/gnome"}, "stable");
      add("desktop/gnome/systemd", {"targets/systemd"}, "stable");
      add("desktop/plasma", {"targets/desktop/plasma"}, "stable");
      if (a.name != "arm64") add("desktop/plasma/systemd", {"targets/systemd"}, "stable");
      add("hardened", {"features/hardened"}, a.name == "arm64" ? "dev" : "stable");
      if (a.name != "arm64") add("hardened/systemd", {"targets/systemd"}, "stable");
      if (a.name == "amd64") {
        add("no-multilib", {"features/no-multilib"}, "stable");
        add("no-multilib/systemd", {"targets/systemd"}, "stable");
        add("x32", {}, "dev");
        add("split-usr/desktop", {"features/split-usr", "targets/desktop"}, "stable");
      }
      add("split-usr", {"features/split-usr"}, "stable");
      add("musl", {"features/musl"}, "dev");
      add("musl/systemd", {"targets/systemd"}, "dev");
      add("llvm", {"features/llvm"}, a.name == "x86" ? "exp" : "dev");
      add("musl/llvm", {"features/llvm"}, "exp");
    }
    // A deprecated profile: listed, but not scanned by default.
    parents("default/linux/amd64/17.1", {"arch/amd64", "default/linux"});
    w.write("profiles/default/linux/amd64/17.1/deprecated", "default/linux/amd64/23.0\nPlease migrate to 23.0.\n");
    desc += "\namd64\tdefault/linux/amd64/17.1\tstable\n";
    w.write("profiles/profiles.desc", desc);
  }

  void write_licenses(TreeWriter& w) {
    std::set<std::string> names;
    for (auto& l : kLicenses) {
      std::string s = l.name;
      for (auto& tok : split(s))
        if (tok != "||" && tok != "(" && tok != ")") names.insert(tok);
    }
    for (auto& l : kCrateLicenses) names.insert(l);
    for (auto& n : names)
      w.write("licenses/" + n, "Synthetic licence text for the benchmark tree.\nThis file stands in for " + n + ".\n");
  }

  static std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ') ++i;
      size_t j = i;
      while (j < s.size() && s[j] != ' ') ++j;
      if (j > i) out.push_back(s.substr(i, j - i));
      i = j;
    }
    return out;
  }

  // The crate list is a pure function of the package name, like a Cargo.lock.
  std::vector<std::string> crates(const Package& p) const {
    Rng r{fnv1a(p.cat + "/" + p.name) ^ 0xc4a7e5ULL};
    static const std::vector<std::string> parts = {"serde", "tokio", "async", "core", "derive", "utils", "sys",
                                                   "macro", "impl", "proto", "hash", "io",   "fmt",    "log",
                                                   "term", "time", "unicode", "ring", "http", "win",   "mio"};
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (int i = 0; i < p.crates; ++i) {
      std::string n = parts[r.below(parts.size())];
      if (r.chance(0.7)) n += (r.chance(0.5) ? "-" : "_") + parts[r.below(parts.size())];
      if (r.chance(0.3)) n += "-" + parts[r.below(parts.size())];
      std::string v = std::to_string(r.below(3)) + "." + std::to_string(r.below(40)) + "." + std::to_string(r.below(25));
      if (seen.insert(n + "@" + v).second) out.push_back(n + "@" + v);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string keywords(const Package& p, size_t vi) const {
    if (is_live(p.versions[vi])) return "";
    if (p.keywords_mode == "binary") return "-* ~amd64";
    bool newest = vi + 1 == p.versions.size() || is_live(p.versions[vi + 1]);
    std::string out;
    // Older versions are stable where the package has ever been stabilised.
    unsigned h = unsigned(fnv1a(p.name)) + unsigned(vi);
    for (auto& a : p.arches) {
      bool prefix = a.find('-') != std::string::npos;
      bool stable = !newest && !prefix && (h % 10) < 7 &&
                    std::find(p.stable_arches.begin(), p.stable_arches.end(), a) != p.stable_arches.end();
      if (p.core) stable = !prefix && p.versions[vi].find('_') == std::string::npos;
      append(out, (stable ? "" : "~") + a);
    }
    return out;
  }

  std::string src_uri(const Package& p, const std::string& pv, bool cache) const {
    if (is_live(pv)) return "";
    // URIs use ${PV} and ${P}, which exclude the revision.
    std::string P = p.name + "-" + strip_revision(pv), uri;
    bool pypi = std::find(p.inherits.begin(), p.inherits.end(), "pypi") != p.inherits.end();
    if (pypi) {
      std::string norm = p.name;
      std::replace(norm.begin(), norm.end(), '-', '_');
      uri = "https://files.pythonhosted.org/packages/source/" + norm.substr(0, 1) + "/" + norm + "/" + norm + "-" +
            strip_revision(pv) + ".tar.gz";
    } else if (p.homepage.rfind("https://github.com/", 0) == 0) {
      std::string base = p.homepage.substr(0, p.homepage.find(' '));
      uri = base + "/archive/refs/tags/v" + strip_revision(pv) + ".tar.gz -> " + P + ".gh.tar.gz";
    } else {
      uri = "https://" + p.name + ".example.org/releases/" + P + ".tar.xz";
    }
    if (std::find(p.inherits.begin(), p.inherits.end(), "verify-sig") != p.inherits.end())
      uri += " verify-sig? ( https://" + p.name + ".example.org/releases/" + P + ".tar.xz.sig )";
    if (std::find(p.inherits.begin(), p.inherits.end(), "go-module") != p.inherits.end())
      uri += " https://dev.example.org/distfiles/" + P + "-deps.tar.xz";
    if (cache && p.crates > 0)
      for (auto& c : crates(p)) {
        auto at = c.find('@');
        std::string n = c.substr(0, at), v = c.substr(at + 1);
        uri += " https://static.crates.io/crates/" + n + "/" + n + "-" + v + ".crate";
      }
    return uri;
  }

  std::string license_of(const Package& p) const {
    if (p.crates == 0) return p.license;
    std::string l = p.license;
    for (size_t i = 0; i < kCrateLicenses.size(); ++i)
      if ((fnv1a(p.name) >> i) & 1) append(l, kCrateLicenses[i]);
    return l;
  }

  static std::string compat_text(unsigned impls, const std::string& dead) {
    std::vector<std::string> parts;
    if (impls & kPypy) parts.push_back("pypy3_12");
    if (impls & kT14) parts.push_back("python3_14t");
    std::vector<int> minors;
    if (dead == "python3_11") minors.push_back(11);
    for (int m = 12; m <= 15; ++m)
      if (impls & (1u << (m - 10))) minors.push_back(m);
    if (dead == "python3_13t") parts.push_back("python3_13t");
    // Built with += only: GCC 12 warns falsely (-Wrestrict) on "lit" + to_string().
    if (!minors.empty()) {
      std::string s = "python3_";
      bool contiguous = minors.back() - minors.front() + 1 == int(minors.size());
      if (minors.size() == 1) {
        s += std::to_string(minors[0]);
      } else if (contiguous) {
        s += '{';
        s += std::to_string(minors.front());
        s += "..";
        s += std::to_string(minors.back());
        s += '}';
      } else {
        s += '{';
        for (size_t i = 0; i < minors.size(); ++i) {
          if (i) s += ',';
          s += std::to_string(minors[i]);
        }
        s += '}';
      }
      parts.push_back(s);
    }
    return "( " + join(parts) + " )";
  }

  // Writes the package's ebuilds, cache entries and metadata.xml; returns the
  // number of ebuilds.
  size_t write_package(TreeWriter& w, const Package& p) {
    DepRenderer r(p);
    w.write(p.cat + "/" + p.name + "/metadata.xml", metadata_xml(p));
    for (size_t vi = 0; vi < p.versions.size(); ++vi) {
      const std::string& pv = p.versions[vi];
      bool live = is_live(pv);
      // git-r3 only on the live ebuild.
      std::vector<std::string> direct;
      for (auto& i : p.inherits)
        if (i != "git-r3" || live) direct.push_back(i);
      Package view = p;
      view.inherits = direct;
      std::vector<std::string> clos = inherit_closure(view);
      std::string ecl;
      for (auto& e : clos) {
        if (!ecl.empty()) ecl += '\t';
        ecl += e + '\t' + eclass(e).md5;
      }
      int eapi = p.eapi;
      if (p.py == PyKind::None && eapi == 8 && vi + 2 < p.versions.size() && !live) eapi = 7;
      std::string ebuild = ebuild_text(p, r, direct, pv, vi, eapi);
      std::string PF = p.name + "-" + pv;
      w.write(p.cat + "/" + p.name + "/" + PF + ".ebuild", ebuild);
      w.write("metadata/md5-cache/" + p.cat + "/" + PF, cache_text(p, r, direct, clos, ecl, pv, vi, eapi, md5_hex(ebuild)));
    }
    write_manifest(w, p);
    return p.versions.size();
  }

  // metadata.xml shaped like GURU's and ::gentoo's (488 bytes on average in
  // GURU): one or two maintainers, an <upstream> with remote-ids for ~87%,
  // local descriptions of some IUSE flags for ~15%, a <longdescription> for
  // ~10%; a few planted findings (mixed indentation, an empty element, a
  // missing remote-id). Its own generator, seeded by the package name, so the
  // rest of the tree does not change with it.
  static std::string metadata_xml(const Package& p) {
    Rng m{fnv1a(p.cat + "/" + p.name) ^ 0x3e7a0a7aULL};
    std::string t = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pkgmetadata SYSTEM "
                    "\"https://www.gentoo.org/dtd/metadata.dtd\">\n<pkgmetadata>\n";
    static const std::vector<std::string> projects = {"python", "base-system", "desktop-misc", "sci", "haskell",
                                                      "perl", "gnome", "kde", "proxy-maint", "rust"};
    static const std::vector<std::string> people = {"Alex Doe", "Kim Park", "Maria Rossi", "Jan Novak", "Li Wei",
                                                    "Sam Jones", "Ana Silva", "Tomas Berg"};
    int maintainers = m.chance(0.18) ? 2 : 1;
    std::string last_email;
    for (int i = 0; i < maintainers; ++i) {
      bool project = m.chance(0.3);
      std::string who = project ? m.pick(projects) : m.pick(people);
      std::string email = who + "@gentoo.org";
      if (!project) {
        email = who.substr(0, who.find(' ')) + std::to_string(m.below(100)) + "@example.org";
        for (char& c : email) c = char(std::tolower(static_cast<unsigned char>(c)));
      }
      if (email == last_email) continue;  // one entry per e-mail
      last_email = email;
      t += std::string("\t<maintainer type=\"") + (project ? "project" : "person") + "\">\n\t\t<email>" + email +
           "</email>\n\t\t<name>" + who + (project ? " project" : "") + "</name>\n\t</maintainer>\n";
    }
    if (m.chance(0.10)) {
      t += "\t<longdescription>\n\t\t" + p.description + " It is written with portability in mind and has\n"
           "\t\tbindings and plugins for several frameworks; see the upstream documentation.\n\t</longdescription>\n";
    } else if (m.chance(0.002)) {
      t += "\t<longdescription></longdescription>\n";  // planted: empty element
    }
    if (m.chance(0.2)) t += "\t<stabilize-allarches/>\n";
    // Flags outside use.desc are always described here, as they must be;
    // ~15% of packages also describe some global flags their own way.
    std::vector<std::string> own, local;
    for (const auto& f : p.iuse) {
      std::string name = f[0] == '+' || f[0] == '-' ? f.substr(1) : f;
      (std::find(kGlobalFlags.begin(), kGlobalFlags.end(), name) == kGlobalFlags.end() ? local : own).push_back(name);
    }
    if (!own.empty() && m.chance(0.15))
      for (size_t i = 0, n = std::min<size_t>(own.size(), 1 + m.below(3)); i < n; ++i) local.push_back(own[i]);
    if (!local.empty()) {
      t += "\t<use>\n";
      for (size_t i = 0, n = local.size(); i < n; ++i)
        t += "\t\t<flag name=\"" + local[i] + "\">Build the " + local[i] + " backend of <pkg>" + p.cat + "/" + p.name +
             "</pkg>\n\t\t\tinstead of the bundled one</flag>\n";
      t += "\t</use>\n";
    }
    if (m.chance(0.95)) {
      std::string up;
      std::string home = p.homepage.substr(0, p.homepage.find(' '));
      if (home.rfind("https://github.com/", 0) == 0) {
        if (!m.chance(0.01)) up += "\t\t<remote-id type=\"github\">" + home.substr(19) + "</remote-id>\n";
      } else {
        up += "\t\t<remote-id type=\"gitlab\">" + p.name + "/" + p.name + "</remote-id>\n";
      }
      if (p.distutils) up += "\t\t<remote-id type=\"pypi\">" + p.name + "</remote-id>\n";
      if (m.chance(0.05))
        up += "\t\t<bugs-to>https://bugs.example.org/" + p.name + "</bugs-to>\n\t\t<doc>https://docs.example.org/" +
              p.name + "/</doc>\n";
      if (!up.empty()) t += "\t<upstream>\n" + up + "\t</upstream>\n";
    }
    t += "</pkgmetadata>\n";
    if (m.chance(0.003)) {  // planted: one line indented with spaces in a tab-indented file
      size_t at = t.find("\n\t<");
      if (at != std::string::npos) t.replace(at + 1, 1, "    ");
    }
    return t;
  }

  // A thin Manifest as in ::gentoo: one DIST line per file that some
  // version's SRC_URI fetches (every USE branch, named as after "->"), with
  // BLAKE2B and SHA512. The distfiles do not exist: the hashes are those of
  // the file name, and the size follows from it too. No Manifest when
  // nothing is fetched (live-only packages), as pkgdev writes none.
  void write_manifest(TreeWriter& w, const Package& p) const {
    std::set<std::string> files;
    for (const std::string& pv : p.versions) {
      std::vector<std::string> toks = split(src_uri(p, pv, true));
      for (size_t i = 0; i < toks.size(); ++i) {
        const std::string& t = toks[i];
        if (t == "(" || t == ")" || t.back() == '?' || t == "->") continue;
        if (i + 2 < toks.size() && toks[i + 1] == "->") {
          files.insert(toks[i + 2]);
          i += 2;
        } else {
          files.insert(t.substr(t.rfind('/') + 1));
        }
      }
    }
    if (files.empty()) return;
    std::string text;
    for (const std::string& f : files)
      text += "DIST " + f + " " + std::to_string(1000 + fnv1a(f) % 5000000) + " BLAKE2B " +
              digest_hex(f, EVP_blake2b512()) + " SHA512 " + digest_hex(f, EVP_sha512()) + "\n";
    w.write(p.cat + "/" + p.name + "/Manifest", text);
  }

  std::string cache_text(const Package& p, const DepRenderer& r, const std::vector<std::string>& direct,
                         const std::vector<std::string>& closure, const std::string& ecl, const std::string& pv,
                         size_t vi, int eapi, const std::string& md5) {
    std::map<std::string, std::string> v;  // sorted keys, as egencache writes them
    std::string rdep = r.cache(p.rdepend);
    if (rdep.find("${PYTHON_DEPS}") != std::string::npos) rdep.replace(rdep.find("${PYTHON_DEPS}"), 14, r.python_deps());
    std::string dep = p.depend_is_rdepend ? rdep : r.cache(p.depend);
    std::string bdep = r.cache(p.bdepend);
    if (bdep.find("${PYTHON_DEPS}") != std::string::npos) {
      std::string pydeps = r.python_deps();
      if (p.any_gen_dep && !multi_python_.empty()) {
        // python_gen_any_dep: one all-of group per implementation, most preferred first.
        const Package& t = packages_[multi_python_[fnv1a(p.name) % multi_python_.size()]];
        pydeps = "|| (";
        for (size_t k = kImpls.size(); k-- > 0;)
          if (p.impls & (1u << k))
            pydeps += std::string(" ( ") + kImpls[k].dep + " " + t.cat + "/" + t.name + "[python_targets_" + kImpls[k].name + "(-)] )";
        pydeps += " )";
      }
      bdep.replace(bdep.find("${PYTHON_DEPS}"), 14, pydeps);
    }
    std::string idep, iuse = join(p.iuse), required = p.required_use, restrict_ = p.restrict_, props = p.properties;
    std::set<std::string> phases(p.own_phases.begin(), p.own_phases.end());
    if (p.tests) {
      append(iuse, "test");
      append(restrict_, "!test? ( test )");
      std::vector<Dep> t = p.rdepend;
      t.push_back(py(">=dev-python/pytest-7.4.4"));
      append(bdep, "test? ( " + r.cache(t) + " )");
    }
    for (auto& e : closure) {
      const Eclass& ec = eclass(e);
      for (auto& ph : split(ec.phases)) phases.insert(ph);
      append(bdep, ec.bdepend);
      append(dep, ec.depend);
      append(idep, ec.idepend);
      append(iuse, ec.iuse);
      append(props, ec.properties);
      if (e == "python-r1" || e == "python-single-r1") {
        append(iuse, r.iuse_targets());
        append(required, r.required_use());
      }
      if (e == "distutils-r1") {
        append(rdep, r.python_deps());
        append(bdep, r.python_deps());
        append(bdep, r.distutils_deps());
        if (p.ext) {
          append(dep, r.python_deps());
          append(iuse, "debug");
        }
      }
    }
    // Older EAPIs have no IDEPEND (and EAPI 6 no BDEPEND); the eclasses put those deps in DEPEND.
    if (eapi < 8) {
      append(dep, idep);
      idep.clear();
    }
    if (eapi < 7) {
      append(dep, bdep);
      bdep.clear();
    }
    std::string phase_list;
    for (auto& ph : phases) append(phase_list, ph);
    v["BDEPEND"] = bdep;
    v["DEFINED_PHASES"] = phase_list.empty() ? "-" : phase_list;
    v["DEPEND"] = dep;
    v["DESCRIPTION"] = p.description;
    v["EAPI"] = std::to_string(eapi);
    v["HOMEPAGE"] = p.homepage + (p.distutils && std::find(direct.begin(), direct.end(), "pypi") != direct.end()
                                      ? " https://pypi.org/project/" + p.name + "/"
                                      : "");
    v["IDEPEND"] = idep;
    v["INHERIT"] = join(direct);
    v["IUSE"] = iuse;
    v["KEYWORDS"] = keywords(p, vi);
    v["LICENSE"] = license_of(p);
    v["PDEPEND"] = r.cache(p.pdepend);
    v["PROPERTIES"] = props;
    v["RDEPEND"] = rdep;
    v["REQUIRED_USE"] = required;
    v["RESTRICT"] = restrict_;
    v["SLOT"] = p.slots[vi];
    v["SRC_URI"] = src_uri(p, pv, true);
    v["_eclasses_"] = ecl;
    v["_md5_"] = md5;
    std::string out;
    for (auto& [k, val] : v) {
      if (val.empty()) continue;
      out += k;
      out += '=';
      out += val;
      out += '\n';
    }
    return out;
  }

  std::string ebuild_text(const Package& p, const DepRenderer& r, const std::vector<std::string>& direct,
                          const std::string& pv, size_t vi, int eapi) const {
    std::string t = "# Copyright 1999-2026 Gentoo Authors\n# Distributed under the terms of the GNU General Public License v2\n\n";
    t += "EAPI=" + std::to_string(eapi) + "\n\n";
    if (p.distutils) {
      if (p.ext) t += "DISTUTILS_EXT=1\n";
      if (p.py == PyKind::Single) t += "DISTUTILS_SINGLE_IMPL=1\n";
      t += "DISTUTILS_USE_PEP517=" + p.backend + "\n";
    }
    if (p.py != PyKind::None) t += "PYTHON_COMPAT=" + compat_text(p.impls, p.dead_compat) + "\n";
    if (p.crates > 0) {
      t += "\nCRATES=\"\n";
      for (auto& c : crates(p)) t += "\t" + c + "\n";
      t += "\"\n";
    }
    if (p.py != PyKind::None || p.crates > 0) t += "\n";
    if (!direct.empty()) t += "inherit " + join(direct) + "\n\n";
    t += "DESCRIPTION=\"" + p.description + "\"\n";
    t += "HOMEPAGE=\"" + p.homepage + "\"\n";
    if (is_live(pv)) t += "EGIT_REPO_URI=\"https://github.com/example/" + p.name + ".git\"\n";
    else if (std::find(direct.begin(), direct.end(), "pypi") == direct.end()) {
      std::string uri = src_uri(p, pv, false);
      std::string P = p.name + "-" + strip_revision(pv);
      for (size_t pos; (pos = uri.find(P)) != std::string::npos;) uri.replace(pos, P.size(), "${P}");
      t += "SRC_URI=\"" + uri + (p.crates > 0 ? "\n\t${CARGO_CRATE_URIS}\n" : "") + "\"\n";
    }
    t += "\nLICENSE=\"" + license_of(p) + "\"\n";
    t += "SLOT=\"" + p.slots[vi] + "\"\n";
    t += "KEYWORDS=\"" + keywords(p, vi) + "\"\n";
    if (!p.iuse.empty()) t += "IUSE=\"" + join(p.iuse) + "\"\n";
    if (!p.required_use.empty()) t += "REQUIRED_USE=\"" + p.required_use + "\"\n";
    if (!p.restrict_.empty()) t += "RESTRICT=\"" + p.restrict_ + "\"\n";
    if (!p.properties.empty()) t += "PROPERTIES=\"" + p.properties + "\"\n";
    auto var = [&](const char* name, const std::vector<Dep>& deps) {
      if (deps.empty()) return;
      t += std::string("\n") + name + "=\"\n" + r.ebuild(deps, "\t") + "\"";
    };
    var("RDEPEND", p.rdepend);
    if (p.depend_is_rdepend) t += "\nDEPEND=\"${RDEPEND}\"";
    else var("DEPEND", p.depend);
    var("BDEPEND", p.bdepend);
    var("PDEPEND", p.pdepend);
    t += "\n";
    if (p.tests) t += "\ndistutils_enable_tests pytest\n";
    for (auto& ph : p.own_phases) {
      bool pkg = ph == "postinst" || ph == "setup";
      t += std::string("\n") + (pkg ? "pkg_" : "src_") + ph + "() {\n";
      if (ph == "install") t += "\tdefault\n\tdodoc README.md\n";
      else if (ph == "configure") t += "\tlocal myconf=(\n\t\t--disable-static\n\t)\n\teconf \"${myconf[@]}\"\n";
      else if (ph == "postinst") t += "\telog \"See the documentation for configuration hints.\"\n";
      else t += "\tdefault\n";
      t += "}\n";
    }
    return t;
  }

  size_t target_;
  Rng rng_;
  std::vector<Eclass> eclasses_;
  std::vector<Package> packages_;
  std::vector<size_t> multi_python_;  // indexes of python-r1 packages, for python deps
  std::vector<size_t> core_plain_;
  size_t core_count_ = 0;
  std::set<std::string> names_;
  std::vector<std::string> outside_;  // packages depended on but not in the tree
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  uint64_t seed = 1;
  std::vector<std::string> pos;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--seed" && i + 1 < args.size()) seed = std::strtoull(args[++i].c_str(), nullptr, 10);
    else if (args[i] == "-h" || args[i] == "--help") pos.clear(), pos.resize(3);
    else pos.push_back(args[i]);
  }
  if (pos.size() != 2 || pos[0].empty()) {
    std::fprintf(stderr, "usage: gen-tree N OUTDIR [--seed S]\n"
                         "Writes a synthetic Gentoo-style repository of N ebuilds with a correct md5-cache.\n");
    return 2;
  }
  char* end = nullptr;
  unsigned long long n = std::strtoull(pos[0].c_str(), &end, 10);
  if (*end != '\0' || n == 0) {
    std::fprintf(stderr, "gen-tree: N must be a positive number, got '%s'\n", pos[0].c_str());
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  Generator g(size_t(n), seed);
  g.run(pos[1]);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  std::printf("generated in %lld ms\n", static_cast<long long>(ms));
  return 0;
}
