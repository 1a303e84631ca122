package deps

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEmbeddedAdvisories(t *testing.T) {
	advs, errs := loadFS(embeddedFS, "advisories")
	for _, e := range errs {
		t.Error(e)
	}
	db := EmbeddedAdvisories()
	if db.Len() != len(advs) || db.Len() < 20 {
		t.Fatalf("embedded database has %d advisories, files hold %d", db.Len(), len(advs))
	}
	for _, a := range advs {
		if a.Summary == "" || len(a.Summary) > 200 {
			t.Errorf("%s: summary must be one line of our own words, got %q", a.ID, a.Summary)
		}
		if a.Modified.IsZero() {
			t.Errorf("%s: no modified date", a.ID)
		}
		if !strings.HasPrefix(a.ID, "GHSA-") && !strings.HasPrefix(a.ID, "PYSEC-") {
			t.Errorf("%s: unexpected ID form", a.ID)
		}
	}
	// The advisories the spec names must be present.
	for _, id := range []string{"GHSA-hgf8-39gv-g3f2", "GHSA-m2qf-hxjv-5gpq", "GHSA-2g68-c3qc-8985"} {
		found := false
		for _, a := range advs {
			if a.ID == id {
				found = true
			}
		}
		if !found {
			t.Errorf("embedded data lacks %s", id)
		}
	}
	want := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	if got := AdvisoryDataDate(); !got.Equal(want) {
		t.Errorf("AdvisoryDataDate() = %s, want %s", got, want)
	}
}

// TestMatchEdges checks matching at the edges of the embedded ranges:
// an introduced version is affected, a fixed version is not, a
// last_affected version is and the next release is not.
func TestMatchEdges(t *testing.T) {
	db := EmbeddedAdvisories()
	tests := []struct {
		pkg, version, id string
		want             bool
		fixed            string
	}{
		// GHSA-m2qf-hxjv-5gpq: [2.3.0, 2.3.2) and [0, 2.2.5).
		{"Flask", "2.3.0", "GHSA-m2qf-hxjv-5gpq", true, "2.3.2"},
		{"flask", "2.3.1", "GHSA-m2qf-hxjv-5gpq", true, "2.3.2"},
		{"flask", "2.3.2", "GHSA-m2qf-hxjv-5gpq", false, ""},
		{"flask", "2.2.4", "GHSA-m2qf-hxjv-5gpq", true, "2.2.5"},
		{"flask", "2.2.5", "GHSA-m2qf-hxjv-5gpq", false, ""},
		{"flask", "2.3.0rc1", "GHSA-m2qf-hxjv-5gpq", false, ""}, // above 2.2.5, below introduced 2.3.0
		{"flask", "0.1", "GHSA-m2qf-hxjv-5gpq", true, "2.2.5"},
		// GHSA-hrfv-mqp8-q5rw: [0, 2.3.8) and [3.0.0, 3.0.1).
		{"werkzeug", "2.3.7", "GHSA-hrfv-mqp8-q5rw", true, "2.3.8"},
		{"werkzeug", "2.3.8", "GHSA-hrfv-mqp8-q5rw", false, ""},
		{"Werkzeug", "3.0.0", "GHSA-hrfv-mqp8-q5rw", true, "3.0.1"},
		{"werkzeug", "3.0.1", "GHSA-hrfv-mqp8-q5rw", false, ""},
		{"werkzeug", "3.1.3", "GHSA-hgf8-39gv-g3f2", true, "3.1.4"},
		{"werkzeug", "3.1.4", "GHSA-hgf8-39gv-g3f2", false, ""},
		{"werkzeug", "3.1.4+local", "GHSA-hgf8-39gv-g3f2", false, ""},
		{"werkzeug", "3.1.4rc1", "GHSA-hgf8-39gv-g3f2", true, "3.1.4"},
		// GHSA-gmj6-6f8f-6699: introduced 3.0.0.
		{"jinja2", "2.11.3", "GHSA-gmj6-6f8f-6699", false, ""},
		{"Jinja2", "3.0.0", "GHSA-gmj6-6f8f-6699", true, "3.1.5"},
		{"jinja2", "3.1.5", "GHSA-gmj6-6f8f-6699", false, ""},
		// GHSA-w3h3-4rj7-4ph4: last_affected 21.2.0.
		{"gunicorn", "21.2.0", "GHSA-w3h3-4rj7-4ph4", true, ""},
		{"gunicorn", "21.2.0.post1", "GHSA-w3h3-4rj7-4ph4", false, ""},
		{"gunicorn", "22.0.0", "GHSA-w3h3-4rj7-4ph4", false, ""},
		{"Flask_CORS", "4.0.0", "GHSA-84pr-m4jr-85g5", true, ""},
		{"flask-cors", "4.0.1", "GHSA-84pr-m4jr-85g5", false, ""},
	}
	for _, tt := range tests {
		var got *Match
		for _, m := range db.Match(tt.pkg, MustParseVersion(tt.version)) {
			if m.Advisory.ID == tt.id {
				got = &m
			}
		}
		if (got != nil) != tt.want {
			t.Errorf("%s %s matched by %s = %v, want %v", tt.pkg, tt.version, tt.id, got != nil, tt.want)
			continue
		}
		if got != nil && got.Fixed != tt.fixed {
			t.Errorf("%s %s / %s: fixed = %q, want %q", tt.pkg, tt.version, tt.id, got.Fixed, tt.fixed)
		}
	}
	if ms := db.Match("werkzeug", MustParseVersion("3.1.6")); len(ms) != 0 {
		t.Errorf("werkzeug 3.1.6 matched %d advisories, want none", len(ms))
	}
	a := db.Advisories("werkzeug")
	windows := 0
	for _, adv := range a {
		if adv.WindowsOnly() {
			windows++
		}
	}
	if windows != 4 {
		t.Errorf("%d Windows-only Werkzeug advisories, want 4", windows)
	}
}

