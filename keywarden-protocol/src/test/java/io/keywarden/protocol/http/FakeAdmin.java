package io.keywarden.protocol.http;

import io.keywarden.domain.trust.UnsealException;
import io.keywarden.services.admin.AdminControl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link AdminControl} whose seal opens with a fixed passphrase. */
final class FakeAdmin implements AdminControl {
  static final String PASSPHRASE = "correct horse battery staple";

  volatile boolean sealed;
  volatile boolean dev = true;
  final AtomicInteger resets = new AtomicInteger();
  volatile String unsealThread;

  @Override
  public Health health() {
    return new Health(sealed, dev, "0.1.0-test");
  }

  @Override
  public void unseal(char[] passphrase) throws UnsealException {
    unsealThread = Thread.currentThread().getName();
    byte[] given = new String(passphrase).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, PASSPHRASE.getBytes(StandardCharsets.UTF_8))) {
      throw new UnsealException();
    }
    sealed = false;
  }

  @Override
  public boolean resetAllowed() {
    return dev;
  }

  @Override
  public void reset() {
    resets.incrementAndGet();
  }
}
