#!/usr/bin/env python3
"""Helpers for bench/run: create a key, sign requests into wrk scripts, time dev start-up, report.

Credentials come from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), never from the
command line, and are never printed.

Subcommands:
  create-key ENDPOINT [OP]             creates the key OP needs (a symmetric key by default; see
                                       KEYS), prints its key id; for a SECRETS_OPS operation, the
                                       secrets it reads (their names, comma-separated)
  key-kind OP                          prints "KEY_SPEC/KEY_USAGE" of the key OP needs
  expand-ops OPS...                    expands the groups "symmetric" and "sign-verify-mac"
  wrk-script ENDPOINT KEY_ID OP OUT    signs one OP request (Encrypt, Decrypt, GenerateDataKey, or
                                       one of SIGNING_OPS) with SigV4 and writes a wrk Lua script
                                       replaying it
  add-jca RESULTS_JSON JCA_OUTPUT      adds the JCA_RESULT lines of bench/JcaBaseline.java
  startup LAUNCHER RUNS                times `LAUNCHER server --dev` to its first signed
                                       ListKeys answer, RUNS times; prints JSON
  thread-cpu PID OUT                   writes the CPU seconds of each of PID's threads so far (JSON)
  jit-seconds PID                      prints the CPU seconds PID's JIT compiler threads used so far
  report RESULTS_JSON                  prints the comparison table from the collected results
"""
import base64
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

REGION = "us-east-1"
CONTENT_TYPE = "application/x-amz-json-1.1"
# The same request shapes against both servers: a 64-byte plaintext, a small encryption context.
PLAINTEXT = bytes(range(64))
CONTEXT = {"purpose": "bench", "tenant": "t-0001"}
# Sign, Verify and GenerateMac (issue 3) sign or MAC the same 64 bytes (MessageType RAW), as the raw
# JCA baseline (bench/JcaBaseline.java) does.
MESSAGE = bytes(range(64))

SYMMETRIC_OPS = ("Encrypt", "Decrypt", "GenerateDataKey")
# operation name in bench/run -> (KMS operation, key spec, key usage, algorithm)
SIGNING_OPS = {
    "Sign-P256": ("Sign", "ECC_NIST_P256", "SIGN_VERIFY", "ECDSA_SHA_256"),
    "Sign-RSA2048-PSS": ("Sign", "RSA_2048", "SIGN_VERIFY", "RSASSA_PSS_SHA_256"),
    "Sign-RSA2048-PKCS1": ("Sign", "RSA_2048", "SIGN_VERIFY", "RSASSA_PKCS1_V1_5_SHA_256"),
    "Verify-P256": ("Verify", "ECC_NIST_P256", "SIGN_VERIFY", "ECDSA_SHA_256"),
    "GenerateMac-HMAC256": ("GenerateMac", "HMAC_256", "GENERATE_VERIFY_MAC", "HMAC_SHA_256"),
}
# Issue 4: Encrypt under a realistic key policy (AWS's documented statements: IAM delegation, key use
# for the account with an encryption-context condition, use through Secrets Manager, explicit denies),
# compared with Encrypt under the default key policy in the same run. Keywarden only.
POLICY_OPS = {"Encrypt-KeyPolicy": "Encrypt"}
# Issue 6: Secrets Manager reads, against Keywarden and moto: GetSecretValue of one secret, and
# BatchGetSecretValue of 20 secrets named in SecretIdList. Operation name -> (Secrets Manager
# operation, number of secrets). Each secret holds a database credential as AWS's rotation templates
# write it (about 150 bytes of JSON), under the AWS managed key alias/aws/secretsmanager.
SECRETS_OPS = {"GetSecretValue": ("GetSecretValue", 1),
               "BatchGetSecretValue-20": ("BatchGetSecretValue", 20)}
SECRET_VALUE = json.dumps({"engine": "postgres", "host": "db.internal.example.com", "port": 5432,
                           "username": "app_user", "password": "k3#Vq9!xR2-bench-pw-0123456789",
                           "dbname": "orders"})
