# Fixture eclass: unguarded. Every time it is sourced it contributes
# IUSE, DEPEND and BDEPEND again.
IUSE="c1"
DEPEND="c/dep"
BDEPEND="c/bdep"
