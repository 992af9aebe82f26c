# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

DESCRIPTION="Fixture package trigger-eapi6"
HOMEPAGE="https://example.org/trigger-eapi6"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

DEPEND="
	bootstrap-partners/eapi6-b
"
