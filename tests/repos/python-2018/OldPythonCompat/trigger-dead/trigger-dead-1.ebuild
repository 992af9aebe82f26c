# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( python2_7 python3_{3,4,5,6} pypy )
inherit distutils-r1

DESCRIPTION="Fixture package trigger-dead"
HOMEPAGE="https://example.org/trigger-dead"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
