# pkgscan ebuild environment: the worker (entry point).
#
# Started by the C++ side as `bash --noprofile --norc <dir>/worker.bash`
# with fd 3 = requests, fd 4 = replies, fd 0-2 = /dev/null and a minimal
# environment (PKGSCAN_ENV_DIR, LC_ALL=C, HOME, TMPDIR). The protocol and
# the file layout are described in README.md next to this file.
#
# Processes: the ebuild must not find the processes that matter by reading
# $$ or $PPID. So this file runs three times over:
#   launcher  the process the C++ side started. It starts the loader and
#             waits, ignoring the usual signals. In a pid namespace it is
#             pid 1, which no process inside may kill; otherwise it stands
#             between the C++ process and every ebuild's $PPID.
#   loader    `worker.bash --serve`: defines the environment once, starts the
#             server and waits. Its pid is the ebuilds' $$.
#   server    a subshell of the loader that reads requests and forks one
#             child per ebuild. Only it holds fds 3 and 4; an ebuild must
#             read /proc to find it. If it dies the C++ side sees EOF on
#             fd 4 and starts a new worker.
# Each per-ebuild child runs in its own process group (job control in the
# server), so `kill 0` in an ebuild ends only that ebuild, and whatever it
# left running is killed with its group before the reply is sent.

__pkgscan_ignore_signals() {
	trap '' TERM INT HUP QUIT USR1 USR2 ALRM
}

if [[ $1 != --serve ]]; then
	# Launcher. The loader inherits fds 3 and 4; this process drops them so
	# that only the server holds them.
	"${BASH}" --noprofile --norc "${BASH_SOURCE[0]}" --serve &
	__pkgscan_loader=$!
	exec 3<&- 4>&-
	__pkgscan_ignore_signals
	# wait returns early when a signal arrives; wait until the loader is gone.
	while :; do
		wait "${__pkgscan_loader}"
		__pkgscan_status=$?
		builtin kill -0 "${__pkgscan_loader}" 2>/dev/null || exit "${__pkgscan_status}"
	done
fi

# --- Loader: define the environment --------------------------------------------

shift $#
unalias -a
__pkgscan_env_dir=${PKGSCAN_ENV_DIR:-${BASH_SOURCE[0]%/*}}
source "${__pkgscan_env_dir}/eapi.bash" || exit 90
source "${__pkgscan_env_dir}/helpers.bash" || exit 90
source "${__pkgscan_env_dir}/inherit.bash" || exit 90
source "${__pkgscan_env_dir}/depend.bash" || exit 90
source "${__pkgscan_env_dir}/server.bash" || exit 90

(
	# --- Server ---------------------------------------------------------------
	__pkgscan_ignore_signals
	set -m
	declare -A __pkgscan_req
	while __pkgscan_read_request; do
		if ! __pkgscan_check_request; then
			__pkgscan_send_reply "" 0
			continue
		fi
		__pkgscan_prepare_request
		(
			# --- Per-ebuild child: at the top level, like Portage's ebuild.sh.
			__pkgscan_child_setup
			__pkgscan_eapi_failglob "${__pkgscan_eapi}" && shopt -s failglob
			source "${__pkgscan_ebuild}"
			__pkgscan_child_finish $?
		) &
		__pkgscan_child=$!
		wait "${__pkgscan_child}"
		__pkgscan_status=$?
		# Whatever the ebuild left running in its process group goes too,
		# and a child that stopped itself (job control reports it) is ended.
		builtin kill -s KILL -- "-${__pkgscan_child}" 2>/dev/null
		__pkgscan_stopped=
		if builtin kill -0 "${__pkgscan_child}" 2>/dev/null; then
			__pkgscan_stopped=${__pkgscan_status}
			wait "${__pkgscan_child}"
			__pkgscan_status=$?
		fi
		__pkgscan_send_reply "${__pkgscan_child}" "${__pkgscan_status}"
	done
	exit 0
) &
__pkgscan_server=$!
exec 3<&- 4>&-
__pkgscan_ignore_signals
while :; do
	wait "${__pkgscan_server}"
	__pkgscan_status=$?
	builtin kill -0 "${__pkgscan_server}" 2>/dev/null || exit "${__pkgscan_status}"
done
