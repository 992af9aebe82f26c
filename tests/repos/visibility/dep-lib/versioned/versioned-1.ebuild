# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package versioned in dep-lib"
HOMEPAGE="https://example.org/versioned"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 x86"
IUSE="vflag"
