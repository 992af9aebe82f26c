# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

inherit kernel-2

DESCRIPTION="Fixture package trigger-unspecific-eclass in BadHomepage"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
