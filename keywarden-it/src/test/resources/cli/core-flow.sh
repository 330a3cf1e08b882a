# The KMS flow that both AWS CLI versions must get through. Sourced after lib.sh; defines core_flow.
#
# core_flow SERVICE_ERROR_EXIT_CODE: the exit code the CLI uses for an AWS error (v2: 254, v1: 255).
# Leaves KEY_ID, KEY_ARN (an enabled key), ALIAS (naming it), PLAIN and CIPHERTEXT (files: a
# plaintext and its ciphertext under KEY_ID with the context in CONTEXT) for the caller's own checks.

CONTEXT='{"purpose":"cli test","tenant":"ünïcødé ✓"}'
OTHER_CONTEXT='{"purpose":"cli test","tenant":"someone else"}'

core_flow() {
  local err_rc="$1" region="$AWS_DEFAULT_REGION"
  local out key2_id key2_arn state usage spec kid algorithm blob data_key src days deletion

  step "create-key with a description and a tag"
  out="$(kms create-key --description "cli key $$" --tags TagKey=team,TagValue=cli \
    --query 'KeyMetadata.[KeyId,Arn,KeyState,KeyUsage,KeySpec]' --output text)"
  read -r KEY_ID KEY_ARN state usage spec <<<"$out"
  expect_match "KeyId" "$KEY_ID" '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  expect_match "Arn" "$KEY_ARN" "^arn:aws:kms:$region:[0-9]{12}:key/$KEY_ID\$"
  expect_eq "KeyState" "$state" Enabled
  expect_eq "KeyUsage" "$usage" ENCRYPT_DECRYPT
  expect_eq "KeySpec" "$spec" SYMMETRIC_DEFAULT

  step "describe-key by ARN"
  expect_eq "Description" "$(kms describe-key --key-id "$KEY_ARN" --query KeyMetadata.Description --output text)" "cli key $$"

  step "create-alias, then describe-key and list-aliases through it"
  ALIAS="alias/cli-$RANDOM-$$"
  kms create-alias --alias-name "$ALIAS" --target-key-id "$KEY_ID"
  expect_eq "KeyId behind $ALIAS" "$(kms describe-key --key-id "$ALIAS" --query KeyMetadata.KeyId --output text)" "$KEY_ID"
  expect_eq "aliases of the key" "$(kms list-aliases --key-id "$KEY_ID" --query 'Aliases[].AliasName' --output text)" "$ALIAS"
  expect_error "$err_rc" AlreadyExistsException -- create-alias --alias-name "$ALIAS" --target-key-id "$KEY_ID"

  step "encrypt a binary file (fileb://) with an encryption context"
  PLAIN="$WORK/plain.bin"
  CIPHERTEXT="$WORK/ciphertext.bin"
  head -c 3000 /dev/urandom >"$PLAIN"
  printf '\0\0 trailing NULs and a newline\n\0' >>"$PLAIN"
  out="$(kms encrypt --key-id "$ALIAS" --plaintext "fileb://$PLAIN" --encryption-context "$CONTEXT" \
    --query '[KeyId,EncryptionAlgorithm,CiphertextBlob]' --output text)"
  read -r kid algorithm blob <<<"$out"
  expect_eq "Encrypt KeyId (the full key ARN)" "$kid" "$KEY_ARN"
  expect_eq "EncryptionAlgorithm" "$algorithm" SYMMETRIC_DEFAULT
  b64decode_to "$CIPHERTEXT" <<<"$blob"

  step "decrypt it (fileb://) with the same context, without a key id"
  out="$(kms decrypt --ciphertext-blob "fileb://$CIPHERTEXT" --encryption-context "$CONTEXT" \
    --query '[KeyId,Plaintext]' --output text)"
  read -r kid blob <<<"$out"
  expect_eq "Decrypt KeyId" "$kid" "$KEY_ARN"
  b64decode_to "$WORK/decrypted.bin" <<<"$blob"
  expect_same_file "decrypted plaintext" "$WORK/decrypted.bin" "$PLAIN"

  step "decrypt with a wrong context, and with none: InvalidCiphertextException"
  expect_error "$err_rc" InvalidCiphertextException -- decrypt --ciphertext-blob "fileb://$CIPHERTEXT" --encryption-context "$OTHER_CONTEXT"
  expect_error "$err_rc" InvalidCiphertextException -- decrypt --ciphertext-blob "fileb://$CIPHERTEXT"

  step "generate-data-key (AES_256) and decrypt its blob"
  out="$(kms generate-data-key --key-id "$ALIAS" --key-spec AES_256 --encryption-context "$CONTEXT" \
    --query '[KeyId,CiphertextBlob,Plaintext]' --output text)"
  read -r kid blob data_key <<<"$out"
  expect_eq "GenerateDataKey KeyId" "$kid" "$KEY_ARN"
  b64decode_to "$WORK/data-key.bin" <<<"$data_key"
  b64decode_to "$WORK/data-key.blob" <<<"$blob"
  expect_eq "data key length" "$(wc -c <"$WORK/data-key.bin")" 32
  kms decrypt --ciphertext-blob "fileb://$WORK/data-key.blob" --encryption-context "$CONTEXT" \
    --query Plaintext --output text | b64decode_to "$WORK/data-key-again.bin"
  expect_same_file "decrypted data key" "$WORK/data-key-again.bin" "$WORK/data-key.bin"

  step "re-encrypt under a second key with a new context"
  out="$(kms create-key --description "cli key 2" --query 'KeyMetadata.[KeyId,Arn]' --output text)"
  read -r key2_id key2_arn <<<"$out"
  out="$(kms re-encrypt --ciphertext-blob "fileb://$CIPHERTEXT" --source-encryption-context "$CONTEXT" \
    --destination-key-id "$key2_id" --destination-encryption-context stage=reencrypted \
    --query '[SourceKeyId,KeyId,CiphertextBlob]' --output text)"
  read -r src kid blob <<<"$out"
  expect_eq "ReEncrypt SourceKeyId" "$src" "$KEY_ARN"
  expect_eq "ReEncrypt KeyId" "$kid" "$key2_arn"
  b64decode_to "$WORK/reencrypted.bin" <<<"$blob"
  kms decrypt --ciphertext-blob "fileb://$WORK/reencrypted.bin" --encryption-context stage=reencrypted \
    --key-id "$key2_arn" --query Plaintext --output text | b64decode_to "$WORK/decrypted2.bin"
  expect_same_file "re-encrypted plaintext" "$WORK/decrypted2.bin" "$PLAIN"
  expect_error "$err_rc" IncorrectKeyException -- decrypt --ciphertext-blob "fileb://$WORK/reencrypted.bin" \
    --encryption-context stage=reencrypted --key-id "$KEY_ID"

  step "disable-key: encrypt fails with DisabledException"
  kms disable-key --key-id "$key2_id"
  expect_error "$err_rc" DisabledException "$key2_arn is disabled." -- encrypt --key-id "$key2_id" --plaintext "fileb://$PLAIN"

  step "schedule-key-deletion (7 days): PendingDeletion, data plane refused; cancel: Disabled"
  out="$(kms schedule-key-deletion --key-id "$key2_id" --pending-window-in-days 7 \
    --query '[KeyId,KeyState,PendingWindowInDays,DeletionDate]' --output text)"
  read -r kid state days deletion <<<"$out"
  expect_eq "ScheduleKeyDeletion KeyId" "$kid" "$key2_arn"
  expect_eq "ScheduleKeyDeletion KeyState" "$state" PendingDeletion
  expect_eq "PendingWindowInDays" "$days" 7
  expect_days_from_now "DeletionDate" "$deletion" 7
  expect_eq "KeyState after scheduling" "$(kms describe-key --key-id "$key2_id" --query KeyMetadata.KeyState --output text)" PendingDeletion
  expect_error "$err_rc" KMSInvalidStateException "$key2_arn is pending deletion." -- \
    decrypt --ciphertext-blob "fileb://$WORK/reencrypted.bin" --encryption-context stage=reencrypted
  expect_error "$err_rc" ValidationException "pendingWindowInDays" -- schedule-key-deletion --key-id "$KEY_ID" --pending-window-in-days 6
  kms cancel-key-deletion --key-id "$key2_id" >/dev/null
  expect_eq "KeyState after cancel-key-deletion" "$(kms describe-key --key-id "$key2_id" --query KeyMetadata.KeyState --output text)" Disabled

  step "an unknown key: NotFoundException"
  expect_error "$err_rc" NotFoundException "does not exist" -- describe-key --key-id 00000000-1111-2222-3333-444444444444
}
