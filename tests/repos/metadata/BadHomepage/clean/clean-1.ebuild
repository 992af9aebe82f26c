# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in BadHomepage"
HOMEPAGE="https://example.org/a http://www.example.com:8080/x?y=1#z"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
