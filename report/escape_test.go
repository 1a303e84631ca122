package report

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

func TestPrintable(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\tand back\\slash", "tab\tand back\\slash"},
		{"é ü 中文 😀", "é ü 中文 😀"},
		{"\x1b]0;owned\x07title", `\x1b]0;owned\x07title`},
		{"\x1b[2J\x1b[H", `\x1b[2J\x1b[H`},
		{"a\nb\r\n", `a\nb\r\n`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u0085 \u009b", `c1 \u0085 \u009b`},
		{"bidi \u202eevil\u202c \u2066x\u2069 \u200f \u061c", `bidi \u202eevil\u202c \u2066x\u2069 \u200f \u061c`},
		{"sep \u2028 \u2029", `sep \u2028 \u2029`},
		{"bad \xff\xfe utf8 \xc3", `bad \xff\xfe utf8 \xc3`},
	} {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapePath(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		esc      bool
	}{
		{"app/views.py", "app/views.py", false},
		{`odd\name/é.py`, `odd\name/é.py`, false},
		{"caf\xe9/a.py", `caf\xe9/a.py`, true},
		{"x\\y\xff.py", `x\\y\xff.py`, true},
	} {
		got, esc := EscapePath(tt.in)
		if got != tt.want || esc != tt.esc {
			t.Errorf("EscapePath(%q) = %q, %v; want %q, %v", tt.in, got, esc, tt.want, tt.esc)
		}
		if esc {
			if back := unescapePath(t, got); back != tt.in {
				t.Errorf("%q does not round-trip: %q", tt.in, back)
			}
		}
	}
}

// unescapePath undoes EscapePath as docs/json.md tells a reader to.
func unescapePath(t *testing.T, s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], `\\`):
			b = append(b, '\\')
			i++
		case strings.HasPrefix(s[i:], `\x`) && i+4 <= len(s):
			var v byte
			for _, c := range s[i+2 : i+4] {
				v <<= 4
				switch {
				case c >= '0' && c <= '9':
					v |= byte(c - '0')
				case c >= 'a' && c <= 'f':
					v |= byte(c-'a') + 10
				default:
					t.Fatalf("bad escape in %q", s)
				}
			}
			b = append(b, v)
			i += 3
		default:
			b = append(b, s[i])
		}
	}
	return string(b)
}

// hostileResult is a result whose every field from the scanned files
// carries control characters, bidi overrides and bytes that are not UTF-8.
func hostileResult() *scan.Result {
	res := sampleResult()
	f := &res.Findings[1]
	f.Location.Path = "app/\x1b]0;pwned\x07vi\nws\xff.py"
	f.Location.Function = "se\u202earch"
	f.Location.Route = "GET /\x1b[2Jx"
	f.Message = "request data\x1b[31m reaches \u2066Markup()\r"
	f.Evidence = "return Markup(q)  # \x1b[8m hidden\x07\r\nnext \u202eline\r\n"
	f.Fix = "Escape it\x1b[0m.\nThen \x07check."
	f.Trace[0].Path = "app/\xfe\x1b.py"
	f.Trace[0].Note = "read\x1bhere\n"
	res.Errors[0].Path = "bro\x1bken\n.py"
	res.Errors[0].Message = "invalid character '\x1b'"
	res.Skipped[0].Path = "static/\x9b\xff\x1b.html"
	res.Skipped[0].Reason = "fifo\x07"
	return res
}

// rawControls lists the raw control characters, bidi controls and
// invalid bytes of out, other than line breaks and tabs.
func rawControls(out string) []string {
	var bad []string
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == utf8.RuneError && size == 1 || r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f) || escapedRune(r) {
			lo, hi := max(0, i-20), min(len(out), i+20)
			bad = append(bad, out[lo:hi])
		}
		i += size
	}
	return bad
}

