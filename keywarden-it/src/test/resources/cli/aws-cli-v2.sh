#!/usr/bin/env bash
# KMS through the AWS CLI v2 (/usr/bin/aws, from `apt-get install -y awscli`; 2.9.x predates
# RotateKeyOnDemand and ListKeyRotations, which aws-cli-v1.sh covers).
#
# Usage: aws-cli-v2.sh ENDPOINT
# Credentials and region come from the environment. Exits 0 when every check passes; otherwise
# prints "FAIL: ..." on stderr and exits non-zero.
set -euo pipefail
ENDPOINT="${1:?usage: aws-cli-v2.sh ENDPOINT}"
AWS_CLI="${AWS_CLI_V2:-/usr/bin/aws}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
source "$here/core-flow.sh"

[[ -x "$AWS_CLI" ]] || fail "no AWS CLI v2 at $AWS_CLI: apt-get install -y awscli"
version="$("$AWS_CLI" --version 2>&1)"
expect_match "$AWS_CLI --version" "$version" '^aws-cli/2\.'
echo "$version"

# The v2 CLI reports AWS errors with exit code 254.
core_flow 254

step "v2 reads a --plaintext string as base64 (cli_binary_format base64)"
blob="$(kms encrypt --key-id "$KEY_ID" --plaintext "$(printf 'hello from the v2 CLI' | base64)" \
  --query CiphertextBlob --output text)"
b64decode_to "$WORK/hello.bin" <<<"$blob"
expect_eq "decrypted string" "$(kms decrypt --ciphertext-blob "fileb://$WORK/hello.bin" --query Plaintext --output text | base64 -d)" \
  "hello from the v2 CLI"

step "generate-data-key-without-plaintext (64 bytes), then decrypt it"
kms generate-data-key-without-plaintext --key-id "$ALIAS" --number-of-bytes 64 --encryption-context "$CONTEXT" \
  --query CiphertextBlob --output text | b64decode_to "$WORK/dk64.blob"
expect_eq "data key length" "$(kms decrypt --ciphertext-blob "fileb://$WORK/dk64.blob" --encryption-context "$CONTEXT" \
  --query Plaintext --output text | base64 -d | wc -c)" 64

step "generate-random"
expect_eq "random bytes" "$(kms generate-random --number-of-bytes 48 --query Plaintext --output text | base64 -d | wc -c)" 48

step "list-resource-tags"
expect_eq "tags" "$(kms list-resource-tags --key-id "$KEY_ID" --query 'Tags[].[TagKey,TagValue]' --output text)" "$(printf 'team\tcli')"

step "enable-key-rotation, get-key-rotation-status"
kms enable-key-rotation --key-id "$KEY_ID"
expect_eq "KeyRotationEnabled" "$(kms get-key-rotation-status --key-id "$KEY_ID" --query KeyRotationEnabled --output text)" True

step "update-alias to a new key: encrypt through the alias uses it; delete-alias"
new_arn="$(kms create-key --query KeyMetadata.Arn --output text)"
kms update-alias --alias-name "$ALIAS" --target-key-id "$new_arn"
expect_eq "Encrypt KeyId through the moved alias" \
  "$(kms encrypt --key-id "$ALIAS" --plaintext "$(printf x | base64)" --query KeyId --output text)" "$new_arn"
kms delete-alias --alias-name "$ALIAS"
expect_error 254 NotFoundException -- describe-key --key-id "$ALIAS"

echo "OK: AWS CLI v2 checks passed"
