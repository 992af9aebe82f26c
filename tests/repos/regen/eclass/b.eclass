# Fixture eclass: unguarded; inherits c; sets PROPERTIES.
inherit c
IUSE="b1"
PROPERTIES="pb"
