# Trimmed python-utils-r1.eclass of 2018, before _PYTHON_HISTORICAL_IMPLS
# existed: what pkgscan reads of it (the implementation list, the patterns
# of _python_impl_supported and the PYTHON_PKG_DEP case), in that era's shape.

# @ECLASS-VARIABLE: _PYTHON_ALL_IMPLS
# @INTERNAL
# @DESCRIPTION:
# All supported Python implementations, most preferred last.
_PYTHON_ALL_IMPLS=(
	jython2_7
	pypy pypy3
	python2_7
	python3_4 python3_5 python3_6 python3_7
)
readonly _PYTHON_ALL_IMPLS

# Returns 0 for a supported implementation, 1 for one that is no longer
# supported (the caller ignores it), dies on an unknown one.
_python_impl_supported() {
	local impl=${1}

	# keep in sync with _PYTHON_ALL_IMPLS!
	case "${impl}" in
		python2_7|python3_[4567]|jython2_7)
			return 0
			;;
		pypy1_[89]|pypy2_0|python2_[56]|python3_[123])
			return 1
			;;
		pypy|pypy3)
			[[ ${EAPI} == [01234] ]] && die "PyPy needs EAPI 5"
			;;
		*)
			die "Invalid implementation in PYTHON_COMPAT: ${impl}"
	esac
}

python_export() {
	local impl var
	for var; do
		case "${var}" in
			PYTHON_PKG_DEP)
				local d
				case ${impl} in
					python2.7)
						PYTHON_PKG_DEP='>=dev-lang/python-2.7.5-r2:2.7';;
					python3.4)
						PYTHON_PKG_DEP='>=dev-lang/python-3.4.3-r1:3.4';;
					python*)
						PYTHON_PKG_DEP="dev-lang/python:${impl#python}";;
					pypy)
						PYTHON_PKG_DEP='>=virtual/pypy-5:0=';;
					pypy3)
						PYTHON_PKG_DEP='>=virtual/pypy3-5:0=';;
					jython2.7)
						PYTHON_PKG_DEP='dev-java/jython:2.7';;
					*)
						die "Invalid implementation: ${impl}"
				esac

				# use-dep
				if [[ ${PYTHON_REQ_USE} ]]; then
					PYTHON_PKG_DEP+=[${PYTHON_REQ_USE}]
				fi
				;;
		esac
	done
}
