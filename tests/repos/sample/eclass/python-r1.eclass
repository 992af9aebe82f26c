# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

# @ECLASS: python-r1.eclass
# @MAINTAINER:
# Sample Maintainers <sample@example.org>
# @SUPPORTED_EAPIS: 8
# @BLURB: minimal stub of python-r1 for the sample repository

inherit python-utils-r1

# Sets IUSE, PYTHON_DEPS, PYTHON_USEDEP and PYTHON_REQUIRED_USE from PYTHON_COMPAT.
