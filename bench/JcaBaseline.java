// The raw JCA baseline for bench/run (issue 3): the primitives behind Sign, Verify and GenerateMac,
// measured in-process with the providers and key objects the server uses, so that the server's
// req/s can be compared with what the math alone allows on the same machine in the same run.
//
//   java -cp keywarden-server/target/keywarden.jar bench/JcaBaseline.java \
//       [--duration 20s] [--warmup 5s] [--threads 2,1] [--ops OP,OP,...] [--layer raw|domain]
//
// Operations (the names bench/run uses; the message is always 64 bytes, as in the HTTP requests):
//   Sign-P256            SunEC "SHA256withECDSA", private key of a P-256 pair (ECDSA_SHA_256, RAW)
//   Sign-RSA2048-PSS     the JDK's "RSASSA-PSS" (SunRsaSign), SHA-256, MGF1-SHA-256, salt 32 (RSASSA_PSS_SHA_256)
//   Sign-RSA2048-PKCS1   the JDK's "SHA256withRSA" (SunRsaSign) (RSASSA_PKCS1_V1_5_SHA_256)
//   Verify-P256          SunEC "SHA256withECDSA", verifying one valid DER signature (ECDSA_SHA_256)
//   GenerateMac-HMAC256  "HmacSHA256" (SunJCE) with a 32-byte key (HMAC_256 / HMAC_SHA_256)
//
// --layer raw (default): each thread keeps its own Signature / Mac object (set up once, as any
// careful caller would) and does, per operation, what the server must do per request: init with
// the key, update with the message, sign / verify / doFinal. Keys are decoded from PKCS#8 / X.509
// through the same KeyFactory as the server's stored keys, so they are the same classes.
// --layer domain: the same through Keywarden's own domain classes (Signatures.sign/verify,
// HmacKeyMaterial.mac) from the jar on the class path: the in-process cost of Keywarden's crypto
// layer, without HTTP, SigV4 or JSON. Diagnostic only.
//
// For each operation: one warm-up of --warmup with the largest thread count (not recorded), then a
// measured run of --duration for each thread count. Each measured run prints one line
//   JCA_RESULT {"op":..., "layer":..., "threads":..., "ops":..., "seconds":..., "ops_per_s":...,
//               "self_cores":..., "other_cores":..., "provider":...}
// on standard output: other_cores is the CPU that the rest of the machine used meanwhile
// (/proc/stat minus this process), so that bench/run can flag runs that were not clean.

