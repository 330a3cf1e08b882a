#!/usr/bin/env python3
"""Summarises a Linux perf recording of the Keywarden server (bench/profile with BENCH_PROFILER=perf):
every cpu-clock sample of the process, on every thread (request threads, JIT compilers, GC), with
the JIT's perf map for Java frames. Prints the threads, where the top frame is (compiled Java,
interpreter, stubs, the JVM itself, the kernel), the hottest methods by self and inclusive time,
the innermost io.keywarden frame, and coarse areas: the share of the process's CPU spent inside
the operation's JCA call (java.security.Signature / javax.crypto.Mac and what they run), which bounds
the server's throughput against the raw JCA baseline, then SigV4, JSON, HTTP, JIT, GC.

Usage: perf_top.py RECORDING.perf.data PERF_MAP [N]
"""
import collections
import os
import re
import shutil
import subprocess
import sys

# Frames that belong to the cryptographic primitive itself (the JCA call and the provider's code).
# Finding the provider's implementation (Signature/Mac.getInstance, the provider's service tables):
# overhead of how the primitive is called, which the raw baseline does once per thread.
LOOKUP = re.compile(r"(\.getInstance$|GetInstance|Provider\$Service|ProviderList|newInstance)")
JCA_CODE = re.compile(r"^(java\.security\.|javax\.crypto\.|sun\.security\.|com\.sun\.crypto\.|java\.math\.)")


def short(sym):
    """'void a.b.C.m(int, long)' -> 'a.b.C.m'; native symbols unchanged."""
    if "(" in sym and "." in sym:
        head = sym.split("(", 1)[0]
        return head.rsplit(" ", 1)[-1]
    return sym


def where(sym, dso):
    if "kernel" in dso:
        return "kernel"
    if dso.endswith(".map"):
        if sym.startswith("Interpreter"):
            return "interpreter"
        if sym.startswith("StubRoutines") or "stub" in sym.lower():
            return "stubs (intrinsics)"
        return "JIT-compiled Java"
    if "libjvm" in dso:
        return "JVM runtime (libjvm: GC, JIT compiler, safepoints)"
    if "libc" in dso or "ld-linux" in dso:
        return "libc"
    return "other: " + os.path.basename(dso)


def samples(data):
    out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"],
                         check=True, capture_output=True, text=True, errors="replace").stdout
    for block in out.split("\n\n"):
        lines = [l for l in block.splitlines() if l.strip()]
        if not lines:
            continue
        comm = lines[0].strip().rsplit(" ", 1)[0].strip()
        frames = []
        for l in lines[1:]:
            m = re.match(r"\s*[0-9a-f]+ (.*) \((.*)\)\s*$", l)
            if m:
                frames.append((m.group(1), m.group(2)))
        yield comm, frames


# Keywarden code that calls the operation's primitive: the JIT inlines Signatures.sign into the
# operation's lambda, so the innermost visible io.keywarden frame may be any of these.
OPERATION_CODE = re.compile(
    r"^io\.keywarden\.(domain\.crypto\.|services\.kms\.(SigningOperations|MacOperations))")


def area(comm, names):
    """What a sample was doing, in the coarse areas of the request path."""
    g = group(comm)
    if g.startswith(("C2 CompilerThre", "C1 CompilerThre")):
        return "JIT compiler threads"
    if g.startswith(("GC Thread", "G1 ")):
        return "GC threads"
    if not g.startswith("keywarden-"):
        return "other JVM threads (" + g + ")"
    for i, name in enumerate(names):
        if name.startswith("io.keywarden"):
            leaf = names[:i]
            if OPERATION_CODE.match(name) and leaf and all(
                    JCA_CODE.match(x) or "." not in x or x.startswith("StubRoutines") for x in leaf):
                if any(LOOKUP.search(x) for x in leaf):
                    return "looking up the JCA implementation (getInstance) per call"
                return "the primitive (JCA provider code under the operation)"
            if name.startswith("io.keywarden.protocol.sigv4"):
                return "SigV4 verification"
            if name.startswith(("io.keywarden.protocol.json", "io.keywarden.services.api.Json")) \
                    or name in ("io.keywarden.protocol.http.Responses.json",):
                return "JSON in and out"
            if name.startswith("io.keywarden.protocol.http"):
                return "HTTP handling (Keywarden's handlers, writes, hand-offs)"
            return "other Keywarden code (" + name.rsplit(".", 1)[0].rsplit(".", 1)[-1] + ")"
    if g.startswith("keywarden-io"):
        return "Netty and kernel networking (no Keywarden frame), I/O threads"
    return "no Keywarden frame on " + g + " (parking, hand-off, kernel)"


def group(comm):
    return re.sub(r"[-#]?\d+$", "", comm)


def show(title, counter, total, n):
    print("\n%s (%d samples)" % (title, total))
    for key, count in counter.most_common(n):
        print("  %5.1f%%  %s" % (100.0 * count / total, key))


def main(argv):
    data, perf_map = argv[1], argv[2]
    n = int(argv[3]) if len(argv) > 3 else 30
    pid = subprocess.run(["perf", "script", "-i", data, "-F", "pid"], check=True, capture_output=True,
                         text=True).stdout.split()[0]
    target = "/tmp/perf-%s.map" % pid  # where perf looks for the JIT's symbols
    placed = False
    if os.path.exists(perf_map) and not os.path.exists(target):
        shutil.copyfile(perf_map, target)
        placed = True
    try:
        rows = list(samples(data))
    finally:
        if placed:
            os.remove(target)
    total = len(rows)
    if not total:
        print("no samples")
        return 0
    threads, tops, self_time, inclusive, ours = (collections.Counter() for _ in range(5))
    areas = collections.Counter()
    request_threads = 0
    for comm, frames in rows:
        threads[group(comm)] += 1
        if not frames:
            continue
        tops[where(*frames[0])] += 1
        names = [short(s) for s, _ in frames]
        self_time[names[0]] += 1
        for name in set(names):
            inclusive[name] += 1
        for name in names:
            if name.startswith("io.keywarden"):
                ours[name] += 1
                break
        else:
            ours["(no io.keywarden frame) thread " + group(comm)] += 1
        areas[area(comm, names)] += 1
    print("perf samples of the server process: %d (cpu-clock)" % total)
    show("Threads", threads, total, 12)
    show("Top frame is in", tops, total, 8)
    show("Areas (by thread, then by the innermost io.keywarden frame; 'the primitive' = the operation's JCA"
         " call and everything it runs)", areas, total, 20)
    show("Self time (top frame)", self_time, total, n)
    show("Inclusive time (on the stack)", inclusive, total, n)
    show("Innermost io.keywarden frame", ours, total, n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
