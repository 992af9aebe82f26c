# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-keys in SelfDependency"
HOMEPAGE="https://example.org/clean-keys"
LICENSE="MIT"
SLOT="1"
KEYWORDS="~amd64"
