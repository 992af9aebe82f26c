# inherited through used.eclass
