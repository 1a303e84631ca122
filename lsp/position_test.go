package lsp

import (
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

func TestColumnConversions(t *testing.T) {
	// "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 UTF-16 units;
	// "中" is 3 bytes, 1 unit.
	line := `x = "é😀中" + y`
	tests := []struct {
		runes              int // 0-based code point offset
		bytes              int
		utf16, utf8, utf32 int
	}{
		{0, 0, 0, 0, 0},
		{5, 5, 5, 5, 5},      // before é
		{6, 7, 6, 7, 6},      // before 😀
		{7, 11, 8, 11, 7},    // before 中
		{8, 14, 9, 14, 8},    // before the closing quote
		{13, 19, 14, 19, 13}, // end of line
		{99, 99, 14, 19, 13}, // past the end
	}
	for _, tt := range tests {
		for _, c := range []struct {
			enc  posEncoding
			want int
		}{{encUTF16, tt.utf16}, {encUTF8, tt.utf8}, {encUTF32, tt.utf32}} {
			if got := c.enc.fromRunes(line, tt.runes); got != c.want {
				t.Errorf("%s fromRunes(%d) = %d, want %d", c.enc, tt.runes, got, c.want)
			}
			if got := c.enc.fromBytes(line, tt.bytes); got != c.want {
				t.Errorf("%s fromBytes(%d) = %d, want %d", c.enc, tt.bytes, got, c.want)
			}
			if tt.bytes <= len(line) {
				if got := c.enc.toBytes(line, c.want); got != tt.bytes {
					t.Errorf("%s toBytes(%d) = %d, want %d", c.enc, c.want, got, tt.bytes)
				}
			}
		}
	}
	// A UTF-16 column inside the surrogate pair of 😀 falls back to its
	// start; a byte offset inside é counts from its start.
	if got := encUTF16.toBytes(line, 7); got != 7 {
		t.Errorf("toBytes inside a surrogate pair = %d, want 7", got)
	}
	if got := encUTF16.fromBytes(line, 6); got != 5 {
		t.Errorf("fromBytes inside é = %d, want 5", got)
	}
}

func TestChooseEncoding(t *testing.T) {
	tests := []struct {
		offered []string
		want    posEncoding
	}{
		{nil, encUTF16},
		{[]string{"utf-8", "utf-16"}, encUTF16},
		{[]string{"utf-8"}, encUTF8},
		{[]string{"utf-32"}, encUTF32},
		{[]string{"ebcdic"}, encUTF16},
	}
	for _, tt := range tests {
		if got := chooseEncoding(tt.offered); got != tt.want {
			t.Errorf("chooseEncoding(%v) = %s, want %s", tt.offered, got, tt.want)
		}
	}
}

func TestApplyChange(t *testing.T) {
	text := "a = 1\r\nb = \"😀\"\nc = 3"
	tests := []struct {
		name string
		r    *Range
		new  string
		want string
	}{
		{"full", nil, "x", "x"},
		{"insert at start", &Range{Position{0, 0}, Position{0, 0}}, "# ", "# a = 1\r\nb = \"😀\"\nc = 3"},
		{"replace after the emoji", &Range{Position{1, 7}, Position{1, 8}}, "'", "a = 1\r\nb = \"😀'\nc = 3"},
		{"across lines", &Range{Position{0, 4}, Position{2, 4}}, "9", "a = 93"},
		{"past the end", &Range{Position{9, 0}, Position{9, 0}}, "\n", text + "\n"},
		{"column past the line end", &Range{Position{0, 80}, Position{0, 80}}, "!", "a = 1!\r\nb = \"😀\"\nc = 3"},
	}
	for _, tt := range tests {
		if got := encUTF16.applyChange(text, tt.r, tt.new); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLines(t *testing.T) {
	text := "a\r\nb\rc\nd"
	starts := lineStarts(text)
	want := []string{"a", "b", "c", "d"}
	if len(starts) != len(want) {
		t.Fatalf("lineStarts = %v", starts)
	}
	for i, w := range want {
		if got := lineAt(text, starts, i); got != w {
			t.Errorf("line %d = %q, want %q", i, got, w)
		}
	}
	if eol("a\r\nb\r\n") != "\r\n" || eol("a\nb\n") != "\n" || eol("a") != "\n" {
		t.Error("eol picks the wrong line ending")
	}
}

// TestFindingRange converts finding locations on a line with characters
// outside ASCII and outside the Basic Multilingual Plane.
func TestFindingRange(t *testing.T) {
	src := "x = 1\n    données = run(\"😀\", y)  \n"
	f, _, _ := project.FromSource("app.py", []byte(src), project.Options{ParsePython: noParse})
	proj := project.New("/r", []*project.File{f}, nil)
	tests := []struct {
		name string
		loc  rules.Location
		enc  posEncoding
		want Range
	}{
		// run("😀", y) is characters 14 to 25 (0-based, end exclusive);
		// 😀 is 2 UTF-16 units and 4 bytes, é 2 bytes.
		{"call, utf-16", rules.Location{Path: "app.py", StartLine: 2, StartCol: 15, EndLine: 2, EndCol: 26}, encUTF16, Range{Position{1, 14}, Position{1, 26}}},
		{"call, utf-8", rules.Location{Path: "app.py", StartLine: 2, StartCol: 15, EndLine: 2, EndCol: 26}, encUTF8, Range{Position{1, 15}, Position{1, 29}}},
		{"call, utf-32", rules.Location{Path: "app.py", StartLine: 2, StartCol: 15, EndLine: 2, EndCol: 26}, encUTF32, Range{Position{1, 14}, Position{1, 25}}},
		{"whole line", rules.Location{Path: "app.py", StartLine: 2, StartCol: 1, EndLine: 2}, encUTF16, Range{Position{1, 4}, Position{1, 26}}},
		{"no columns, two lines", rules.Location{Path: "app.py", StartLine: 1, EndLine: 2}, encUTF16, Range{Position{0, 0}, Position{1, 26}}},
		{"start column, no end", rules.Location{Path: "app.py", StartLine: 2, StartCol: 5}, encUTF16, Range{Position{1, 4}, Position{1, 26}}},
		{"unknown file", rules.Location{Path: "gone.py", StartLine: 3, StartCol: 2, EndLine: 3, EndCol: 5}, encUTF16, Range{Position{2, 0}, Position{2, 0}}},
	}
	for _, tt := range tests {
		c := &converter{enc: tt.enc, proj: proj, uriOf: func(rel string) string { return "file:///r/" + rel }}
		if got := c.findingRange(tt.loc); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// TestProblemRange checks that Python syntax errors (byte columns) and
// template errors (character columns) land on the same character.
func TestProblemRange(t *testing.T) {
	py, _, _ := project.FromSource("app.py", []byte("s = \"é\" $\n"), project.Options{ParsePython: noParse})
	tpl, _, _ := project.FromSource("templates/t.html", []byte("<p>é {{ x }</p>\n"), project.Options{ParsePython: noParse})
	proj := project.New("/r", []*project.File{py, tpl}, nil)
	c := &converter{enc: encUTF16, proj: proj}
	// "$" is byte 9 (1-based 10), character 8 (1-based 9).
	d, ok := c.problem(scan.Problem{Kind: "parse", Path: "app.py", Line: 1, Col: 10, Message: "invalid syntax"})
	if !ok || d.Range != (Range{Position{0, 8}, Position{0, 9}}) || d.Code != codeSyntax || d.Severity != severityError {
		t.Errorf("Python problem = %+v", d)
	}
	// "}" is character 11 (1-based 12).
	d, ok = c.problem(scan.Problem{Kind: "parse", Path: "templates/t.html", Line: 1, Col: 12, Message: "template syntax error"})
	if !ok || d.Range != (Range{Position{0, 11}, Position{0, 12}}) {
		t.Errorf("template problem = %+v", d)
	}
	if _, ok := c.problem(scan.Problem{Kind: "rule", Message: "rule X failed"}); ok {
		t.Error("a problem of no file became a diagnostic")
	}
}

func TestSeverityMapping(t *testing.T) {
	for s, want := range map[rules.Severity]int{rules.Critical: 1, rules.High: 1, rules.Medium: 2, rules.Low: 3} {
		if got := findingSeverity(s); got != want {
			t.Errorf("findingSeverity(%s) = %d, want %d", s, got, want)
		}
	}
}
