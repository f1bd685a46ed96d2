"""api.sh's table: each API figure as the median of its runs, beside the reference measured just before each run
(bare Kestrel for the cached list, the raw-driver ceiling for a lookup), and the goals."""
import statistics
import sys
from collections import defaultdict

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
runs = defaultdict(list)  # (profile, connections) → [(req/s, p50, p99, errors)] in run order
for name, c, rps, p50, p99, errors in rows:
    runs[(name, int(c))].append((float(rps), float(p50), float(p99), int(errors)))


def reference(name):
    engine, rest = name.split(" ", 1)
    if rest == "GET /players/":
        return f"{engine} baseline"
    if rest.startswith("GET /players/"):
        return f"{engine} ceiling {rest}"
    return None


def spread(values, digits=2):
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


ratios = {}  # (profile, connections) → (throughput ratios, p99 ratios)
print(f"{'profile':45} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
      f"  {'÷ reference, median (min–max)':>30}  {'p99 ÷ reference':>17}")
for (name, c), measured in runs.items():
    rps, p50, p99 = (statistics.median(m[i] for m in measured) for i in range(3))
    errors = sum(m[3] for m in measured)
    shown = p99_shown = ""
    if (ref := reference(name)) and (ref, c) in runs:
        pairs = list(zip(measured, runs[(ref, c)]))
        ratios[(name, c)] = ([m[0] / r[0] for m, r in pairs], [m[2] / r[2] for m, r in pairs if r[2] > 0])
        shown = spread(ratios[(name, c)][0])
        p99_shown = spread(ratios[(name, c)][1], 1)
    print(f"{name:45} {c:>5} {rps:>8.0f} {p50:>7.2f} {p99:>7.2f} {errors:>6}  {shown:>30}  {p99_shown:>17}")

print()
for (name, c), (throughput, p99) in ratios.items():
    engine = name.split()[0]
    if name.endswith("GET /players/"):
        print(f"goal {name} at {c} conns ≥ 0.90 of bare Kestrel: {spread(throughput)}")
    elif engine == "postgresql" and c in (16, 64):
        print(f"goal {name} at {c} conns ≥ 0.75 of the ceiling: {spread(throughput)}")
        if c == 64:
            print(f"goal {name} p99 at 64 conns ≤ 2 × the ceiling's: {spread(p99, 1)}")
for (name, c), measured in runs.items():
    if name.endswith(" mixed") and c == 64:
        print(f"goal {name} p99 at 64 conns < 40 ms: {spread([m[2] for m in measured])} ms")
for engine, api_mib, ceiling_mib in (line.split() for line in open(sys.argv[2])):
    print(f"goal {engine} API peak RSS ≤ 1.5 × the ceiling's (then 1.25): {api_mib} MiB ÷ {ceiling_mib} MiB = {int(api_mib) / int(ceiling_mib):.2f}")
