# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=3

DESCRIPTION="Fixture package trigger-eapi in InvalidRequiredUse"
HOMEPAGE="https://example.org/trigger-eapi"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="a b"
REQUIRED_USE="|| ( a b )"