# Issue 5: Encrypt against the same data directory served with --bench-audit-off (the benchmark-only
# switch: calls answered without an audit record), compared with Encrypt with audit on (the default)
# in the same run. Issue 6: the same for the Secrets Manager reads.
AUDIT_OFF_OPS = {"Encrypt-AuditOff": "Encrypt", "GetSecretValue-AuditOff": "GetSecretValue",
                 "BatchGetSecretValue-20-AuditOff": "BatchGetSecretValue-20",
                 # Issue 3: what the audit record (its fsync'd group commit) costs a Sign or Verify
                 "Sign-P256-AuditOff": "Sign-P256", "Verify-P256-AuditOff": "Verify-P256"}
GROUPS = {"symmetric": list(SYMMETRIC_OPS), "sign-verify-mac": list(SIGNING_OPS),
          "policy": list(POLICY_OPS), "audit": ["Encrypt", "Encrypt-AuditOff"],
          "secrets": list(SECRETS_OPS) + ["GetSecretValue-AuditOff", "BatchGetSecretValue-20-AuditOff"]}
# The issue 4 target: Encrypt-KeyPolicy req/s >= this share of Encrypt req/s (same run)
POLICY_TARGET = 0.90
# The issue 5 target: Encrypt with audit on req/s >= this share of Encrypt with audit off (same run)
AUDIT_TARGET = 0.80


def realistic_policy(account):
    """A key policy as AWS's examples write them; every statement is evaluated for each Encrypt."""
    use = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    admin = ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
             "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
             "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]
    root = "arn:aws:iam::%s:root" % account
    return json.dumps({"Version": "2012-10-17", "Id": "bench-realistic", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": root},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "Allow access for Key Administrators", "Effect": "Allow", "Principal": {"AWS": account},
         "Action": admin, "Resource": "*",
         "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::%s:role/KeyAdmin*" % account}}},
        {"Sid": "Allow use of the key by tenants", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": use, "Resource": "*",
         "Condition": {"StringEquals": {"kms:CallerAccount": account},
                       "StringLike": {"kms:EncryptionContext:tenant": "t-*"}}},
        {"Sid": "Allow access through Secrets Manager", "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": use + ["kms:CreateGrant"], "Resource": "*",
         "Condition": {"StringEquals": {"kms:CallerAccount": account,
                                        "kms:ViaService": "secretsmanager.%s.amazonaws.com" % REGION}}},
        {"Sid": "Deny other accounts", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "kms:*",
         "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalAccount": account}}},
        {"Sid": "Deny use without an encryption context", "Effect": "Deny", "Principal": {"AWS": "*"},
         "Action": ["kms:Encrypt", "kms:GenerateDataKey*"], "Resource": "*",
         "Condition": {"Null": {"kms:EncryptionContextKeys": "true"}}},
    ]})
# The issue 3 target: server req/s >= this share of the raw JCA ops/s (2 threads) of the same primitive
JCA_TARGET = 0.80
# The issue 6 target: GetSecretValue req/s at 16 connections, audit on
SECRETS_TARGET = 15000


def credentials():
    return Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])


def client(endpoint, service="kms"):
    session = botocore.session.get_session()
    creds = credentials()
    return session.create_client(
        service,
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id=creds.access_key,
        aws_secret_access_key=creds.secret_key,
        config=Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30),
    )


def signed(endpoint, operation, body, service="kms"):
    """A SigV4-signed POST / for TrentService.<operation> (KMS) or secretsmanager.<operation>
    (service "secretsmanager"): (host, headers, body)."""
    data = json.dumps(body, separators=(",", ":"))
    target = ("TrentService." if service == "kms" else service + ".") + operation
    request = AWSRequest(
        method="POST",
        url=endpoint.rstrip("/") + "/",
        data=data.encode("utf-8"),
        headers={"X-Amz-Target": target, "Content-Type": CONTENT_TYPE},
    )
    SigV4Auth(credentials(), service, REGION).add_auth(request)
    host = urlsplit(endpoint).netloc  # what SigV4Auth signed as "host"
    headers = {"Host": host}
    headers.update({k: v for k, v in request.headers.items()})
    return host, headers, data


