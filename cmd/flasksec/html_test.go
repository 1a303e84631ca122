package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
)

// chromium runs headless Chromium (Debian's package) with args and
// returns its standard output.
func chromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--user-data-dir=" + t.TempDir(), "--window-size=1200,1600"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	cmd.Dir = t.TempDir()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

var (
	visibleArticle = regexp.MustCompile(`<article class="finding[^"]*"[^>]*data-rule="([^"]*)" data-severity="([^"]*)" data-path="([^"]*)">`)
	hiddenArticle  = regexp.MustCompile(`<article class="finding[^>]*hidden=""`)
	shownCount     = regexp.MustCompile(`<strong id="shown">(\d+)</strong>`)
)

// TestHTMLReportInChromium renders the html report of examples/vulnerable
// in headless Chromium: a screenshot, then the DOM after the page's script
// applied filters read from the URL fragment.
func TestHTMLReportInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (apt-get install chromium); skipping the browser check of the html report")
	}
	res := scanExample(t, filepath.Join("..", "..", "examples", "vulnerable"), rules.MediumConfidence)
	if len(res.Findings) < 10 {
		t.Fatalf("only %d findings in examples/vulnerable", len(res.Findings))
	}
	var page bytes.Buffer
	if err := report.HTML(&page, res, report.Options{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(file)

	shot := filepath.Join(dir, "shot.png")
	chromium(t, bin, "--screenshot="+shot, url)
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 10000 || !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot is not a PNG with content (%d bytes)", len(png))
	}
	if keep := os.Getenv("FLASKSEC_HTML_SCREENSHOT"); keep != "" {
		if err := os.WriteFile(keep, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	count := func(pred func(rule, sev, path string) bool) int {
		n := 0
		for _, f := range res.Findings {
			if pred(f.RuleID, f.Severity.String(), f.Location.Path) {
				n++
			}
		}
		return n
	}
	for _, tt := range []struct {
		name, fragment string
		keep           func(rule, sev, path string) bool
	}{
		{"none", "", func(string, string, string) bool { return true }},
		{"severity", "#severity=Critical", func(_, s, _ string) bool { return s == "Critical" }},
		{"rule", "#rule=FLASK-CSRF-001", func(r, _, _ string) bool { return r == "FLASK-CSRF-001" }},
		{"file and severity", "#file=FILES.PY&severity=High", func(_, s, p string) bool {
			return s == "High" && strings.Contains(strings.ToLower(p), "files.py")
		}},
		{"nothing matches", "#file=no-such-file", func(string, string, string) bool { return false }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dom := string(chromium(t, bin, "--dump-dom", url+tt.fragment))
			want := count(tt.keep)
			if tt.name != "nothing matches" && want == 0 {
				t.Fatalf("filter %s matches no finding of the example; pick another", tt.fragment)
			}
			visible := visibleArticle.FindAllStringSubmatch(dom, -1)
			hidden := len(hiddenArticle.FindAllString(dom, -1))
			if len(visible) != want || len(visible)+hidden != len(res.Findings) {
				t.Errorf("%s: %d visible, %d hidden findings; want %d of %d", tt.fragment, len(visible), hidden, want, len(res.Findings))
			}
			for _, v := range visible {
				if !tt.keep(v[1], v[2], v[3]) {
					t.Errorf("%s: finding %v shown", tt.fragment, v[1:])
				}
			}
			m := shownCount.FindStringSubmatch(dom)
			if m == nil || m[1] != strconv.Itoa(want) {
				t.Errorf("%s: shown counter %v, want %d", tt.fragment, m, want)
			}
		})
	}
}
