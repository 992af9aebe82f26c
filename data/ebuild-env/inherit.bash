# pkgscan ebuild environment: inherit and EXPORT_FUNCTIONS.
#
# Sourced once by worker.bash; read next to `inherit` and `EXPORT_FUNCTIONS`
# in Portage's bin/ebuild.sh. regen.md §3 describes the behaviour this file
# reproduces; PMS "Eclasses" is the specification.
#
# Where Portage's behaviour shows through to ebuilds and eclasses, this file
# behaves the same on purpose, including details PMS leaves open:
#  - eclasses are sourced inside a function (two frames deep: inherit, then
#    the source wrapper), so `local` and plain `declare` at an eclass's top
#    level create variables that vanish when that eclass is done;
#  - the local variables of inherit and of the source wrapper have Portage's
#    names (ECLASS, location, x, B_IUSE, ...; bashopts, OLDIFS, retval): an
#    eclass that assigns such a name at its top level changes that local,
#    not a global, exactly as under Portage;
#  - an eclass inherited again is sourced again (its include guard usually
#    makes that a no-op; an unguarded eclass contributes its values again);
#  - INHERITED lists each eclass once, when its inherit finishes (post-order);
#    INHERIT (PORTAGE_EXPLICIT_INHERIT) lists the arguments of top-level
#    inherit calls, duplicates kept.

# The eclass directories of this request, in search order (set per ebuild by
# the worker from the ECLASS_DIR fields): the first directory that has
# <name>.eclass wins, i.e. the repository's own eclass/ before its masters.
__pkgscan_eclass_dirs=()

declare -ix ECLASS_DEPTH=0

# The wrapper that sources one eclass, like Portage's __qa_source: a QA
# notice when the eclass leaves shell options or IFS changed. The status is
# that of the eclass file's last command.
__pkgscan_source_eclass() {
	local bashopts=${BASHOPTS} OLDIFS=${IFS}
	local retval
	source "$@"
	retval=$?
	set +e
	[[ ${BASHOPTS} != "${bashopts}" ]] &&
		eqawarn "QA Notice: Global shell options changed and were not restored while sourcing '$*'"
	[[ ${IFS} != "${OLDIFS}" ]] &&
		eqawarn "QA Notice: Global IFS changed and was not restored while sourcing '$*'"
	return "${retval}"
}

