# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Interpreter stand-in for the sample repository"
HOMEPAGE="https://interp.example.org/"
SRC_URI="https://interp.example.org/releases/${PV}/interp-${PV}.tar.xz"

LICENSE="PSF-2"
SLOT="3.14"
KEYWORDS="~amd64 ~arm64"
IUSE="+ssl sqlite +xml"

RDEPEND="ssl? ( dev-libs/libquill:= )"
DEPEND="${RDEPEND}"
