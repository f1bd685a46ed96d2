"""Splits a `perf script` of the API into who spent its CPU: each sample goes to the innermost frame of a known
component on its stack (so the kernel's socket work under Npgsql counts as Npgsql's), else to the runtime by library.
Usage: perf script -i FILE | profile_split.py [CPU-µs-PER-REQUEST]"""
import re
import sys

# (component, pattern over a frame's symbol or library), innermost match wins: most specific first.
COMPONENTS = [
    ("Npgsql: protocol, connection open/close, socket I/O", re.compile(r"\[Npgsql\]|Npgsql\.")),
    ("EF Core: query pipeline, execution strategy, materialisation, context pool",
     re.compile(r"EntityFrameworkCore")),
    ("System.Text.Json: serialisation", re.compile(r"System\.Text\.Json")),
    ("logging and telemetry", re.compile(r"Microsoft\.Extensions\.Logging|OpenTelemetry|System\.Diagnostics\.(Activity|DiagnosticSource|Metrics)")),
    ("our endpoint code (Players.*)", re.compile(r"\[Players\.|Players\.(Api|Data)\.")),
    ("middleware: exception handler, status pages, authentication, rate limiter, authorization",
     re.compile(r"AspNetCore\.(Diagnostics|Authentication|Authorization|RateLimiting)|System\.Threading\.RateLimiting")),
    ("routing and endpoint invocation (minimal API, results)",
     re.compile(r"AspNetCore\.(Routing|Http\.RequestDelegate|Http\.HttpResults|Http\.Results|Http\.Generated)|dynamicClass::lambda")),
    ("Kestrel: HTTP parsing, response writing, socket I/O", re.compile(r"Kestrel|AspNetCore\.Server|System\.Net\.Sockets|System\.IO\.Pipelines")),
]
RUNTIME = [
    ("JIT (tiering still compiling)", re.compile(r"libclrjit")),
    ("runtime: GC, thread pool, type system", re.compile(r"libcoreclr|System\.Private\.CoreLib|\[JIT\]|libc\.so|ld-linux")),
    ("kernel outside any of the above (scheduling, idle spin)", re.compile(r"kernel")),
]

counts, total, stack = {}, 0, []


def flush():
    global total
    if not stack:
        return
    total += 1
    name = next((c for frame in stack for c, p in COMPONENTS if p.search(frame)), None)
    if name is None:
        name = next((c for c, p in RUNTIME if p.search(stack[0])), "other")
    counts[name] = counts.get(name, 0) + 1
    stack.clear()


for line in sys.stdin:
    if not line.strip():
        flush()
    elif line.startswith((" ", "\t")):
        stack.append(line.strip())
flush()

cpu_us = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
print(f"{'where the API process spends its CPU':92} {'share':>6} {'µs/request':>10}")
for name, n in sorted(counts.items(), key=lambda item: -item[1]):
    print(f"{name:92} {n / total:6.1%} {n / total * cpu_us:10.1f}")
print(f"{total} samples; {cpu_us:.0f} µs of CPU per request")
