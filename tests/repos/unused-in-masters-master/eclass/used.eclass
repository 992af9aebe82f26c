# Copyright 2026 Gentoo Authors
# @ECLASS: used.eclass
# @BLURB: an eclass a master package inherits
