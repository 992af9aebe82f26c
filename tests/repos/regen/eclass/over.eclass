# Fixture eclass: also in regen-master; this one, the repository's own, wins.
IUSE="over-own"
