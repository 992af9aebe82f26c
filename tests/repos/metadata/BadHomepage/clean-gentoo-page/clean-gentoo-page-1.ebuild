# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-gentoo-page in BadHomepage"
HOMEPAGE="https://wiki.gentoo.org/wiki/No_homepage https://www.gentoo.org/proj/en/eselect/"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
