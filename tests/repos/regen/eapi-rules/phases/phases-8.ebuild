# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
DESCRIPTION="every phase function, listed in Portage's order"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
src_unpack() { :; }
src_prepare() { :; }
src_configure() { :; }
src_compile() { :; }
src_test() { :; }
src_install() { :; }
pkg_setup() { :; }
pkg_pretend() { :; }
pkg_nofetch() { :; }
pkg_preinst() { :; }
pkg_postinst() { :; }
pkg_prerm() { :; }
pkg_postrm() { :; }
pkg_config() { :; }
pkg_info() { :; }
