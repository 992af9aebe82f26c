# Fixture eclass: exports a phase function it never defines.
EXPORT_FUNCTIONS src_compile
