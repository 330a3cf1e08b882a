#!/usr/bin/env bash
# KMS through the AWS CLI v1 (`aws` on PATH): the newest operations (RotateKeyOnDemand,
# ListKeyRotations, which the packaged v2 predates), old ciphertexts after rotation, and the core flow.
#
# Usage: aws-cli-v1.sh ENDPOINT
# Credentials and region come from the environment. Exits 0 when every check passes; otherwise
# prints "FAIL: ..." on stderr and exits non-zero.
set -euo pipefail
ENDPOINT="${1:?usage: aws-cli-v1.sh ENDPOINT}"
AWS_CLI="${AWS_CLI_V1:-$(command -v aws || true)}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
source "$here/core-flow.sh"

[[ -n "$AWS_CLI" ]] || fail "no aws (the AWS CLI v1) on PATH"
# A pyenv shim costs a quarter of a second a call: call the script behind it.
if [[ "$AWS_CLI" == */shims/aws ]] && command -v pyenv >/dev/null; then
  AWS_CLI="$(pyenv which aws)"
fi
version="$("$AWS_CLI" --version 2>&1)"
expect_match "$AWS_CLI --version" "$version" '^aws-cli/1\.'
echo "$version"

# The v1 CLI reports AWS errors with exit code 255.
core_flow 255

step "v1 sends a --plaintext string as it is"
blob="$(kms encrypt --key-id "$KEY_ID" --plaintext 'hello from the v1 CLI' --query CiphertextBlob --output text)"
b64decode_to "$WORK/hello.bin" <<<"$blob"
expect_eq "decrypted string" "$(kms decrypt --ciphertext-blob "fileb://$WORK/hello.bin" --query Plaintext --output text | base64 -d)" \
  "hello from the v1 CLI"

step "the material behind the ciphertext made before any rotation"
original_material="$(kms decrypt --ciphertext-blob "fileb://$CIPHERTEXT" --encryption-context "$CONTEXT" \
  --query KeyMaterialId --output text)"
expect_match "KeyMaterialId" "$original_material" '^[0-9a-f]{64}$'
expect_eq "rotations before any" "$(kms list-key-rotations --key-id "$KEY_ID" --query 'length(Rotations)' --output text)" 0

step "rotate-key-on-demand (by key ARN: it takes no alias)"
expect_eq "RotateKeyOnDemand KeyId" "$(kms rotate-key-on-demand --key-id "$KEY_ARN" --query KeyId --output text)" "$KEY_ARN"
out="$(kms list-key-rotations --key-id "$KEY_ID" --query 'Rotations[].[KeyId,RotationType,KeyMaterialState,KeyMaterialId]' --output text)"
read -r kid type state first_rotation <<<"$out"
expect_eq "rotation KeyId" "$kid" "$KEY_ARN"
expect_eq "RotationType" "$type" ON_DEMAND
expect_eq "KeyMaterialState" "$state" CURRENT
[[ "$first_rotation" != "$original_material" ]] || fail "the rotation kept the material $original_material"

step "new ciphertexts use the new material; the old ciphertext still decrypts with the old one"
kms encrypt --key-id "$ALIAS" --plaintext "fileb://$PLAIN" --encryption-context "$CONTEXT" \
  --query CiphertextBlob --output text | b64decode_to "$WORK/after-rotation.bin"
expect_eq "material of a new ciphertext" "$(kms decrypt --ciphertext-blob "fileb://$WORK/after-rotation.bin" \
  --encryption-context "$CONTEXT" --query KeyMaterialId --output text)" "$first_rotation"
out="$(kms decrypt --ciphertext-blob "fileb://$CIPHERTEXT" --encryption-context "$CONTEXT" \
  --query '[KeyMaterialId,Plaintext]' --output text)"
read -r material blob <<<"$out"
expect_eq "material of the old ciphertext" "$material" "$original_material"
b64decode_to "$WORK/old-decrypted.bin" <<<"$blob"
expect_same_file "old ciphertext after rotation" "$WORK/old-decrypted.bin" "$PLAIN"

step "a second rotation; list-key-rotations pages through both (page size 1)"
kms rotate-key-on-demand --key-id "$KEY_ID" >/dev/null
out="$(kms list-key-rotations --key-id "$KEY_ID" --page-size 1 --query 'Rotations[].KeyMaterialId' --output text)"
expect_eq "distinct rotated materials, one page at a time" "$(tr -s '[:space:]' '\n' <<<"$out" | sort -u | grep -c .)" 2
expect_eq "current materials" "$(kms list-key-rotations --key-id "$KEY_ID" --query "length(Rotations[?KeyMaterialState=='CURRENT'])" --output text)" 1
expect_eq "all materials" "$(kms list-key-rotations --key-id "$KEY_ID" --include-key-material ALL_KEY_MATERIAL \
  --query 'length(Rotations)' --output text)" 3
kms decrypt --ciphertext-blob "fileb://$CIPHERTEXT" --encryption-context "$CONTEXT" \
  --query Plaintext --output text | b64decode_to "$WORK/old-decrypted-2.bin"
expect_same_file "old ciphertext after two rotations" "$WORK/old-decrypted-2.bin" "$PLAIN"

step "enable-key-rotation with a period; rotate-key-on-demand of a disabled key fails"
kms enable-key-rotation --key-id "$KEY_ID" --rotation-period-in-days 90
out="$(kms get-key-rotation-status --key-id "$KEY_ID" --query '[KeyRotationEnabled,RotationPeriodInDays,NextRotationDate]' --output text)"
read -r enabled period next <<<"$out"
expect_eq "KeyRotationEnabled" "$enabled" True
expect_eq "RotationPeriodInDays" "$period" 90
expect_days_from_now "NextRotationDate" "$next" 90
kms disable-key --key-id "$KEY_ID"
expect_error 255 DisabledException "$KEY_ARN is disabled." -- rotate-key-on-demand --key-id "$KEY_ID"

echo "OK: AWS CLI v1 checks passed"
