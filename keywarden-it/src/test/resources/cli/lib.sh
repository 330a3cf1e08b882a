# Helpers shared by the AWS CLI scripts. Sourced, never run on its own.
#
# Callers set, before sourcing: ENDPOINT (the server URL) and AWS_CLI (the aws command to run).
# Credentials and region come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_DEFAULT_REGION). A failed check prints "FAIL: ..." on stderr and exits 1.

: "${ENDPOINT:?the server endpoint}"
: "${AWS_CLI:?the aws command}"
: "${AWS_ACCESS_KEY_ID:?credentials come from the environment}"
: "${AWS_SECRET_ACCESS_KEY:?credentials come from the environment}"
: "${AWS_DEFAULT_REGION:?the region comes from the environment}"

# Nothing from the user's ~/.aws, no pager, JSON unless a call asks for text.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export AWS_CONFIG_FILE="$WORK/no-config" AWS_SHARED_CREDENTIALS_FILE="$WORK/no-credentials"
# One attempt per call: a local server needs no retry, and a retry would hide a failed first answer.
export AWS_PAGER="" AWS_DEFAULT_OUTPUT=json AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_ENDPOINT_URL_KMS

# Any command that fails outside a check names itself (functions and subshells inherit the trap).
set -E
trap 'echo "FAIL: line $LINENO: [$BASH_COMMAND] exited $?" >&2' ERR

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

step() {
  echo "== $*"
}

# kms ARGS...: one KMS call through the CLI under test, against ENDPOINT.
kms() {
  "$AWS_CLI" kms --endpoint-url "$ENDPOINT" "$@"
}

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() {
  [[ "$2" == "$3" ]] || fail "$1: expected [$3], got [$2]"
}

# expect_match WHAT ACTUAL REGEX
expect_match() {
  [[ "$2" =~ $3 ]] || fail "$1: [$2] does not match /$3/"
}

# expect_same_file WHAT ACTUAL_FILE EXPECTED_FILE (contents are not printed: they may be secret)
expect_same_file() {
  cmp -s "$2" "$3" || fail "$1: $2 ($(wc -c <"$2") bytes) differs from $3 ($(wc -c <"$3") bytes)"
}

# expect_error EXIT_CODE ERROR_CODE [MESSAGE_PART] -- ARGS...: the kms call must fail with that exit
# code and print that AWS error code (and message part) on stderr.
expect_error() {
  local want_rc="$1" code="$2" part=""
  shift 2
  if [[ "$1" != "--" ]]; then
    part="$1"
    shift
  fi
  shift # --
  local rc=0
  kms "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  [[ "$rc" == "$want_rc" ]] \
    || fail "kms $1: exit code $rc, expected $want_rc; stdout: $(cat "$WORK/out"); stderr: $(cat "$WORK/err")"
  grep -qF "($code)" "$WORK/err" || fail "kms $1: no ($code) in stderr: $(cat "$WORK/err")"
  [[ -z "$part" ]] || grep -qF -- "$part" "$WORK/err" \
    || fail "kms $1: stderr lacks [$part]: $(cat "$WORK/err")"
}

# b64decode_to FILE: standard input (base64 text) decoded into FILE.
b64decode_to() {
  base64 -d >"$1" || fail "not base64 (for $1)"
}

# to_epoch TIMESTAMP: seconds since the epoch, from the CLI v1 (epoch seconds) or v2 (ISO 8601) form.
to_epoch() {
  if [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    echo "${1%.*}"
  else
    date -d "$1" +%s
  fi
}

# expect_days_from_now WHAT TIMESTAMP DAYS: the timestamp is DAYS days from now (± 5 minutes).
expect_days_from_now() {
  local at now delta
  at="$(to_epoch "$2")"
  now="$(date +%s)"
  delta=$((at - now - $3 * 86400))
  ((delta > -300 && delta < 300)) || fail "$1: $2 is not $3 days from now (off by ${delta}s)"
}
