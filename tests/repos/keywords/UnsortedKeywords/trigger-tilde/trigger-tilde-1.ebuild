# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-tilde in UnsortedKeywords"
HOMEPAGE="https://example.org/trigger-tilde"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~x86 amd64"
