# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Scanner drivers from Example Scanners Co."
HOMEPAGE="https://example.org/clean-company"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
