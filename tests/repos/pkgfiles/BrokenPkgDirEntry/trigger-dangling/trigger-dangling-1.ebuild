# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-dangling"
HOMEPAGE="https://example.org/trigger-dangling"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
