# Trimmed distutils-r1.eclass of 2019: setup.py builds, with setuptools as a
# build or run-time dependency. PEP 517 builds, DISTUTILS_DEPS and
# DISTUTILS_EXT did not exist yet.

# @ECLASS-VARIABLE: DISTUTILS_OPTIONAL
# @DEFAULT_UNSET
# @DESCRIPTION:
# If set to a non-null value, distutils part in the ebuild will
# be considered optional. No dependencies will be added and no phase
# functions will be exported.

# @ECLASS-VARIABLE: DISTUTILS_USE_SETUPTOOLS
# @DESCRIPTION:
# Controls adding dev-python/setuptools dependency: no, bdepend, rdepend.
: ${DISTUTILS_USE_SETUPTOOLS:=bdepend}

_distutils_set_globals() {
	local rdep=${PYTHON_DEPS}
	local bdep=${rdep}

	case ${DISTUTILS_USE_SETUPTOOLS} in
		no) ;;
		bdepend) bdep+=" dev-python/setuptools[${PYTHON_USEDEP}]" ;;
		rdepend) bdep+=" dev-python/setuptools[${PYTHON_USEDEP}]"
			rdep+=" dev-python/setuptools[${PYTHON_USEDEP}]" ;;
		*) die "Invalid DISTUTILS_USE_SETUPTOOLS=${DISTUTILS_USE_SETUPTOOLS}" ;;
	esac

	RDEPEND=${rdep}
	BDEPEND=${bdep}
	REQUIRED_USE=${PYTHON_REQUIRED_USE}
}
[[ ! ${DISTUTILS_OPTIONAL} ]] && _distutils_set_globals
