# Fixture eclass: unguarded, IUSE only.
IUSE="f1"
