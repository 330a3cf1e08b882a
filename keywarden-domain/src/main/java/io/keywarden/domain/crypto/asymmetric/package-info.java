/**
 * Asymmetric cryptography of KMS keys, one small class per scheme: RSASSA-PSS and PKCS#1 v1.5,
 * ECDSA, Ed25519 and Ed25519ph, ML-DSA signatures (RAW, DIGEST and EXTERNAL_MU messages as KMS defines
 * them), RSAES-OAEP encryption, and ECDH key agreement. Signatures are in the encodings AWS returns
 * (ECDSA DER), so that OpenSSL and other independent implementations verify them.
 */
package io.keywarden.domain.crypto.asymmetric;
