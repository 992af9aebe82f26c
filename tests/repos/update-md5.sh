#!/usr/bin/env bash
# update-md5.sh REPO: rewrites the _md5_ and _eclasses_ checksums of every
# md5-cache entry in a hand-written fixture repository from its ebuilds and
# eclasses, so fixtures can be authored (or edited) by hand and made fresh.
#
#   _md5_        = md5 of <cat>/<pkg>/<PF>.ebuild
#   _eclasses_   = each name<TAB>md5 pair recomputed from REPO/eclass/<name>.eclass;
#                  a pair whose eclass is not in REPO/eclass (it lives in a master)
#                  is left as it is, with a warning.
#
# Entries listed in REPO/.keep-stale (one cat/PF per line, # comments allowed)
# are left untouched, so a fixture can keep a deliberately stale entry.
# Other values of the entry (DEPEND, IUSE, ...) are never changed: this tool
# cannot source ebuilds, it only refreshes the checksums.
set -euo pipefail

if [[ $# -ne 1 || ! -d $1/metadata/md5-cache ]]; then
	echo "usage: $0 REPO   (REPO must contain metadata/md5-cache)" >&2
	exit 2
fi
repo=${1%/}

declare -A keep=()
if [[ -f $repo/.keep-stale ]]; then
	while read -r line; do
		line=${line%%#*}
		line=${line//[[:space:]]/}
		[[ -n $line ]] && keep[$line]=1
	done < "$repo/.keep-stale"
fi

md5_of() { md5sum "$1" | cut -d' ' -f1; }

declare -A eclass_md5=()
if [[ -d $repo/eclass ]]; then
	for f in "$repo"/eclass/*.eclass; do
		[[ -e $f ]] || continue
		name=${f##*/}
		eclass_md5[${name%.eclass}]=$(md5_of "$f")
	done
fi

updated=0 kept=0 orphans=0
for entry in "$repo"/metadata/md5-cache/*/*; do
	[[ -f $entry ]] || continue
	pf=${entry##*/}
	cat=${entry%/*}; cat=${cat##*/}
	if [[ -n ${keep[$cat/$pf]:-} ]]; then
		kept=$((kept + 1))
		continue
	fi
	ebuilds=( "$repo/$cat"/*/"$pf.ebuild" )
	if [[ ! -f ${ebuilds[0]} ]]; then
		echo "warning: $cat/$pf: no ebuild, entry left as it is" >&2
		orphans=$((orphans + 1))
		continue
	fi
	new_md5=$(md5_of "${ebuilds[0]}")
	tmp=$(mktemp)
	while IFS= read -r line || [[ -n $line ]]; do
		case $line in
		_md5_=*)
			printf '_md5_=%s\n' "$new_md5" ;;
		_eclasses_=*)
			IFS=$'\t' read -r -a parts <<< "${line#_eclasses_=}"
			out=""
			for ((i = 0; i + 1 < ${#parts[@]}; i += 2)); do
				name=${parts[i]} sum=${parts[i + 1]}
				if [[ -n ${eclass_md5[$name]:-} ]]; then
					sum=${eclass_md5[$name]}
				else
					echo "warning: $cat/$pf: eclass $name not in $repo/eclass, checksum kept" >&2
				fi
				out+="${out:+$'\t'}$name"$'\t'"$sum"
			done
			printf '_eclasses_=%s\n' "$out" ;;
		*)
			printf '%s\n' "$line" ;;
		esac
	done < "$entry" > "$tmp"
	# Entries written by hand may lack _md5_; add it (keys stay sorted: it is last).
	grep -q '^_md5_=' "$tmp" || printf '_md5_=%s\n' "$new_md5" >> "$tmp"
	if ! cmp -s "$tmp" "$entry"; then
		cat "$tmp" > "$entry"
		updated=$((updated + 1))
	fi
	rm -f "$tmp"
done
echo "update-md5: $updated entries updated, $kept kept stale, $orphans without ebuild"
