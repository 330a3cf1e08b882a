#!/usr/bin/env bash
# Secrets Manager through the AWS CLI, v1 or v2: create-secret, get-secret-value (by name and ARN),
# put-secret-value with its staging labels, list-secret-version-ids, list-secrets with filters (and
# the CLI's own paging), batch-get-secret-value (v1: the v2 CLI here predates it), tag-resource,
# describe-secret, replicate-secret-to-regions (read from the replica's region, writes refused there,
# the primary-region filter, remove-regions-from-replication), rotate-secret and cancel-rotate-secret
# (when ROTATION_FUNCTION_ARN names an HTTP rotation function registered on the server),
# delete-secret, restore-secret, get-random-password, and AWS's errors.
#
# Usage: secrets.sh ENDPOINT AWS_ERROR_EXIT_CODE (255 for v1, 254 for v2)
# AWS_CLI names the CLI; credentials and region come from the environment. Exits 0 when every check
# passes; otherwise prints "FAIL: ..." on stderr and exits non-zero.
set -euo pipefail
ENDPOINT="${1:?usage: secrets.sh ENDPOINT AWS_ERROR_EXIT_CODE}"
AWS_ERROR="${2:?usage: secrets.sh ENDPOINT AWS_ERROR_EXIT_CODE}"
: "${AWS_CLI:?the aws command}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
"$AWS_CLI" --version 2>&1

# sm ARGS...: one Secrets Manager call through the CLI under test, against ENDPOINT.
sm() {
  "$AWS_CLI" secretsmanager --endpoint-url "$ENDPOINT" "$@"
}

# expect_sm_error CODE [MESSAGE_PART] -- ARGS...: the call fails with AWS_ERROR and prints (CODE).
expect_sm_error() {
  local code="$1" part="" rc=0
  shift
  if [[ "$1" != "--" ]]; then
    part="$1"
    shift
  fi
  shift # --
  sm "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  [[ "$rc" == "$AWS_ERROR" ]] || fail "secretsmanager $1: exit code $rc, expected $AWS_ERROR; $(cat "$WORK/err")"
  grep -qF "($code)" "$WORK/err" || fail "secretsmanager $1: no ($code) in stderr: $(cat "$WORK/err")"
  [[ -z "$part" ]] || grep -qF -- "$part" "$WORK/err" || fail "secretsmanager $1: stderr lacks [$part]: $(cat "$WORK/err")"
}

# Scripts of both CLIs may share the account: every name is under this run's prefix.
P="cli-$RANDOM$RANDOM"

step "create-secret, get-secret-value by name and by ARN"
ARN="$(sm create-secret --name "$P/db" --secret-string '{"username":"app","password":"p1"}' \
  --description "cli database" --tags Key=team,Value=red --query ARN --output text)"
expect_match "ARN" "$ARN" "^arn:aws:secretsmanager:us-east-1:[0-9]{12}:secret:$P/db-[A-Za-z0-9]{6}$"
expect_eq "value by name" "$(sm get-secret-value --secret-id "$P/db" --query SecretString --output text)" \
  '{"username":"app","password":"p1"}'
expect_eq "value by ARN" "$(sm get-secret-value --secret-id "$ARN" --query SecretString --output text)" \
  '{"username":"app","password":"p1"}'
expect_eq "stages" "$(sm get-secret-value --secret-id "$P/db" --query 'VersionStages[0]' --output text)" AWSCURRENT

step "put-secret-value moves AWSCURRENT and AWSPREVIOUS; a binary value from a file"
sm put-secret-value --secret-id "$P/db" --secret-string '{"username":"app","password":"p2"}' >/dev/null
expect_eq "current" "$(sm get-secret-value --secret-id "$P/db" --query SecretString --output text)" \
  '{"username":"app","password":"p2"}'
expect_eq "previous" "$(sm get-secret-value --secret-id "$P/db" --version-stage AWSPREVIOUS --query SecretString --output text)" \
  '{"username":"app","password":"p1"}'
expect_eq "versions" "$(sm list-secret-version-ids --secret-id "$P/db" --query 'length(Versions)' --output text)" 2
head -c 512 /dev/urandom >"$WORK/blob.bin"
sm create-secret --name "$P/blob" --secret-binary "fileb://$WORK/blob.bin" >/dev/null
sm get-secret-value --secret-id "$P/blob" --query SecretBinary --output text | b64decode_to "$WORK/blob.out"
expect_same_file "binary value" "$WORK/blob.out" "$WORK/blob.bin"

step "list-secrets with filters; the CLI's paging"
sm create-secret --name "$P/api" --secret-string k --tags Key=team,Value=blue >/dev/null
expect_eq "by name prefix" "$(sm list-secrets --filters Key=name,Values="$P/" --query 'length(SecretList)' --output text)" 3
expect_eq "by tag value" "$(sm list-secrets --filters Key=name,Values="$P/" Key=tag-value,Values=blue --query 'SecretList[0].Name' --output text)" "$P/api"
expect_eq "by description" "$(sm list-secrets --filters Key=name,Values="$P/" Key=description,Values="cli data" --query 'SecretList[0].Name' --output text)" "$P/db"
expect_eq "negated" "$(sm list-secrets --filters Key=name,Values="$P/" Key=name,Values="!$P/b" --query 'length(SecretList)' --output text)" 2
# The CLI follows NextToken itself; a text query prints each page's names.
expect_eq "paged by 1" "$(sm list-secrets --filters Key=name,Values="$P/" --page-size 1 --query 'SecretList[].Name' --output text | wc -w)" 3

