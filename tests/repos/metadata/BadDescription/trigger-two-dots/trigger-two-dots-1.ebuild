# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Support for Sparcworks and friends.."
HOMEPAGE="https://example.org/trigger-two-dots"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
