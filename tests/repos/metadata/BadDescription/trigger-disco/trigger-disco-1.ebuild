# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Lighting controller for the neighbourhood disco."
HOMEPAGE="https://example.org/trigger-disco"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