def body_for(endpoint, key_id, operation):
    b64 = lambda b: base64.b64encode(b).decode("ascii")
    if operation in SECRETS_OPS:  # key_id: the secrets' names, comma-separated
        names = key_id.split(",")
        if SECRETS_OPS[operation][0] == "GetSecretValue":
            return {"SecretId": names[0]}
        return {"SecretIdList": names}
    if operation in ("Encrypt", "Encrypt-KeyPolicy", "Encrypt-AuditOff"):
        return {"KeyId": key_id, "Plaintext": b64(PLAINTEXT), "EncryptionContext": CONTEXT}
    if operation == "Decrypt":
        blob = client(endpoint).encrypt(
            KeyId=key_id, Plaintext=PLAINTEXT, EncryptionContext=CONTEXT)["CiphertextBlob"]
        return {"CiphertextBlob": b64(blob), "KeyId": key_id, "EncryptionContext": CONTEXT}
    if operation == "GenerateDataKey":
        return {"KeyId": key_id, "KeySpec": "AES_256", "EncryptionContext": CONTEXT}
    if operation in SIGNING_OPS:
        kms_op, _, _, algorithm = SIGNING_OPS[operation]
        if kms_op == "GenerateMac":
            return {"KeyId": key_id, "Message": b64(MESSAGE), "MacAlgorithm": algorithm}
        body = {"KeyId": key_id, "Message": b64(MESSAGE), "MessageType": "RAW", "SigningAlgorithm": algorithm}
        if kms_op == "Verify":
            # a valid signature, made by the server: an invalid one answers 400, which fails the run
            body["Signature"] = b64(client(endpoint).sign(
                KeyId=key_id, Message=MESSAGE, MessageType="RAW", SigningAlgorithm=algorithm)["Signature"])
        return body
    raise SystemExit("unknown operation " + operation)


def base_operation(operation):
    """The bench operation an audit-off variant repeats (the operation itself otherwise)."""
    return AUDIT_OFF_OPS.get(operation, operation)


def api_operation(operation):
    """(signing service, X-Amz-Target operation) of a bench operation name."""
    operation = base_operation(operation)
    if operation in SECRETS_OPS:
        return "secretsmanager", SECRETS_OPS[operation][0]
    if operation in POLICY_OPS:
        return "kms", POLICY_OPS[operation]
    return "kms", SIGNING_OPS[operation][0] if operation in SIGNING_OPS else operation


def key_kind(operation):
    """(key spec, key usage) of the key an operation needs; ("secrets", N) for N secrets to read."""
    operation = base_operation(operation)
    if operation in SECRETS_OPS:
        return "secrets", str(SECRETS_OPS[operation][1])
    if operation in SIGNING_OPS:
        return SIGNING_OPS[operation][1:3]
    if operation in SYMMETRIC_OPS:
        return "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT"
    if operation in POLICY_OPS:
        return "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT+policy"
    raise SystemExit("unknown operation " + operation)


def expand_ops(names):
    out = []
    for n in names:
        for op in GROUPS.get(n, [n]):
            key_kind(op)  # refuses unknown names
            if op not in out:
                out.append(op)
    return out


def lua_string(s):
    level = "=" * 4
    if "]" + level + "]" in s:
        raise SystemExit("cannot quote for Lua")
    return "[" + level + "[" + s + "]" + level + "]"


# wrk's done() prints one machine-readable line: exact percentiles (microseconds) and error counts.
# errors.status counts responses with a status above 399; wrk prints it as "Non-2xx or 3xx responses".
DONE = """
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max, latency.mean))
end
"""


def create_secrets(endpoint, count):
    """Creates COUNT secrets holding SECRET_VALUE (names unique to this call); their names."""
    sm = client(endpoint, "secretsmanager")
    stamp = "%d-%d" % (os.getpid(), int(time.time() * 1000))
    names = []
    for i in range(count):
        name = "bench/%s/db-credentials-%02d" % (stamp, i)
        sm.create_secret(Name=name, SecretString=SECRET_VALUE, Description="bench")
        names.append(name)
    return names


