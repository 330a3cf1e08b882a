#!/usr/bin/env bash
# Signing and MACs through the AWS CLI v2 (/usr/bin/aws, from `apt-get install -y awscli`):
# create-key for ECC_NIST_P256 and RSA_2048 SIGN_VERIFY keys and an HMAC_256 key, sign (RAW and
# DIGEST), verify, get-public-key (OpenSSL verifies the CLI's signatures with it), generate-mac,
# verify-mac, describe-key, and the errors a wrong signature, MAC, algorithm or digest brings.
#
# CLI v2 blobs: a fileb:// argument is sent as its raw bytes; a blob given as text is read as
# base64 (cli_binary_format base64); a blob in the output is printed as base64.
#
# Usage: asymmetric-v2.sh ENDPOINT
# Credentials and region come from the environment. Exits 0 when every check passes; otherwise
# prints "FAIL: ..." on stderr and exits non-zero.
set -euo pipefail
ENDPOINT="${1:?usage: asymmetric-v2.sh ENDPOINT}"
AWS_CLI="${AWS_CLI_V2:-/usr/bin/aws}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

[[ -x "$AWS_CLI" ]] || fail "no AWS CLI v2 at $AWS_CLI: apt-get install -y awscli"
version="$("$AWS_CLI" --version 2>&1)"
expect_match "$AWS_CLI --version" "$version" '^aws-cli/2\.'
echo "$version"
OPENSSL="${OPENSSL:-/usr/bin/openssl}"
[[ -x "$OPENSSL" ]] || fail "no openssl at $OPENSSL: apt-get install -y openssl"

# The v2 CLI reports AWS errors with exit code 254.
AWS_ERROR=254
UUID='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
TAB=$'\t'

# openssl_verifies WHAT ARGS...: `openssl dgst ARGS` prints "Verified OK" and exits 0.
openssl_verifies() {
  local what="$1" out rc=0
  shift
  out="$("$OPENSSL" dgst "$@" 2>&1)" || rc=$?
  [[ "$rc" == 0 && "$out" == "Verified OK" ]] || fail "$what: openssl dgst $* exited $rc: $out"
}

# openssl_rejects WHAT ARGS...: `openssl dgst ARGS` prints "Verification failure" and exits 1.
openssl_rejects() {
  local what="$1" out rc=0
  shift
  out="$("$OPENSSL" dgst "$@" 2>/dev/null)" || rc=$?
  [[ "$rc" == 1 && "$out" == "Verification failure" ]] || fail "$what: openssl dgst $* exited $rc: $out"
}

# A binary message (NUL and high bytes: fileb:// must send them as they are), a copy with its last
# byte changed, and the message's SHA-256 digest made by OpenSSL.
{
  printf 'signed through the AWS CLI v2 \x00\x01\x7f\x80\xfe\xff\n'
  head -c 3000 /dev/urandom
  printf 'end'
} >"$WORK/msg.bin"
{
  head -c "$(($(wc -c <"$WORK/msg.bin") - 1))" "$WORK/msg.bin"
  printf 'E'
} >"$WORK/tampered.bin"
"$OPENSSL" dgst -sha256 -binary -out "$WORK/msg.sha256" "$WORK/msg.bin"
expect_eq "SHA-256 digest length" "$(wc -c <"$WORK/msg.sha256")" 32

step "create-key: ECC_NIST_P256 and RSA_2048 for SIGN_VERIFY, HMAC_256 for GENERATE_VERIFY_MAC"
EC_KEY="$(kms create-key --key-spec ECC_NIST_P256 --key-usage SIGN_VERIFY --description "v2 ECC signing key" \
  --query KeyMetadata.KeyId --output text)"
expect_match "ECC key id" "$EC_KEY" "$UUID"
RSA_KEY="$(kms create-key --key-spec RSA_2048 --key-usage SIGN_VERIFY --query KeyMetadata.KeyId --output text)"
expect_match "RSA key id" "$RSA_KEY" "$UUID"
HMAC_KEY="$(kms create-key --key-spec HMAC_256 --key-usage GENERATE_VERIFY_MAC --query KeyMetadata.KeyId --output text)"
expect_match "HMAC key id" "$HMAC_KEY" "$UUID"

