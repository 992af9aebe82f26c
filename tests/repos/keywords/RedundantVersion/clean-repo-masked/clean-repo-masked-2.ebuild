# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-repo-masked in RedundantVersion"
HOMEPAGE="https://example.org/clean-repo-masked"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
