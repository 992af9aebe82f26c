# fish completion for pkgscan. Install as
# ~/.config/fish/completions/pkgscan.fish or into vendor_completions.d.

set -l commands scan show replay inspect dep version
set -l reporters text json sarif

complete -c pkgscan -f
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -l help -s h -d 'Show help'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -l version -d 'Show the version'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -a scan -d 'Scan a repository, category, package or ebuild'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -a show -d 'List checks, keywords or reporters'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -a replay -d 'Report the results of a saved JSON Lines report'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -a inspect -d 'Show the parsed metadata of ebuilds'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -a dep -d 'Parse dependency specifications'
complete -c pkgscan -n "not __fish_seen_subcommand_from $commands" -a version -d 'Compare or sort versions'

# scan
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -F -d 'Target'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -s r -l repo -r -a '(__fish_complete_directories)' -d 'Repository to scan'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l repo-path -x -d 'Master repository: NAME=PATH'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -s c -l checks -x -d 'Checks: X,Y, +X, -X'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -s k -l keywords -x -d 'Keywords or levels: X,Y, +X, -X'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -s R -l reporter -x -a "$reporters" -d 'Output format'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -s o -l output -r -F -d 'Write the report to FILE'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -s j -l jobs -x -d 'Threads'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l exit -x -a 'error warning style info none' -d 'Exit 1 on results at this level'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l config -r -F -d 'Extra YAML configuration file'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l cache-only -d 'Trust the md5-cache: do not hash ebuilds'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l timings -d 'Print where the time went to stderr'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l color -x -a 'auto always never' -d 'Colour the text report'
complete -c pkgscan -n "__fish_seen_subcommand_from scan" -l no-user-config -d 'Ignore the user configuration file'

# show
complete -c pkgscan -n "__fish_seen_subcommand_from show; and not __fish_seen_subcommand_from checks keywords reporters" -a 'checks keywords reporters'
complete -c pkgscan -n "__fish_seen_subcommand_from show" -l json -d 'JSON output'

# replay
complete -c pkgscan -n "__fish_seen_subcommand_from replay" -F -d 'JSON Lines report'
complete -c pkgscan -n "__fish_seen_subcommand_from replay" -s R -l reporter -x -a "$reporters" -d 'Output format'
complete -c pkgscan -n "__fish_seen_subcommand_from replay" -s o -l output -r -F -d 'Write the report to FILE'
complete -c pkgscan -n "__fish_seen_subcommand_from replay" -l color -x -a 'auto always never' -d 'Colour the text report'

# inspect
complete -c pkgscan -n "__fish_seen_subcommand_from inspect" -F -d 'Target'
complete -c pkgscan -n "__fish_seen_subcommand_from inspect" -s r -l repo -r -a '(__fish_complete_directories)' -d 'Repository'
complete -c pkgscan -n "__fish_seen_subcommand_from inspect" -l repo-path -x -d 'Master repository: NAME=PATH'
complete -c pkgscan -n "__fish_seen_subcommand_from inspect" -l json -d 'JSON output'
complete -c pkgscan -n "__fish_seen_subcommand_from inspect" -l deps-graph -d 'Show the build graph and bootstrap cycles'

# dep
complete -c pkgscan -n "__fish_seen_subcommand_from dep; and not __fish_seen_subcommand_from parse" -a parse -d 'Parse dependency specifications'
complete -c pkgscan -n "__fish_seen_subcommand_from dep" -l eapi -x -a '0 1 2 3 4 5 6 7 8 9' -d 'EAPI'
complete -c pkgscan -n "__fish_seen_subcommand_from dep" -l json -d 'JSON output'

# version
complete -c pkgscan -n "__fish_seen_subcommand_from version; and not __fish_seen_subcommand_from compare sort" -a 'compare sort'
