# pkgscan ebuild environment: the controller, the worker's side of the protocol.
#
# Sourced once by worker.bash; __pkgscan_serve runs in the controller process
# (worker.bash explains the processes). For each request on fd 3 it writes
# the request into the request's TMP directory, tells the forker to run a
# child, and sends exactly one reply on fd 4 (README.md: NAME=VALUE fields,
# each ended by a NUL byte, a lone NUL after the last field).
#
# The child's reply file is checked before anything of it is forwarded: an
# ebuild can write into that file, but it cannot make the worker send
# anything that is not one well-formed reply. The checks that need nothing
# from inside the ebuild's shell are made here, after the child is gone:
# the EAPI as sourced against the EAPI of the head (regen.md §1.5) and
# whether the package directory changed.
#
# The controller never forks on the success path (see worker.bash).

# The fields a reply file may carry, by STATUS.
__pkgscan_ok_fields=" ${__pkgscan_metadata_keys[*]} "
__pkgscan_fail_fields=" REASON MESSAGE LINE FILE "

# The request loop. Returns at the end of input or when the forker is gone.
__pkgscan_serve() {
	exec 0</dev/null
	declare -gA __pkgscan_req=()
	while __pkgscan_read_request; do
		__pkgscan_reply=()
		if __pkgscan_check_request; then
			__pkgscan_run_request || return 1
		else
			__pkgscan_reply=(STATUS=fail REASON=other "MESSAGE=bad request: ${__pkgscan_bad_request}"
				LINE=0 FILE=)
		fi
		builtin printf '%s\0' "${__pkgscan_reply[@]}" '' >&4
	done
	return 0
}

