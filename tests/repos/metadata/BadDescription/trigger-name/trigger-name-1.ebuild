# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Trigger-Name"
HOMEPAGE="https://example.org/trigger-name"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
