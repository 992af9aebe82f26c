# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=5

DESCRIPTION="Fixture package trigger-five in DeprecatedEapi"
HOMEPAGE="https://example.org/trigger-five"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
