# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package cond-gui-b"
HOMEPAGE="https://example.org/cond-gui-b"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	ConditionalBootstrapCycle/clean-default-on
"
