#!/usr/bin/env bash
# CloudTrail LookupEvents (and KMS GetKeyLastUsage where the CLI has it) through the AWS CLI, v1 or
# v2: every KMS call is found in the audit log by `aws cloudtrail lookup-events`, the CLI's own
# paging follows NextToken, CloudTrailEvent holds the record without the plaintext, and bad requests
# get CloudTrail's own errors.
#
# Usage: cloudtrail.sh ENDPOINT AWS_ERROR_EXIT_CODE (255 for v1, 254 for v2)
# AWS_CLI names the CLI; credentials and region come from the environment. Exits 0 when every check
# passes; otherwise prints "FAIL: ..." on stderr and exits non-zero.
set -euo pipefail
ENDPOINT="${1:?usage: cloudtrail.sh ENDPOINT AWS_ERROR_EXIT_CODE}"
AWS_ERROR="${2:?usage: cloudtrail.sh ENDPOINT AWS_ERROR_EXIT_CODE}"
: "${AWS_CLI:?the aws command}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
"$AWS_CLI" --version 2>&1

# cloudtrail ARGS...: one CloudTrail call through the CLI under test, against ENDPOINT.
cloudtrail() {
  "$AWS_CLI" cloudtrail --endpoint-url "$ENDPOINT" "$@"
}

