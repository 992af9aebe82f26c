# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

# @ECLASS: toolchain-funcs.eclass
# @MAINTAINER:
# Sample Maintainers <sample@example.org>
# @SUPPORTED_EAPIS: 8
# @BLURB: minimal stub of toolchain-funcs for the sample repository

tc-getCC() { echo "${CC:-gcc}"; }
