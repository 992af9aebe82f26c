# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="User for a fixture dependency"
SLOT="0"
KEYWORDS="~amd64"