# json_field FILE EXPRESSION: a Python expression over `r`, the JSON in FILE (os.environ at hand).
json_field() {
  python3 -c 'import json,os,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# expect_cloudtrail_error CODE -- ARGS...: the call fails with AWS_ERROR and prints (CODE).
expect_cloudtrail_error() {
  local code="$1" rc=0
  shift 2
  cloudtrail "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  [[ "$rc" == "$AWS_ERROR" ]] || fail "cloudtrail $1: exit code $rc, expected $AWS_ERROR; $(cat "$WORK/err")"
  grep -qF "($code)" "$WORK/err" || fail "cloudtrail $1: no ($code) in stderr: $(cat "$WORK/err")"
}

PLAINTEXT="lookup me up, but never my plaintext"
step "create a key, encrypt twice, decrypt"
KEY_ARN="$(kms create-key --description cloudtrail-cli --query KeyMetadata.Arn --output text)"
export KEY_ARN
# Other scripts may share the account: checks look at this key's events.
MINE='[e for e in r["Events"] if any(x.get("ResourceName") == os.environ["KEY_ARN"] for x in e["Resources"])]'
MINE_QUERY="Events[?Resources[0].ResourceName=='$KEY_ARN']"
printf '%s' "$PLAINTEXT" >"$WORK/plain.txt"
kms encrypt --key-id "$KEY_ARN" --plaintext "fileb://$WORK/plain.txt" --query CiphertextBlob --output text \
  | b64decode_to "$WORK/ct.bin"
kms encrypt --key-id "$KEY_ARN" --plaintext "fileb://$WORK/plain.txt" --query CiphertextBlob --output text >/dev/null
kms decrypt --ciphertext-blob "fileb://$WORK/ct.bin" --query KeyId --output text >/dev/null

step "lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=Encrypt"
cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=Encrypt >"$WORK/encrypts.json"
expect_eq "all Encrypt" "$(json_field "$WORK/encrypts.json" 'sorted({e["EventName"] for e in r["Events"]})')" "['Encrypt']"
expect_eq "Encrypt events of the key" "$(json_field "$WORK/encrypts.json" "len($MINE)")" 2
expect_eq "EventSource" "$(json_field "$WORK/encrypts.json" "$MINE[0]['EventSource']")" kms.amazonaws.com
expect_eq "ReadOnly" "$(json_field "$WORK/encrypts.json" "$MINE[0]['ReadOnly']")" true
expect_eq "AccessKeyId" "$(json_field "$WORK/encrypts.json" "$MINE[0]['AccessKeyId']")" "$AWS_ACCESS_KEY_ID"
expect_eq "Username" "$(json_field "$WORK/encrypts.json" "$MINE[0]['Username']")" root
expect_eq "ResourceType" "$(json_field "$WORK/encrypts.json" "$MINE[0]['Resources'][0]['ResourceType']")" AWS::KMS::Key
record="$(json_field "$WORK/encrypts.json" "$MINE[0]['CloudTrailEvent']")"
printf '%s' "$record" >"$WORK/record.json"
expect_eq "CloudTrailEvent.eventName" "$(json_field "$WORK/record.json" 'r["eventName"]')" Encrypt
expect_eq "CloudTrailEvent.eventID is EventId" "$(json_field "$WORK/record.json" 'r["eventID"]')" \
  "$(json_field "$WORK/encrypts.json" "$MINE[0]['EventId']")"
expect_eq "CloudTrailEvent.requestParameters.keyId" "$(json_field "$WORK/record.json" 'r["requestParameters"]["keyId"]')" "$KEY_ARN"
plaintext_b64="$(base64 -w0 <"$WORK/plain.txt")"
[[ "$record" != *"$PLAINTEXT"* && "$record" != *"$plaintext_b64"* ]] || fail "the record holds the plaintext"

step "the CLI pages through NextToken (--page-size 1)"
cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue="$KEY_ARN" --page-size 1 \
  >"$WORK/paged.json"
expect_eq "events of the key, one page at a time" \
  "$(json_field "$WORK/paged.json" '[e["EventName"] for e in r["Events"]]')" "['Decrypt', 'Encrypt', 'Encrypt', 'CreateKey']"
cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue="$KEY_ARN" --max-items 2 \
  >"$WORK/first2.json"
token="$(json_field "$WORK/first2.json" 'r["NextToken"]')"
cloudtrail lookup-events --lookup-attributes AttributeKey=ResourceName,AttributeValue="$KEY_ARN" --max-items 2 \
  --starting-token "$token" >"$WORK/next2.json"
expect_eq "the rest after --starting-token" "$(json_field "$WORK/next2.json" '[e["EventName"] for e in r["Events"]]')" \
  "['Encrypt', 'CreateKey']"

step "lookup by time range and by ReadOnly"
now="$(date -u +%s)"
expect_eq "writes in the last hour" "$(cloudtrail lookup-events --start-time "$((now - 3600))" --end-time "$((now + 60))" \
  --lookup-attributes AttributeKey=ReadOnly,AttributeValue=false --query "$MINE_QUERY.EventName" --output text)" CreateKey
expect_eq "nothing in the future" "$(cloudtrail lookup-events --start-time "$((now + 3600))" \
  --query 'length(Events)' --output text)" 0

step "CloudTrail's own errors"
expect_cloudtrail_error InvalidLookupAttributesException -- lookup-events \
  --lookup-attributes AttributeKey=EventName,AttributeValue=Encrypt AttributeKey=Username,AttributeValue=root
expect_cloudtrail_error InvalidLookupAttributesException -- lookup-events \
  --lookup-attributes AttributeKey=ReadOnly,AttributeValue=sometimes
expect_cloudtrail_error InvalidMaxResultsException -- lookup-events --max-results 51
expect_cloudtrail_error InvalidTimeRangeException -- lookup-events --start-time "$now" --end-time "$((now - 60))"
expect_cloudtrail_error InvalidNextTokenException -- lookup-events --starting-token not-a-token --max-items 1
expect_cloudtrail_error UnsupportedOperationException -- describe-trails

if "$AWS_CLI" kms help 2>/dev/null | grep -q get-key-last-usage; then
  step "kms get-key-last-usage: the last Decrypt, with its CloudTrail event id"
  kms get-key-last-usage --key-id "$KEY_ARN" >"$WORK/usage.json"
  expect_eq "Operation" "$(json_field "$WORK/usage.json" 'r["KeyLastUsage"]["Operation"]')" Decrypt
  decrypt_event="$(cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=Decrypt \
    --query "$MINE_QUERY.EventId | [0]" --output text)"
  expect_eq "CloudTrailEventId" "$(json_field "$WORK/usage.json" 'r["KeyLastUsage"]["CloudTrailEventId"]')" "$decrypt_event"
else
  echo "(this CLI has no kms get-key-last-usage)"
fi

echo "OK: CloudTrail checks passed"
