# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

# @ECLASS: python-utils-r1.eclass
# @MAINTAINER:
# Sample Maintainers <sample@example.org>
# @SUPPORTED_EAPIS: 8
# @BLURB: minimal stub of python-utils-r1 for the sample repository

_PYTHON_ALL_IMPLS=(
	pypy3_12
	python3_{14..15}t
	python3_{12..15}
)
readonly _PYTHON_ALL_IMPLS

_PYTHON_HISTORICAL_IMPLS=(
	jython2_7
	pypy pypy1_{8,9} pypy2_0 pypy3 pypy3_11
	python2_{5..7}
	python3_{1..11}
	python3_13t
)
readonly _PYTHON_HISTORICAL_IMPLS
