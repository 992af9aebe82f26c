# Stub of distutils-r1.eclass