step "describe-key shows the key specs, usages and algorithms"
expect_eq "ECC key spec and usage" \
  "$(kms describe-key --key-id "$EC_KEY" --query 'KeyMetadata.[KeySpec,KeyUsage,KeyState]' --output text)" \
  "ECC_NIST_P256${TAB}SIGN_VERIFY${TAB}Enabled"
expect_eq "ECC SigningAlgorithms" \
  "$(kms describe-key --key-id "$EC_KEY" --query 'KeyMetadata.SigningAlgorithms' --output text)" "ECDSA_SHA_256"
expect_eq "RSA SigningAlgorithms" \
  "$(kms describe-key --key-id "$RSA_KEY" --query 'KeyMetadata.SigningAlgorithms' --output text)" \
  "RSASSA_PKCS1_V1_5_SHA_256${TAB}RSASSA_PKCS1_V1_5_SHA_384${TAB}RSASSA_PKCS1_V1_5_SHA_512${TAB}RSASSA_PSS_SHA_256${TAB}RSASSA_PSS_SHA_384${TAB}RSASSA_PSS_SHA_512"
expect_eq "HMAC key: spec, usage, MacAlgorithms; no signing or encryption algorithms" \
  "$(kms describe-key --key-id "$HMAC_KEY" \
    --query 'KeyMetadata.[KeySpec,KeyUsage,join(`,`,MacAlgorithms),SigningAlgorithms,EncryptionAlgorithms]' --output text)" \
  "HMAC_256${TAB}GENERATE_VERIFY_MAC${TAB}HMAC_SHA_256${TAB}None${TAB}None"

step "get-public-key: DER SubjectPublicKeyInfo that OpenSSL reads"
expect_eq "get-public-key spec, usage, algorithms" \
  "$(kms get-public-key --key-id "$EC_KEY" --query '[KeySpec,KeyUsage,join(`,`,SigningAlgorithms)]' --output text)" \
  "ECC_NIST_P256${TAB}SIGN_VERIFY${TAB}ECDSA_SHA_256"
for k in EC RSA; do
  key_var="${k}_KEY"
  kms get-public-key --key-id "${!key_var}" --query PublicKey --output text | b64decode_to "$WORK/$k.der"
  "$OPENSSL" pkey -pubin -inform DER -in "$WORK/$k.der" -out "$WORK/$k.pem" 2>"$WORK/openssl.err" \
    || fail "openssl cannot read the $k public key: $(cat "$WORK/openssl.err")"
done
expect_match "ECC public key" "$("$OPENSSL" pkey -pubin -in "$WORK/EC.pem" -text -noout)" 'NIST CURVE: P-256'
expect_match "RSA public key" "$("$OPENSSL" pkey -pubin -in "$WORK/RSA.pem" -text -noout)" 'Public-Key: \(2048 bit\)'

step "sign (ECDSA_SHA_256, RAW, fileb:// message); verify is true; OpenSSL verifies the DER signature"
expect_eq "sign KeyId and algorithm" \
  "$(kms sign --key-id "$EC_KEY" --message "fileb://$WORK/msg.bin" --message-type RAW --signing-algorithm ECDSA_SHA_256 \
    --query '[KeyId,SigningAlgorithm]' --output text)" \
  "$(kms describe-key --key-id "$EC_KEY" --query KeyMetadata.Arn --output text)${TAB}ECDSA_SHA_256"
kms sign --key-id "$EC_KEY" --message "fileb://$WORK/msg.bin" --message-type RAW --signing-algorithm ECDSA_SHA_256 \
  --query Signature --output text | b64decode_to "$WORK/ec-raw.sig"
expect_eq "SignatureValid" \
  "$(kms verify --key-id "$EC_KEY" --message "fileb://$WORK/msg.bin" --message-type RAW \
    --signature "fileb://$WORK/ec-raw.sig" --signing-algorithm ECDSA_SHA_256 --query SignatureValid --output text)" True
