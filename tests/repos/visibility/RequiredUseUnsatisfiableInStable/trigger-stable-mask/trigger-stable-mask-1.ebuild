# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-stable-mask in RequiredUseUnsatisfiableInStable"
HOMEPAGE="https://example.org/trigger-stable-mask"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
IUSE="unstable-flag other"
REQUIRED_USE="^^ ( unstable-flag ) other? ( unstable-flag )"