# inherit eclass...: source each eclass in turn (PMS "inherit").
inherit() {
	ECLASS_DEPTH=$(( ECLASS_DEPTH + 1 ))
	if [[ ${ECLASS_DEPTH} -gt 1 ]]; then
		# A nested inherit: ECLASS and __export_funcs_var are still the
		# calling inherit's locals here.
		if [[ -n ${ECLASS} && -n ${!__export_funcs_var} ]]; then
			eqawarn "QA Notice: EXPORT_FUNCTIONS is called before inherit in ${ECLASS}.eclass."
			eqawarn "For compatibility with PMS and to avoid breakage with Pkgcore, only call"
			eqawarn "EXPORT_FUNCTIONS after inherit(s). Portage behavior may change in future."
		fi
	fi

	local -x ECLASS
	local __export_funcs_var
	local repo_location location potential_location x
	local B_IUSE B_REQUIRED_USE B_DEPEND B_RDEPEND B_PDEPEND B_BDEPEND B_IDEPEND
	local B_PROPERTIES B_RESTRICT
	# Portage stops at the first empty argument.
	while [[ -n ${1} ]]; do
		location= potential_location=
		ECLASS=${1}
		# EXPORT_FUNCTIONS collects phase names per inherit depth in a
		# global variable; applying them waits until the eclass is sourced.
		__export_funcs_var=__export_functions_${ECLASS_DEPTH}
		unset "${__export_funcs_var}"

		for repo_location in "${__pkgscan_eclass_dirs[@]}"; do
			potential_location=${repo_location}/${1}.eclass
			if [[ -f ${potential_location} ]]; then
				location=${potential_location}
				break
			fi
		done
		[[ -z ${location} ]] &&
			__pkgscan_die_reason=missing-eclass die "${1}.eclass could not be found by inherit()"

		# Hide the incremental variables: the eclass starts without them and
		# what it sets is collected into E_* below. PROPERTIES and RESTRICT
		# are incremental only from EAPI 8; before, an eclass overwrites them.
		set -f
		unset B_IUSE B_REQUIRED_USE B_DEPEND B_RDEPEND B_PDEPEND B_BDEPEND B_IDEPEND
		unset B_PROPERTIES B_RESTRICT
		[[ -v IUSE ]] && B_IUSE=${IUSE}
		[[ -v REQUIRED_USE ]] && B_REQUIRED_USE=${REQUIRED_USE}
		[[ -v DEPEND ]] && B_DEPEND=${DEPEND}
		[[ -v RDEPEND ]] && B_RDEPEND=${RDEPEND}
		[[ -v PDEPEND ]] && B_PDEPEND=${PDEPEND}
		[[ -v BDEPEND ]] && B_BDEPEND=${BDEPEND}
		[[ -v IDEPEND ]] && B_IDEPEND=${IDEPEND}
		unset IUSE REQUIRED_USE DEPEND RDEPEND PDEPEND BDEPEND IDEPEND
		if __pkgscan_eapi_accumulates_properties_restrict; then
			[[ -v PROPERTIES ]] && B_PROPERTIES=${PROPERTIES}
			[[ -v RESTRICT ]] && B_RESTRICT=${RESTRICT}
			unset PROPERTIES RESTRICT
		fi
		set +f

		if ! __pkgscan_source_eclass "${location}"; then
			# A syntax error in the eclass is reported as such, with its
			# line; an eclass that cannot be read, as unreadable.
			__pkgscan_syntax_error "${location}"
			[[ -r ${location} ]] ||
				__pkgscan_die_reason=unreadable die "died sourcing ${location} in inherit() (cannot read it)"
			__pkgscan_die_reason=source-status die "died sourcing ${location} in inherit()"
		fi

		# Collect what the eclass set (appended with one space), then give
		# the ebuild's or outer eclass's values back.
		set -f
		[[ -v IUSE ]] && E_IUSE+=${E_IUSE:+ }${IUSE}
		[[ -v REQUIRED_USE ]] && E_REQUIRED_USE+=${E_REQUIRED_USE:+ }${REQUIRED_USE}
		[[ -v DEPEND ]] && E_DEPEND+=${E_DEPEND:+ }${DEPEND}
		[[ -v RDEPEND ]] && E_RDEPEND+=${E_RDEPEND:+ }${RDEPEND}
		[[ -v PDEPEND ]] && E_PDEPEND+=${E_PDEPEND:+ }${PDEPEND}
		[[ -v BDEPEND ]] && E_BDEPEND+=${E_BDEPEND:+ }${BDEPEND}
		[[ -v IDEPEND ]] && E_IDEPEND+=${E_IDEPEND:+ }${IDEPEND}
		[[ -v B_IUSE ]] && IUSE=${B_IUSE}
		[[ -v B_IUSE ]] || unset IUSE
		[[ -v B_REQUIRED_USE ]] && REQUIRED_USE=${B_REQUIRED_USE}
		[[ -v B_REQUIRED_USE ]] || unset REQUIRED_USE
		[[ -v B_DEPEND ]] && DEPEND=${B_DEPEND}
		[[ -v B_DEPEND ]] || unset DEPEND
		[[ -v B_RDEPEND ]] && RDEPEND=${B_RDEPEND}
		[[ -v B_RDEPEND ]] || unset RDEPEND
		[[ -v B_PDEPEND ]] && PDEPEND=${B_PDEPEND}
		[[ -v B_PDEPEND ]] || unset PDEPEND
		[[ -v B_BDEPEND ]] && BDEPEND=${B_BDEPEND}
		[[ -v B_BDEPEND ]] || unset BDEPEND
		[[ -v B_IDEPEND ]] && IDEPEND=${B_IDEPEND}
		[[ -v B_IDEPEND ]] || unset IDEPEND
		if __pkgscan_eapi_accumulates_properties_restrict; then
			[[ -v PROPERTIES ]] && E_PROPERTIES+=${E_PROPERTIES:+ }${PROPERTIES}
			[[ -v RESTRICT ]] && E_RESTRICT+=${E_RESTRICT:+ }${RESTRICT}
			[[ -v B_PROPERTIES ]] && PROPERTIES=${B_PROPERTIES}
			[[ -v B_PROPERTIES ]] || unset PROPERTIES
			[[ -v B_RESTRICT ]] && RESTRICT=${B_RESTRICT}
			[[ -v B_RESTRICT ]] || unset RESTRICT
		fi
		set +f

		# Deferred EXPORT_FUNCTIONS: each named phase becomes a wrapper that
		# calls <eclass>_<phase>, replacing any function of that name the
		# ebuild defined before the inherit.
		if [[ -n ${!__export_funcs_var} ]]; then
			for x in ${!__export_funcs_var}; do
				declare -F "${ECLASS}_${x}" >/dev/null ||
					die "EXPORT_FUNCTIONS: ${ECLASS}_${x} is not defined"
				eval "${x}() { ${ECLASS}_${x} \"\$@\" ; }" >/dev/null
			done
		fi
		unset "${__export_funcs_var}"

		contains_word "${1}" "${INHERITED}" || export INHERITED+=" ${1}"
		[[ ${ECLASS_DEPTH} -eq 1 ]] && export PORTAGE_EXPLICIT_INHERIT+=" ${1}"

		shift
	done
	(( ECLASS_DEPTH-- ))
	return 0
}

# EXPORT_FUNCTIONS phase...: make the current eclass's <eclass>_<phase>
# functions the phase functions, once the eclass has been sourced.
EXPORT_FUNCTIONS() {
	[[ -z ${ECLASS} ]] && die "EXPORT_FUNCTIONS without a defined ECLASS"
	eval "${__export_funcs_var}+=\" \$*\""
}
