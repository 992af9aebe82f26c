# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Firmware tools for boards made by Example LTD."
HOMEPAGE="https://example.org/clean-ltd"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
