# Stub of python-any-r1.eclass (2020); python-utils-r1 is in the master.
inherit python-utils-r1
