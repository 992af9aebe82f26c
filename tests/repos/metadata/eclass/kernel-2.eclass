# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

# Like the kernel-2 eclass of 2016-era trees: every ebuild that inherits it
# gets a generic site in HOMEPAGE, whatever the ebuild itself says.
HOMEPAGE="https://www.kernel.org/ http://www.gentoo.org/ ${HOMEPAGE}"