func TestRangeEvents(t *testing.T) {
	rec := func(events string) string {
		return `{"id":"TEST-1","modified":"2024-01-02T03:04:05Z","affected":[{"package":{"ecosystem":"PyPI","name":"Demo_Pkg"},
			"ranges":[{"type":"ECOSYSTEM","events":` + events + `}],"versions":["0.5"]}]}`
	}
	tests := []struct {
		events  string
		version string
		want    bool
	}{
		{`[{"introduced":"1.0"},{"fixed":"1.2"}]`, "0.9", false},
		{`[{"introduced":"1.0"},{"fixed":"1.2"}]`, "1.0", true},
		{`[{"introduced":"1.0"},{"fixed":"1.2"}]`, "1.1.9", true},
		{`[{"introduced":"1.0"},{"fixed":"1.2"}]`, "1.2", false},
		{`[{"fixed":"1.2"},{"introduced":"1.0"}]`, "1.1", true}, // unordered events
		{`[{"introduced":"0"},{"last_affected":"2.0"}]`, "2.0", true},
		{`[{"introduced":"0"},{"last_affected":"2.0"}]`, "2.0.1", false},
		{`[{"introduced":"1.0"},{"fixed":"1.1"},{"introduced":"2.0"},{"fixed":"2.1"}]`, "1.5", false},
		{`[{"introduced":"1.0"},{"fixed":"1.1"},{"introduced":"2.0"},{"fixed":"2.1"}]`, "2.0.5", true},
		{`[{"introduced":"3.0"}]`, "99", true},
		{`[{"introduced":"3.0"}]`, "0.5", true}, // listed explicitly in versions
	}
	for _, tt := range tests {
		a, err := ParseAdvisory([]byte(rec(tt.events)))
		if err != nil {
			t.Fatalf("%s: %v", tt.events, err)
		}
		got, _ := a.Affected[0].Affects(MustParseVersion(tt.version))
		if got != tt.want {
			t.Errorf("events %s, version %s: affected = %v, want %v", tt.events, tt.version, got, tt.want)
		}
	}
}

func TestParseAdvisoryMalformed(t *testing.T) {
	bad := []string{
		`{`,
		`{"modified":"2024-01-01T00:00:00Z","affected":[]}`,
		`{"id":"X","modified":"yesterday","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"versions":["1"]}]}`,
		`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{"fixed":"not a version"}]}]}]}`,
		`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"ranges":[{"type":"ECOSYSTEM","events":[{}]}]}]}`,
		`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"}}]}`,
		`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"-bad-"},"versions":["1"]}]}`,
	}
	for _, src := range bad {
		if a, err := ParseAdvisory([]byte(src)); err == nil {
			t.Errorf("ParseAdvisory(%s) = %+v, want an error", src, a)
		}
	}
	// Other ecosystems and withdrawn records are skipped, not errors.
	for _, src := range []string{
		`{"id":"GO-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go","name":"x"},"versions":["1"]}]}`,
		`{"id":"W","modified":"2024-01-01T00:00:00Z","withdrawn":"2024-02-01T00:00:00Z","affected":[{"package":{"ecosystem":"PyPI","name":"a"},"versions":["1"]}]}`,
	} {
		if a, err := ParseAdvisory([]byte(src)); a != nil || err != nil {
			t.Errorf("ParseAdvisory(%s) = %v, %v; want nil, nil", src, a, err)
		}
	}
}

