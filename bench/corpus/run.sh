#!/usr/bin/env bash
# Extracts the pinned commits of the real-app precision corpus (apps.tsv)
# from local git mirrors and scans each app with flasksec twice: at default
# settings and with --confidence low. Never runs any code of the apps: it
# only reads their files (git archive, then flasksec scan).
#
# Usage: bench/corpus/run.sh [APP...]        (default: every app of apps.tsv)
# Environment:
#   FLASKSEC    flasksec binary (default: builds ./cmd/flasksec of this
#               checkout into a temporary file)
#   CORPUS_DIR  where the apps are extracted (default /tmp/flasksec-corpus/src)
#   OUT         where the results go (default /tmp/flasksec-corpus/out)
#   MIRRORS     where the git mirrors are (default /work/.mirror)
# Results, per app NAME: $OUT/NAME.default.json, NAME.low.json (raw reports),
# NAME.default.tsv, NAME.low.tsv (normalised findings: fingerprint, rule,
# severity, confidence, path, line, message[:160]) and NAME.meta.tsv
# (commit, Python lines, files, errors, duration). Read them with table.py.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CORPUS_DIR="${CORPUS_DIR:-/tmp/flasksec-corpus/src}"
OUT="${OUT:-/tmp/flasksec-corpus/out}"
MIRRORS="${MIRRORS:-/work/.mirror}"
mkdir -p "$CORPUS_DIR" "$OUT"

if [ -z "${FLASKSEC:-}" ]; then
    FLASKSEC="$(mktemp /tmp/flasksec-corpus-bin.XXXXXX)"
    trap 'rm -f "$FLASKSEC"' EXIT
    echo "== building flasksec from $ROOT" >&2
    (cd "$ROOT" && nice go build -o "$FLASKSEC" ./cmd/flasksec)
fi
[ -x "$FLASKSEC" ] || { echo "run.sh: FLASKSEC=$FLASKSEC is not executable" >&2; exit 2; }

# find_mirror OWNER/NAME COMMIT: prints the git dir of a mirror holding COMMIT.
find_mirror() {
    local repo="$1" commit="$2" key cand
    key="${repo/\//+}"
    for cand in "$MIRRORS/$key/repo" "$MIRRORS/$key" "$MIRRORS/$key.git" "$MIRRORS"/"$key"*/repo "$MIRRORS"/"$key"*; do
        [ -d "$cand" ] || continue
        if git --git-dir="$cand" cat-file -e "$commit^{commit}" 2>/dev/null; then
            echo "$cand"
            return 0
        fi
    done
    return 1
}

wanted=" $* "
failed=0
while IFS=$'\t' read -r name repo commit subpath why; do
    case "$name" in ''|'#'*) continue ;; esac
    if [ $# -gt 0 ] && [[ "$wanted" != *" $name "* ]]; then continue; fi
    if ! gitdir="$(find_mirror "$repo" "$commit")"; then
        echo "== $name: no mirror of $repo holding $commit under $MIRRORS." >&2
        echo "   Fetch it with the search tool's fetch (source github:$repo), or clone it" >&2
        echo "   bare into $MIRRORS/${repo/\//+}/repo, then run again." >&2
        failed=1
        continue
    fi
    dest="$CORPUS_DIR/$name"
    stamp="$CORPUS_DIR/.$name.commit"
    if [ ! -d "$dest" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$commit" ]; then
        echo "== $name: extracting $commit from $gitdir" >&2
        rm -rf "$dest" "$stamp"
        mkdir -p "$dest"
        git --git-dir="$gitdir" archive "$commit" | tar -x -C "$dest"
        echo "$commit" >"$stamp"
    fi
    target="$dest/$subpath"
    [ -d "$target" ] || { echo "== $name: sub-path $subpath missing" >&2; failed=1; continue; }
    echo "== $name: scanning $target" >&2
    for mode in default low; do
        args=(scan -f json -o "$OUT/$name.$mode.json")
        [ "$mode" = low ] && args+=(--confidence low)
        # Exit status 1 only means "findings at or above --fail-on".
        rc=0
        (cd "$target" && nice "$FLASKSEC" "${args[@]}" .) || rc=$?
        if [ "$rc" -gt 1 ]; then
            echo "== $name: flasksec exited with $rc ($mode)" >&2
            failed=1
        fi
    done
    python3 - "$name" "$commit" "$target" "$OUT" <<'PY'
import json, os, sys

name, commit, target, out = sys.argv[1:5]
SKIP = {".git", "node_modules", ".venv", "venv", "__pycache__"}

def py_lines(root):
    n = 0
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in SKIP)
        for f in files:
            if f.endswith(".py"):
                with open(os.path.join(d, f), "rb") as fh:
                    n += sum(1 for ln in fh if ln.strip())
    return n

def clean(s):
    return " ".join(str(s).split())

meta = {"commit": commit, "python_lines": py_lines(target)}
for mode in ("default", "low"):
    with open(os.path.join(out, f"{name}.{mode}.json"), encoding="utf-8") as fh:
        rep = json.load(fh)
    rows = []
    for f in rep["findings"]:
        loc = f["location"]
        rows.append((f["fingerprint"], f["rule_id"], f["severity"], f["confidence"],
                     loc["path"], str(loc.get("start_line", 0)), clean(f["message"])[:160]))
    rows.sort(key=lambda r: (r[4], int(r[5]), r[1], r[0]))
    with open(os.path.join(out, f"{name}.{mode}.tsv"), "w", encoding="utf-8") as fh:
        fh.write("fingerprint\trule\tseverity\tconfidence\tpath\tline\tmessage\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    s = rep["summary"]
    meta[f"{mode}_findings"] = len(rows)
    meta[f"{mode}_files"] = s.get("files", 0)
    meta[f"{mode}_errors"] = s.get("errors", 0)
    meta[f"{mode}_duration_ms"] = s.get("duration_ms", 0)
with open(os.path.join(out, f"{name}.meta.tsv"), "w", encoding="utf-8") as fh:
    for k, v in meta.items():
        fh.write(f"{k}\t{v}\n")
print(f"== {name}: {meta['python_lines']} Python lines, "
      f"{meta['default_findings']} default findings, {meta['low_findings']} with --confidence low",
      file=sys.stderr)
PY
done <"$HERE/apps.tsv"
exit "$failed"
