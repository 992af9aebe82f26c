#pragma once
// Temporary git repositories built with the `git` command, for tests. The
// machine's git configuration never matters: every command runs with the
// global and system files switched off and the identity set per repository.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "repo/temp_dir.hpp"

namespace pkgscan::test {

// Single-quoted for /bin/sh.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct ShellRun {
  std::string out;  // stdout and stderr
  int status = -1;
};

inline ShellRun sh(const std::string& cmd) {
  ShellRun r;
  std::FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

// What every git command of a test runs with.
inline std::string git_env() {
  return "env GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 "
         "GIT_AUTHOR_NAME='Test Author' GIT_AUTHOR_EMAIL=author@example.org "
         "GIT_COMMITTER_NAME='Test Author' GIT_COMMITTER_EMAIL=author@example.org ";
}

class GitRepo {
 public:
  GitRepo() {
    // The real path: views compare paths with the one libgit2 reports.
    root_ = std::filesystem::canonical(dir_.path()).string() + "/work";
    std::filesystem::create_directories(root_);
    git("init -q -b main");
  }
  const std::string& root() const { return root_; }
  std::string path(const std::string& rel) const { return root_ + "/" + rel; }
  std::string scratch() const { return dir_.path(); }  // next to the work tree, for clones

  // Runs `git ARGS` in the work tree; fails the test when git does.
  std::string git(const std::string& args) const {
    ShellRun r = sh("cd " + shell_quote(root_) + " && " + git_env() + "git " + args);
    INFO("git " << args << "\n" << r.out);
    REQUIRE(r.status == 0);
    return r.out;
  }
  ShellRun try_git(const std::string& args) const {
    return sh("cd " + shell_quote(root_) + " && " + git_env() + "git " + args);
  }
  void write(const std::string& rel, const std::string& text) const {
    std::filesystem::path p = std::filesystem::path(root_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path(rel), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void remove(const std::string& rel) const { std::filesystem::remove_all(path(rel)); }
  // Stages everything and commits; returns the new commit's hash.
  std::string commit_all(const std::string& message) const {
    git("add -A");
    git("commit -q --allow-empty -m " + shell_quote(message));
    return head();
  }
  std::string head() const {
    std::string h = git("rev-parse HEAD");
    while (!h.empty() && (h.back() == '\n' || h.back() == ' ')) h.pop_back();
    return h;
  }

  // Everything a command must leave alone: the index file, the stash, and
  // every file of the work tree (with its bytes), as one string.
  std::string state() const {
    ShellRun r = sh("cd " + shell_quote(root_) + " && { md5sum .git/index 2>/dev/null; " + git_env() +
                    "git stash list; find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0r md5sum; "
                    "find . -path ./.git -prune -o -type l -printf '%p -> %l\\n' | sort; }");
    return r.out;
  }

 private:
  pkgscan::testing::TempDir dir_;
  std::string root_;
};

}  // namespace pkgscan::test
