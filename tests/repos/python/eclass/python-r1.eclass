# Stub of python-r1.eclass
inherit python-utils-r1