func TestHumanFormatsEscapeControls(t *testing.T) {
	for _, format := range []string{"text", "markdown"} {
		out := string(render(t, format, hostileResult(), Options{Version: "1.2.3"}))
		if bad := rawControls(out); len(bad) > 0 {
			t.Errorf("%s report passes raw control characters: %q", format, bad)
		}
		for _, want := range []string{`app/\x1b]0;pwned\x07vi\nws\xff.py:12:12`, `se\u202earch`, `\u2066Markup()`,
			`\x1b[8m hidden\x07`, `next \u202eline`, `bro\x1bken\n.py`, `app/\xfe\x1b.py:10`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s report lacks the escaped %s:\n%s", format, want, out)
			}
		}
		// The location stays on one line.
		if format == "text" && !strings.Contains(out, "Location: app/\\x1b]0;pwned\\x07vi\\nws\\xff.py:12:12, in se\\u202earch(), route GET /\\x1b[2Jx\n") {
			t.Errorf("location line broken:\n%s", out)
		}
	}
	// The one-line formats carry no raw control either.
	for _, format := range []string{"concise", "github"} {
		out := string(render(t, format, hostileResult(), Options{}))
		if bad := rawControls(out); len(bad) > 0 {
			t.Errorf("%s report passes raw control characters: %q", format, bad)
		}
		if !strings.Contains(out, `bro\x1bken\n.py`) {
			t.Errorf("%s report lacks the escaped path:\n%s", format, out)
		}
	}
	// The CRLF line ending of evidence is not shown as \r.
	out := string(render(t, "text", hostileResult(), Options{}))
	if strings.Contains(out, `hidden\x07\r`) {
		t.Errorf("CRLF line ending escaped in evidence:\n%s", out)
	}
	// Colour output still has its own escape sequences.
	if out := string(render(t, "text", sampleResult(), Options{Color: true})); !strings.Contains(out, ansiBold) {
		t.Error("colour codes escaped")
	}
}

func TestJSONKeepsNonUTF8PathsRecoverable(t *testing.T) {
	res := hostileResult()
	var doc struct {
		Findings []rules.Finding   `json:"findings"`
		Errors   []scan.Problem    `json:"errors"`
		Skipped  []project.Skipped `json:"skipped"`
	}
	raw := render(t, "json", res, Options{})
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	check := func(what, got string, esc bool, orig string) {
		t.Helper()
		wantEsc := !utf8.ValidString(orig)
		if esc != wantEsc {
			t.Errorf("%s: path_escaped %v, want %v", what, esc, wantEsc)
		}
		back := got
		if esc {
			back = unescapePath(t, got)
		}
		if back != orig {
			t.Errorf("%s: path %q does not give back %q", what, got, orig)
		}
	}
	check("finding", doc.Findings[1].Location.Path, doc.Findings[1].Location.PathEscaped, res.Findings[1].Location.Path)
	check("valid finding path", doc.Findings[0].Location.Path, doc.Findings[0].Location.PathEscaped, res.Findings[0].Location.Path)
	check("trace", doc.Findings[1].Trace[0].Path, doc.Findings[1].Trace[0].PathEscaped, res.Findings[1].Trace[0].Path)
	check("trace valid", doc.Findings[1].Trace[1].Path, doc.Findings[1].Trace[1].PathEscaped, res.Findings[1].Trace[1].Path)
	check("error", doc.Errors[0].Path, doc.Errors[0].PathEscaped, res.Errors[0].Path)
	check("skipped", doc.Skipped[0].Path, doc.Skipped[0].PathEscaped, res.Skipped[0].Path)
	if strings.Contains(string(raw), "\ufffd") {
		t.Errorf("lossy U+FFFD in the JSON:\n%s", raw)
	}
	// The writer works on copies.
	if res.Findings[1].Location.PathEscaped || res.Skipped[0].PathEscaped {
		t.Error("JSON changed the scan result")
	}
	// Valid names: the key is absent.
	if strings.Contains(string(render(t, "json", sampleResult(), Options{})), "path_escaped") {
		t.Error("path_escaped present for valid UTF-8 paths")
	}
}
