# Fixture eclass: contributes to every incremental variable but
# PROPERTIES and RESTRICT.
IUSE="r1 r2"
REQUIRED_USE="r1? ( r2 )"
DEPEND="r/dep"
RDEPEND="r/rdep"
PDEPEND="r/pdep"
BDEPEND="r/bdep"
IDEPEND="r/idep"
