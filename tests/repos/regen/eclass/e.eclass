# Fixture eclass: with an include guard; inherits c the first time only.
if [[ -z ${_E_ECLASS} ]]; then
_E_ECLASS=1
inherit c
IUSE="e1"
fi