if sm help 2>/dev/null | grep -q batch-get-secret-value; then
  step "batch-get-secret-value: values, and a missing secret in Errors"
  sm batch-get-secret-value --secret-id-list "$P/db" "$P/api" "$P/missing" >"$WORK/batch.json"
  expect_eq "values" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sorted(v["SecretString"] for v in r["SecretValues"]))' "$WORK/batch.json")" \
    "['k', '{\"username\":\"app\",\"password\":\"p2\"}']"
  expect_eq "errors" "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print([(e["SecretId"].split("/")[-1], e["ErrorCode"]) for e in r["Errors"]])' "$WORK/batch.json")" \
    "[('missing', 'ResourceNotFoundException')]"
  expect_eq "by filter" "$(sm batch-get-secret-value --filters Key=name,Values="$P/api" --query 'SecretValues[0].SecretString' --output text)" k
fi

step "tag-resource, describe-secret"
sm tag-resource --secret-id "$P/db" --tags Key=env,Value=prod
expect_eq "tags" "$(sm describe-secret --secret-id "$P/db" --query 'length(Tags)' --output text)" 2
expect_eq "description" "$(sm describe-secret --secret-id "$ARN" --query Description --output text)" "cli database"

step "replicate-secret-to-regions, read in the replica's region, remove-regions-from-replication"
R2=eu-west-3
[[ "$AWS_DEFAULT_REGION" != "$R2" ]] || R2=eu-west-2
expect_eq "replica status" "$(sm replicate-secret-to-regions --secret-id "$P/api" --add-replica-regions Region=$R2 --query 'ReplicationStatus[0].Status' --output text)" InSync
expect_eq "read in the replica's region" "$(sm --region $R2 get-secret-value --secret-id "$P/api" --query SecretString --output text)" k
expect_sm_error InvalidParameterException "replica secret" -- --region $R2 put-secret-value --secret-id "$P/api" --secret-string x
expect_eq "primary-region filter" "$(sm --region $R2 list-secrets --filters Key=primary-region,Values="$AWS_DEFAULT_REGION" Key=name,Values="$P/" --query 'SecretList[].Name' --output text)" "$P/api"
expect_sm_error InvalidParameterException "still has replica regions" -- delete-secret --secret-id "$P/api" --force-delete-without-recovery
sm remove-regions-from-replication --secret-id "$P/api" --remove-replica-regions $R2 >/dev/null
expect_sm_error ResourceNotFoundException -- --region $R2 describe-secret --secret-id "$P/api"

if [[ -n "${ROTATION_FUNCTION_ARN:-}" ]]; then
  step "rotate-secret through an HTTP rotation function, cancel-rotate-secret"
  sm create-secret --name "$P/rotated" --secret-string '{"password":"r1"}' >/dev/null
  V="$(sm rotate-secret --secret-id "$P/rotated" --rotation-lambda-arn "$ROTATION_FUNCTION_ARN" \
    --rotation-rules AutomaticallyAfterDays=30 --query VersionId --output text)"
  # The rotation runs in the background: wait (60 s at most) until AWSCURRENT is on the new version.
  cur=""
  for _ in $(seq 1 30); do
    cur="$(sm get-secret-value --secret-id "$P/rotated" --query VersionId --output text)"
    [[ "$cur" == "$V" ]] && break
    sleep 2
  done
  expect_eq "rotated to the new version" "$cur" "$V"
  expect_eq "rotation configuration" "$(sm describe-secret --secret-id "$P/rotated" \
    --query '[RotationEnabled, RotationRules.AutomaticallyAfterDays, RotationLambdaARN]' --output text)" \
    "$(printf 'True\t30\t%s' "$ROTATION_FUNCTION_ARN")"
  sm cancel-rotate-secret --secret-id "$P/rotated" >/dev/null
  expect_eq "rotation cancelled" "$(sm describe-secret --secret-id "$P/rotated" --query RotationEnabled --output text)" False
  expect_sm_error AccessDeniedException "cannot invoke the specified Lambda function" -- \
    rotate-secret --secret-id "$P/api" --rotation-lambda-arn arn:aws:lambda:us-east-1:000000000000:function:missing
fi

step "errors"
expect_sm_error ResourceExistsException "already exists" -- create-secret --name "$P/db" --secret-string x
expect_sm_error ResourceNotFoundException "can't find the specified secret" -- get-secret-value --secret-id "$P/none"
expect_sm_error InvalidParameterException -- delete-secret --secret-id "$P/db" --recovery-window-in-days 3

step "delete-secret with a recovery window, restore-secret, force delete"
DELETION="$(sm delete-secret --secret-id "$P/db" --recovery-window-in-days 7 --query DeletionDate --output text)"
expect_days_from_now "DeletionDate" "$DELETION" 7
expect_sm_error InvalidRequestException "marked for deletion" -- get-secret-value --secret-id "$P/db"
sm restore-secret --secret-id "$P/db" >/dev/null
expect_eq "restored" "$(sm get-secret-value --secret-id "$P/db" --query SecretString --output text)" \
  '{"username":"app","password":"p2"}'
sm delete-secret --secret-id "$P/blob" --force-delete-without-recovery >/dev/null
expect_sm_error ResourceNotFoundException -- describe-secret --secret-id "$P/blob"

step "get-random-password"
PW="$(sm get-random-password --password-length 24 --exclude-punctuation --query RandomPassword --output text)"
expect_match "password" "$PW" '^[A-Za-z0-9]{24}$'

echo "secrets.sh: all checks passed"