def wrk_script(endpoint, key_id, operation, out):
    service, api_op = api_operation(operation)
    _, headers, data = signed(endpoint, api_op, body_for(endpoint, key_id, base_operation(operation)),
                              service)
    lines = ['-- generated by bench/kmsbench.py: one signed ' + operation + ' request, replayed',
             'wrk.method = "POST"',
             "wrk.body = " + lua_string(data)]
    for name, value in headers.items():
        lines.append("wrk.headers[ %s ] = %s" % (lua_string(name), lua_string(value)))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n" + DONE)
    # Check the signed request once, exactly as wrk will send it: it must answer 200.
    u = urlsplit(endpoint)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    conn.request("POST", "/", body=data.encode("utf-8"), headers=headers)
    response = conn.getresponse()
    answer = response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit("%s %s answered %d: %s" % (endpoint, operation, response.status, answer[:300]))
    if api_op == "BatchGetSecretValue":  # every secret read, none in Errors
        got = json.loads(answer)
        if len(got.get("SecretValues", [])) != len(key_id.split(",")) or got.get("Errors"):
            raise SystemExit("%s %s did not read every secret: %s" % (endpoint, operation, answer[:300]))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def startup(launcher, runs, java_opts):
    """Wall time from spawning `LAUNCHER server --dev` (the ./keywarden script, as users start it,
    with its class-data-sharing archive) to its first 200 for a signed ListKeys."""
    # bench/run's clean-up sends SIGTERM: unwind, so that the finally below stops the dev server
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    times, cpu = [], []
    for _ in range(runs):
        port = free_port()
        endpoint = "http://127.0.0.1:%d" % port
        _, headers, data = signed(endpoint, "ListKeys", {})
        body = data.encode("utf-8")
        cmd = [launcher, "server", "--dev", "--port", str(port)]
        env = dict(os.environ, KEYWARDEN_JAVA_OPTS=" ".join(java_opts))
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        try:
            elapsed = None
            while time.monotonic() - start < 30:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("POST", "/", body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    conn.close()
                    if response.status == 200:
                        elapsed = time.monotonic() - start
                        cpu.append(cpu_seconds(proc.pid))
                        break
                except OSError:
                    pass
                if proc.poll() is not None:
                    raise SystemExit("dev server exited with %d" % proc.returncode)
                time.sleep(0.005)
            if elapsed is None:
                raise SystemExit("dev server did not answer ListKeys within 30 s")
            times.append(elapsed)
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    print(json.dumps({"runs_s": [round(t, 3) for t in times],
                      "median_s": round(statistics.median(times), 3),
                      "cpu_s": [round(t, 2) for t in cpu],
                      "java_opts": " ".join(java_opts)}))


def cpu_seconds(pid):
    """User + system CPU time of a process so far (all its threads: JIT, GC, ...)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """{tid: [thread name, user + system CPU seconds so far]} for each live thread of a process."""
    hz = os.sysconf("SC_CLK_TCK")
    out = {}
    task = "/proc/%d/task" % pid
    for tid in os.listdir(task):
        try:
            with open("%s/%s/stat" % (task, tid)) as f:
                stat = f.read()
        except OSError:
            continue  # the thread exited meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        out[tid] = [name, (int(fields[11]) + int(fields[12])) / hz]
    return out


# The server's threads, by what they do (the names the JVM, Netty and KeywardenHttpServer give them)
THREAD_GROUPS = (
    ("jit", ("C1 CompilerThre", "C2 CompilerThre")),
    ("gc", ("GC Thread", "G1 ")),
    ("io", ("keywarden-io", "keywarden-accep")),
    ("pool", ("keywarden-block", "keywarden-compu")),  # /proc cuts names to 15 characters
    ("audit", ("keywarden-audit",)),
)


def thread_groups(before, after, total_cpu_s, seconds):
    """Cores used per thread group between two thread_cpu snapshots; 'exited' is what threads that
    ended meanwhile used (the process total minus the live threads')."""
    cores = {g: 0.0 for g, _ in THREAD_GROUPS}
    cores["other"] = 0.0
    live = 0.0
    for tid, (name, cpu) in after.items():
        used = cpu - before.get(tid, [name, 0.0])[1]
        live += used
        group = next((g for g, prefixes in THREAD_GROUPS if name.startswith(prefixes)), "other")
        cores[group] += used
    cores["exited"] = max(0.0, total_cpu_s - live)
    return {g: round(c / seconds, 2) for g, c in cores.items()}


# More CPU than this used by processes other than the server and wrk makes a run "not clean".
OTHER_LIMIT = 0.10


def busy(run):
    return run.get("other_cores", 0) > OTHER_LIMIT


def fmt_ms(us):
    return "%.2f" % (us / 1000.0)


def report(path):
    with open(path) as f:
        results = json.load(f)
    runs = results["runs"]
    if any(k.split("/", 1)[1] in SYMMETRIC_OPS for k in runs):
        symmetric_table(runs)
    jca = results.get("jca", {})
    if any(k.split("/", 1)[1] in SIGNING_OPS for k in runs) or jca:
        print()
        signing_table(runs, jca)
    if any(base_operation(k.split("/", 1)[1]) in SECRETS_OPS for k in runs):
        print()
        secrets_table(runs)
    extra = [k for k in runs if k.startswith("keywarden/") and k.split("/", 1)[1] not in
             SYMMETRIC_OPS and k.split("/", 1)[1] not in SIGNING_OPS and k.split("/", 1)[1] not in SECRETS_OPS]
    for k in sorted(extra):
        r = runs[k]
        print("%s: %.0f req/s, p50 %s ms, p99 %s ms (%s)" % (
            k, r["rps"], fmt_ms(r["latency_us"]["p50"]), fmt_ms(r["latency_us"]["p99"]), r["wrk"]))
    print("\nCPU used during each measured run (cores, of %d), and p99.9 / max latency:" % os.cpu_count())
    for k in sorted(runs):
        r = runs[k]
        print("  %-32s server %.2f  wrk %.2f  other processes %.2f   p99.9 %s ms  max %s ms%s" % (
            k, r.get("server_cores", 0), r.get("wrk_cores", 0), r.get("other_cores", 0),
            fmt_ms(r["latency_us"]["p999"]), fmt_ms(r["latency_us"]["max"]),
            "   <- NOT CLEAN: other processes competed for the CPU" if busy(r) else ""))
        t = r.get("server_threads")
        if t:
            print("  %-32s   server CPU per request %.0f us; server threads (cores): %s" % (
                "", r.get("server_cores", 0) / r["rps"] * 1e6,
                ", ".join("%s %.2f" % (g, c) for g, c in t.items() if c or g == "jit")))
    for op in sorted(jca):
        for variant, r in sorted(jca[op].items()):
            print("  %-32s JCA    %.2f           other processes %.2f%s" % (
                "jca/%s (%s)" % (op, variant), r["self_cores"], r["other_cores"],
                "   <- NOT CLEAN: other processes competed for the CPU" if busy(r) else ""))
    all_runs = list(runs.values()) + [r for v in jca.values() for r in v.values()]
    if any(busy(r) for r in all_runs):
        print("WARNING: other processes used more than %.2f cores during some runs; their numbers (p99 above"
              " all) are not those of a quiet machine. Run again when the machine is idle." % OTHER_LIMIT)
    s = results.get("startup")
    if s:
        print("dev-mode start-up to first signed ListKeys: median %.3f s (runs: %s; CPU s used by then: %s)"
              % (s["median_s"], ", ".join("%.3f" % t for t in s["runs_s"]),
                 ", ".join("%.2f" % t for t in s.get("cpu_s", []))))
    enc = runs.get("keywarden/Encrypt")
    pol = runs.get("keywarden/Encrypt-KeyPolicy")
    if enc and pol:
        ratio = pol["rps"] / enc["rps"]
        print("target Encrypt-KeyPolicy >= %.0f%% of Encrypt (default key policy): %s (%.0f vs %.0f req/s:"
              " %.1f%%)%s" % (POLICY_TARGET * 100, "met" if ratio >= POLICY_TARGET else "NOT met",
                              pol["rps"], enc["rps"], ratio * 100,
                              "; NOT CLEAN, rerun on a quiet machine" if busy(enc) or busy(pol) else ""))
    for k in sorted(runs):
        if k.startswith("keywarden-audit-off/"):
            r = runs[k]
            print("%s: %.0f req/s, p50 %s ms, p99 %s ms (%s)" % (
                k, r["rps"], fmt_ms(r["latency_us"]["p50"]), fmt_ms(r["latency_us"]["p99"]), r["wrk"]))
    for suffix in [""] + sorted({k[k.rindex("-c"):] for k in runs
                                 if k.startswith("keywarden-audit-off/Encrypt-AuditOff-c")}):
        on, off = runs.get("keywarden/Encrypt" + suffix), runs.get("keywarden-audit-off/Encrypt-AuditOff" + suffix)
        if on and off:
            ratio = on["rps"] / off["rps"]
            print("Encrypt with audit on / audit off (--bench-audit-off), %s, sequential runs minutes apart"
                  " (issue 5's %.0f%% target is read from the interleaved runs below): %s"
                  " (%.0f vs %.0f req/s: %.1f%%; p99 %s vs %s ms)%s" % (
                      on["wrk"].split()[2], AUDIT_TARGET * 100, "above" if ratio >= AUDIT_TARGET else "below",
                      on["rps"], off["rps"], ratio * 100, fmt_ms(on["latency_us"]["p99"]),
                      fmt_ms(off["latency_us"]["p99"]),
                      "; NOT CLEAN, rerun on a quiet machine" if busy(on) or busy(off) else ""))
    if enc:
        ok = enc["rps"] >= 25000 and enc["latency_us"]["p99"] <= 10000
        print("target Encrypt >= 25000 req/s with p99 <= 10 ms: %s (%.0f req/s, p99 %s ms)"
              % ("met" if ok else "NOT met", enc["rps"], fmt_ms(enc["latency_us"]["p99"])))
    if s:
        print("target dev-mode first answer < 1 s: %s" % ("met" if s["median_s"] < 1.0 else "NOT met"))
    get = runs.get("keywarden/GetSecretValue")
    if get:
        print("target GetSecretValue >= %d req/s (audit on, %s): %s (%.0f req/s, p99 %s ms)%s" % (
            SECRETS_TARGET, get["wrk"].split()[1], "met" if get["rps"] >= SECRETS_TARGET else "NOT met",
            get["rps"], fmt_ms(get["latency_us"]["p99"]),
            "; NOT CLEAN, rerun on a quiet machine" if busy(get) else ""))
    for op in SIGNING_OPS:
        kw, base = runs.get("keywarden/" + op), jca.get(op, {}).get("raw-t2")
        if kw and base:
            ratio = kw["rps"] / base["ops_per_s"]
            print("target %s >= %.0f%% of raw JCA (2 threads): %s (%.0f req/s vs %.0f ops/s: %.1f%%)%s" % (
                op, JCA_TARGET * 100, "met" if ratio >= JCA_TARGET else "NOT met",
                kw["rps"], base["ops_per_s"], ratio * 100,
                "; NOT CLEAN, rerun on a quiet machine" if busy(kw) or busy(base) else ""))


def table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).rjust(w) if i else str(c).ljust(w)
                                           for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    print(line(header))
    print("|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2))
                         for i, w in enumerate(widths)) + "|")
    for row in rows:
        print(line(row))


