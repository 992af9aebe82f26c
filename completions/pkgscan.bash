# bash completion for pkgscan                                  -*- shell-script -*-
# Install as /usr/share/bash-completion/completions/pkgscan, or source it.
# Self-contained: it does not need the bash-completion package's helpers.

_pkgscan() {
  local cur prev words cword
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev=""
  ((COMP_CWORD > 0)) && prev="${COMP_WORDS[COMP_CWORD - 1]}"
  COMPREPLY=()

  local reporters="text json sarif"
  local levels="error warning style info none"

  # The subcommand is the first word after the options of pkgscan itself.
  local cmd="" sub="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      -*) ;;
      *)
        if [[ -z "$cmd" ]]; then
          cmd="${COMP_WORDS[i]}"
        elif [[ -z "$sub" ]]; then
          sub="${COMP_WORDS[i]}"
        fi
        ;;
    esac
  done

  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "scan show replay inspect dep version" -- "$cur"))
    fi
    return 0
  fi

  case "$cmd" in
    scan)
      case "$prev" in
        -R | --reporter)
          COMPREPLY=($(compgen -W "$reporters" -- "$cur"))
          return 0
          ;;
        --exit)
          COMPREPLY=($(compgen -W "$levels" -- "$cur"))
          return 0
          ;;
        --color)
          COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
          return 0
          ;;
        -r | --repo)
          COMPREPLY=($(compgen -d -- "$cur"))
          return 0
          ;;
        -o | --output | --config)
          COMPREPLY=($(compgen -f -- "$cur"))
          return 0
          ;;
        -c | --checks | -k | --keywords | -j | --jobs | --repo-path)
          return 0
          ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "-r --repo -c --checks -k --keywords -R --reporter
          -o --output -j --jobs --exit --repo-path --config --cache-only --timings --color
          --no-user-config -h --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -d -- "$cur"))
      fi
      ;;
    show)
      if [[ -z "$sub" && "$cur" != -* ]]; then
        COMPREPLY=($(compgen -W "checks keywords reporters" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "--json -h --help" -- "$cur"))
      fi
      ;;
    replay)
      case "$prev" in
        -R | --reporter)
          COMPREPLY=($(compgen -W "$reporters" -- "$cur"))
          return 0
          ;;
        --color)
          COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
          return 0
          ;;
        -o | --output)
          COMPREPLY=($(compgen -f -- "$cur"))
          return 0
          ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "-R --reporter -o --output --color -h --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    inspect)
      case "$prev" in
        -r | --repo)
          COMPREPLY=($(compgen -d -- "$cur"))
          return 0
          ;;
        --repo-path)
          return 0
          ;;
      esac
      if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "-r --repo --repo-path --json --deps-graph -h --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -- "$cur"))
      fi
      ;;
    dep)
      if [[ -z "$sub" ]]; then
        COMPREPLY=($(compgen -W "parse" -- "$cur"))
      elif [[ "$prev" == "--eapi" ]]; then
        COMPREPLY=($(compgen -W "0 1 2 3 4 5 6 7 8 9" -- "$cur"))
      elif [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "--eapi --json -h --help" -- "$cur"))
      fi
      ;;
    version)
      if [[ -z "$sub" ]]; then
        COMPREPLY=($(compgen -W "compare sort" -- "$cur"))
      fi
      ;;
  esac
  return 0
}

complete -o filenames -F _pkgscan pkgscan
