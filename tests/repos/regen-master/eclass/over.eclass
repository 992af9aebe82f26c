# Fixture eclass: hidden by regen's own over.eclass.
IUSE="over-master"
