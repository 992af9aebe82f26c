# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-gomod"
HOMEPAGE="https://example.org/clean-gomod"
SRC_URI="https://proxy.golang.org/example.com/%2Fa/@v/v1.mod -> example.com%2Fa%2F@v%2Fv1.0.0.mod https://proxy.golang.org/example.com/%2Fa/@v/v2.mod -> example.com%2Fa%2F@v%2Fv1.0.1.mod"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
