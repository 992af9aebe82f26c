# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-unspecific-http in BadHomepage"
HOMEPAGE="https://example.org/own-page http://gentoo.org"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
