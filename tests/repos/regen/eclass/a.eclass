# Fixture eclass: unguarded; inherits c; sets RESTRICT (overwrites the
# ebuild's value in EAPI <= 7, adds to it in EAPI 8); exports src_compile.
inherit c
IUSE="a1"
DEPEND="a/dep"
RESTRICT="ra"
a_src_compile() { :; }
EXPORT_FUNCTIONS src_compile
