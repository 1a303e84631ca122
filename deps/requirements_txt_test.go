package deps

import (
	"os"
	"strings"
	"testing"
)

// reqSummary is the part of a requirement the parser tests compare.
type reqSummary struct {
	Key      string
	Line     int
	Spec     string
	Version  string
	URL      string
	Editable bool
	Hashes   int
	Marker   string
	Extras   string
	Group    string
	Locked   bool
}

func summarize(rs []Requirement) []reqSummary {
	out := make([]reqSummary, len(rs))
	for i, r := range rs {
		out[i] = reqSummary{Key: r.Key, Line: r.Line, Spec: r.Specifier.String(), Version: r.Version, URL: r.URL,
			Editable: r.Editable, Hashes: r.Hashes, Marker: r.Marker, Extras: strings.Join(r.Extras, ","),
			Group: r.Group, Locked: r.Locked}
	}
	return out
}

func compareReqs(t *testing.T, name string, got []Requirement, want []reqSummary) {
	t.Helper()
	gs := summarize(got)
	if len(gs) != len(want) {
		t.Errorf("%s: got %d requirements, want %d:\n%+v", name, len(gs), len(want), gs)
		return
	}
	for i := range want {
		if gs[i] != want[i] {
			t.Errorf("%s: requirement %d\n got %+v\nwant %+v", name, i, gs[i], want[i])
		}
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/formats/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRequirementsTxt(t *testing.T) {
	f := ParseRequirementsTxt("app/requirements.txt", readFixture(t, "requirements.txt"))
	compareReqs(t, "requirements.txt", f.Requirements, []reqSummary{
		{Key: "flask", Line: 6, Spec: "==2.2.2", Version: "2.2.2"},
		{Key: "werkzeug", Line: 7, Spec: ">=2.2,<3", Marker: `python_version >= "3.8"`},
		{Key: "jinja2", Line: 8, Spec: "==3.1.2", Version: "3.1.2", Hashes: 2, Extras: "i18n"},
		{Key: "itsdangerous", Line: 11},
		{Key: "flask-helpers", Line: 12, URL: "git+https://github.com/example/flask-helpers.git@v1.0#egg=flask_helpers", Editable: true},
		{Key: "gunicorn", Line: 13, URL: "https://example.com/wheels/gunicorn-21.2.0-py3-none-any.whl"},
		{Key: "", Line: 14, URL: "./vendor/markupsafe"},
		{Key: "flask-login", Line: 15, URL: "https://example.com/dist/Flask_Login-0.6.2-py3-none-any.whl"},
		{Key: "flask-cors", Line: 16, Spec: "~=4.0.0"},
		{Key: "flask-wtf", Line: 18, Spec: "===1.1.1", Version: "1.1.1"},
	})
	wantIncludes := []Include{{Path: "app/base.txt", Line: 2}, {Path: "app/constraints/pins.txt", Constraint: true, Line: 3}}
	if len(f.Includes) != len(wantIncludes) {
		t.Fatalf("includes = %+v, want %+v", f.Includes, wantIncludes)
	}
	for i := range wantIncludes {
		if f.Includes[i] != wantIncludes[i] {
			t.Errorf("include %d = %+v, want %+v", i, f.Includes[i], wantIncludes[i])
		}
	}
	if len(f.Errors) != 1 || f.Errors[0].Line != 19 {
		t.Errorf("errors = %v, want one at line 19", f.Errors)
	}
	for _, r := range f.Requirements {
		if r.URL != "" || r.Editable {
			if _, ok := r.Pinned(); ok {
				t.Errorf("line %d: URL requirement counts as pinned", r.Line)
			}
		}
	}
}

func TestParseRequirementsLines(t *testing.T) {
	tests := []struct {
		src  string
		want []reqSummary
	}{
		{"flask", []reqSummary{{Key: "flask", Line: 1}}},
		{"\n\nflask (>=2.0)\n", []reqSummary{{Key: "flask", Line: 3, Spec: ">=2.0"}}},
		{"flask==2.0 # pinned\n", []reqSummary{{Key: "flask", Line: 1, Spec: "==2.0", Version: "2.0"}}},
		{"flask\\\n==2.0\n", []reqSummary{{Key: "flask", Line: 1, Spec: "==2.0", Version: "2.0"}}},
		{"flask  # comment \\\nwerkzeug\n", []reqSummary{{Key: "flask", Line: 1}, {Key: "werkzeug", Line: 2}}},
		{"-rother.txt\n-e .\n", []reqSummary{{Line: 2, URL: ".", Editable: true}}},
		{"--editable=./pkg#egg=mypkg\n", []reqSummary{{Key: "mypkg", Line: 1, URL: "./pkg#egg=mypkg", Editable: true}}},
		{"flask[async, dotenv]>=2\r\nwerkzeug\r\n", []reqSummary{{Key: "flask", Line: 1, Spec: ">=2", Extras: "async,dotenv"},
			{Key: "werkzeug", Line: 2}}},
		{"flask @ git+https://x/flask.git ; python_version<'3.9'\n", []reqSummary{{Key: "flask", Line: 1,
			URL: "git+https://x/flask.git", Marker: "python_version<'3.9'"}}},
		{"Flask==2.0.* \n", []reqSummary{{Key: "flask", Line: 1, Spec: "==2.0.*"}}},
		{"--pre\n--require-hashes\nflask==1.0 --hash sha256:abc\n", []reqSummary{{Key: "flask", Line: 3, Spec: "==1.0",
			Version: "1.0", Hashes: 1}}},
	}
	for _, tt := range tests {
		f := ParseRequirementsTxt("requirements.txt", []byte(tt.src))
		if len(f.Errors) > 0 {
			t.Errorf("%q: errors %v", tt.src, f.Errors)
		}
		compareReqs(t, tt.src, f.Requirements, tt.want)
	}
}

func TestParseRequirementsErrors(t *testing.T) {
	for _, src := range []string{"flask>>2\n", "-r\n", "flask[extra\n", "[x]\n", "flask==${VERSION}\n"} {
		f := ParseRequirementsTxt("requirements.txt", []byte(src))
		if len(f.Errors) != 1 || f.Errors[0].Line != 1 {
			t.Errorf("%q: errors = %v, want one on line 1", src, f.Errors)
		}
	}
}

// FuzzRequirements checks that the requirements parser never panics and
// that every requirement it returns points at a line of the input.
func FuzzRequirements(f *testing.F) {
	f.Add([]byte("flask==2.2.2\nwerkzeug>=2 ; python_version>'3'\n"))
	f.Add(readFixtureF(f, "requirements.txt"))
	f.Add([]byte("-e git+https://x#egg=y\n\\\n\\"))
	f.Add([]byte("a[b,c] @ https://x ; y\r\n-r\t./z.txt --hash=sha256:0\r"))
	f.Fuzz(func(t *testing.T, src []byte) {
		file := ParseRequirementsTxt("requirements.txt", src)
		n := len(splitLines(string(src)))
		for _, r := range file.Requirements {
			if r.Line < 1 || r.Line > n {
				t.Fatalf("requirement %+v on line %d of a %d-line input", r, r.Line, n)
			}
			if r.Key != NormalizeName(r.Name) {
				t.Fatalf("key %q is not the normalised name of %q", r.Key, r.Name)
			}
		}
		for _, e := range file.Errors {
			if e.Line < 1 || e.Line > n {
				t.Fatalf("error on line %d of a %d-line input", e.Line, n)
			}
		}
	})
}

func readFixtureF(f *testing.F, name string) []byte {
	b, err := os.ReadFile("testdata/formats/" + name)
	if err != nil {
		f.Fatal(err)
	}
	return b
}
