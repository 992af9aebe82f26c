# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in UnknownUseFlags"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="+ssl test python_targets_python3_12 video_cards_intel gui"
