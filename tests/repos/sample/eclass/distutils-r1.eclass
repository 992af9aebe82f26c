# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

# @ECLASS: distutils-r1.eclass
# @MAINTAINER:
# Sample Maintainers <sample@example.org>
# @SUPPORTED_EAPIS: 8
# @BLURB: minimal stub of distutils-r1 for the sample repository

inherit python-utils-r1 python-r1

# RDEPEND+=${PYTHON_DEPS}; BDEPEND+=${PYTHON_DEPS} ${DISTUTILS_DEPS}
# DISTUTILS_EXT=1 adds IUSE=debug and DEPEND+=${PYTHON_DEPS}.
distutils-r1_src_prepare() { default; }
distutils-r1_src_configure() { :; }
distutils-r1_src_compile() { :; }
distutils-r1_src_test() { :; }
distutils-r1_src_install() { :; }
EXPORT_FUNCTIONS src_prepare src_configure src_compile src_test src_install
