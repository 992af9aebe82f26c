# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-cond in UnknownLicense"
HOMEPAGE="https://example.org/trigger-cond"
LICENSE="MIT doc? ( CC-BY-SA-4.0 )"
SLOT="0"
KEYWORDS="~amd64"
IUSE="doc"
