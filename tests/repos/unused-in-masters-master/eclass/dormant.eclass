# Copyright 2026 Gentoo Authors
# @ECLASS: dormant.eclass
# @BLURB: an eclass no master package inherits
