# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-latin1 in PkgBadlyFormedXml"
HOMEPAGE="https://example.org/trigger-latin1"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
