# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-conditional in MissingRemoteId"
HOMEPAGE="https://example.org/clean-conditional"
SRC_URI="https://example.org/clean-1.tar.gz gui? ( https://github.com/example/gui/archive/v1.tar.gz -> gui-1.tar.gz ) https://github.com/someone/fix/raw/main/fix.patch"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="gui"
