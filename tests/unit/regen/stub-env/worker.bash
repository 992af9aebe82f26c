# STUB WORKER FOR TESTS ONLY — not the ebuild environment.
#
# A stand-in for data/ebuild-env/worker.bash that speaks the request/reply
# protocol of data/ebuild-env/README.md (NUL-separated NAME=VALUE fields on
# fd 3 and fd 4) with a deliberately tiny depend phase: `inherit` searches the
# ECLASS_DIR list and sources, `die` fails. It lets the C++ pool tests (time
# limit, crashes, limits, sandbox, no leaks between ebuilds) run without the
# real environment; the real-data tests use the real one.

__stub_reply() {  # NAME=VALUE... -> one reply on fd 4
	local f
	for f in "$@"; do printf '%s\0' "$f"; done >&4
	printf '\0' >&4
}

while :; do
	declare -A req=()
	dirs=()
	got=0
	while IFS= read -r -d '' field <&3; do
		got=1
		[[ -z $field ]] && break
		name=${field%%=*}
		if [[ $name == ECLASS_DIR ]]; then dirs+=("${field#*=}"); else req[$name]=${field#*=}; fi
	done
	(( got )) || exit 0

	# The per-ebuild child: a fresh subshell, so nothing leaks to the next ebuild.
	(
		ulimit -t "${req[LIMIT_CPU]}" -f $(( req[LIMIT_OUTPUT] / 1024 )) -u "${req[LIMIT_NPROC]}" 2>/dev/null
		cd "${req[TMP]}" || exit 1
		exec </dev/null >"${req[TMP]}/output" 2>&1
		export HOME=${req[TMP]} T=${req[TMP]} TMPDIR=${req[TMP]}
		CATEGORY=${req[CATEGORY]} PF=${req[PF]} PN=${req[PN]} PV=${req[PV]} PR=${req[PR]} P=${req[P]} PVR=${req[PVR]}
		__stub_dirs=("${dirs[@]}")
		__stub_ebuild=${req[EBUILD]}
		__stub_reply_file=${req[TMP]}/.reply
		unset req dirs got field name
		die() {
			{ printf '%s\0' STATUS=fail REASON=die "MESSAGE=$*" "LINE=${BASH_LINENO[0]}" "FILE=${BASH_SOURCE[1]}"; } >"$__stub_reply_file"
			exit 1
		}
		inherit() {
			local e d f
			for e in "$@"; do
				f=
				for d in "${__stub_dirs[@]}"; do
					[[ -f $d/$e.eclass ]] && { f=$d/$e.eclass; break; }
				done
				if [[ -z $f ]]; then
					printf '%s\0' STATUS=fail REASON=missing-eclass "MESSAGE=$e.eclass could not be found by inherit()" \
						LINE=0 "FILE=$__stub_ebuild" >"$__stub_reply_file"
					exit 1
				fi
				source "$f" || die "died sourcing $f in inherit()"
				[[ " $INHERITED " == *" $e "* ]] || INHERITED+=" $e"
				INHERIT+=" $e"
			done
		}
		EXPORT_FUNCTIONS() { :; }
		unset EAPI
		source "$__stub_ebuild" || {
			printf '%s\0' STATUS=fail REASON=source-status "MESSAGE=error sourcing ebuild" LINE=0 \
				"FILE=$__stub_ebuild" >"$__stub_reply_file"
			exit 1
		}
		[[ -v EAPI ]] || EAPI=0
		phases=
		for p in pkg_config pkg_info pkg_nofetch pkg_postinst pkg_postrm pkg_preinst pkg_prerm pkg_pretend \
			pkg_setup src_compile src_configure src_install src_prepare src_test src_unpack; do
			declare -F "$p" >/dev/null && phases+=" ${p#*_}"
		done
		DEFINED_PHASES=${phases:--}
		set -f
		{
			printf '%s\0' STATUS=ok
			for k in DEPEND RDEPEND SLOT SRC_URI RESTRICT HOMEPAGE LICENSE DESCRIPTION KEYWORDS INHERITED IUSE \
				REQUIRED_USE PDEPEND BDEPEND EAPI PROPERTIES DEFINED_PHASES IDEPEND INHERIT; do
				printf '%s\0' "$k=$(echo ${!k})"
			done
		} >"$__stub_reply_file"
	)
	status=$?
	if [[ -s ${req[TMP]}/.reply ]]; then
		mapfile -d '' fields <"${req[TMP]}/.reply"
		__stub_reply "${fields[@]}"
	elif (( status > 128 )); then
		__stub_reply STATUS=fail REASON=limit "MESSAGE=killed by signal $(( status - 128 ))" LINE=0 FILE=
	else
		__stub_reply STATUS=fail REASON=other "MESSAGE=sourcing failed with status $status" LINE=0 FILE=
	fi
	unset req
done
