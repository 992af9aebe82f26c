# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-nohost in BadHomepage"
HOMEPAGE="https:// https://example.org"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
