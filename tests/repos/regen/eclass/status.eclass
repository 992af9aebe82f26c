# Fixture eclass: its last command fails, so sourcing it fails
# ("died sourcing ... in inherit()").
IUSE="st1"
[[ -n ${PKGSCAN_FIXTURE_NEVER_SET} ]] && IUSE+=" st2"