def signing_table(runs, jca):
    """Issue 3: the server's req/s next to the raw JCA ops/s of the same primitive (same run)."""
    header = ("operation", "Keywarden req/s", "p50 ms", "p99 ms", "JCA ops/s 2 thr",
              "server/JCA", "target 80%", "JCA ops/s 1 thr", "server/JCA 1 thr")
    rows = []
    for op in SIGNING_OPS:
        kw = runs.get("keywarden/" + op)
        t2, t1 = jca.get(op, {}).get("raw-t2"), jca.get(op, {}).get("raw-t1")
        if kw is None and t2 is None and t1 is None:
            continue
        row = [op]
        row += (["%.0f" % kw["rps"], fmt_ms(kw["latency_us"]["p50"]), fmt_ms(kw["latency_us"]["p99"])]
                if kw else ["-", "-", "-"])
        row.append("%.0f" % t2["ops_per_s"] if t2 else "-")
        ratio = kw["rps"] / t2["ops_per_s"] if kw and t2 else None
        row.append("%.1f%%" % (ratio * 100) if ratio is not None else "-")
        verdict = ("met" if ratio >= JCA_TARGET else "NOT met") if ratio is not None else "-"
        if ratio is not None and (busy(kw) or busy(t2)):
            verdict += " (not clean)"
        row.append(verdict)
        row.append("%.0f" % t1["ops_per_s"] if t1 else "-")
        row.append("%.1f%%" % (100 * kw["rps"] / t1["ops_per_s"]) if kw and t1 else "-")
        rows.append(row)
    table(header, rows)
    domain = [(op, v) for op in SIGNING_OPS for k, v in sorted(jca.get(op, {}).items())
              if k.startswith("domain-")]
    for op, v in domain:
        print("%s through Keywarden's domain classes in-process, %d threads: %.0f ops/s"
              % (op, v["threads"], v["ops_per_s"]))


