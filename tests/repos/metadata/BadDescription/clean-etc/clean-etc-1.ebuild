# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Front end for LaTeX, DocBook, etc."
HOMEPAGE="https://example.org/clean-etc"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
