# Stub of python-any-r1.eclass (2018): PYTHON_DEPS is one || over the interpreters.
inherit python-utils-r1
