# pkgscan ebuild environment: the depend phase of one ebuild.
#
# Sourced once by worker.bash. For every request the forker forks a fresh
# subshell that runs, at its top level (worker.bash):
#
#     __pkgscan_child_start TMP  # this file: request, variables, limits, options
#     source "${EBUILD}"         # the ebuild, as Portage sources it
#     __pkgscan_child_finish $?  # this file: merge, DEFINED_PHASES, reply
#
# Read next to the main part of Portage's bin/ebuild.sh (the depend branch)
# and regen.md §1-§5. The ebuild is sourced at the top level of the
# subshell, not inside a function, as Portage does: `local` there is an
# error and `declare` makes globals.
#
# The request comes from the controller in ${TMP}/.pkgscan-request; the
# reply goes into the file that request names (field __REPLY, in TMP):
# NUL-terminated NAME=VALUE fields closed by `__END=`. The controller checks
# it and sends the reply to the C++ side (README.md). stdout and stderr of
# the ebuild go to ${TMP}/output.

# The metadata keys Portage's ebuild.sh prints, in its order (regen.md §5.1).
__pkgscan_metadata_keys=(DEPEND RDEPEND SLOT SRC_URI RESTRICT HOMEPAGE LICENSE DESCRIPTION
	KEYWORDS INHERITED IUSE REQUIRED_USE PDEPEND BDEPEND EAPI PROPERTIES DEFINED_PHASES
	IDEPEND INHERIT)

