# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-runtime in SelfDependency"
HOMEPAGE="https://example.org/trigger-runtime"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="ssl"
RDEPEND="ssl? ( SelfDependency/trigger-runtime[ssl] )"
