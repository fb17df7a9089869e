# bash completion for cps-audit (issue 22). [cps-audit-managed-file]
# Installed by scripts/install.sh into $PREFIX/share/bash-completion/completions/cps-audit; the Debian package takes it from this path.
# Completes the commands, each command's options, the simulated cards after --card, fr|en after
# --lang, and file names after --trace and bundle (reader names are typed, never guessed).

_cps_audit() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local cards="seed cps3-rpps cps3-pin6 puk-last-try puk-blocked puk-exhausted cpe cps4 cps4-rc cps4-t0 cps3-public cps3-cl vitale unknown key-mismatch ca-expired unknown-issuer bad-cert-signature"
  case "$prev" in
    --card) COMPREPLY=($(compgen -W "$cards" -- "$cur")); return ;;
    --lang) COMPREPLY=($(compgen -W "fr en" -- "$cur")); return ;;
    --trace | --state | --trust-test-root) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --out) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --reader | --host | --port | --card-ms | --quirk) return ;;
  esac

  local verb="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      report | diagnose | bundle | journal | test | certs | simulate | help) verb="${words[i]}"; break ;;
    esac
  done

  local opts
  case "$verb" in
    report) opts="--json --reader --demo --card --real-speed --trace --lang --help" ;;
    diagnose) opts="--json --trace --lang --help" ;;
    journal) opts="--json --lang --help" ;;
    test) opts="--json --no-pin --reader --demo --card --real-speed --trace --lang --help" ;;
    certs) opts="--out --der --reader --demo --card --trace --lang --help" ;;
    bundle) opts="--reader --demo --card --lang --help" ;;
    simulate) opts="--card --host --port --state --real-speed --card-ms --quirk --lang --help" ;;
    help) opts="" ;;
    *) opts="report diagnose bundle journal test certs simulate help --demo --card --reader --trace --real-speed --accessible --no-journal --lang --help --version" ;;
  esac
  if [ "$verb" = bundle ] && [[ "$cur" != -* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _cps_audit cps-audit
