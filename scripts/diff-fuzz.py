#!/usr/bin/env python3
"""Differential fuzzing of tcpscope against tshark (issue 16; docs/HOSTILE.md).

Usage: scripts/diff-fuzz.py [--mutants N] [--filters N] [--seed S] [--out DIR] CAPTURE...

Mutates the given captures (byte flips, overwritten runs, truncation, duplicated and dropped
spans, interesting integers at random offsets) and runs each mutant through
`tshark -r M` and `tcpscope read M` (packet list) and through `-T fields` of a few header and
analysis fields; then generates display filters from a small grammar and runs
`-Y FILTER` on an unmutated capture. tshark runs under the transport-only profile
(scripts/tshark-profile.sh), TZ=UTC. Compared: stdout line by line and the exit status class
(0 = read to the end, 1/2 = refused or damaged; tshark exits 2 where tcpscope exits 1 for a
damaged file, so 1 and 2 count as the same class for captures). A run agrees when both agree.
Prints the number of mutants and filters run and the agreement figure; the first differences
are written to DIR (default target/diff-fuzz/) with the input that shows them.
"""
import argparse, os, random, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA = os.environ.get("JAVA", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
JAR = os.path.join(HERE, "target", "tcpscope.jar")
FIELDS = ["frame.number", "frame.len", "ip.src", "ip.dst", "ip.len", "tcp.srcport", "tcp.dstport",
          "tcp.seq", "tcp.ack", "tcp.len", "tcp.stream", "tcp.flags", "tcp.analysis.flags", "udp.length"]
INTS = [0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff]


def mutate(data, rnd):
    b = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        if not b:
            break
        op = rnd.randrange(6)
        i = rnd.randrange(len(b))
        if op == 0:
            b[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            for k in range(i, min(len(b), i + rnd.randint(1, 8))):
                b[k] = rnd.randrange(256)
        elif op == 2:
            del b[rnd.randint(len(b) // 2, len(b)):]
        elif op == 3:
            j = min(len(b), i + rnd.randint(1, 64))
            b[i:i] = b[i:j]
        elif op == 4:
            del b[i:i + rnd.randint(1, 16)]
        else:
            v = rnd.choice(INTS)
            n = rnd.choice([1, 2, 4])
            b[i:i + n] = (v & ((1 << (8 * n)) - 1)).to_bytes(n, rnd.choice(["big", "little"]))
    return bytes(b)


def gen_filter(rnd, depth=0):
    r = rnd.random()
    if depth < 3 and r < 0.25:
        return "(%s %s %s)" % (gen_filter(rnd, depth + 1), rnd.choice(["and", "or", "&&", "||"]), gen_filter(rnd, depth + 1))
    if depth < 3 and r < 0.32:
        return "not " + gen_filter(rnd, depth + 1)
    f = rnd.choice(["tcp.port", "tcp.len", "tcp.seq", "tcp.flags", "ip.ttl", "frame.len", "tcp.window_size_value",
                    "tcp.stream", "ip.addr", "tcp.analysis.ack_rtt", "frame.time_delta", "udp.port", "frame"])
    if f == "ip.addr":
        return "ip.addr %s 127.0.0.%d" % (rnd.choice(["==", "!=", "~="]), rnd.randint(0, 3))
    if f == "frame":
        return rnd.choice(['frame contains "%s"' % rnd.choice(["Hi", "user", "GET", "x"]),
                           'frame matches "%s"' % rnd.choice(["user[0-9]", "^.{0,3}E", "(a|b)*c", "hello$"]),
                           "frame[%d:%d] == %02x" % (rnd.randint(-20, 60), 1, rnd.randrange(256)),
                           "len(frame) > %d" % rnd.randint(0, 200)])
    if f in ("tcp.analysis.ack_rtt", "frame.time_delta"):
        return "%s %s %s" % (f, rnd.choice([">", "<", ">=", "=="]), rnd.choice(["0", "0.0001", "1", "1.5", "0.000000001"]))
    op = rnd.choice(["==", "!=", ">", "<", ">=", "<=", "&", "in"])
    if op == "&":
        return "%s & 0x%x" % (f, rnd.choice([1, 2, 0x10, 0x12, 0xff]))
    if op == "in":
        return "%s in {%d %d..%d}" % (f, rnd.randint(0, 100), rnd.randint(0, 5000), rnd.randint(5000, 70000))
    return "%s %s %s" % (f, op, rnd.choice([str(rnd.choice(INTS)), str(rnd.randint(0, 6000)), "0x%x" % rnd.randint(0, 255)]))


def run(cmd, env=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120, env=env)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return "timeout", "", ""


def klass(rc):
    return "ok" if rc == 0 else ("bad" if rc in (1, 2) else str(rc))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mutants", type=int, default=100)
    ap.add_argument("--filters", type=int, default=100)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--out", default=os.path.join(HERE, "target", "diff-fuzz"))
    ap.add_argument("captures", nargs="+")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    prof = tempfile.mkdtemp()
    subprocess.run([os.path.join(HERE, "scripts", "tshark-profile.sh"), prof], check=True)
    env = dict(os.environ, XDG_CONFIG_HOME=prof, TZ="UTC", LC_ALL="C.UTF-8")
    ours = [JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", JAR, "read"]
    seeds = [(c, open(c, "rb").read()) for c in a.captures]
    tally = {"mutants": [0, 0], "filters": [0, 0]}
    crashes = 0
    shown = 0
    work = tempfile.mkdtemp()
    try:
        for n in range(a.mutants):
            name, data = rnd.choice(seeds)
            m = os.path.join(work, "m%d%s" % (n, os.path.splitext(name)[1]))
            open(m, "wb").write(mutate(data, rnd))
            agree = True
            for extra in ([], ["-T", "fields"] + sum([["-e", f] for f in FIELDS], [])):
                t = run(["tshark", "-r", m] + extra, env)
                o = run(ours + [m] + extra, env)
                if "internal error" in o[2] or "\tat " in o[2] or o[0] not in (0, 1, 2):
                    crashes += 1
                if klass(t[0]) != klass(o[0]) or t[1] != o[1]:
                    agree = False
            tally["mutants"][0] += 1
            tally["mutants"][1] += agree
            if not agree and shown < 20:
                shown += 1
                shutil.copy(m, os.path.join(a.out, "mutant-%d-%s" % (n, os.path.basename(name))))
        base = seeds[0][0]
        for n in range(a.filters):
            flt = gen_filter(rnd)
            t = run(["tshark", "-r", base, "-Y", flt], env)
            o = run(ours + [base, "-Y", flt], env)
            if "internal error" in o[2] or o[0] not in (0, 1, 2):
                crashes += 1
            agree = t[0] == o[0] and t[1] == o[1]
            tally["filters"][0] += 1
            tally["filters"][1] += agree
            if not agree:
                with open(os.path.join(a.out, "filters.txt"), "a") as fh:
                    fh.write("%s\ttshark rc=%s %d lines %s\ttcpscope rc=%s %d lines %s\n" % (
                        flt, t[0], t[1].count("\n"), t[2].strip()[:120], o[0], o[1].count("\n"), o[2].strip()[:120]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(prof, ignore_errors=True)
    for k, (runs, ok) in tally.items():
        print("%s: %d run, %d agree (%.1f%%)" % (k, runs, ok, 100.0 * ok / runs if runs else 0))
    print("crashes (internal error, stack trace, exit code beyond 2): %d" % crashes)


if __name__ == "__main__":
    sys.exit(main())
