package io.keywarden.trust.passphrase;

/** Shared fixtures: cheap Argon2 parameters so that the suite stays fast. */
final class TestSeals {
  /** 64 KiB, 1 pass: about a millisecond. */
  static final KdfParameters FAST = new KdfParameters(64, 1, 1);

  private TestSeals() {}

  static char[] passphrase() {
    return "correct horse battery staple".toCharArray();
  }

  static char[] otherPassphrase() {
    return "Tr0ub4dor&3".toCharArray();
  }

  static PassphraseRootOfTrust unsealedRoot() throws Exception {
    PassphraseRootOfTrust root =
        new PassphraseRootOfTrust(PassphraseRootOfTrust.initialize(passphrase(), FAST));
    root.unseal(passphrase());
    return root;
  }
}
