# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-masked in RequiredUseUnsatisfiableInStable"
HOMEPAGE="https://example.org/trigger-masked"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="masked-flag"
REQUIRED_USE="masked-flag"
