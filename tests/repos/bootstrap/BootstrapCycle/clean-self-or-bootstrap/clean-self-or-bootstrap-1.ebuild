# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-self-or-bootstrap"
HOMEPAGE="https://example.org/clean-self-or-bootstrap"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	|| ( BootstrapCycle/clean-self-or-bootstrap bootstrap-partners/self-bootstrap )
"
