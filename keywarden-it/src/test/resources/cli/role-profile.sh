#!/usr/bin/env bash
# Roles through the AWS CLI (v1 or v2): temporary credentials from `sts assume-role`, with and
# without session tags, used for KMS; a `credential_process` profile; and a `role_arn` profile (with
# `source_profile`) whose AssumeRole call the CLI must send to Keywarden's STS — through
# AWS_ENDPOINT_URL or the profile's `endpoint_url`, which the CLI v1 (botocore >= 1.31) honours and
# the CLI v2 only from 2.13 on. The v2 2.9 of Debian 12 builds the STS client of a role profile from
# the region alone: this script checks that it still does, so the limit stays documented.
#
# The server holds the identities of authz/identities.yaml: key-user (tag team=blue) may assume
# app-role (tag team=blue), whose policy allows the keys tagged with the session's team.
#
# Usage: role-profile.sh ENDPOINT BLUE_KEY_ARN RED_KEY_ARN
# Environment: AWS_CLI (the CLI under test), AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (key-user's
# key: written into the source profile, then removed from the environment), AWS_DEFAULT_REGION.
# Exits 0 when every check passes; otherwise prints "FAIL: ..." on stderr and exits non-zero.
set -euo pipefail
ENDPOINT="${1:?usage: role-profile.sh ENDPOINT BLUE_KEY_ARN RED_KEY_ARN}"
BLUE_KEY="${2:?the ARN of a key tagged team=blue}"
RED_KEY="${3:?the ARN of a key tagged team=red}"
: "${AWS_CLI:?the aws command under test}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

ACCOUNT=111122223333
APP_ROLE="arn:aws:iam::$ACCOUNT:role/app-role"
KEY_USER="arn:aws:iam::$ACCOUNT:user/key-user"

version="$("$AWS_CLI" --version 2>&1)"
echo "$version"
if [[ "$version" =~ ^aws-cli/([0-9]+)\.([0-9]+)\. ]]; then
  major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}"
else
  fail "cannot read the version of $AWS_CLI: $version"
fi
# The exit code of an AWS error answer: v2 254, v1 255.
err_rc=255
((major == 2)) && err_rc=254

# The CLIs cache role credentials in ~/.aws/cli/cache, shared by v1 and v2: a home of this run's
# own, so that no run reuses another's session.
export HOME="$WORK/home"
mkdir -p "$HOME"
# Nothing may reach AWS: a request the CLI does not send to Keywarden fails at this closed port.
export HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost

export AWS_CONFIG_FILE="$WORK/config" AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
printf '[key-user]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" >"$AWS_SHARED_CREDENTIALS_FILE"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
# JMESPath turning AssumeRole's answer into credential_process's (Version 1) document.
process_query='{Version: `1`, AccessKeyId: Credentials.AccessKeyId, SecretAccessKey: Credentials.SecretAccessKey, SessionToken: Credentials.SessionToken, Expiration: Credentials.Expiration}'
cat >"$AWS_CONFIG_FILE" <<EOF
[profile key-user]
region = $AWS_DEFAULT_REGION

[profile app]
role_arn = $APP_ROLE
source_profile = key-user
role_session_name = cli-session
region = $AWS_DEFAULT_REGION

[profile app-endpoint]
role_arn = $APP_ROLE
source_profile = key-user
role_session_name = cli-profile-endpoint
region = $AWS_DEFAULT_REGION
endpoint_url = $ENDPOINT

[profile app-process]
region = $AWS_DEFAULT_REGION
credential_process = "$AWS_CLI" --profile key-user sts assume-role --endpoint-url $ENDPOINT --role-arn $APP_ROLE --role-session-name cli-process --output json --query "$process_query"
EOF

# caller_arn ARGS...: the Arn of sts get-caller-identity.
caller_arn() {
  "$AWS_CLI" "$@" sts get-caller-identity --query Arn --output text
}

# encrypt_decrypt WHAT KEY_ARN ARGS...: encrypt under the key, decrypt, get the plaintext back.
encrypt_decrypt() {
  local what="$1" key="$2" blob
  shift 2
  printf 'secret of %s' "$what" >"$WORK/plain.txt"
  blob="$("$AWS_CLI" "$@" kms encrypt --key-id "$key" --plaintext "fileb://$WORK/plain.txt" \
    --query CiphertextBlob --output text)" || fail "$what: encrypt under $key failed"
  b64decode_to "$WORK/blob.bin" <<<"$blob"
  "$AWS_CLI" "$@" kms decrypt --ciphertext-blob "fileb://$WORK/blob.bin" --query Plaintext --output text \
    | b64decode_to "$WORK/decrypted.txt"
  expect_same_file "$what: decrypted" "$WORK/decrypted.txt" "$WORK/plain.txt"
}

