# Fixture eclass: only in the master.
IUSE="monly"