# Reads the next request: its fields in order into __pkgscan_request (as
# received, to hand to the child) and by name into __pkgscan_req. Returns 1
# at the end of input: the C++ side is done with this worker.
__pkgscan_read_request() {
	local field
	__pkgscan_request=()
	__pkgscan_req=()
	while IFS= read -r -u 3 -d '' field; do
		[[ -z ${field} ]] && return 0
		__pkgscan_request+=("${field}")
		[[ ${field} == +([A-Z_])=* ]] && __pkgscan_req[${field%%=*}]=${field#*=}
	done
	return 1
}

# A request the environment cannot run is answered at once (reason other).
__pkgscan_check_request() {
	__pkgscan_bad_request=
	if [[ ${__pkgscan_req[EBUILD]} != /* ]]; then
		__pkgscan_bad_request="EBUILD must be an absolute path"
	elif [[ ${__pkgscan_req[TMP]} != /* || ! -d ${__pkgscan_req[TMP]} || ${__pkgscan_req[TMP]} == *$'\n'* ]]; then
		__pkgscan_bad_request="TMP must be an existing directory"
	elif [[ ${__pkgscan_req[EAPI]} != [0-9] ]]; then
		__pkgscan_bad_request="EAPI '${__pkgscan_req[EAPI]}' is not one the environment supports (0-9)"
	elif [[ ! -f ${__pkgscan_req[EBUILD]} || ! -r ${__pkgscan_req[EBUILD]} ]]; then
		__pkgscan_bad_request="cannot read ${__pkgscan_req[EBUILD]}"
	fi
	[[ -z ${__pkgscan_bad_request} ]]
}

# Runs one checked request through the forker and fills __pkgscan_reply.
# Returns 1 if the forker is gone (the worker then ends).
__pkgscan_run_request() {
	local tmp=${__pkgscan_req[TMP]} ebuild=${__pkgscan_req[EBUILD]} status before have_tail
	# A reply file name of its own for each request, so that no file left
	# over in TMP (or planted there) can pass for this request's reply.
	local reply=${tmp}/.pkgscan-reply.${BASHPID}.$(( ++__pkgscan_serial ))
	builtin printf '%s\0' "${__pkgscan_request[@]}" "__REPLY=${reply}" > "${tmp}/.pkgscan-request" || {
		__pkgscan_reply=(STATUS=fail REASON=other "MESSAGE=cannot write into ${tmp}" LINE=0 "FILE=${ebuild}")
		return 0
	}
	__pkgscan_list_dir "${ebuild%/*}"
	before=${__pkgscan_dir_now}

	__pkgscan_fork f "${tmp}" || return 1
	# A subshell that ended without a reply and not by a signal may have
	# been left by an expansion error; Portage's top level would have gone
	# on, a fresh bash does too (worker.bash, the forker).
	if (( status > 0 && status < 128 && status != 97 )) && [[ ! -e ${reply} ]]; then
		__pkgscan_fork x "${tmp}" || return 1
	fi

	__pkgscan_tail= have_tail=
	if ! __pkgscan_take_reply_file "${reply}"; then
		__pkgscan_output_tail "${tmp}/output"
		have_tail=1
		__pkgscan_describe_end "${status}"
		__pkgscan_reply=(STATUS=fail "REASON=${__pkgscan_end_reason}" "MESSAGE=${__pkgscan_end_message}"
			LINE=0 "FILE=${ebuild}")
	elif [[ ${__pkgscan_reply[0]} == STATUS=ok ]]; then
		__pkgscan_check_eapi
	fi
	if [[ ${__pkgscan_reply[0]} == STATUS=ok ]]; then
		__pkgscan_list_dir "${ebuild%/*}"
		[[ ${__pkgscan_dir_now} == "${before}" ]] ||
			__pkgscan_reply=(STATUS=fail REASON=other
				"MESSAGE=the ebuild changed its package directory while being sourced" LINE=0 "FILE=${ebuild}")
	fi
	if [[ ${__pkgscan_reply[0]} == STATUS=fail ]]; then
		[[ ${have_tail} ]] || __pkgscan_output_tail "${tmp}/output"
		__pkgscan_reply+=("OUTPUT=${__pkgscan_tail}")
	fi
	# EAPI 9 on a bash older than 5.3 ran at the nearest compatibility level.
	__pkgscan_eapi_bash_compat "${__pkgscan_req[EAPI]}"
	[[ ${__pkgscan_compat_fallback} ]] && __pkgscan_reply+=("NOTICE=bash-compat:${__pkgscan_compat}")
	return 0
}

# __pkgscan_fork MODE TMP: have the forker run a child, its exit status into
# status (the caller's local). Returns 1 if the forker is gone.
__pkgscan_fork() {
	if builtin echo "$1 $2" >&5 && read -r -u 6 status; then
		return 0
	fi
	__pkgscan_reply=(STATUS=fail REASON=other "MESSAGE=the worker's forker process is gone" LINE=0
		"FILE=${__pkgscan_req[EBUILD]}")
	return 1
}

# Reads and checks the child's reply file into __pkgscan_reply: STATUS=ok
# with every metadata key once, or STATUS=fail with known fields once,
# closed by __END=. Returns 1 if there is no such file or it is malformed.
__pkgscan_take_reply_file() {
	local file=$1 field name allowed seen=" " complete=
	__pkgscan_reply=()
	[[ -f ${file} && ! -L ${file} ]] || return 1
	while IFS= read -r -d '' field; do
		if [[ ${field} == __END= ]]; then
			complete=1
			break
		fi
		(( ${#__pkgscan_reply[@]} > 25 )) && break
		if (( ${#__pkgscan_reply[@]} == 0 )); then
			case ${field} in
				STATUS=ok) allowed=${__pkgscan_ok_fields} ;;
				STATUS=fail) allowed=${__pkgscan_fail_fields} ;;
				*) break ;;
			esac
		else
			name=${field%%=*}
			[[ ${field} == *=* && ${allowed} == *" ${name} "* && ${seen} != *" ${name} "* ]] || break
			seen+="${name} "
		fi
		__pkgscan_reply+=("${field}")
	done < "${file}"
	if [[ -n ${complete} && ${__pkgscan_reply[0]} == STATUS=ok ]]; then
		for name in "${__pkgscan_metadata_keys[@]}"; do
			[[ ${seen} == *" ${name} "* ]] || complete=
		done
	fi
	[[ -n ${complete} ]] && return 0
	__pkgscan_reply=()
	return 1
}

# regen.md §1.4-1.5: the EAPI as sourced (echo-normalised by the child) must
# be the EAPI parsed from the head, else Portage writes no entry. The
# message is Portage's; EAPI_LINE and EAPI_ASSIGNED (optional request
# fields) say where the head's assignment is.
__pkgscan_check_eapi() {
	local field eapi= line=${__pkgscan_req[EAPI_LINE]:-0} message
	for field in "${__pkgscan_reply[@]}"; do
		[[ ${field} == EAPI=* ]] && eapi=${field#EAPI=}
	done
	[[ ${eapi} == "${__pkgscan_req[EAPI]}" ]] && return 0
	case ${__pkgscan_req[EAPI_ASSIGNED]} in
		1) message="bash returned EAPI '${eapi}' which does not match assignment on line: ${line}" ;;
		0) message="valid EAPI assignment must occur on or before line: ${line}" ;;
		*) message="bash returned EAPI '${eapi}' but the ebuild's head gives EAPI '${__pkgscan_req[EAPI]}'" ;;
	esac
	__pkgscan_reply=(STATUS=fail REASON=eapi-mismatch "MESSAGE=${message}" "LINE=${line}"
		"FILE=${__pkgscan_req[EBUILD]}")
}

# How a child that wrote no (valid) reply ended, from its exit status, into
# __pkgscan_end_reason / __pkgscan_end_message.
__pkgscan_describe_end() {
	local status=$1
	__pkgscan_end_reason=other
	if (( status > 128 )); then
		case $(( status - 128 )) in
			24) __pkgscan_end_reason=limit
				__pkgscan_end_message="CPU time limit exceeded (${__pkgscan_req[LIMIT_CPU]} s; SIGXCPU)" ;;
			25) __pkgscan_end_reason=limit
				__pkgscan_end_message="output limit exceeded (${__pkgscan_req[LIMIT_OUTPUT]} bytes; SIGXFSZ)" ;;
			9) __pkgscan_end_reason=limit
				__pkgscan_end_message="killed by SIGKILL (the CPU hard limit, or a kill from the ebuild)" ;;
			*) __pkgscan_end_message="the ebuild's shell was killed by signal $(( status - 128 ))" ;;
		esac
	elif (( status == 97 )); then
		__pkgscan_end_message="the ebuild environment could not read its request or enter ${__pkgscan_req[TMP]}"
	else
		__pkgscan_end_message="the ebuild exited (status ${status}) in global scope; sourcing did not finish"
	fi
	# bash reports a failed allocation and exits: that is the memory limit
	# (__pkgscan_tail holds the end of the output).
	if [[ ${__pkgscan_end_reason} == other && ${__pkgscan_tail} == *"cannot allocate"* ]]; then
		__pkgscan_end_reason=limit
		__pkgscan_end_message="memory limit exceeded (${__pkgscan_req[LIMIT_MEM]} bytes)"
	fi
}

# The last 4 KiB of a captured output file into __pkgscan_tail. Failure path
# only (it forks): the file is at most LIMIT_OUTPUT bytes.
__pkgscan_output_tail() {
	__pkgscan_tail=
	[[ -f $1 && -s $1 ]] || return 0
	__pkgscan_tail=$(< "$1")
	(( ${#__pkgscan_tail} > 4096 )) && __pkgscan_tail=${__pkgscan_tail: -4096}
}

# The entries of directory $1, one per line, into __pkgscan_dir_now.
__pkgscan_list_dir() {
	local -a entries
	shopt -s nullglob dotglob
	entries=("$1"/*)
	shopt -u nullglob dotglob
	local IFS=$'\n'
	__pkgscan_dir_now=${entries[*]}
}
