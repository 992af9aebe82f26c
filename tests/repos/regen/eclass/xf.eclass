# Fixture eclass: exports src_install, whose output tells where it came from.
xf_src_install() { echo from-eclass; }
EXPORT_FUNCTIONS src_install
