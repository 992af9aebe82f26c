# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

# @ECLASS: python-any-r1.eclass
# @MAINTAINER:
# Sample Maintainers <sample@example.org>
# @SUPPORTED_EAPIS: 8
# @BLURB: minimal stub of python-any-r1 for the sample repository

inherit python-utils-r1

python-any-r1_pkg_setup() { :; }
EXPORT_FUNCTIONS pkg_setup
