# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=4

DESCRIPTION="Fixture package clean-banned in DeprecatedEapi"
HOMEPAGE="https://example.org/clean-banned"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
