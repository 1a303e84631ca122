#!/usr/bin/env python3
"""Joins a run.sh output folder with verdicts.tsv and prints the corpus table.

Usage:
  table.py [OUT]                  per-app markdown tables (default settings
                                  and --confidence low extras)
  table.py [OUT] --unjudged       the default findings without a verdict
  table.py [OUT] --unjudged-low   the --confidence low extras without a verdict
  table.py --diff OLD_OUT NEW_OUT findings new (+) and lost (-) between two runs,
                                  with their verdicts (a lost TP is a recall loss)
Options: --verdicts FILE (default: verdicts.tsv beside this script),
         --apps FILE (default: apps.tsv beside this script).
OUT defaults to /tmp/flasksec-corpus/out. Python 3 standard library only.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = ("TP", "FP", "debatable")


def read_tsv(path, header=True):
    rows = []
    with open(path, encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh]
    if header and lines and not lines[0].startswith("#"):
        cols = lines[0].split("\t")
        lines = lines[1:]
    else:
        cols = None
    for ln in lines:
        if not ln.strip() or ln.startswith("#"):
            continue
        rows.append(ln.split("\t"))
    return cols, rows


def apps(path):
    _, rows = read_tsv(path, header=False)
    return [r[0] for r in rows]


def findings(out, app, mode):
    path = os.path.join(out, f"{app}.{mode}.tsv")
    if not os.path.exists(path):
        return None
    cols, rows = read_tsv(path)
    return [dict(zip(cols, r)) for r in rows]


def meta(out, app):
    m = {}
    path = os.path.join(out, f"{app}.meta.tsv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            for ln in fh:
                k, _, v = ln.rstrip("\n").partition("\t")
                m[k] = v
    return m


class Verdicts:
    """Verdict lookup: by fingerprint first, then by (app, rule, path, line).

    The location fallback only uses a verdict whose own fingerprint is not in
    the run being read (its finding changed), so two different findings on
    one line never share a verdict."""

    def __init__(self, path):
        self.by_fp, self.by_loc = {}, {}
        self.present = None  # (app, fingerprint) pairs of the run being read
        if not os.path.exists(path):
            return
        cols, rows = read_tsv(path)
        for n, r in enumerate(rows, 2):
            d = dict(zip(cols, r))
            if d.get("verdict") not in VERDICTS:
                sys.exit(f"{path}: line {n}: verdict {d.get('verdict')!r} is not one of {VERDICTS}")
            self.by_fp[(d["app"], d["fingerprint"])] = d
            self.by_loc.setdefault((d["app"], d["rule"], d["path"], d["line"]), []).append(d)

    def use_run(self, *outs):
        """Records the fingerprints of the runs in outs for the fallback."""
        self.present = set()
        for out in outs:
            for name in os.listdir(out):
                if name.endswith((".default.tsv", ".low.tsv")):
                    app = name.split(".")[0]
                    for f in findings(out, app, name.split(".")[1]) or []:
                        self.present.add((app, f["fingerprint"]))

    def get(self, app, f):
        v = self.by_fp.get((app, f["fingerprint"]))
        if v is None:
            for d in self.by_loc.get((app, f["rule"], f["path"], f["line"]), []):
                if self.present is None or (app, d["fingerprint"]) not in self.present:
                    v = d
                    break
        return v["verdict"] if v else None


def per10k(n, lines):
    return f"{10000 * n / lines:.1f}" if lines else "-"


def tables(out, app_names, verdicts):
    print(f"Default settings ({out})\n")
    print("| app | Python lines | findings | TP | FP | debatable | unjudged | FP per 10k lines | High/Critical | of which FP |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    tot = dict(lines=0, n=0, TP=0, FP=0, debatable=0, none=0, hi=0, hifp=0)
    low = []
    for app in app_names:
        fs = findings(out, app, "default")
        if fs is None:
            continue
        lines = int(meta(out, app).get("python_lines", 0))
        c = dict(TP=0, FP=0, debatable=0, none=0, hi=0, hifp=0)
        for f in fs:
            v = verdicts.get(app, f) or "none"
            c[v] += 1
            if f["severity"] in ("High", "Critical"):
                c["hi"] += 1
                c["hifp"] += v == "FP"
        print(f"| {app} | {lines} | {len(fs)} | {c['TP']} | {c['FP']} | {c['debatable']} | {c['none']} "
              f"| {per10k(c['FP'], lines)} | {c['hi']} | {c['hifp']} |")
        tot["lines"] += lines
        tot["n"] += len(fs)
        for k in c:
            tot[k] += c[k]
        lf = findings(out, app, "low")
        if lf is not None:
            seen = {f["fingerprint"] for f in fs}
            extras = [f for f in lf if f["fingerprint"] not in seen]
            lc = dict(TP=0, FP=0, debatable=0, none=0)
            for f in extras:
                lc[verdicts.get(app, f) or "none"] += 1
            low.append((app, len(lf), len(extras), lc))
    print(f"| **total** | {tot['lines']} | {tot['n']} | {tot['TP']} | {tot['FP']} | {tot['debatable']} | {tot['none']} "
          f"| {per10k(tot['FP'], tot['lines'])} | {tot['hi']} | {tot['hifp']} |")
    print("\n`--confidence low`: the extras over the default run\n")
    print("| app | findings (all) | extras | TP | FP | debatable | unjudged | judged real |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    t = dict(n=0, x=0, TP=0, FP=0, debatable=0, none=0)
    for app, n, x, lc in low:
        judged = lc["TP"] + lc["FP"] + lc["debatable"]
        share = f"{lc['TP']}/{judged}" if judged else "-"
        print(f"| {app} | {n} | {x} | {lc['TP']} | {lc['FP']} | {lc['debatable']} | {lc['none']} | {share} |")
        t["n"] += n
        t["x"] += x
        for k in lc:
            t[k] += lc[k]
    judged = t["TP"] + t["FP"] + t["debatable"]
    share = f"{t['TP']}/{judged} ({100 * t['TP'] / judged:.0f}%)" if judged else "-"
    print(f"| **total** | {t['n']} | {t['x']} | {t['TP']} | {t['FP']} | {t['debatable']} | {t['none']} | {share} |")


def unjudged(out, app_names, verdicts, low):
    for app in app_names:
        fs = findings(out, app, "default")
        if fs is None:
            continue
        if low:
            seen = {f["fingerprint"] for f in fs}
            fs = [f for f in (findings(out, app, "low") or []) if f["fingerprint"] not in seen]
        for f in fs:
            if verdicts.get(app, f) is None:
                print("\t".join([app, f["fingerprint"], f["rule"], f["severity"], f["confidence"],
                                 f["path"], f["line"], f["message"]]))


def key_sets(out, app):
    fs = findings(out, app, "default") or []
    return fs, {f["fingerprint"] for f in fs}, {(f["rule"], f["path"], f["line"]) for f in fs}


def diff(old, new, app_names, verdicts):
    """Prints findings new (+) and lost (-) between two runs, each with its
    verdict when it has one (a lost TP is a recall loss)."""
    for app in app_names:
        if findings(old, app, "default") is None or findings(new, app, "default") is None:
            print(f"table.py: {app} is missing from one of the runs, not compared", file=sys.stderr)
            continue
        ofs, ofp, oloc = key_sets(old, app)
        nfs, nfp, nloc = key_sets(new, app)
        for sign, fs, fp, loc in (("+", nfs, ofp, oloc), ("-", ofs, nfp, nloc)):
            for f in fs:
                if f["fingerprint"] in fp or (f["rule"], f["path"], f["line"]) in loc:
                    continue
                print("\t".join([sign, app, verdicts.get(app, f) or "unjudged", f["fingerprint"], f["rule"],
                                 f["severity"], f["path"], f["line"], f["message"]]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default="/tmp/flasksec-corpus/out")
    ap.add_argument("--verdicts", default=os.path.join(HERE, "verdicts.tsv"))
    ap.add_argument("--apps", default=os.path.join(HERE, "apps.tsv"))
    ap.add_argument("--unjudged", action="store_true")
    ap.add_argument("--unjudged-low", action="store_true")
    ap.add_argument("--diff", nargs=2, metavar=("OLD_OUT", "NEW_OUT"))
    a = ap.parse_args()
    names = apps(a.apps)
    v = Verdicts(a.verdicts)
    if a.diff:
        v.use_run(*a.diff)
        diff(a.diff[0], a.diff[1], names, v)
        return
    v.use_run(a.out)
    if a.unjudged or a.unjudged_low:
        unjudged(a.out, names, v, a.unjudged_low)
        return
    tables(a.out, names, v)


if __name__ == "__main__":
    main()
