# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Client library for the API of Example Inc."
HOMEPAGE="https://example.org/clean-inc"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
