# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package libc in virtual"
HOMEPAGE="https://example.org/libc"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
IUSE="elibc_glibc"
RDEPEND="elibc_glibc? ( dev-libs/a )"
