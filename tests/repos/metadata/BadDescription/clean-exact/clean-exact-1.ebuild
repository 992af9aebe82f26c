# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Exactly eighty characters: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
HOMEPAGE="https://example.org/clean-exact"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
