# Dies at global scope: no metadata, one SourcingError.
EAPI=8
DESCRIPTION="dies"
SLOT=0
die "broken on purpose"
