# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-cpu in BadDefaultUseFlags"
HOMEPAGE="https://example.org/trigger-cpu"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="+cpu_flags_x86_sse2"
