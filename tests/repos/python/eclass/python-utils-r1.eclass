# Stub of python-utils-r1.eclass: only the implementation arrays matter here.
_PYTHON_ALL_IMPLS=(
	pypy3_{11..12}
	python3_{14..15}t
	python3_{12..15}
)
readonly _PYTHON_ALL_IMPLS

_PYTHON_HISTORICAL_IMPLS=(
	jython2_7
	pypy pypy1_{8,9} pypy2_0 pypy3
	python2_{5..7}
	python3_{1..11}
	python3_13t
)
readonly _PYTHON_HISTORICAL_IMPLS
