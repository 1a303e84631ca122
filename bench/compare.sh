#!/usr/bin/env bash
# Times, in one run and on the same trees, the whole flasksec pipeline
# (`flasksec scan` with every registered rule) against Bandit and against
# CPython's own ast.parse of the same Python files, on two trees:
#   1. the local CPython standard library (about 2,000 files), and
#   2. a generated 2,000-file Flask application (bench/gen).
# For each tool it prints wall time, CPU time (user+system) and peak RSS
# from /usr/bin/time -v, and the ratios against flasksec.
#
# Not run in CI. Needs root for the one-time installs (apt-get install
# time bandit) when they are missing. Usage:
#   bench/compare.sh [python3]
# Environment: N (files of the generated app, default 2000), RUNS (runs per
# measurement, the fastest kept; default 1).
set -euo pipefail

PY="${1:-python3}"
N="${N:-2000}"
RUNS="${RUNS:-1}"
cd "$(dirname "$0")/.."
OUT="bench/out"
mkdir -p "$OUT"

install_missing() {
    local pkgs=()
    [ -x /usr/bin/time ] || pkgs+=(time)
    command -v bandit >/dev/null 2>&1 || pkgs+=(bandit)
    if [ "${#pkgs[@]}" -gt 0 ]; then
        echo "== installing ${pkgs[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
    fi
}
install_missing

STDLIB=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
APP="$OUT/flaskapp"

echo "== building flasksec and generating a ${N}-file Flask app" >&2
go build -o "$OUT/flasksec" ./cmd/flasksec
go run ./bench/gen -n "$N" -o "$APP"

# One list of Python files per tree, used by all three tools: what
# flasksec reads (it skips site-packages, __pycache__, virtual
# environments and the like), so that Bandit and ast.parse get the same
# files rather than, say, the whole site-packages of the stdlib folder.
cat > "$OUT/listpy.py" <<'PYEOF'
import os, sys
SKIP = {".git", ".hg", ".svn", "__pycache__", "node_modules", "site-packages", "dist-packages",
        ".venv", "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build", "dist", ".eggs"}
for dirpath, dirnames, filenames in os.walk(sys.argv[1]):
    dirnames[:] = sorted(d for d in dirnames
                         if d not in SKIP and not os.path.exists(os.path.join(dirpath, d, "pyvenv.cfg")))
    for f in sorted(filenames):
        if f.endswith((".py", ".pyw")):
            print(os.path.join(dirpath, f))
PYEOF
cat > "$OUT/astparse.py" <<'PYEOF'
import ast, sys
n = bad = 0
for line in open(sys.argv[1]):
    try:
        with open(line.rstrip("\n"), "rb") as fh:
            ast.parse(fh.read())
        n += 1
    except (SyntaxError, ValueError):
        bad += 1
print(f"{n} files parsed, {bad} rejected", file=sys.stderr)
PYEOF

# measure NAME CMD... : runs CMD RUNS times under /usr/bin/time -v and
# prints "wall cpu rss_kb" of the fastest run. The tools' own exit codes
# (1 = findings) are ignored; their output goes to bench/out/NAME.out.
measure() {
    local name="$1"; shift
    local best=""
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || true
        local line
        line=$(awk -F': ' '
            /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
            /User time/ { u = $2 } /System time/ { s = $2 }
            /Maximum resident set size/ { r = $2 }
            END { printf "%.2f %.2f %d\n", w, u + s, r }' "$OUT/$name.time")
        if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
            best="$line"
        fi
    done
    echo "$best"
}

report_tree() {
    local label="$1" tree="$2"
    local list="$OUT/files-$label.txt"
    "$PY" "$OUT/listpy.py" "$tree" > "$list"
    echo
    echo "== $label: $tree ($(wc -l < "$list") .py files)"
    local fs bd ap
    fs=$(measure "flasksec-$label" "$OUT/flasksec" scan --format json "$tree")
    # Bandit gets the file list (its -r would also descend into site-packages).
    bd=$(measure "bandit-$label" xargs -a "$list" -d '\n' bandit -q -f json -o "$OUT/bandit-$label.json")
    ap=$(measure "astparse-$label" "$PY" "$OUT/astparse.py" "$list")
    printf "%-22s %10s %10s %14s\n" "tool" "wall (s)" "CPU (s)" "peak RSS (MB)"
    for row in "flasksec scan|$fs" "bandit|$bd" "python ast.parse|$ap"; do
        local name="${row%%|*}" v="${row#*|}"
        set -- $v
        printf "%-22s %10s %10s %14.1f\n" "$name" "$1" "$2" "$(awk -v k="$3" 'BEGIN { print k / 1024 }')"
    done
    set -- $fs; local fw="$1" fc="$2"
    set -- $bd; local bw="$1" bc="$2"
    set -- $ap; local aw="$1" ac="$2"
    awk -v fw="$fw" -v fc="$fc" -v bw="$bw" -v bc="$bc" -v aw="$aw" -v ac="$ac" 'BEGIN {
        d = 0.005
        printf "bandit / flasksec:           %6.1fx wall, %6.1fx CPU\n", bw / (fw > d ? fw : d), bc / (fc > d ? fc : d)
        printf "ast.parse / flasksec:        %6.2fx wall, %6.2fx CPU\n", aw / (fw > d ? fw : d), ac / (fc > d ? fc : d)
    }'
    local summary
    summary=$("$PY" -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print('flasksec: %d files analysed, %d rules, %d findings, %d scan errors' % (s['files'], s['rules'], s['findings'], s['errors']))" "$OUT/flasksec-$label.out" 2>/dev/null || echo "flasksec: (no JSON summary)")
    echo "$summary"
    echo "ast.parse: $(cat "$OUT/astparse-$label.err")"
    echo "(wall times depend on what else runs on the machine: $(cut -d' ' -f1-3 /proc/loadavg) load average, $(cores) cores effective now)"
}

# How much of the machine is really ours: a shared host may give two
# busy processes less than two cores. Wall-time ratios against the
# single-threaded tools depend on it; CPU-time ratios do not.
cat > "$OUT/spin.py" <<'PYEOF'
import sys, time
end = time.perf_counter() + float(sys.argv[1])
n = 0
while time.perf_counter() < end:
    n += 1
print(n)
PYEOF
cores() {
    local one two
    one=$("$PY" "$OUT/spin.py" 1 | tail -n1)
    two=$( { "$PY" "$OUT/spin.py" 1 & "$PY" "$OUT/spin.py" 1; wait; } | awk '$1 ~ /^[0-9]+$/ { s += $1; n++ } END { if (n == 2) print s }')
    awk -v a="$one" -v b="$two" 'BEGIN { if (a + 0 > 1000 && b + 0 > 0) printf "%.1f", b / a; else printf "?" }'
}

echo "== $(go version); $("$PY" --version); bandit $(bandit --version 2>/dev/null | head -n1 | awk '{print $2}'); $(nproc) CPUs, $(cores) effective"
report_tree stdlib "$STDLIB"
report_tree flaskapp "$APP"
