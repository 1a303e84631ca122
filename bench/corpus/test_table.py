#!/usr/bin/env python3
"""Tests of table.py on a small synthetic run (python3 -m unittest bench/corpus/test_table.py)."""
import contextlib
import io
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import table  # noqa: E402

HEADER = "fingerprint\trule\tseverity\tconfidence\tpath\tline\tmessage\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def row(fp, rule, sev, path, line, conf="Medium"):
    return "\t".join([fp, rule, sev, conf, path, str(line), "msg"]) + "\n"


class TableTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.tmp.name
        self.out = os.path.join(d, "out")
        self.new = os.path.join(d, "new")
        os.mkdir(self.out)
        os.mkdir(self.new)
        self.apps = os.path.join(d, "apps.tsv")
        write(self.apps, "# name\trepo\tcommit\tsubpath\tshape\napp\to/r\tabc\t.\tx\n")
        default = HEADER + row("f1", "R-1", "High", "a.py", 10) + row("f2", "R-1", "Medium", "a.py", 10) + \
            row("f3", "R-2", "Critical", "b.py", 5)
        write(os.path.join(self.out, "app.default.tsv"), default)
        write(os.path.join(self.out, "app.low.tsv"), default + row("f4", "R-3", "Low", "c.py", 1, "Low"))
        write(os.path.join(self.out, "app.meta.tsv"), "python_lines\t20000\n")
        self.verdicts = os.path.join(d, "verdicts.tsv")
        write(self.verdicts, "app\tfingerprint\trule\tpath\tline\tverdict\treason\n"
              "app\tf1\tR-1\ta.py\t10\tFP\tx\n"
              "app\tf3\tR-2\tb.py\t5\tTP\tx\n"
              "app\tf4\tR-3\tc.py\t1\tdebatable\tx\n")

    def tearDown(self):
        self.tmp.cleanup()

    def run_main(self, *args):
        buf = io.StringIO()
        old = sys.argv
        sys.argv = ["table.py", *args, "--apps", self.apps, "--verdicts", self.verdicts]
        try:
            with contextlib.redirect_stdout(buf):
                table.main()
        finally:
            sys.argv = old
        return buf.getvalue()

    def test_counts(self):
        out = self.run_main(self.out)
        # f2 shares f1's line but has its own fingerprint: unjudged, not FP.
        self.assertIn("| app | 20000 | 3 | 1 | 1 | 0 | 1 | 0.5 | 2 | 1 |", out)
        self.assertIn("| app | 4 | 1 | 0 | 0 | 1 | 0 | 0/1 |", out)

    def test_unjudged(self):
        out = self.run_main(self.out, "--unjudged")
        self.assertEqual([ln.split("\t")[1] for ln in out.splitlines()], ["f2"])

    def test_location_fallback_when_fingerprint_changed(self):
        # f1's evidence changed (new fingerprint g1) on the same line: it keeps its FP verdict.
        write(os.path.join(self.new, "app.default.tsv"),
              HEADER + row("g1", "R-1", "High", "a.py", 10) + row("f3", "R-2", "Critical", "b.py", 5))
        write(os.path.join(self.new, "app.meta.tsv"), "python_lines\t20000\n")
        out = self.run_main(self.new)
        self.assertIn("| app | 20000 | 2 | 1 | 1 | 0 | 0 |", out)

    def test_diff(self):
        write(os.path.join(self.new, "app.default.tsv"),
              HEADER + row("f1", "R-1", "High", "a.py", 12) + row("f5", "R-9", "Low", "d.py", 2))
        write(self.apps, "app\to/r\tabc\t.\tx\nother\to/s\tdef\t.\ty\n")  # "other" is in neither run
        out = self.run_main("--diff", self.out, self.new)
        lines = sorted(tuple(ln.split("\t")[:4]) for ln in out.splitlines())
        self.assertEqual(lines, [("+", "app", "unjudged", "f5"), ("-", "app", "TP", "f3"),
                                 ("-", "app", "unjudged", "f2")])


if __name__ == "__main__":
    unittest.main()
