"""Watches an AppHost start from outside: when each process of the run starts (from /proc, exact to 10 ms) and when it
is gone (sampled every 50 ms), until the file named by --stop appears. Prints one line per process, in ms from --start.
Usage: startup_phases.py --start EPOCH_MS --stop FILE --worktree DIR --data DIR
                         [--apphost DIR --worker DIR --api DIR]   (project folders under DIR; default Players')"""
import argparse
import os
import socket
import time

parser = argparse.ArgumentParser()
for option in ("--start", "--stop", "--worktree", "--data"):
    parser.add_argument(option, required=True)
parser.add_argument("--apphost", default="Players.AppHost")
parser.add_argument("--worker", default="Players.MigrationService")
parser.add_argument("--api", default="Players.Api")
args = parser.parse_args()
project = {name: os.path.join(args.worktree, folder) + "/" for name, folder in
           (("apphost", args.apphost), ("worker", args.worker), ("api", args.api))}

# process name → how to recognise it from its command line
PROCESSES = {
    "apphost": lambda cmd: cmd.startswith(project["apphost"] + "bin/"),
    "dcp": lambda cmd: os.path.basename(cmd.split("\0")[0]) == "dcp" and "start-apiserver" in cmd,
    "dashboard": lambda cmd: "Aspire.Dashboard" in cmd,
    "postgres script": lambda cmd: "start-postgres.sh" in cmd,
    "initdb": lambda cmd: "/initdb\0" in cmd and args.data in cmd,
    "postgres server": lambda cmd: "/postgres\0-D\0" in cmd and args.data in cmd,
    "worker's dotnet run": lambda cmd: "\0run\0" in cmd and project["worker"] in cmd,
    "worker": lambda cmd: cmd.startswith(project["worker"] + "bin/"),
    "api's dotnet run": lambda cmd: "\0run\0" in cmd and project["api"] in cmd,
    "api": lambda cmd: cmd.startswith(project["api"] + "bin/"),
}

ticks = os.sysconf("SC_CLK_TCK")
boot_ms = next(int(line.split()[1]) for line in open("/proc/stat") if line.startswith("btime")) * 1000
start_ms = int(args.start)
seen = {}  # pid → [name, started ms, gone ms]
accepting = None  # ms when the PostgreSQL server first accepted a TCP connection


def started_ms(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return boot_ms + int(fields[19]) * 1000 // ticks - start_ms


while not os.path.exists(args.stop):
    now = int(time.time() * 1000) - start_ms
    alive = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if pid not in seen:
                cmd = open(f"/proc/{pid}/cmdline").read()
                name = next((n for n, match in PROCESSES.items() if match(cmd)), None)
                # Only this run's processes: another AppHost's dcp and dashboard started before it.
                if name and (started := started_ms(pid)) >= 0:
                    seen[pid] = [name, started, None]
            alive.add(pid)
        except OSError:
            pass
    for pid, entry in seen.items():
        if entry[2] is None and pid not in alive:
            entry[2] = now
    server = next((pid for pid, entry in seen.items() if entry[0] == "postgres server" and entry[2] is None), None)
    if accepting is None and server:
        try:
            argv = open(f"/proc/{server}/cmdline").read().split("\0")
            with socket.create_connection(("127.0.0.1", int(argv[argv.index("-p") + 1])), timeout=0.05):
                accepting = int(time.time() * 1000) - start_ms
        except (OSError, ValueError):
            pass
    time.sleep(0.05)

for pid, (name, started, gone) in sorted(seen.items(), key=lambda item: item[1][1]):
    print(f"{name}\t{started}\t{'' if gone is None else gone}")
if accepting is not None:
    print(f"postgres accepts connections\t{accepting}\t")
