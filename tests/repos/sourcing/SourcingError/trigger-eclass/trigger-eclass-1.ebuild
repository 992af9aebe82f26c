# Inherits an eclass that exists nowhere.
EAPI=8
inherit no-such-eclass
DESCRIPTION="missing eclass"
SLOT=0
