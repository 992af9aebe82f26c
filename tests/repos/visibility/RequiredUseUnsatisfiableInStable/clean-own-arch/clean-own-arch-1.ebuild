# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-own-arch in RequiredUseUnsatisfiableInStable"
HOMEPAGE="https://example.org/clean-own-arch"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
REQUIRED_USE="amd64"
