# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Renders build badges as SVG, PNG..."
HOMEPAGE="https://example.org/clean-ellipsis"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
