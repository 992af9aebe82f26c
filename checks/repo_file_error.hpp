#pragma once
// RepoFileError is reported by three check families (Repository: layout.conf
// and profiles/ lines; Tree: package-tree entries that cannot be followed;
// Cache: an ebuild that cannot be read), so it is declared once here.
#include "pkgscan/result.hpp"

namespace pkgscan {

inline constexpr Keyword kRepoFileError{
    "RepoFileError", Level::Error, Scope::Repo,
    "A repository file or directory is broken: a malformed line in metadata/layout.conf or a file under "
    "profiles/, a missing profiles/, or an entry of the package tree or md5-cache that cannot be followed or "
    "listed (symlink loop, dangling symlink, unreadable directory), or an ebuild that cannot be read (permissions, a "
    "corrupt git object). The message names the path and line."};

}  // namespace pkgscan
