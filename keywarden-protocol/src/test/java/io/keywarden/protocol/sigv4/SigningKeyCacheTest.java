package io.keywarden.protocol.sigv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.keywarden.domain.identity.Principal;
import io.keywarden.services.identity.SigningCredential;
import org.junit.jupiter.api.Test;

class SigningKeyCacheTest {
  private static final String HEADER =
      "AWS4-HMAC-SHA256 Credential=AKID/20240501/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=00";

  private static SigningCredential credential(String secret) {
    return new SigningCredential(Principal.root("111122223333", "AKID"), secret.toCharArray());
  }

  @Test
  void sameCredentialInstance_reusesTheDerivedKey() {
    SigningKeyCache cache = new SigningKeyCache(10);
    AuthorizationHeader auth = AuthorizationHeader.parse(HEADER, true);
    SigningCredential credential = credential("secret");
    byte[] first = cache.signingKey(auth, credential);
    assertSame(first, cache.signingKey(auth, credential));
    assertArrayEquals(credential.sigV4SigningKey("20240501", "us-east-1", "kms"), first);
  }

  @Test
  void newCredentialInstance_derivesAgain() {
    SigningKeyCache cache = new SigningKeyCache(10);
    AuthorizationHeader auth = AuthorizationHeader.parse(HEADER, true);
    byte[] first = cache.signingKey(auth, credential("secret"));
    byte[] second = cache.signingKey(auth, credential("rotated"));
    assertNotSame(first, second);
    assertArrayEquals(credential("rotated").sigV4SigningKey("20240501", "us-east-1", "kms"), second);
  }

  @Test
  void fullCache_isEmptiedRatherThanGrown() {
    SigningKeyCache cache = new SigningKeyCache(2);
    SigningCredential credential = credential("secret");
    for (String region : new String[] {"r1", "r2", "r3"}) {
      cache.signingKey(AuthorizationHeader.parse(HEADER.replace("us-east-1", region), true), credential);
    }
    assertEquals(1, cache.size());
  }
}
