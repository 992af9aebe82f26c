# Fixture eclass: a syntax error on line 4.
IUSE="syn1"

if then fi (
IUSE="syn2"