openssl_verifies "OpenSSL, ECDSA RAW signature" -sha256 -verify "$WORK/EC.pem" -signature "$WORK/ec-raw.sig" "$WORK/msg.bin"
openssl_rejects "OpenSSL, ECDSA RAW signature, tampered message" \
  -sha256 -verify "$WORK/EC.pem" -signature "$WORK/ec-raw.sig" "$WORK/tampered.bin"

step "verify: a tampered message is KMSInvalidSignatureException (exit $AWS_ERROR), not SignatureValid false"
expect_error "$AWS_ERROR" KMSInvalidSignatureException -- verify --key-id "$EC_KEY" --message "fileb://$WORK/tampered.bin" \
  --signature "fileb://$WORK/ec-raw.sig" --signing-algorithm ECDSA_SHA_256

step "sign a DIGEST made by OpenSSL; it verifies as DIGEST, as RAW over the message, and in OpenSSL"
kms sign --key-id "$EC_KEY" --message "fileb://$WORK/msg.sha256" --message-type DIGEST --signing-algorithm ECDSA_SHA_256 \
  --query Signature --output text | b64decode_to "$WORK/ec-digest.sig"
expect_eq "SignatureValid (DIGEST)" \
  "$(kms verify --key-id "$EC_KEY" --message "fileb://$WORK/msg.sha256" --message-type DIGEST \
    --signature "fileb://$WORK/ec-digest.sig" --signing-algorithm ECDSA_SHA_256 --query SignatureValid --output text)" True
expect_eq "SignatureValid (the DIGEST signature over the RAW message; signature given as base64 text)" \
  "$(kms verify --key-id "$EC_KEY" --message "fileb://$WORK/msg.bin" \
    --signature "$(base64 -w0 "$WORK/ec-digest.sig")" --signing-algorithm ECDSA_SHA_256 --query SignatureValid --output text)" True
openssl_verifies "OpenSSL, ECDSA DIGEST signature" -sha256 -verify "$WORK/EC.pem" -signature "$WORK/ec-digest.sig" "$WORK/msg.bin"

step "RSA: sign RSASSA_PSS_SHA_256 (RAW) and RSASSA_PKCS1_V1_5_SHA_256 (DIGEST); verify; OpenSSL verifies both"
kms sign --key-id "$RSA_KEY" --message "fileb://$WORK/msg.bin" --signing-algorithm RSASSA_PSS_SHA_256 \
  --query Signature --output text | b64decode_to "$WORK/rsa-pss.sig"
expect_eq "RSA signature length" "$(wc -c <"$WORK/rsa-pss.sig")" 256
expect_eq "SignatureValid (PSS)" \
  "$(kms verify --key-id "$RSA_KEY" --message "fileb://$WORK/msg.bin" --signature "fileb://$WORK/rsa-pss.sig" \
    --signing-algorithm RSASSA_PSS_SHA_256 --query SignatureValid --output text)" True
openssl_verifies "OpenSSL, RSASSA-PSS signature (salt = hash length)" -sha256 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest -sigopt rsa_mgf1_md:sha256 \
  -verify "$WORK/RSA.pem" -signature "$WORK/rsa-pss.sig" "$WORK/msg.bin"
kms sign --key-id "$RSA_KEY" --message "fileb://$WORK/msg.sha256" --message-type DIGEST \
  --signing-algorithm RSASSA_PKCS1_V1_5_SHA_256 --query Signature --output text | b64decode_to "$WORK/rsa-pkcs1.sig"
openssl_verifies "OpenSSL, PKCS #1 v1.5 DIGEST signature" -sha256 -verify "$WORK/RSA.pem" \
  -signature "$WORK/rsa-pkcs1.sig" "$WORK/msg.bin"
openssl_rejects "OpenSSL, PKCS #1 v1.5 signature, tampered message" -sha256 -verify "$WORK/RSA.pem" \
  -signature "$WORK/rsa-pkcs1.sig" "$WORK/tampered.bin"
