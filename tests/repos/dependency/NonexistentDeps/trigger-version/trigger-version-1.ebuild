# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-version in NonexistentDeps"
HOMEPAGE="https://example.org/trigger-version"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND=">=dep-lib/basic-5"
RDEPEND="dep-lib/multislot:3"