def secrets_table(runs):
    """Issue 6: Secrets Manager reads, Keywarden with audit on and off, and moto (same run)."""
    header = ("operation", "Keywarden req/s", "p50 ms", "p99 ms", "server us/req", "audit off req/s",
              "p99 ms", "server us/req", "moto req/s", "p50 ms", "p99 ms", "ratio")
    rows = []
    for op in SECRETS_OPS:
        on, off, mo = (runs.get("keywarden/" + op), runs.get("keywarden-audit-off/" + op + "-AuditOff"),
                       runs.get("moto/" + op))
        if not (on or off or mo):
            continue
        row = [op]
        for r, full in ((on, True), (off, False), (mo, True)):
            if r is None:
                row += ["-"] * (3 if full else 2) + ([] if r is mo else ["-"])
                continue
            row.append("%.0f%s" % (r["rps"], " (!)" if busy(r) else ""))
            if full:
                row.append(fmt_ms(r["latency_us"]["p50"]))
            row.append(fmt_ms(r["latency_us"]["p99"]))
            if r is not mo:
                row.append("%.0f" % (r.get("server_cores", 0) / r["rps"] * 1e6) if r["rps"] else "-")
        row.append("%.1fx" % (on["rps"] / mo["rps"]) if on and mo and mo["rps"] > 0 else "-")
        rows.append(row)
    table(header, rows)
    print("(!) = not clean: other processes used more than %.2f cores. BatchGetSecretValue-20 reads 20"
          " secrets per request." % OTHER_LIMIT)


