# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=no
PYTHON_COMPAT=( python3_{12..14} )

inherit distutils-r1

DESCRIPTION="Minimal PEP 517 build frontend for the sample repository"
HOMEPAGE="https://gpep517.example.org/"
SRC_URI="https://gpep517.example.org/${P}.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~arm64"

