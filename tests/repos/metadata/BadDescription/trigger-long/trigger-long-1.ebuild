# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="A fixture package whose description goes on and on well past the eighty characters allowed"
HOMEPAGE="https://example.org/trigger-long"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
