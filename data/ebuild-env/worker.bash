# pkgscan ebuild environment: the worker (entry point).
#
# Started by the C++ side as `bash --noprofile --norc <dir>/worker.bash`
# with fd 3 = requests, fd 4 = replies, fd 0-2 = /dev/null, the cwd a private
# directory and a minimal environment (PKGSCAN_ENV_DIR, LC_ALL=C, HOME,
# TMPDIR). The protocol and the file layout are described in README.md.
#
# Processes. This file runs twice: as the launcher, and (with --serve) as the
# loader, which defines the environment and starts the two processes that do
# the work:
#
#   launcher    the process the C++ side started: starts the loader and
#               waits, ignoring the usual signals. In a pid namespace it is
#               pid 1, which no process inside may kill; otherwise it stands
#               between the C++ process and every ebuild's $PPID.
#   loader      defines the environment once, starts the forker and the
#               controller, waits. Its pid is every ebuild's $$.
#   forker      a subshell of the loader (so it has every function defined)
#               that forks one child per ebuild, waits for it and reports
#               how it ended. It does nothing else: after a fork every page
#               a process writes costs a copy-on-write fault, which on some
#               virtual machines costs more than sourcing a small ebuild.
#   controller  a subshell of the loader that never forks: it reads the
#               requests (fd 3), hands each to the forker, checks what the
#               child left and sends exactly one reply (fd 4). Only it holds
#               fds 3 and 4. If it dies the C++ side sees EOF on fd 4 and
#               starts a new worker.
#   child       one per ebuild, forked by the forker, in a process group of
#               its own (job control in the forker): `kill 0` in an ebuild
#               ends only that ebuild, and whatever it left running is killed
#               with its group before the reply is sent.
# An ebuild that means to kill the worker has to read /proc to find the
# controller or the forker: $$ and $PPID point to processes whose death
# changes nothing (or that cannot be killed from inside a pid namespace).

__pkgscan_ignore_signals() {
	trap '' TERM INT HUP QUIT USR1 USR2 ALRM
}

# Waits until the process $1 is gone (wait also returns for signals).
__pkgscan_wait_for() {
	local status
	while :; do
		wait "$1"
		status=$?
		builtin kill -0 "$1" 2>/dev/null || return "${status}"
	done
}

if [[ $1 == --child ]]; then
	# --- A per-ebuild child in a fresh bash (see the forker below): the
	# environment is defined again, then the same three steps.
	__pkgscan_tmp=$2
	shift $#
	unalias -a
	__pkgscan_env_dir=${PKGSCAN_ENV_DIR:-${BASH_SOURCE[0]%/*}}
	source "${__pkgscan_env_dir}/eapi.bash" || exit 90
	source "${__pkgscan_env_dir}/helpers.bash" || exit 90
	source "${__pkgscan_env_dir}/inherit.bash" || exit 90
	source "${__pkgscan_env_dir}/depend.bash" || exit 90
	__pkgscan_child_start "${__pkgscan_tmp}"
	__pkgscan_eapi_failglob "${__pkgscan_eapi}" && shopt -s failglob
	source "${__pkgscan_ebuild}"
	__pkgscan_child_finish $?
fi

if [[ $1 != --serve ]]; then
	# --- Launcher. The loader inherits fds 3 and 4; this process drops them.
	"${BASH}" --noprofile --norc "${BASH_SOURCE[0]}" --serve &
	__pkgscan_loader=$!
	exec 3<&- 4>&-
	__pkgscan_ignore_signals
	__pkgscan_wait_for "${__pkgscan_loader}"
	exit
fi

# --- Loader: define the environment ------------------------------------------

shift $#
unalias -a
__pkgscan_env_dir=${PKGSCAN_ENV_DIR:-${BASH_SOURCE[0]%/*}}
source "${__pkgscan_env_dir}/eapi.bash" || exit 90
source "${__pkgscan_env_dir}/helpers.bash" || exit 90
source "${__pkgscan_env_dir}/inherit.bash" || exit 90
source "${__pkgscan_env_dir}/depend.bash" || exit 90
source "${__pkgscan_env_dir}/controller.bash" || exit 90
__pkgscan_ignore_signals

# --- Forker: reads "MODE TMP" lines from the controller, runs a child for the
# request in TMP, answers with the child's exit status on stdout.
#
# MODE f: the child is a subshell of the forker, which already has the
# environment defined -- the fast way. MODE x: the child is a fresh bash
# process running this file with --child. A subshell differs from Portage's
# ebuild.sh in one way that shows: after an expansion error (a glob that
# matches nothing under failglob, a bad substitution...) bash abandons the
# rest of that line and goes on with the next one at the top level of a
# script, but leaves a subshell altogether. The controller therefore runs a
# request again in MODE x when its subshell ended without a reply.
coproc __pkgscan_forker {
	exec 3<&- 4>&-
	set -m
	while IFS= read -r __pkgscan_tmp; do
		__pkgscan_mode=${__pkgscan_tmp%% *}
		__pkgscan_tmp=${__pkgscan_tmp#* }
		if [[ ${__pkgscan_mode} == x ]]; then
			(
				# Not exec: the fresh bash's $PPID is then this subshell,
				# not the forker. Signals the worker ignores would stay
				# ignored for good in a new bash; they are reset first.
				set +m
				trap - TERM INT HUP QUIT USR1 USR2 ALRM
				"${BASH}" --noprofile --norc "${__pkgscan_env_dir}/worker.bash" --child "${__pkgscan_tmp}"
				exit
			) &
		else
			(
				# --- Per-ebuild child: at the top level, like Portage's
				# ebuild.sh (so that `local` in the ebuild is an error and
				# `declare` makes globals). __pkgscan_child_start exits on a
				# broken request.
				__pkgscan_child_start "${__pkgscan_tmp}"
				__pkgscan_eapi_failglob "${__pkgscan_eapi}" && shopt -s failglob
				source "${__pkgscan_ebuild}"
				__pkgscan_child_finish $?
			) &
		fi
		__pkgscan_child=$!
		wait "${__pkgscan_child}"
		__pkgscan_status=$?
		# Whatever the ebuild left running in its process group goes too.
		# (A child that stops itself with SIGSTOP is not seen here: wait goes
		# on waiting, and the C++ side's time limit ends the worker.)
		builtin kill -s KILL -- "-${__pkgscan_child}" 2>/dev/null
		builtin echo "${__pkgscan_status}"
	done
	exit 0
}
# Coprocess fds are not passed to subshells; the controller gets copies.
exec 5>&"${__pkgscan_forker[1]}" 6<&"${__pkgscan_forker[0]}"
__pkgscan_forker_pid=${__pkgscan_forker_PID}

# --- Controller ----------------------------------------------------------------
(
	__pkgscan_serve
	exit
) &
__pkgscan_controller=$!

exec 3<&- 4>&- 5>&- 6<&-
eval "exec ${__pkgscan_forker[0]}<&- ${__pkgscan_forker[1]}>&-"
__pkgscan_wait_for "${__pkgscan_controller}"
__pkgscan_status=$?
# The forker ends when its input closes; if it hangs, it is killed.
builtin kill -s KILL "${__pkgscan_forker_pid}" 2>/dev/null
exit "${__pkgscan_status}"
