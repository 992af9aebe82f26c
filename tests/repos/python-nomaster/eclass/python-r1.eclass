# Stub of python-r1.eclass (2020). python-utils-r1.eclass, which it
# inherits, lives in the eclass-overlay master, which is not here.
inherit multibuild python-utils-r1
