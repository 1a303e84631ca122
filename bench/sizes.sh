#!/usr/bin/env bash
# Checks that the scan's time grows linearly with the size of the input, on
# the generated shapes of bench/sizes (long operator, attribute, call and
# method-call chains, many statements, compose files of many services,
# long chains in a Jinja template):
# for each pair of sizes n and 10n it prints the ratio of the times, which
# must be near 10 (or below, where a fixed cost dominates), not near 100.
# It fails when a ratio exceeds MAX_RATIO (default 25). The times are the
# process's CPU time per scan (user + system, the benchmark's cpu-ms/op),
# which other load on the machine disturbs less than wall time; the wall
# times are printed beside them.
#
# Not run in CI: it takes a few minutes. Usage:
#   bench/sizes.sh [shape...]        (default: every shape)
# Environment: MAX_RATIO, BENCHTIME (go test -benchtime; default 3x).
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_RATIO="${MAX_RATIO:-25}"
BENCHTIME="${BENCHTIME:-3x}"
shapes=("$@")
[ "${#shapes[@]}" -gt 0 ] || shapes=(terms attrs calls links stmts compose template)

pairs() {
    case "$1" in
    terms | attrs | calls) echo "250:2500 1000:10000 10000:100000 100000:1000000" ;;
    links) echo "120:1200 1000:10000 10000:100000 100000:1000000" ;;
    stmts | template) echo "1000:10000 10000:100000 100000:1000000" ;;
    compose) echo "1000:10000 10000:100000" ;;
    esac
}

out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail=0
for shape in "${shapes[@]}"; do
    echo "== $shape" >&2
    nice go test ./bench/sizes -run '^$' -bench "^BenchmarkSizes\$/^$shape\$/" -benchtime "$BENCHTIME" -count 1 -timeout 60m >"$out"
    for p in $(pairs "$shape"); do
        n=${p%%:*}
        m=${p##*:}
        # field(N, UNIT): the value before UNIT on the benchmark line of size N.
        field() {
            awk -v k="BenchmarkSizes/$shape/n=$1" -v unit="$2" \
                '$1 ~ "^"k"(-[0-9]+)?$" { for (i = 2; i <= NF; i++) if ($i == unit) print $(i - 1) }' "$out"
        }
        t1=$(field "$n" cpu-ms/op)
        t2=$(field "$m" cpu-ms/op)
        w1=$(field "$n" ns/op)
        w2=$(field "$m" ns/op)
        if [ -z "$t1" ] || [ -z "$t2" ]; then
            echo "$shape: no result for n=$n or n=$m" >&2
            cat "$out" >&2
            exit 2
        fi
        ratio=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b / a }')
        verdict=ok
        if awk -v r="$ratio" -v max="$MAX_RATIO" 'BEGIN { exit !(r > max) }'; then
            verdict="SUPER-LINEAR (over $MAX_RATIO)"
            fail=1
        fi
        printf '%-8s n=%-8s cpu %10.1f ms (wall %10.1f)   10n=%-8s cpu %10.1f ms (wall %10.1f)   ratio %6s  %s\n' \
            "$shape" "$n" "$t1" "$(awk -v t="$w1" 'BEGIN { print t / 1e6 }')" \
            "$m" "$t2" "$(awk -v t="$w2" 'BEGIN { print t / 1e6 }')" "$ratio" "$verdict"
    done
done
exit "$fail"
