# A bash syntax error.
EAPI=8
DESCRIPTION="syntax"
SLOT=0
if [[ -n x ]]; then