const goodRecord = `{"id":"PYSEC-9999-1","modified":"2025-06-01T00:00:00Z","summary":"Demo issue on Windows only",
	"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
	"affected":[{"package":{"ecosystem":"PyPI","name":"Werkzeug"},"ranges":[{"type":"GIT","repo":"x","events":[{"introduced":"0"},{"fixed":"abc"}]},
	{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"9.0"}]}]}]}`

func TestLoadAdvisoriesFolder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"PYSEC-9999-1.json":  goodRecord,
		"nested/broken.json": `{"id": "BROKEN-1", "modified": `,
		"nested/go.json":     `{"id":"GO-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Go","name":"x"},"versions":["1"]}]}`,
		"README.md":          "not a record",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db, errs, err := LoadAdvisories(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "broken.json") {
		t.Errorf("errors = %v, want one naming broken.json", errs)
	}
	checkLoaded(t, db)
}

func TestLoadAdvisoriesZip(t *testing.T) {
	p := filepath.Join(t.TempDir(), "PyPI.zip")
	out, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for name, body := range map[string]string{"PYSEC-9999-1.json": goodRecord, "BAD.json": `[]`} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	db, errs, err := LoadAdvisories(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "BAD.json") {
		t.Errorf("errors = %v, want one naming BAD.json", errs)
	}
	checkLoaded(t, db)
}

func checkLoaded(t *testing.T, db *Database) {
	t.Helper()
	if db.Len() != 1 {
		t.Fatalf("loaded %d advisories, want 1", db.Len())
	}
	ms := db.Match("werkzeug", MustParseVersion("8.9"))
	if len(ms) != 1 || ms[0].Fixed != "9.0" {
		t.Fatalf("matches = %+v, want PYSEC-9999-1 fixed in 9.0", ms)
	}
	a := ms[0].Advisory
	if a.Severity != SeverityCritical || !a.WindowsOnly() {
		t.Errorf("severity %s, Windows-only %v; want critical (from CVSS 9.8) and true", a.Severity, a.WindowsOnly())
	}
	if !db.DataDate().Equal(time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("data date %s", db.DataDate())
	}
}

func TestLoadAdvisoriesErrors(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := LoadAdvisories(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing path: want an error")
	}
	if _, _, err := LoadAdvisories(dir); err == nil {
		t.Error("empty folder: want an error")
	}
	notZip := filepath.Join(dir, "x.zip")
	if err := os.WriteFile(notZip, []byte("plain text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadAdvisories(notZip); err == nil {
		t.Error("not a zip: want an error")
	}
}

func TestCVSS3BaseScore(t *testing.T) {
	tests := []struct {
		vector string
		want   float64
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
		{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5},
		{"CVSS:3.1/AV:A/AC:H/PR:N/UI:R/S:U/C:N/I:L/A:N", 2.6},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", 5.4},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
		{"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0},
	}
	for _, tt := range tests {
		got, err := CVSS3BaseScore(tt.vector)
		if err != nil {
			t.Errorf("%s: %v", tt.vector, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s = %.1f, want %.1f", tt.vector, got, tt.want)
		}
	}
	for _, bad := range []string{"", "CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"} {
		if _, err := CVSS3BaseScore(bad); err == nil {
			t.Errorf("CVSS3BaseScore(%q): want an error", bad)
		}
	}
}

func TestMatchDedupesAliases(t *testing.T) {
	ghsa, err := ParseAdvisory([]byte(`{"id":"GHSA-aaaa-bbbb-cccc","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2024-1"],
		"database_specific":{"severity":"HIGH"},
		"affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	pysec, err := ParseAdvisory([]byte(`{"id":"PYSEC-2024-1","modified":"2024-02-01T00:00:00Z","aliases":["CVE-2024-1"],
		"affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.0"}]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	other, err := ParseAdvisory([]byte(`{"id":"PYSEC-2024-2","modified":"2024-02-01T00:00:00Z",
		"affected":[{"package":{"ecosystem":"PyPI","name":"demo"},"versions":["1.0"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	db := newDatabase("test", []*Advisory{pysec, other, ghsa})
	ms := db.Match("demo", MustParseVersion("1.0"))
	if len(ms) != 2 || ms[0].Advisory.ID != "GHSA-aaaa-bbbb-cccc" || ms[1].Advisory.ID != "PYSEC-2024-2" {
		var ids []string
		for _, m := range ms {
			ids = append(ids, m.Advisory.ID)
		}
		t.Errorf("matches = %v, want GHSA-aaaa-bbbb-cccc and PYSEC-2024-2", ids)
	}
}