# expect_denied PRINCIPAL_ARN KEY_ARN ARGS...: kms encrypt under the key is refused with AWS's
# AccessDeniedException for that principal.
expect_denied() {
  local principal="$1" key="$2" rc=0
  shift 2
  "$AWS_CLI" "$@" kms encrypt --key-id "$key" --plaintext "fileb://$WORK/plain.txt" \
    >"$WORK/out" 2>"$WORK/err" || rc=$?
  [[ "$rc" == "$err_rc" ]] || fail "encrypt under $key as $principal: exit code $rc, expected $err_rc;" \
    "stdout: $(cat "$WORK/out"); stderr: $(cat "$WORK/err")"
  grep -qF "(AccessDeniedException)" "$WORK/err" || fail "no AccessDeniedException: $(cat "$WORK/err")"
  grep -qF "User: $principal is not authorized to perform: kms:Encrypt on resource: $key because no identity-based policy allows the kms:Encrypt action" \
    "$WORK/err" || fail "not AWS's message for $principal: $(cat "$WORK/err")"
}

session() {
  echo "arn:aws:sts::$ACCOUNT:assumed-role/app-role/$1"
}

step "the source profile signs as key-user"
expect_eq "key-user's identity" "$(caller_arn --profile key-user --endpoint-url "$ENDPOINT")" "$KEY_USER"

step "sts assume-role --endpoint-url, the temporary credentials exported"
out="$("$AWS_CLI" --profile key-user sts assume-role --endpoint-url "$ENDPOINT" --role-arn "$APP_ROLE" \
  --role-session-name cli-exported --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"
read -r id secret token <<<"$out"
expect_match "temporary AccessKeyId" "$id" '^ASIA[A-Z0-9]{16}$'
(
  export AWS_ACCESS_KEY_ID="$id" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
  expect_eq "session identity" "$(caller_arn --endpoint-url "$ENDPOINT")" "$(session cli-exported)"
  encrypt_decrypt "role tag team=blue" "$BLUE_KEY" --endpoint-url "$ENDPOINT"
  expect_denied "$(session cli-exported)" "$RED_KEY" --endpoint-url "$ENDPOINT"
)

step "sts assume-role --tags team=red: the session tag overrides the role's"
out="$("$AWS_CLI" --profile key-user sts assume-role --endpoint-url "$ENDPOINT" --role-arn "$APP_ROLE" \
  --role-session-name cli-red --tags Key=team,Value=red \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)"
read -r id secret token <<<"$out"
(
  export AWS_ACCESS_KEY_ID="$id" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
  encrypt_decrypt "session tag team=red" "$RED_KEY" --endpoint-url "$ENDPOINT"
  expect_denied "$(session cli-red)" "$BLUE_KEY" --endpoint-url "$ENDPOINT"
)

step "a credential_process profile that assumes the role through Keywarden's STS"
expect_eq "credential_process identity" "$(caller_arn --profile app-process --endpoint-url "$ENDPOINT")" \
  "$(session cli-process)"
encrypt_decrypt "credential_process" "$BLUE_KEY" --profile app-process --endpoint-url "$ENDPOINT"

if ((major == 1 || (major == 2 && minor >= 13))); then
  step "role_arn profile with AWS_ENDPOINT_URL: AssumeRole, then KMS, through Keywarden"
  (
    export AWS_ENDPOINT_URL="$ENDPOINT"
    expect_eq "role profile identity" "$(caller_arn --profile app)" "$(session cli-session)"
    encrypt_decrypt "role profile" "$BLUE_KEY" --profile app
    expect_denied "$(session cli-session)" "$RED_KEY" --profile app
  )

  step "role_arn profile with its own endpoint_url"
  expect_eq "endpoint_url profile identity" "$(caller_arn --profile app-endpoint)" \
    "$(session cli-profile-endpoint)"
  encrypt_decrypt "endpoint_url profile" "$BLUE_KEY" --profile app-endpoint
else
  step "CLI $major.$minor: a role_arn profile sends AssumeRole to AWS, whatever the endpoint settings"
  for setting in "AWS_ENDPOINT_URL" "endpoint_url"; do
    rc=0
    if [[ "$setting" == AWS_ENDPOINT_URL ]]; then
      AWS_ENDPOINT_URL="$ENDPOINT" "$AWS_CLI" --debug --profile app kms list-keys --endpoint-url "$ENDPOINT" \
        >"$WORK/out" 2>"$WORK/err" || rc=$?
    else
      "$AWS_CLI" --debug --profile app-endpoint kms list-keys --endpoint-url "$ENDPOINT" \
        >"$WORK/out" 2>"$WORK/err" || rc=$?
    fi
    [[ "$rc" != 0 ]] || fail "with $setting, the role profile reached Keywarden's STS: update this script"
    grep -qF "Endpoint provider result: https://sts.$AWS_DEFAULT_REGION.amazonaws.com" "$WORK/err" \
      || fail "with $setting: the STS client did not target AWS's endpoint: $(tail -5 "$WORK/err")"
    echo "   with $setting: AssumeRole went to https://sts.$AWS_DEFAULT_REGION.amazonaws.com (refused)"
  done
fi

echo "OK: $version"
