package fixes

import (
	"errors"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		edits []Edit
		want  string
		err   error
	}{
		{"none", "abc", nil, "abc", nil},
		{"replace", "yaml.load(x)", []Edit{{Start: 5, End: 9, Text: "safe_load"}}, "yaml.safe_load(x)", nil},
		{"unordered", "abcdef", []Edit{{Start: 4, End: 5, Text: "E"}, {Start: 0, End: 1, Text: "A"}}, "AbcdEf", nil},
		{"insert and delete", "a, b", []Edit{{Start: 0, End: 0, Text: "("}, {Start: 1, End: 4}}, "(a", nil},
		{"overlap", "abcdef", []Edit{{Start: 0, End: 3}, {Start: 2, End: 4}}, "", ErrOverlap},
		{"two inserts at one place", "ab", []Edit{{Start: 1, End: 1, Text: "x"}, {Start: 1, End: 1, Text: "y"}}, "", ErrOverlap},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Apply([]byte(tt.src), tt.edits)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err = %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("Apply = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if _, err := Apply([]byte("ab"), []Edit{{Start: 1, End: 3}}); err == nil {
		t.Error("an edit past the end was applied")
	}
}

func TestDiff(t *testing.T) {
	src := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20"
	tests := []struct {
		name  string
		edits []Edit
		want  string
	}{
		{"none", nil, ""},
		{"one line", []Edit{{Start: 2, End: 3, Text: "two"}},
			"--- a/f.py\n+++ b/f.py\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"},
		{"two hunks, a line added", []Edit{{Start: 0, End: 0, Text: "0\n"}, {Start: 48, End: 50, Text: "X"}},
			"--- a/f.py\n+++ b/f.py\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n" +
				"@@ -17,4 +18,4 @@\n 17\n 18\n 19\n-20\n\\ No newline at end of file\n+X\n\\ No newline at end of file\n"},
		{"close changes share a hunk", []Edit{{Start: 2, End: 3, Text: "b"}, {Start: 8, End: 9, Text: "e"}},
			"--- a/f.py\n+++ b/f.py\n@@ -1,8 +1,8 @@\n 1\n-2\n+b\n 3\n 4\n-5\n+e\n 6\n 7\n 8\n"},
		{"line removed", []Edit{{Start: 4, End: 6}},
			"--- a/f.py\n+++ b/f.py\n@@ -1,6 +1,5 @@\n 1\n 2\n-3\n 4\n 5\n 6\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Diff("f.py", []byte(src), tt.edits)
			if err != nil || got != tt.want {
				t.Fatalf("Diff = %q, %v\nwant %q", got, err, tt.want)
			}
		})
	}
}

func TestDiffMasked(t *testing.T) {
	src := "a\nKEY = (\n    \"s3cr3t\"\n)\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk = 1\n"
	edits := []Edit{{Start: 14, End: 22, Text: "env"}, {Start: 0, End: 0, Text: "import os\n"}, {Start: 47, End: 48, Text: "2"}}
	plain, err := Diff("f.py", []byte(src), edits)
	if err != nil {
		t.Fatal(err)
	}
	same, err := DiffMasked("f.py", []byte(src), edits, func(s string) string { return s })
	if err != nil || same != plain {
		t.Fatalf("identity mask: %q, %v\nwant %q", same, err, plain)
	}
	masked, err := DiffMasked("f.py", []byte(src), edits, func(s string) string { return strings.ReplaceAll(s, "s3cr3t", "***") })
	if err != nil || strings.Contains(masked, "s3cr3t") || masked != strings.ReplaceAll(plain, "s3cr3t", "***") {
		t.Fatalf("masked: %q, %v", masked, err)
	}
	if _, err := DiffMasked("f.py", []byte(src), edits, func(s string) string { return s + "\nextra\n" }); err == nil {
		t.Error("a mask that adds lines was accepted")
	}
}
