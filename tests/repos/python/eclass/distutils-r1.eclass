# Stub of a 2026 distutils-r1.eclass: only what pkgscan reads of it, the
# variables of its era (DISTUTILS_USE_PEP517, DISTUTILS_DEPS, DISTUTILS_EXT).
# @ECLASS_VARIABLE: DISTUTILS_EXT
# @ECLASS_VARIABLE: DISTUTILS_USE_PEP517
# @ECLASS_VARIABLE: DISTUTILS_DEPS
_distutils_set_globals() {
	case ${DISTUTILS_USE_PEP517} in
		no) ;;
		*) bdep+=" >=dev-python/gpep517-16[${PYTHON_USEDEP}]" ;;
	esac
	DISTUTILS_DEPS=${bdep}
	[[ ${DISTUTILS_EXT} ]] && IUSE+=" debug"
}
