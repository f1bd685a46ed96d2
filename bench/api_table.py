"""api.sh's table: every API figure beside the bare-Kestrel baseline measured just before it, and the goals."""
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
baseline = {(r[0].split()[0], int(r[1])): float(r[2]) for r in rows if r[0].endswith(" baseline")}


def ratio(name, connections, rps):
    base = baseline.get((name.split()[0], connections))
    return rps / base if base else 0.0


print(f"{'profile':38} {'conns':>5} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'vs bare Kestrel':>15}")
for name, c, rps, p50, p99, errors in rows:
    c, rps = int(c), float(rps)
    shown = "" if name.endswith(" baseline") else f"{ratio(name, c, rps):.0%}"
    print(f"{name:38} {c:>5} {rps:>8.0f} {float(p50):>7.2f} {float(p99):>7.2f} {errors:>6} {shown:>15}")

print()
goals = [("sqlite GET /players/", 0.80), ("postgresql GET /players/", 0.80), ("postgresql GET /players/squadnumber/10", 0.40)]
for name, goal in goals:
    for c, rps in ((int(r[1]), float(r[2])) for r in rows if r[0] == name):
        print(f"goal {name} at {c} conns ≥ {goal:.0%} of bare Kestrel: {ratio(name, c, rps):.0%}")
worst = max(((float(r[4]), r[0]) for r in rows if int(r[1]) == 64 and not r[0].endswith(" baseline")), default=None)
if worst:
    print(f"goal p99 < 10 ms at 64 conns: worst {worst[0]:.2f} ms ({worst[1]})")
for engine, mb in (line.split() for line in open(sys.argv[2])):
    print(f"goal API RSS < 150 MB under load: peak {mb} MB ({engine}, after every load)")
