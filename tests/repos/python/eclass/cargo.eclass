# Stub of cargo.eclass
