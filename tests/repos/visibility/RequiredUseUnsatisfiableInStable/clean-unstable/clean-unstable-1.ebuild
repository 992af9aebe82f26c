# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-unstable in RequiredUseUnsatisfiableInStable"
HOMEPAGE="https://example.org/clean-unstable"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="unstable-flag"
REQUIRED_USE="unstable-flag"