import io.keywarden.domain.crypto.HmacKeyMaterial;
import io.keywarden.domain.crypto.KeyPairMaterial;
import io.keywarden.domain.crypto.asymmetric.MessageType;
import io.keywarden.domain.crypto.asymmetric.Signatures;
import io.keywarden.domain.key.KeySpec;
import io.keywarden.domain.key.MacAlgorithm;
import io.keywarden.domain.key.SigningAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class JcaBaseline {
  static final List<String> ALL_OPS =
      List.of("Sign-P256", "Sign-RSA2048-PSS", "Sign-RSA2048-PKCS1", "Verify-P256", "GenerateMac-HMAC256");
  static final byte[] MESSAGE = new byte[64];

  static {
    for (int i = 0; i < MESSAGE.length; i++) {
      MESSAGE[i] = (byte) i; // the same 64 bytes bench/kmsbench.py sends
    }
  }

  /** One thread's repeated operation; returns something derived from the result, so the JIT keeps it. */
  interface Task {
    int run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    double duration = 20, warmup = 5;
    int[] threadCounts = {2, 1};
    List<String> ops = ALL_OPS;
    String layer = "raw";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--duration": duration = seconds(args[++i]); break;
        case "--warmup": warmup = seconds(args[++i]); break;
        case "--threads":
          threadCounts = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
          break;
        case "--ops": ops = List.of(args[++i].split(",")); break;
        case "--layer": layer = args[++i]; break;
        default: throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    int maxThreads = Arrays.stream(threadCounts).max().orElse(1);
    for (String op : ops) {
      if (!ALL_OPS.contains(op)) {
        throw new IllegalArgumentException("unknown operation " + op + "; known: " + ALL_OPS);
      }
      Supplier<Task> tasks = layer.equals("domain") ? domainTask(op) : rawTask(op);
      String provider = layer.equals("domain") ? "keywarden-domain" : providerOf(op);
      log("%s (%s, %s): warm-up %.0f s with %d threads", op, layer, provider, warmup, maxThreads);
      measure(tasks, maxThreads, warmup);
      for (int threads : threadCounts) {
        Run r = measure(tasks, threads, duration);
        log("%s (%s): %d threads: %.0f ops/s (this process %.2f cores, others %.2f)",
            op, layer, threads, r.opsPerSecond(), r.selfCores(), r.otherCores());
        System.out.printf(Locale.ROOT,
            "JCA_RESULT {\"op\":\"%s\",\"layer\":\"%s\",\"threads\":%d,\"ops\":%d,\"seconds\":%.3f,"
                + "\"ops_per_s\":%.1f,\"self_cores\":%.2f,\"other_cores\":%.2f,\"provider\":\"%s\"}%n",
            op, layer, threads, r.ops, r.seconds, r.opsPerSecond(), r.selfCores(), r.otherCores(), provider);
        System.out.flush();
      }
    }
  }

  // ------------------------------------------------------------------ the primitives, raw JCA

  static Supplier<Task> rawTask(String op) throws GeneralSecurityException {
    switch (op) {
      case "Sign-P256": {
        PrivateKey key = ecKeys().getPrivate();
        return () -> {
          Signature s = newSignature("SHA256withECDSA", "SunEC");
          return () -> {
            s.initSign(key);
            s.update(MESSAGE);
            return s.sign().length;
          };
        };
      }
      case "Verify-P256": {
        KeyPair pair = ecKeys();
        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(pair.getPrivate());
        signer.update(MESSAGE);
        byte[] signature = signer.sign();
        PublicKey key = pair.getPublic();
        return () -> {
          Signature s = newSignature("SHA256withECDSA", "SunEC");
          return () -> {
            s.initVerify(key);
            s.update(MESSAGE);
            if (!s.verify(signature)) {
              throw new IllegalStateException("a valid signature did not verify");
            }
            return 1;
          };
        };
      }
      case "Sign-RSA2048-PSS": {
        PrivateKey key = rsaKeys().getPrivate();
        return () -> {
          Signature s = newSignature("RSASSA-PSS", null);
          try {
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
          return () -> {
            s.initSign(key);
            s.update(MESSAGE);
            return s.sign().length;
          };
        };
      }
      case "Sign-RSA2048-PKCS1": {
        PrivateKey key = rsaKeys().getPrivate();
        return () -> {
          Signature s = newSignature("SHA256withRSA", null);
          return () -> {
            s.initSign(key);
            s.update(MESSAGE);
            return s.sign().length;
          };
        };
      }
      case "GenerateMac-HMAC256": {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        SecretKeySpec key = new SecretKeySpec(raw, "HMAC"); // as HmacKeyMaterial builds it
        return () -> {
          Mac mac;
          try {
            mac = Mac.getInstance("HmacSHA256");
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
          }
          return () -> {
            mac.init(key);
            return mac.doFinal(MESSAGE).length;
          };
        };
      }
      default:
        throw new IllegalArgumentException(op);
    }
  }

  static String providerOf(String op) throws GeneralSecurityException {
    switch (op) {
      case "Sign-P256":
      case "Verify-P256":
        return Signature.getInstance("SHA256withECDSA", "SunEC").getProvider().getName();
      case "Sign-RSA2048-PSS":
        return Signature.getInstance("RSASSA-PSS").getProvider().getName();
      case "Sign-RSA2048-PKCS1": {
        // the provider is chosen at initSign; ask with a key
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(rsaKeys().getPrivate());
        return s.getProvider().getName();
      }
      default:
        return Mac.getInstance("HmacSHA256").getProvider().getName();
    }
  }

  static Signature newSignature(String algorithm, String provider) {
    try {
      return provider == null ? Signature.getInstance(algorithm) : Signature.getInstance(algorithm, provider);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A P-256 pair as the server holds it: generated by SunEC, decoded from PKCS#8 / X.509 by SunEC. */
  static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return reloaded(g.generateKeyPair(), KeyFactory.getInstance("EC", "SunEC"));
  }

  /** An RSA 2048 pair (e = 65537) as the server holds it: decoded from PKCS#8 / X.509. */
  static KeyPair rsaKeys() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
    return reloaded(g.generateKeyPair(), KeyFactory.getInstance("RSA"));
  }

  static KeyPair reloaded(KeyPair pair, KeyFactory f) throws GeneralSecurityException {
    return new KeyPair(
        f.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded())),
        f.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
  }

  // ------------------------------------------------------------------ the same through Keywarden's domain

  static Supplier<Task> domainTask(String op) {
    switch (op) {
      case "Sign-P256":
        return domainSign(KeyPairMaterial.generate(KeySpec.ECC_NIST_P256), SigningAlgorithm.ECDSA_SHA_256);
      case "Sign-RSA2048-PSS":
        return domainSign(KeyPairMaterial.generate(KeySpec.RSA_2048), SigningAlgorithm.RSASSA_PSS_SHA_256);
      case "Sign-RSA2048-PKCS1":
        return domainSign(KeyPairMaterial.generate(KeySpec.RSA_2048), SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256);
      case "Verify-P256": {
        KeyPairMaterial key = KeyPairMaterial.generate(KeySpec.ECC_NIST_P256);
        byte[] signature = Signatures.sign(key, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE);
        return () -> () -> {
          if (!Signatures.verify(key, SigningAlgorithm.ECDSA_SHA_256, MessageType.RAW, MESSAGE, signature)) {
            throw new IllegalStateException("a valid signature did not verify");
          }
          return 1;
        };
      }
      case "GenerateMac-HMAC256": {
        HmacKeyMaterial key = HmacKeyMaterial.generate(KeySpec.HMAC_256);
        return () -> () -> key.mac(MacAlgorithm.HMAC_SHA_256, MESSAGE).length;
      }
      default:
        throw new IllegalArgumentException(op);
    }
  }

  static Supplier<Task> domainSign(KeyPairMaterial key, SigningAlgorithm algorithm) {
    return () -> () -> Signatures.sign(key, algorithm, MessageType.RAW, MESSAGE).length;
  }

  // ------------------------------------------------------------------ the measurement

  record Run(long ops, double seconds, double selfCpu, double busyCpu) {
    double opsPerSecond() {
      return ops / seconds;
    }

    double selfCores() {
      return selfCpu / seconds;
    }

    double otherCores() {
      return Math.max(0, busyCpu - selfCpu) / seconds;
    }
  }

  static volatile boolean stop;
  static volatile int sink;

  /** THREADS threads, each with its own task from TASKS, for SECONDS; counts completed operations. */
  static Run measure(Supplier<Task> tasks, int threads, double seconds) throws Exception {
    stop = false;
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong total = new AtomicLong();
    List<Throwable> failures = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Task task = tasks.get();
      Thread w = new Thread(() -> {
        long n = 0;
        int acc = 0;
        try {
          ready.countDown();
          go.await();
          while (!stop) {
            acc += task.run();
            n++;
          }
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
        sink += acc;
        total.addAndGet(n);
      }, "jca-" + t);
      workers.add(w);
      w.start();
    }
    ready.await();
    double self0 = selfCpuSeconds(), busy0 = busyCpuSeconds();
    long t0 = System.nanoTime();
    go.countDown();
    Thread.sleep((long) (seconds * 1000));
    stop = true;
    long t1 = System.nanoTime();
    double self1 = selfCpuSeconds(), busy1 = busyCpuSeconds();
    for (Thread w : workers) {
      w.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("an operation failed", failures.get(0));
    }
    return new Run(total.get(), (t1 - t0) / 1e9, self1 - self0, busy1 - busy0);
  }

  // USER_HZ: 100 on Linux (what /proc reports in), as getconf CLK_TCK says
  static final double HZ = 100.0;

  /** User + system CPU time of this process (all threads: also the JIT and GC). */
  static double selfCpuSeconds() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
  }

  /** CPU time the whole machine has spent busy (the same fields bench/run's busy_seconds adds). */
  static double busyCpuSeconds() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
            + Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        return busy / HZ;
      }
    }
    throw new IllegalStateException("no cpu line in /proc/stat");
  }

  static double seconds(String s) {
    if (s.endsWith("ms")) {
      return Double.parseDouble(s.substring(0, s.length() - 2)) / 1000;
    }
    if (s.endsWith("s")) {
      return Double.parseDouble(s.substring(0, s.length() - 1));
    }
    if (s.endsWith("m")) {
      return Double.parseDouble(s.substring(0, s.length() - 1)) * 60;
    }
    return Double.parseDouble(s);
  }

  static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[jca] " + format + "%n", args);
  }
}
