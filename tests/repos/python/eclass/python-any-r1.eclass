# Stub of python-any-r1.eclass
inherit python-utils-r1