expect_error "$AWS_ERROR" KMSInvalidSignatureException -- verify --key-id "$RSA_KEY" --message "fileb://$WORK/msg.bin" \
  --signature "fileb://$WORK/rsa-pkcs1.sig" --signing-algorithm RSASSA_PSS_SHA_256

step "sign errors: an algorithm of another spec, a digest of the wrong length, a MAC key"
expect_error "$AWS_ERROR" InvalidKeyUsageException "Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256." \
  -- sign --key-id "$EC_KEY" --message "fileb://$WORK/msg.bin" --signing-algorithm RSASSA_PSS_SHA_256
head -c 31 "$WORK/msg.sha256" >"$WORK/short.digest"
expect_error "$AWS_ERROR" ValidationException "Digest is invalid length for algorithm ECDSA_SHA_256." \
  -- sign --key-id "$EC_KEY" --message "fileb://$WORK/short.digest" --message-type DIGEST --signing-algorithm ECDSA_SHA_256
expect_error "$AWS_ERROR" InvalidKeyUsageException "key usage is GENERATE_VERIFY_MAC which is not valid for Sign." \
  -- sign --key-id "$HMAC_KEY" --message "fileb://$WORK/msg.bin" --signing-algorithm ECDSA_SHA_256

step "generate-mac (HMAC_SHA_256): 32 bytes, the same for the message as fileb:// and as base64 text"
kms generate-mac --key-id "$HMAC_KEY" --message "fileb://$WORK/msg.bin" --mac-algorithm HMAC_SHA_256 \
  --query Mac --output text | b64decode_to "$WORK/msg.mac"
expect_eq "MAC length" "$(wc -c <"$WORK/msg.mac")" 32
kms generate-mac --key-id "$HMAC_KEY" --message "$(base64 -w0 "$WORK/msg.bin")" --mac-algorithm HMAC_SHA_256 \
  --query Mac --output text | b64decode_to "$WORK/msg-text.mac"
expect_same_file "MAC of the base64 text message" "$WORK/msg-text.mac" "$WORK/msg.mac"
expect_eq "generate-mac algorithm" \
  "$(kms generate-mac --key-id "$HMAC_KEY" --message "fileb://$WORK/msg.bin" --mac-algorithm HMAC_SHA_256 \
    --query MacAlgorithm --output text)" HMAC_SHA_256

step "verify-mac: true for the MAC; a changed MAC or message is KMSInvalidMacException (exit $AWS_ERROR)"
expect_eq "MacValid" \
  "$(kms verify-mac --key-id "$HMAC_KEY" --message "fileb://$WORK/msg.bin" --mac "fileb://$WORK/msg.mac" \
    --mac-algorithm HMAC_SHA_256 --query MacValid --output text)" True
expect_error "$AWS_ERROR" KMSInvalidMacException -- verify-mac --key-id "$HMAC_KEY" --message "fileb://$WORK/tampered.bin" \
  --mac "fileb://$WORK/msg.mac" --mac-algorithm HMAC_SHA_256
{
  head -c 31 "$WORK/msg.mac"
  if [[ "$(tail -c 1 "$WORK/msg.mac" | od -An -tx1 | tr -d ' ')" == 00 ]]; then printf '\x01'; else printf '\x00'; fi
} >"$WORK/wrong.mac"
expect_error "$AWS_ERROR" KMSInvalidMacException -- verify-mac --key-id "$HMAC_KEY" --message "fileb://$WORK/msg.bin" \
  --mac "fileb://$WORK/wrong.mac" --mac-algorithm HMAC_SHA_256

step "MAC errors: another spec's algorithm, a signing key"
expect_error "$AWS_ERROR" InvalidKeyUsageException "Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256." \
  -- generate-mac --key-id "$HMAC_KEY" --message "fileb://$WORK/msg.bin" --mac-algorithm HMAC_SHA_512
expect_error "$AWS_ERROR" InvalidKeyUsageException "key usage is SIGN_VERIFY which is not valid for GenerateMac." \
  -- generate-mac --key-id "$EC_KEY" --message "fileb://$WORK/msg.bin" --mac-algorithm HMAC_SHA_256

echo "OK: AWS CLI v2 signing and MAC checks passed"
