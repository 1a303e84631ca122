#!/bin/sh
# Times python/parser against CPython's own ast.parse over the same files:
# every .py file of python3's standard library (test suite included),
# single-threaded, in the same run. Prints both times, MB/s and the ratio.
# Usage: bench/parse.sh [python3]
set -eu
PY=${1:-python3}
cd "$(dirname "$0")/.."
STDLIB=$("$PY" -c "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
LIST=$(mktemp)
BIN=$(mktemp)
trap 'rm -f "$LIST" "$BIN"' EXIT
find "$STDLIB" -name '*.py' -not -path '*/site-packages/*' | sort > "$LIST"
go build -o "$BIN" ./bench/parsebench
GO_OUT=$(GOMAXPROCS=1 "$BIN" < "$LIST")
PY_OUT=$("$PY" - "$LIST" <<'PYEOF'
import ast, sys, time
names = [l.rstrip("\n") for l in open(sys.argv[1])]
srcs = [open(n, "rb").read() for n in names]
total = sum(len(s) for s in srcs)
rejected = 0
t0 = time.perf_counter()
for s in srcs:
    try:
        ast.parse(s)
    except (SyntaxError, ValueError):
        rejected += 1
dt = time.perf_counter() - t0
print("cpython: %d files, %.1f MB, %.3f s, %.1f MB/s, %d rejected" % (len(srcs), total / 1e6, dt, total / 1e6 / dt, rejected))
PYEOF
)
echo "$GO_OUT"
echo "$PY_OUT"
GO_S=$(echo "$GO_OUT" | sed -n 's/.* MB, \([0-9.]*\) s,.*/\1/p')
PY_S=$(echo "$PY_OUT" | sed -n 's/.* MB, \([0-9.]*\) s,.*/\1/p')
awk -v g="$GO_S" -v p="$PY_S" 'BEGIN { printf "ratio: flasksec parser is %.1fx faster than CPython ast.parse\n", p / g }'
