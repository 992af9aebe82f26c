# Trimmed distutils-r1.eclass of 2018: setup.py builds only. It knows
# DISTUTILS_OPTIONAL and DISTUTILS_SINGLE_IMPL; PEP 517 builds,
# DISTUTILS_DEPS and DISTUTILS_EXT came years later.

# @ECLASS-VARIABLE: DISTUTILS_OPTIONAL
# @DEFAULT_UNSET
# @DESCRIPTION:
# If set to a non-null value, distutils part in the ebuild will
# be considered optional. No dependencies will be added and no phase
# functions will be exported.

if [[ ! ${DISTUTILS_SINGLE_IMPL} ]]; then
	inherit python-r1
else
	inherit python-single-r1
fi

if [[ ! ${DISTUTILS_OPTIONAL} ]]; then
	RDEPEND=${PYTHON_DEPS}
	DEPEND="${PYTHON_DEPS} dev-python/setuptools[${PYTHON_USEDEP}]"
	REQUIRED_USE=${PYTHON_REQUIRED_USE}
fi
