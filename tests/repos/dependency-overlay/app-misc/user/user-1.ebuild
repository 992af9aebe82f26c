# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package user in app-misc"
HOMEPAGE="https://example.org/user"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="ssl"
DEPEND="dev-libs/master-lib"
RDEPEND="dev-libs/master-lib app-misc/local kernel_linux? ( dev-libs/master-new ) arm64? ( dev-libs/master-new ) bogusflag? ( app-misc/local ) dev-libs/master-lib[gtk]"
BDEPEND="dev-libs/nowhere !dev-libs/never-was"
