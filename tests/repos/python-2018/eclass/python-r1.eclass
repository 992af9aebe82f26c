# Stub of python-r1.eclass (2018): IUSE, REQUIRED_USE and PYTHON_DEPS per target.
inherit python-utils-r1
