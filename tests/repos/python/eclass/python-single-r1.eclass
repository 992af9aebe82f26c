# Stub of python-single-r1.eclass
inherit python-utils-r1
