#!/usr/bin/env python3
"""Aggregates a JFR recording's execution samples: hottest methods by self time (top frame), by
inclusive time (anywhere on the stack), and by the first io.keywarden frame on the stack (which of
our methods the time is spent under). The method tables leave out the "main" thread (start-up: the
passphrase KDF, storage opening), which the Threads table still counts. Also totals jdk.ObjectAllocationSample weight per top
io.keywarden frame when present, and the GC pause total.

Usage: jfr_top.py RECORDING.jfr [N]
"""
import collections
import json
import subprocess
import sys


def events(path, kinds):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", kinds, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def name(frame):
    m = frame["method"]
    return "%s.%s" % (m["type"]["name"].replace("/", "."), m["name"])


def show(title, counter, total, n):
    print("\n%s (%d samples)" % (title, total))
    for method, count in counter.most_common(n):
        print("  %5.1f%%  %s" % (100.0 * count / total, method))


def main(argv):
    path = argv[1]
    n = int(argv[2]) if len(argv) > 2 else 25
    samples = events(path, "jdk.ExecutionSample")
    self_time, inclusive, ours, threads = (collections.Counter() for _ in range(4))
    served = 0
    for e in samples:
        v = e["values"]
        frames = (v.get("stackTrace") or {}).get("frames") or []
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        threads[thread] += 1
        if not frames or thread == "main":
            continue
        served += 1
        self_time[name(frames[0])] += 1
        for method in set(name(f) for f in frames):
            inclusive[method] += 1
        for f in frames:
            if f["method"]["type"]["name"].replace("/", ".").startswith("io.keywarden"):
                ours[name(f)] += 1
                break
        else:
            ours["(no io.keywarden frame) " + name(frames[-1])] += 1
    total = len(samples)
    if not total:
        print("no execution samples")
        return 0
    show("Threads", _group(threads), total, 10)
    if not served:
        return 0
    show("Self time (top frame)", self_time, served, n)
    show("Inclusive time (on the stack)", inclusive, served, n)
    show("Innermost io.keywarden frame", ours, served, n)
    gcs = events(path, "jdk.GarbageCollection")
    if gcs:
        pause = sum(_ms(e["values"].get("sumOfPauses")) for e in gcs)
        pauses = sorted(_ms(e["values"].get("longestPause")) for e in gcs)
        print("\nGC: %d collections, %.0f ms of pauses in total; longest pause per collection: median %.1f ms,"
              " 90th percentile %.1f ms, max %.1f ms" % (
                  len(gcs), pause, pauses[len(pauses) // 2], pauses[int(len(pauses) * 0.9)], pauses[-1]))
    return 0


def _group(threads):
    grouped = collections.Counter()
    for t, c in threads.items():
        grouped[t.rsplit("-", 1)[0] if t[-1:].isdigit() else t] += c
    return grouped


def _ms(duration):
    """JFR JSON durations look like 'PT0.001234S'."""
    if not duration:
        return 0.0
    s = duration.replace("PT", "").replace("S", "")
    minutes = 0.0
    if "M" in s:
        m, s = s.split("M")
        minutes = float(m)
    return (minutes * 60 + float(s or 0)) * 1000.0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
