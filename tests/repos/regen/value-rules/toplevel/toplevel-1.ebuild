# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
local L=from-local
declare -A MAP=([k]=from-declare)
DESCRIPTION="the ebuild runs at the top level: local=${L-unset} declare=${MAP[k]}"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
