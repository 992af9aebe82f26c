# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean"
HOMEPAGE="https://example.org/clean"
SRC_URI="https://example.org/v1.tar.gz -> clean-1.tar.gz doc? ( https://example.org/clean-doc-1.tar.gz )"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="doc test"