def symmetric_table(runs):
    header = ("operation", "Keywarden req/s", "p50 ms", "p99 ms",
              "moto req/s", "p50 ms", "p99 ms", "ratio")
    rows = []
    for op in SYMMETRIC_OPS:
        kw = runs.get("keywarden/" + op)
        mo = runs.get("moto/" + op)
        row = [op]
        for r in (kw, mo):
            if r is None:
                row += ["-", "-", "-"]
            else:
                row += ["%.0f" % r["rps"], fmt_ms(r["latency_us"]["p50"]), fmt_ms(r["latency_us"]["p99"])]
        row.append("%.1fx" % (kw["rps"] / mo["rps"]) if kw and mo and mo["rps"] > 0 else "-")
        rows.append(row)
    table(header, rows)


def parse_wrk(raw_path):
    """The BENCH_RESULT line of a wrk run, with req/s."""
    with open(raw_path) as f:
        text = f.read()
    result = None
    for line in text.splitlines():
        if line.startswith("BENCH_RESULT "):
            result = json.loads(line[len("BENCH_RESULT "):])
    if result is None:
        raise SystemExit("no BENCH_RESULT in " + raw_path)
    result["rps"] = result["requests"] * 1e6 / result["duration_us"]
    return result


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__)
    cmd = argv[1]
    if cmd == "create-key":
        spec, usage = key_kind(argv[3]) if len(argv) > 3 else key_kind("Encrypt")
        if spec == "secrets":
            print(",".join(create_secrets(argv[2], int(usage))))
            return 0
        args = {"Description": "bench"}
        if spec != "SYMMETRIC_DEFAULT":
            args.update(KeySpec=spec, KeyUsage=usage)
        kms = client(argv[2])
        meta = kms.create_key(**args)["KeyMetadata"]
        if usage.endswith("+policy"):
            kms.put_key_policy(KeyId=meta["KeyId"], PolicyName="default",
                               Policy=realistic_policy(meta["Arn"].split(":")[4]))
        print(meta["KeyId"])
    elif cmd == "key-kind":
        print("%s/%s" % key_kind(argv[2]))
    elif cmd == "expand-ops":
        print(" ".join(expand_ops(" ".join(argv[2:]).split())))
    elif cmd == "add-jca":
        # add-jca RESULTS_JSON JCA_OUTPUT: the JCA_RESULT lines of bench/JcaBaseline.java
        path = argv[2]
        results = json.load(open(path)) if os.path.exists(path) else {"runs": {}}
        jca = results.setdefault("jca", {})
        n = 0
        with open(argv[3]) as f:
            for line in f:
                if line.startswith("JCA_RESULT "):
                    r = json.loads(line[len("JCA_RESULT "):])
                    jca.setdefault(r["op"], {})["%s-t%d" % (r["layer"], r["threads"])] = r
                    n += 1
        if n == 0:
            raise SystemExit("no JCA_RESULT in " + argv[3])
        with open(path, "w") as f:
            json.dump(results, f, indent=1)
    elif cmd == "wrk-script":
        wrk_script(argv[2], argv[3], argv[4], argv[5])
    elif cmd == "startup":
        opts = os.environ.get("BENCH_JAVA_OPTS", "").split()
        startup(argv[2], int(argv[3]), opts)
    elif cmd == "parse-wrk":
        # parse-wrk RESULTS_JSON NAME RAW_FILE WRK_ARGS SERVER_CPU_S WRK_CPU_S OTHER_CPU_S
        #   [THREADS_BEFORE THREADS_AFTER]: adds one run
        path, name, raw, wrk_args = argv[2], argv[3], argv[4], argv[5]
        results = json.load(open(path)) if os.path.exists(path) else {"runs": {}}
        r = parse_wrk(raw)
        r["wrk"] = wrk_args
        seconds = r["duration_us"] / 1e6
        r["server_cores"] = round(float(argv[6]) / seconds, 2)
        r["wrk_cores"] = round(float(argv[7]) / seconds, 2)
        r["other_cores"] = round(float(argv[8]) / seconds, 2)
        if len(argv) > 10:  # the server's thread snapshots before and after the measured run
            r["server_threads"] = thread_groups(
                json.load(open(argv[9])), json.load(open(argv[10])), float(argv[6]), seconds)
        results["runs"][name] = r
        with open(path, "w") as f:
            json.dump(results, f, indent=1)
        e = r["errors"]
        print("%-28s %9.0f req/s  p50 %6s ms  p99 %6s ms  non-2xx %d  socket errors %d"
              "  CPU: server %.2f cores, wrk %.2f, other %.2f" % (
            name, r["rps"], fmt_ms(r["latency_us"]["p50"]), fmt_ms(r["latency_us"]["p99"]),
            e["status"], e["connect"] + e["read"] + e["write"] + e["timeout"],
            r["server_cores"], r["wrk_cores"], r["other_cores"]))
        if e["status"] or e["connect"] or e["read"] or e["write"] or e["timeout"]:
            print("FAILED: %s had non-2xx responses or socket errors" % name, file=sys.stderr)
            return 3
    elif cmd == "add-startup":
        path, data = argv[2], json.loads(argv[3])
        results = json.load(open(path)) if os.path.exists(path) else {"runs": {}}
        results["startup"] = data
        with open(path, "w") as f:
            json.dump(results, f, indent=1)
    elif cmd == "jit-seconds":
        jit = dict(THREAD_GROUPS)["jit"]
        print("%.2f" % sum(cpu for name, cpu in thread_cpu(int(argv[2])).values() if name.startswith(jit)))
    elif cmd == "thread-cpu":
        with open(argv[3], "w") as f:
            json.dump(thread_cpu(int(argv[2])), f)
    elif cmd == "report":
        report(argv[2])
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