# Everything between the fork and `source`. Exits with status 97 when the
# request cannot be read or TMP cannot be entered.
__pkgscan_child_start() {
	local tmp=$1 field
	__pkgscan_master=${BASHPID}

	# The worker's fds and the forker's pipes stay with the worker.
	exec 3<&- 4>&- 5>&- 6<&-
	cd -- "${tmp}" || builtin exit 97
	exec </dev/null >"${tmp}/output" 2>&1 || builtin exit 97

	# The request, as the controller received it.
	local -a fields
	mapfile -d '' -t fields < "${tmp}/.pkgscan-request" || builtin exit 97
	declare -gA __pkgscan_req=()
	__pkgscan_eclass_dirs=()
	for field in "${fields[@]}"; do
		if [[ ${field} == ECLASS_DIR=* ]]; then
			__pkgscan_eclass_dirs+=("${field#*=}")
		else
			__pkgscan_req[${field%%=*}]=${field#*=}
		fi
	done
	__pkgscan_reply=${__pkgscan_req[__REPLY]}
	__pkgscan_ebuild=${__pkgscan_req[EBUILD]}
	__pkgscan_eapi=${__pkgscan_req[EAPI]}

	# The forker ignores these; the ebuild gets the default dispositions,
	# and SIGTERM from a die in a subshell ends it (Portage: trap 'exit 1').
	trap - INT HUP QUIT USR1 USR2 ALRM
	trap 'exit 1' TERM
	set +m

	__pkgscan_apply_limits
	__pkgscan_export_variables "${__pkgscan_eapi}"
	__pkgscan_eapi_drop_functions "${__pkgscan_eapi}"

	# Shell options as Portage has them while sourcing (regen.md §2.2):
	# BASH_COMPAT for the EAPI (not exported; EAPI 9 on bash 5.2 gets 5.2,
	# and the controller says so in the reply), bash 5.2's
	# patsub_replacement and globskipdots off, aliases expanded, extdebug
	# on; failglob is switched on by the caller right before `source`.
	__pkgscan_eapi_bash_compat "${__pkgscan_eapi}"
	umask 022
	BASH_COMPAT=${__pkgscan_compat}
	shopt -u patsub_replacement globskipdots 2>/dev/null
	shopt -s expand_aliases extdebug
}

# Per-ebuild resource limits from the request (0 or absent: not applied).
# CPU: SIGXCPU at the limit, SIGKILL a second later if it is ignored.
# Output: the file size limit caps ${TMP}/output (SIGXFSZ at the cap).
__pkgscan_apply_limits() {
	local cpu=${__pkgscan_req[LIMIT_CPU]} out=${__pkgscan_req[LIMIT_OUTPUT]}
	local mem=${__pkgscan_req[LIMIT_MEM]} nproc=${__pkgscan_req[LIMIT_NPROC]}
	if [[ ${cpu} == +([0-9]) ]] && (( cpu > 0 )); then
		ulimit -t $(( cpu + 1 )) && ulimit -S -t "${cpu}"
	fi
	if [[ ${out} == +([0-9]) ]] && (( out >= 1024 )); then
		# bash counts in KiB; rounded down, as the C++ side may have set
		# the same value as the hard limit already.
		ulimit -f $(( out / 1024 ))
	fi
	if [[ ${mem} == +([0-9]) ]] && (( mem >= 1024 )); then
		ulimit -v $(( mem / 1024 ))
	fi
	if [[ ${nproc} == +([0-9]) ]] && (( nproc > 0 )); then
		ulimit -u "${nproc}"
	fi
}

# The variables an ebuild sees in global scope (regen.md §2.3). Paths of the
# build directory are strings only (PMS forbids touching them in global
# scope); they have Portage's default values so that the rare ebuild that
# puts one into a metadata variable gets Portage's value. T, HOME and TMPDIR
# are the private directory of this request.
__pkgscan_export_variables() {
	local eapi=$1 tmp=${__pkgscan_req[TMP]} build slash=
	__pkgscan_eapi_paths_end_in_slash "${eapi}" && slash=/

	export PATH=/dev/null
	export CATEGORY=${__pkgscan_req[CATEGORY]} PF=${__pkgscan_req[PF]} PN=${__pkgscan_req[PN]}
	export PV=${__pkgscan_req[PV]} PR=${__pkgscan_req[PR]} P=${__pkgscan_req[P]} PVR=${__pkgscan_req[PVR]}
	export EBUILD=${__pkgscan_ebuild} EBUILD_PHASE=depend
	build=/var/tmp/portage/${CATEGORY}/${PF}
	export WORKDIR=${build}/work FILESDIR=${build}/files DISTDIR=${build}/distdir
	export D=${build}/image${slash}
	export S=${WORKDIR}/${P}
	export T=${tmp} HOME=${tmp} TMPDIR=${tmp} TMP=${tmp} TEMP=${tmp}
	export ROOT=${slash}
	if __pkgscan_eapi_has_portdir "${eapi}"; then
		export PORTDIR=${__pkgscan_req[PORTDIR]}
		export ECLASSDIR=${PORTDIR}/eclass
	else
		unset PORTDIR ECLASSDIR
	fi
	# Nothing of the request or the worker's start-up environment is left.
	unset PKGSCAN_ENV_DIR OLDPWD
	# Portage unsets these right before sourcing; here they were never set,
	# except EAPI, which the ebuild itself must assign.
	unset EAPI DEPEND RDEPEND PDEPEND BDEPEND IDEPEND PROPERTIES RESTRICT INHERITED IUSE \
		REQUIRED_USE ECLASS E_IUSE E_REQUIRED_USE E_DEPEND E_RDEPEND E_PDEPEND E_BDEPEND \
		E_IDEPEND E_PROPERTIES E_RESTRICT PORTAGE_EXPLICIT_INHERIT
}

# Everything after `source "${EBUILD}"` returned STATUS. Writes the reply and
# ends the subshell.
__pkgscan_child_finish() {
	local status=$1
	__pkgscan_eapi_failglob "${__pkgscan_eapi}" && shopt -u failglob
	# An ebuild may leave errexit or nounset on; Portage's own code after
	# sourcing is not written for them either.
	set +eu

	# Portage: source "${EBUILD}" || die "error sourcing ebuild" -- the
	# status of the ebuild's last command decides (regen.md §2.5).
	if (( status != 0 )); then
		__pkgscan_syntax_error "${__pkgscan_ebuild}"
		__pkgscan_fail source-status "error sourcing ebuild (its last command returned ${status})" \
			"${__pkgscan_ebuild}" 0
	fi

	[[ -v EAPI ]] || EAPI=0
	export EAPI

	# EAPI 0-3: RDEPEND defaults to the ebuild's own DEPEND (eclass DEPEND is
	# not part of it; an empty RDEPEND stays empty).
	if __pkgscan_eapi_rdepend_falls_back_to_depend; then
		export RDEPEND=${RDEPEND-${DEPEND}}
	fi

	# The ebuild's own value first, then what the eclasses set, in the order
	# their inherits finished (regen.md §3.3).
	IUSE+="${IUSE:+ }${E_IUSE}"
	DEPEND+="${DEPEND:+ }${E_DEPEND}"
	RDEPEND+="${RDEPEND:+ }${E_RDEPEND}"
	PDEPEND+="${PDEPEND:+ }${E_PDEPEND}"
	BDEPEND+="${BDEPEND:+ }${E_BDEPEND}"
	IDEPEND+="${IDEPEND:+ }${E_IDEPEND}"
	REQUIRED_USE+="${REQUIRED_USE:+ }${E_REQUIRED_USE}"
	if __pkgscan_eapi_accumulates_properties_restrict; then
		PROPERTIES+=${PROPERTIES:+ }${E_PROPERTIES}
		RESTRICT+=${RESTRICT:+ }${E_RESTRICT}
	fi
	unset ECLASS E_IUSE E_REQUIRED_USE E_DEPEND E_RDEPEND E_PDEPEND E_BDEPEND E_PROPERTIES E_RESTRICT

	# DEFINED_PHASES: the phase functions of the EAPI that exist now,
	# whether the ebuild, an eclass or an EXPORT_FUNCTIONS wrapper defined
	# them (regen.md §4). The list is split like Portage's (unquoted, with
	# the ebuild's IFS).
	local __pkgscan_phases __pkgscan_f
	__pkgscan_eapi_phase_functions
	DEFINED_PHASES=
	for __pkgscan_f in ${__pkgscan_phases}; do
		if declare -F ${__pkgscan_f} >/dev/null; then
			__pkgscan_f=${__pkgscan_f#pkg_}
			DEFINED_PHASES+=" ${__pkgscan_f#src_}"
		fi
	done
	[[ -n ${DEFINED_PHASES} ]] || DEFINED_PHASES=-

	set -f
	__pkgscan_eapi_has_bdepend || unset BDEPEND
	__pkgscan_eapi_has_idepend || unset IDEPEND
	INHERIT=${PORTAGE_EXPLICIT_INHERIT}

	local -a fields=(STATUS=ok)
	local key
	for key in "${__pkgscan_metadata_keys[@]}"; do
		__pkgscan_echo_value "${key}"
		fields+=("${key}=${__pkgscan_value}")
	done
	__pkgscan_write_reply "${fields[@]}"
	builtin exit 0
}

# __pkgscan_echo_value NAME: the value of NAME exactly as Portage's
# `$(echo ${!NAME})` yields it under `set -f` (regen.md §5.2), into
# __pkgscan_value, without the fork: word splitting with the current IFS
# (the ebuild's), words joined by one space, trailing newlines removed.
# Two cases keep Portage's real command substitution: a first word that
# echo takes as options (-n, -e, -E, ...: `DESCRIPTION="-n  x"`), where echo
# drops it and may interpret backslash escapes, and an ebuild that replaced
# echo with a function of its own.
__pkgscan_echo_value() {
	local -a __pkgscan_words
	__pkgscan_words=( ${!1} )
	if [[ ${__pkgscan_words[0]} == -+([neE]) ]] || declare -F echo >/dev/null; then
		__pkgscan_value=$(echo ${!1})
		return
	fi
	local IFS=' '
	__pkgscan_value=${__pkgscan_words[*]}
	while [[ ${__pkgscan_value} == *$'\n' ]]; do
		__pkgscan_value=${__pkgscan_value%$'\n'}
	done
}

# __pkgscan_syntax_error FILE: when bash's output shows a syntax error in
# FILE, fail with bash's message and line (reason "syntax"). Reads the
# captured output, on the failure path only.
__pkgscan_syntax_error() {
	local file=$1 prefix=$1': line ' line lineno i
	local -a lines
	mapfile -t lines < "${__pkgscan_req[TMP]}/output"
	for (( i = ${#lines[@]} - 1; i >= 0; i-- )); do
		line=${lines[i]}
		[[ ${line} == "${prefix}"+([0-9])": syntax error"* ]] || continue
		line=${line#"${prefix}"}
		lineno=${line%%:*}
		__pkgscan_fail syntax "${line#*: }" "${file}" "${lineno}"
	done
	return 1
}
