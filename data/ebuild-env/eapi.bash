# pkgscan ebuild environment: what differs between EAPIs in the depend phase.
#
# Sourced once by worker.bash. Read next to Portage's bin/eapi.sh: this file
# holds only the EAPI differences that matter while an ebuild is sourced for
# its metadata (PMS "Bash version and options", "Metadata variables",
# "Phase functions", "Package manager commands"; regen.md §2.2-§4).
#
# EAPIs reaching the environment are "0".."9": the C++ side parses the EAPI
# from the ebuild head and refuses every other value before sourcing.
#
# Each predicate takes the EAPI to test as $1 and, like Portage's, falls back
# to the *current* value of EAPI (0 when unset). That matters: inherit() and
# the final merge test the EAPI the ebuild has assigned by then, not the one
# parsed from its head (they only differ for an ebuild that fails anyway).

# --- Metadata variables ------------------------------------------------------

# BDEPEND exists from EAPI 7, IDEPEND from EAPI 8; in older EAPIs whatever an
# ebuild or eclass put into them is dropped before the metadata is written.
__pkgscan_eapi_has_bdepend() { [[ ${1-${EAPI-0}} != [0-6] ]]; }
__pkgscan_eapi_has_idepend() { [[ ${1-${EAPI-0}} != [0-7] ]]; }

# EAPI 0-3: an unset RDEPEND defaults to the ebuild's own DEPEND.
__pkgscan_eapi_rdepend_falls_back_to_depend() { [[ ${1-${EAPI-0}} == [0-3] ]]; }

# EAPI 8 made PROPERTIES and RESTRICT incremental across eclasses, like IUSE
# and the dependency variables; before, an eclass simply overwrote them.
__pkgscan_eapi_accumulates_properties_restrict() { [[ ${1-${EAPI-0}} != [0-7] ]]; }

# PORTDIR and ECLASSDIR are defined in EAPI 0-6 only.
__pkgscan_eapi_has_portdir() { [[ ${1-${EAPI-0}} == [0-6] ]]; }

# D ends with a slash in EAPI 0-6; ROOT is "/" in EAPI 0-6 and "" from 7.
__pkgscan_eapi_paths_end_in_slash() { [[ ${1-${EAPI-0}} == [0-6] ]]; }

# --- Shell --------------------------------------------------------------------

# The BASH_COMPAT level an EAPI asks for (PMS table "Bash version"):
# 0-5 -> 3.2, 6-7 -> 4.2, 8 -> 5.0, 9 -> 5.3, into __pkgscan_compat. A bash
# older than the level (bash 5.2 and EAPI 9) gets its own version instead,
# the nearest level it has; __pkgscan_compat_fallback is then set.
__pkgscan_eapi_bash_compat() {
	case ${1} in
		[0-5]) __pkgscan_compat=3.2 ;;
		[67]) __pkgscan_compat=4.2 ;;
		8) __pkgscan_compat=5.0 ;;
		*) __pkgscan_compat=5.3 ;;
	esac
	__pkgscan_compat_fallback=
	local major=${__pkgscan_compat%.*} minor=${__pkgscan_compat#*.}
	if (( BASH_VERSINFO[0] < major || (BASH_VERSINFO[0] == major && BASH_VERSINFO[1] < minor) )); then
		__pkgscan_compat=${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}
		__pkgscan_compat_fallback=1
	fi
}

# A glob that matches nothing is an error while sourcing, from EAPI 6.
__pkgscan_eapi_failglob() { [[ ${1-${EAPI-0}} != [0-5] ]]; }

# --- Phase functions ----------------------------------------------------------

# The phase functions DEFINED_PHASES looks for, in Portage's order (sorted by
# the name without pkg_/src_). EAPI 0-1 lack configure, prepare and pretend;
# EAPI 2-3 lack pretend. Portage selects the list with the EAPI as sourced.
__pkgscan_eapi_phase_functions() {
	case ${1-${EAPI-0}} in
		0|1) __pkgscan_phases="src_compile pkg_config pkg_info src_install pkg_nofetch
			pkg_postinst pkg_postrm pkg_preinst pkg_prerm pkg_setup src_test src_unpack" ;;
		2|3) __pkgscan_phases="src_compile pkg_config src_configure pkg_info src_install
			pkg_nofetch pkg_postinst pkg_postrm pkg_preinst src_prepare pkg_prerm pkg_setup
			src_test src_unpack" ;;
		*) __pkgscan_phases="src_compile pkg_config src_configure pkg_info src_install
			pkg_nofetch pkg_postinst pkg_postrm pkg_preinst src_prepare pkg_prerm pkg_pretend
			pkg_setup src_test src_unpack" ;;
	esac
}

# --- Commands available in global scope ---------------------------------------

# Helper functions defined by helpers.bash that exist only in some EAPIs.
# Portage defines them per EAPI before sourcing; here the worker defines all
# of them once and each per-ebuild child removes those its EAPI lacks, so
# that eclasses providing their own fallback (eapi7-ver, multilib's
# get_libdir, eutils' usex...) see exactly what they would under Portage.
#   usex (dies)         EAPI >= 5
#   in_iuse, get_libdir (die)  EAPI >= 6
#   ver_cut ver_rs ver_test    EAPI >= 7
#   ver_replacing (dies)       EAPI >= 9
__pkgscan_eapi_drop_functions() {
	local eapi=$1
	[[ ${eapi} == [0-4] ]] && unset -f usex
	[[ ${eapi} == [0-5] ]] && unset -f in_iuse get_libdir
	[[ ${eapi} == [0-6] ]] && unset -f ver_cut ver_rs ver_test
	[[ ${eapi} == [0-8] ]] && unset -f ver_replacing
	return 0
}
