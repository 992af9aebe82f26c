# pkgscan ebuild environment: the commands an ebuild may call in global scope.
#
# Sourced once by worker.bash; read next to Portage's bin/isolated-functions.sh
# and bin/version-functions.sh. In the depend phase Portage loads only those
# two files (not phase-helpers.sh), so an ebuild or eclass sourced for its
# metadata can use: die, nonfatal, has (hasv/hasq up to EAPI 7), the e*
# message functions, debug-print*, ver_* (EAPI 7+), inherit and
# EXPORT_FUNCTIONS (inherit.bash). Functions that would need the installed
# system or USE flags die (PMS "Package manager commands", "Ebuild-defined
# functions may not call these in global scope"; regen.md §2.4), and any
# external command dies through command_not_found_handle because PATH is
# /dev/null.
#
# None of these may fork or run an external program on the success path:
# a fork costs more than sourcing most ebuilds.
#
# Internal names start with __pkgscan_; the variables they use are set up per
# ebuild by depend.bash (__pkgscan_reply, __pkgscan_master) or once by
# worker.bash (__pkgscan_env_dir).

# --- Failing ----------------------------------------------------------------

# The file and line of the innermost caller that is not part of this
# environment: where the ebuild or eclass called die (or inherit, for a
# missing eclass). Sets __pkgscan_where_file / __pkgscan_where_line.
__pkgscan_where() {
	local i
	__pkgscan_where_file= __pkgscan_where_line=0
	# The call in frame i-1 was made from BASH_SOURCE[i] at BASH_LINENO[i-1].
	for (( i = 1; i < ${#BASH_SOURCE[@]}; i++ )); do
		[[ ${BASH_SOURCE[i]} == "${__pkgscan_env_dir}"/* ]] && continue
		__pkgscan_where_file=${BASH_SOURCE[i]}
		__pkgscan_where_line=${BASH_LINENO[i-1]}
		return 0
	done
}

# Writes the reply file for the worker: NAME=VALUE fields, NUL-terminated,
# closed by __END=. The first writer wins (noclobber creates the file with
# O_EXCL): after a die in a subshell the main shell cannot overwrite it.
__pkgscan_write_reply() {
	local noclobber_was_on=
	[[ $- == *C* ]] && noclobber_was_on=1
	set -C
	{ builtin printf '%s\0' "$@" "__END=" > "${__pkgscan_reply}"; } 2>/dev/null
	local status=$?
	[[ ${noclobber_was_on} ]] || set +C
	return "${status}"
}

# __pkgscan_fail REASON MESSAGE [FILE LINE]: report a failure to the worker
# and end the ebuild's sourcing. Without FILE, the location is the innermost
# caller outside this environment. Called by die and by the environment's
# own checks. Like Portage's die, from a subshell (e.g. inside $(...)) it
# also stops the main process of this ebuild (EBUILD_MASTER_PID in Portage),
# so that a die anywhere fails the whole ebuild.
__pkgscan_fail() {
	local reason=$1 message=$2
	if [[ $# -ge 4 ]]; then
		__pkgscan_where_file=$3 __pkgscan_where_line=$4
	else
		__pkgscan_where
	fi
	# The protocol's MESSAGE is one line.
	message=${message//$'\n'/ }
	__pkgscan_write_reply STATUS=fail "REASON=${reason}" "MESSAGE=${message}" \
		"LINE=${__pkgscan_where_line}" "FILE=${__pkgscan_where_file}"
	if [[ ${BASHPID} != "${__pkgscan_master}" ]]; then
		builtin kill -s TERM "${__pkgscan_master}" 2>/dev/null
	fi
	builtin exit 1
}

# PMS die: abort with a message. EAPI 6+: `die -n` only reports when the
# caller runs under nonfatal. Prints what Portage's die prints in essence
# (the message, where, the call stack) to the captured output.
die() {
	set +x
	local IFS=$' \t\n'
	if [[ ${EAPI-0} != [0-5] && $1 == -n ]]; then
		shift
		if [[ ${PORTAGE_NONFATAL} == 1 ]]; then
			[[ $# -gt 0 ]] && eerror "$*"
			return 1
		fi
	fi
	set +e
	eerror "ERROR: ${CATEGORY}/${PF} failed (depend phase):"
	eerror "  ${*:-(no error message)}"
	eerror
	eerror "Call stack:"
	local i
	for (( i = ${#FUNCNAME[@]} - 1; i > 0; i-- )); do
		[[ ${BASH_SOURCE[i]} == "${__pkgscan_env_dir}"/* ]] && continue
		eerror "  ${BASH_SOURCE[i]##*/}, line ${BASH_LINENO[i-1]}:  Called ${FUNCNAME[i-1]}"
	done
	__pkgscan_fail "${__pkgscan_die_reason:-die}" "$*"
}

# nonfatal (EAPI 4+): run a command with PORTAGE_NONFATAL=1 so that `die -n`
# and helpers return instead of dying.
nonfatal() {
	[[ ${EAPI-0} == [0-3] ]] && die "${FUNCNAME}() not supported in this EAPI"
	[[ $# -lt 1 ]] && die "${FUNCNAME}(): Missing argument"
	PORTAGE_NONFATAL=1 "$@"
}

# An external command: everything not found as a function or builtin, since
# PATH is /dev/null. bash runs this handler in a subshell; die then stops the
# main process too.
command_not_found_handle() {
	die "External commands disallowed while sourcing ebuild: ${*}"
}

# --- has and friends ----------------------------------------------------------

# has needle haystack...: is needle equal to one of the other arguments?
has() {
	local needle=$1 x
	shift
	for x in "$@"; do
		[[ "${x}" = "${needle}" ]] && return 0
	done
	return 1
}

# hasq and hasv: deprecated forms of has, banned in EAPI 8.
hasq() {
	[[ ${EAPI-0} == [0-7] ]] || die "'${FUNCNAME}' banned in EAPI ${EAPI}"
	eqawarn "QA Notice: The 'hasq' function is deprecated (replaced by 'has')"
	has "$@"
}

hasv() {
	[[ ${EAPI-0} == [0-7] ]] || die "'${FUNCNAME}' banned in EAPI ${EAPI}"
	has "$@" || return 1
	echo "$1"
}

# contains_word word string: is word one of the whitespace-separated words of
# string? (Portage helper, also used by inherit for INHERITED.)
contains_word() {
	[[ $1 == +([![:space:]]) ]] || return 1
	local IFS
	[[ " ${*:2} " == *[[:space:]]"$1"[[:space:]]* ]]
}

# --- Messages -------------------------------------------------------------------
#
# All go to stderr, i.e. into the captured output. In the depend phase the
# first one is preceded by a banner naming the package, as in Portage.

__pkgscan_banner_done=
__pkgscan_message() {  # marker text...: one " * " line per line of the text
	local marker=$1 text line
	shift
	if [[ -z ${__pkgscan_banner_done} ]]; then
		builtin printf '\nMessages for package %s:\n' "${CATEGORY}/${PF}" >&2
		__pkgscan_banner_done=1
	fi
	# echo -e semantics for the text, without the pipe Portage uses.
	builtin printf -v text '%b' "$*"
	while [[ ${text} == *$'\n'* ]]; do
		line=${text%%$'\n'*}
		text=${text#*$'\n'}
		builtin printf ' %s %s\n' "${marker}" "${line}" >&2
	done
	builtin printf ' %s %s\n' "${marker}" "${text}" >&2
}

einfo() { __pkgscan_message '*' "$@"; LAST_E_CMD=einfo; return 0; }
elog() { __pkgscan_message '*' "$@"; LAST_E_CMD=elog; return 0; }
ewarn() { __pkgscan_message '*' "$@"; LAST_E_CMD=ewarn; return 0; }
eerror() { __pkgscan_message '*' "$@"; LAST_E_CMD=eerror; return 0; }
eqawarn() { __pkgscan_message '*' "$@"; LAST_E_CMD=eqawarn; return 0; }

einfon() {
	local text
	builtin printf -v text '%b' "$*"
	builtin printf ' * %s' "${text}" >&2
	LAST_E_CMD=einfon
	return 0
}

ebegin() {
	einfon "$* ..."
	builtin printf '\n' >&2
	LAST_E_CMD=ebegin
	(( ++__EBEGIN_EEND_COUNT ))
	return 0
}

eend() {
	[[ -n ${1} ]] || die "${FUNCNAME}(): Missing argument"
	local retval=${1}
	shift
	if (( --__EBEGIN_EEND_COUNT < 0 )); then
		__EBEGIN_EEND_COUNT=0
		eqawarn "QA Notice: eend called without preceding ebegin in ${FUNCNAME[1]}"
	fi
	if [[ ${retval} == 0 ]]; then
		builtin printf ' [ ok ]\n' >&2
	else
		[[ -n $* ]] && eerror "$*"
		builtin printf ' [ !! ]\n' >&2
	fi
	LAST_E_CMD=eend
	return "${retval}"
}

# Debug output goes nowhere in the depend phase (Portage writes it only when
# ${T} exists and the phase is not depend).
debug-print() { return 0; }
debug-print-function() { return 0; }
debug-print-section() { return 0; }

# --- Forbidden in global scope --------------------------------------------------
#
# Portage defines these in the depend phase only to die with a clear message:
# their answer would depend on USE flags, the installed system or the build
# (get_libdir too, although PMS allows it in global scope). usex, in_iuse and
# get_libdir exist only in the EAPIs that have them (eapi.bash removes them
# otherwise, so an eclass's own fallback definition is used).
for __pkgscan_f in use useq usev use_with use_enable usex in_iuse get_libdir \
	best_version has_version portageq \
	diropts docompress dostrip exeopts insopts libopts \
	get_KV KV_major KV_minor KV_micro KV_to_int \
	register_die_hook register_success_hook __strip_duplicate_slashes; do
	eval "${__pkgscan_f}() { die \"\${FUNCNAME}() calls are not allowed in global scope\"; }"
done
unset __pkgscan_f

# EAPI 9's ver_replacing is meaningful only in pretend/setup/preinst/postinst.
ver_replacing() {
	die "ver_replacing is meaningless in the ${EBUILD_PHASE} phase"
}

# Programs an ebuild might try to run in global scope. Portage replaces them
# with functions that print a QA notice; since PATH is already /dev/null they
# then report the command as missing and return 127 -- they do not die, so
# `$(echo x | sed ...)` yields an empty string and sourcing goes on.
for __pkgscan_f in awk bash cc egrep equery fgrep g++ gawk gcc grep javac java-config nawk \
	perl pkg-config python python-config sed; do
	eval "${__pkgscan_f}() {
		if [[ \${ECLASS_DEPTH} -gt 0 ]]; then
			eqawarn \"QA Notice: '${__pkgscan_f}' called in global scope: eclass \${ECLASS}\"
		else
			eqawarn \"QA Notice: '${__pkgscan_f}' called in global scope: \${CATEGORY}/\${PF}\"
		fi
		echo \"*** missing command: ${__pkgscan_f}\" >&2
		return 127
	}"
done
unset __pkgscan_f

# --- Version functions (EAPI 7+, PMS "Version manipulation and comparison") ---

# Splits a version string into the array __pkgscan_ver: element 0 is the
# separator before the first component, then component 1, separator 1,
# component 2, ... A component is a maximal run of digits or of letters; a
# separator is a maximal run of anything else (possibly empty).
__pkgscan_ver_split() {
	local rest=$1 sep comp
	__pkgscan_ver=()
	while [[ -n ${rest} ]]; do
		sep=${rest%%[a-zA-Z0-9]*}
		rest=${rest:${#sep}}
		if [[ ${rest} == [0-9]* ]]; then
			comp=${rest%%[^0-9]*}
		else
			comp=${rest%%[^a-zA-Z]*}
		fi
		rest=${rest:${#comp}}
		__pkgscan_ver+=("${sep}" "${comp}")
	done
}

# __pkgscan_ver_range RANGE MAX: "N", "N-" or "N-M" into __pkgscan_first and
# __pkgscan_last; an open or too large end becomes MAX.
__pkgscan_ver_range() {
	local range=$1 max=$2
	[[ ${range} == [0-9]* ]] || die "${FUNCNAME[1]}: range must start with a number"
	__pkgscan_first=${range%-*}
	if [[ ${range} == *-* ]]; then
		__pkgscan_last=${range#*-}
	else
		__pkgscan_last=${__pkgscan_first}
	fi
	if [[ -z ${__pkgscan_last} ]]; then
		__pkgscan_last=${max}
	else
		[[ ${__pkgscan_first} -le ${__pkgscan_last} ]] \
			|| die "${FUNCNAME[1]}: end of range must be >= start"
		[[ ${__pkgscan_last} -le ${max} ]] || __pkgscan_last=${max}
	fi
}

# ver_cut RANGE [VERSION]: the components RANGE of VERSION (default PV) with
# the separators between them; component 0 is the leading separator.
ver_cut() {
	local __pkgscan_ver __pkgscan_first __pkgscan_last from count
	__pkgscan_ver_split "${2:-${PV}}"
	__pkgscan_ver_range "$1" $(( ${#__pkgscan_ver[@]} / 2 ))
	# Component n sits at index 2n-1, the leading separator at 0.
	from=$(( __pkgscan_first > 0 ? 2 * __pkgscan_first - 1 : 0 ))
	count=$(( 2 * __pkgscan_last - from ))
	local IFS=
	echo "${__pkgscan_ver[*]:from:count}"
}

# ver_rs RANGE REPL [RANGE REPL...] [VERSION]: replace the separators RANGE
# (separator n follows component n; 0 is the leading one) of VERSION
# (default PV) with REPL. An empty leading separator stays empty.
ver_rs() {
	local __pkgscan_ver __pkgscan_first __pkgscan_last n
	if (( $# % 2 )); then
		__pkgscan_ver_split "${@: -1}"
	else
		__pkgscan_ver_split "${PV}"
	fi
	while (( $# >= 2 )); do
		__pkgscan_ver_range "$1" $(( ${#__pkgscan_ver[@]} / 2 - 1 ))
		for (( n = __pkgscan_first; n <= __pkgscan_last; n++ )); do
			(( n == 0 )) && [[ -z ${__pkgscan_ver[0]} ]] && continue
			__pkgscan_ver[2 * n]=$2
		done
		shift 2
	done
	local IFS=
	echo "${__pkgscan_ver[*]}"
}

# Compares two digit strings as integers of any length. Returns 1 (a < b),
# 2 (equal) or 3 (a > b).
__pkgscan_ver_cmp_int() {
	local a=$1 b=$2
	while (( ${#a} < ${#b} )); do a=0${a}; done
	while (( ${#b} < ${#a} )); do b=0${b}; done
	[[ ${a} < ${b} ]] && return 1
	[[ ${a} > ${b} ]] && return 3
	return 2
}

# PMS version comparison (algorithms 3.1-3.7). Returns 1, 2 or 3 for a < b,
# a == b, a > b.
__pkgscan_ver_compare() {
	local re='^([0-9]+(\.[0-9]+)*)([a-z]?)((_(alpha|beta|pre|rc|p)[0-9]*)*)(-r([0-9]+))?$'
	local a_num a_letter a_suffix a_rev b_num b_letter b_suffix b_rev x y r
	[[ $1 =~ ${re} ]] || die "ver_test: invalid version: $1"
	a_num=${BASH_REMATCH[1]} a_letter=${BASH_REMATCH[3]} a_suffix=${BASH_REMATCH[4]} a_rev=${BASH_REMATCH[8]:-0}
	[[ $2 =~ ${re} ]] || die "ver_test: invalid version: $2"
	b_num=${BASH_REMATCH[1]} b_letter=${BASH_REMATCH[3]} b_suffix=${BASH_REMATCH[4]} b_rev=${BASH_REMATCH[8]:-0}

	# The first numeric component compares as an integer.
	__pkgscan_ver_cmp_int "${a_num%%.*}" "${b_num%%.*}"
	r=$?
	(( r != 2 )) && return "${r}"
	# Later ones: as integers, unless either has a leading zero; then as
	# strings with trailing zeros removed. With an equal prefix, the version
	# with more components is greater.
	[[ ${a_num} == *.* ]] && a_num=${a_num#*.} || a_num=
	[[ ${b_num} == *.* ]] && b_num=${b_num#*.} || b_num=
	while [[ -n ${a_num} && -n ${b_num} ]]; do
		x=${a_num%%.*} y=${b_num%%.*}
		if [[ ${x} == 0* || ${y} == 0* ]]; then
			while [[ ${x} == *0 ]]; do x=${x%0}; done
			while [[ ${y} == *0 ]]; do y=${y%0}; done
			[[ ${x} > ${y} ]] && return 3
			[[ ${x} < ${y} ]] && return 1
		else
			__pkgscan_ver_cmp_int "${x}" "${y}"
			r=$?
			(( r != 2 )) && return "${r}"
		fi
		[[ ${a_num} == *.* ]] && a_num=${a_num#*.} || a_num=
		[[ ${b_num} == *.* ]] && b_num=${b_num#*.} || b_num=
	done
	[[ -n ${a_num} ]] && return 3
	[[ -n ${b_num} ]] && return 1

	# The letter: none sorts first.
	[[ ${a_letter} > ${b_letter} ]] && return 3
	[[ ${a_letter} < ${b_letter} ]] && return 1

	# Suffixes pairwise: alpha < beta < pre < rc < p, then their numbers
	# (none is 0). A version with an extra suffix is greater if that suffix
	# is _p, else smaller.
	local -A rank=([alpha]=1 [beta]=2 [pre]=3 [rc]=4 [p]=5)
	a_suffix=${a_suffix#_} b_suffix=${b_suffix#_}
	while [[ -n ${a_suffix} && -n ${b_suffix} ]]; do
		x=${a_suffix%%_*} y=${b_suffix%%_*}
		if [[ ${x%%[0-9]*} != "${y%%[0-9]*}" ]]; then
			(( rank[${x%%[0-9]*}] > rank[${y%%[0-9]*}] )) && return 3
			return 1
		fi
		x=${x##*[a-z]} y=${y##*[a-z]}
		__pkgscan_ver_cmp_int "${x:-0}" "${y:-0}"
		r=$?
		(( r != 2 )) && return "${r}"
		[[ ${a_suffix} == *_* ]] && a_suffix=${a_suffix#*_} || a_suffix=
		[[ ${b_suffix} == *_* ]] && b_suffix=${b_suffix#*_} || b_suffix=
	done
	if [[ -n ${a_suffix} ]]; then
		[[ ${a_suffix%%[0-9_]*} == p ]] && return 3
		return 1
	fi
	if [[ -n ${b_suffix} ]]; then
		[[ ${b_suffix%%[0-9_]*} == p ]] && return 1
		return 3
	fi

	# The revision, as an integer (none is r0).
	__pkgscan_ver_cmp_int "${a_rev}" "${b_rev}"
}

# ver_test [V1] OP V2: compare V1 (default PVR) with V2; OP is one of
# -eq -ne -lt -le -gt -ge.
ver_test() {
	local left op right
	if [[ $# -eq 3 ]]; then
		left=$1
		shift
	else
		left=${PVR}
	fi
	[[ $# -eq 2 ]] || die "${FUNCNAME}: bad number of arguments"
	op=$1 right=$2
	case ${op} in
		-eq|-ne|-lt|-le|-gt|-ge) ;;
		*) die "${FUNCNAME}: invalid operator: ${op}" ;;
	esac
	__pkgscan_ver_compare "${left}" "${right}"
	test $? "${op}" 2
}
