# pkgscan ebuild environment: the server's side of the protocol.
#
# Sourced once by worker.bash. Reads one request from fd 3, checks it, and
# after the per-ebuild child is done sends exactly one reply on fd 4
# (README.md: NAME=VALUE fields, each ended by a NUL byte, a lone NUL after
# the last field). The child's own reply file is checked before anything of
# it is forwarded: an ebuild can write into that file, but it cannot make the
# worker send anything that is not a well-formed reply.

# The fields a reply may carry, by STATUS.
__pkgscan_ok_fields=" ${__pkgscan_metadata_keys[*]} NOTICE "
__pkgscan_fail_fields=" REASON MESSAGE LINE FILE NOTICE "

# Reads the next request into __pkgscan_req (name -> value) and
# __pkgscan_eclass_dirs (the ECLASS_DIR fields in order). Returns 1 at the
# end of input: the C++ side is done with this worker.
__pkgscan_read_request() {
	local field
	__pkgscan_req=()
	__pkgscan_eclass_dirs=()
	while IFS= read -r -u 3 -d '' field; do
		[[ -z ${field} ]] && return 0
		if [[ ${field} == ECLASS_DIR=* ]]; then
			__pkgscan_eclass_dirs+=("${field#*=}")
		elif [[ ${field} == +([A-Z_])=* ]]; then
			__pkgscan_req[${field%%=*}]=${field#*=}
		fi
	done
	return 1
}

# A request the environment cannot run is answered at once (reason other).
__pkgscan_check_request() {
	local problem=
	if [[ ${__pkgscan_req[EBUILD]} != /* ]]; then
		problem="EBUILD must be an absolute path"
	elif [[ ${__pkgscan_req[TMP]} != /* || ! -d ${__pkgscan_req[TMP]} ]]; then
		problem="TMP must be an existing directory"
	elif [[ ${__pkgscan_req[EAPI]} != [0-9] ]]; then
		problem="EAPI '${__pkgscan_req[EAPI]}' is not one the environment supports (0-9)"
	elif [[ ! -f ${__pkgscan_req[EBUILD]} || ! -r ${__pkgscan_req[EBUILD]} ]]; then
		problem="cannot read ${__pkgscan_req[EBUILD]}"
	fi
	[[ -z ${problem} ]] && return 0
	__pkgscan_bad_request=${problem}
	return 1
}

# __pkgscan_send_reply CHILD STATUS: forward the child's reply file, or
# describe how the child ended when it left none (killed by a limit, exit in
# global scope...). Failures carry the tail of the captured output.
__pkgscan_send_reply() {
	local child=$1 status=$2 tmp=${__pkgscan_req[TMP]}
	local -a fields=()
	if [[ -z ${child} ]]; then
		fields=(STATUS=fail REASON=other "MESSAGE=bad request: ${__pkgscan_bad_request}" LINE=0 FILE=)
	elif ! __pkgscan_take_reply_file "${tmp}/.pkgscan-reply"; then
		__pkgscan_describe_end "${status}"
		fields=(STATUS=fail "REASON=${__pkgscan_end_reason}" "MESSAGE=${__pkgscan_end_message}"
			LINE=0 "FILE=${__pkgscan_req[EBUILD]}")
		__pkgscan_eapi_bash_compat "${__pkgscan_req[EAPI]}"
		if [[ ${__pkgscan_compat} == 5.3 ]] &&
			(( BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 3) )); then
			fields+=("NOTICE=bash-compat:${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}")
		fi
	else
		fields=("${__pkgscan_reply_fields[@]}")
	fi
	if [[ ${fields[0]} == STATUS=fail && -n ${child} ]]; then
		__pkgscan_output_tail "${tmp}/output"
		fields+=("OUTPUT=${__pkgscan_tail}")
	fi
	builtin printf '%s\0' "${fields[@]}" '' >&4
}

# Reads and checks the child's reply file into __pkgscan_reply_fields:
# STATUS=ok with every metadata key once, or STATUS=fail with known fields,
# closed by __END=. Returns 1 if there is no such file or it is malformed.
__pkgscan_take_reply_file() {
	local file=$1 field name allowed seen=" " complete=
	__pkgscan_reply_fields=()
	[[ -f ${file} && ! -L ${file} ]] || return 1
	while IFS= read -r -d '' field; do
		if [[ ${field} == __END= ]]; then
			complete=1
			break
		fi
		(( ${#__pkgscan_reply_fields[@]} > 40 )) && return 1
		if (( ${#__pkgscan_reply_fields[@]} == 0 )); then
			case ${field} in
				STATUS=ok) allowed=${__pkgscan_ok_fields} ;;
				STATUS=fail) allowed=${__pkgscan_fail_fields} ;;
				*) return 1 ;;
			esac
		else
			name=${field%%=*}
			[[ ${field} == *=* && ${allowed} == *" ${name} "* && ${seen} != *" ${name} "* ]] || return 1
			seen+="${name} "
		fi
		__pkgscan_reply_fields+=("${field}")
	done < "${file}"
	[[ -n ${complete} ]] || return 1
	if [[ ${__pkgscan_reply_fields[0]} == STATUS=ok ]]; then
		# Every metadata key must be there.
		for name in "${__pkgscan_metadata_keys[@]}"; do
			[[ ${seen} == *" ${name} "* ]] || return 1
		done
	fi
	return 0
}

# How a child that wrote no (valid) reply ended, from its exit status, into
# __pkgscan_end_reason / __pkgscan_end_message.
__pkgscan_describe_end() {
	local status=$1 signal
	__pkgscan_end_reason=other
	if [[ -n ${__pkgscan_stopped} ]]; then
		__pkgscan_end_message="the ebuild stopped its own process; it was killed"
	elif (( status > 128 )); then
		signal=$(( status - 128 ))
		case ${signal} in
			24) __pkgscan_end_reason=limit
				__pkgscan_end_message="CPU time limit exceeded (${__pkgscan_req[LIMIT_CPU]} s; SIGXCPU)" ;;
			25) __pkgscan_end_reason=limit
				__pkgscan_end_message="output limit exceeded (${__pkgscan_req[LIMIT_OUTPUT]} bytes; SIGXFSZ)" ;;
			9) __pkgscan_end_reason=limit
				__pkgscan_end_message="killed by SIGKILL (CPU hard limit, or a kill from the ebuild)" ;;
			*) __pkgscan_end_message="the ebuild's shell was killed by signal ${signal}" ;;
		esac
	elif (( status == 97 )); then
		__pkgscan_end_message="cannot enter or write the request's TMP directory"
	elif (( status == 0 )); then
		__pkgscan_end_message="the ebuild exited (status 0) in global scope; sourcing did not finish"
	else
		__pkgscan_end_message="the ebuild exited (status ${status}) in global scope; sourcing did not finish"
	fi
	# bash reports a failed allocation and exits: that is the memory limit.
	if [[ ${__pkgscan_end_reason} == other ]] && __pkgscan_output_mentions "cannot allocate"; then
		__pkgscan_end_reason=limit
		__pkgscan_end_message="memory limit exceeded (${__pkgscan_req[LIMIT_MEM]} bytes)"
	fi
}

# The last 4 KiB of a captured output file into __pkgscan_tail. Failure path
# only: the file is at most LIMIT_OUTPUT bytes.
__pkgscan_output_tail() {
	__pkgscan_tail=
	[[ -f $1 && -s $1 ]] || return 0
	__pkgscan_tail=$(< "$1")
	(( ${#__pkgscan_tail} > 4096 )) && __pkgscan_tail=${__pkgscan_tail: -4096}
}

__pkgscan_output_mentions() {
	__pkgscan_output_tail "${__pkgscan_req[TMP]}/output"
	[[ ${__pkgscan_tail} == *"$1"* ]]
}
