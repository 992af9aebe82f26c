# Fixture eclass: EXPORT_FUNCTIONS before a nested inherit (a QA notice in
# Portage, but the export still happens once this eclass is done).
EXPORT_FUNCTIONS src_configure
inherit c
xnest_src_configure() { :; }
