# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package a in dev-libs"
HOMEPAGE="https://example.org/a"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 x86"
