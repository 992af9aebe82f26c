# good eclass
