package report

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
)

// TestHTMLEscapesScannedText checks that markup from the scanned code,
// messages and trace notes is shown as text, never parsed as HTML, and
// that control characters are escaped as in the other human formats.
func TestHTMLEscapesScannedText(t *testing.T) {
	res := hostileResult()
	f := &res.Findings[1]
	f.Message = `value reaches <script>alert(1)</script> "quoted"`
	f.Evidence = "return Markup('<img src=x onerror=alert(2)>')"
	f.Trace[1].Note = "attribute of `<input>`"
	f.Location.Route = `GET /"><svg onload=alert(3)>`
	out := string(render(t, "html", res, Options{Version: "1.2.3"}))
	for _, tt := range []struct{ bad, want string }{
		{"<script>alert(1)", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<img src=x", "&lt;img src=x onerror=alert(2)&gt;"},
		{"<input>", "&lt;input&gt;"},
		{`"><svg onload`, "&#34;&gt;&lt;svg onload=alert(3)&gt;"},
	} {
		if strings.Contains(out, tt.bad) {
			t.Errorf("raw %q in the html report", tt.bad)
		}
		if !strings.Contains(out, tt.want) {
			t.Errorf("html report lacks the escaped %q", tt.want)
		}
	}
	// The file filter's data attribute carries the escaped path too.
	if !strings.Contains(out, `data-path="app/\x1b]0;pwned\x07vi\nws\xff.py"`) {
		t.Errorf("path not escaped in data-path")
	}
	if bad := rawControls(out); len(bad) > 0 {
		t.Errorf("html report passes raw control characters: %q", bad)
	}
}

// TestHTMLStandAlone checks the page loads nothing: a CSP allowing only
// its own inline style and script (by hash, and the hashes match), and no
// reference to another URL.
func TestHTMLStandAlone(t *testing.T) {
	out := string(render(t, "html", sampleResult(), Options{Version: "test"}))
	if !strings.Contains(out, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`) {
		t.Fatalf("no strict CSP meta tag:\n%.600s", out)
	}
	for _, tag := range []string{"style", "script"} {
		m := regexp.MustCompile(`(?s)<`+tag+`>(.*?)</`+tag+`>`).FindAllStringSubmatch(out, -1)
		if len(m) != 1 {
			t.Fatalf("want one inline <%s>, got %d", tag, len(m))
		}
		sum := sha256.Sum256([]byte(m[0][1]))
		h := "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
		if !strings.Contains(HTMLPolicy, tag+"-src '"+h+"'") {
			t.Errorf("CSP %q does not allow the inline %s (%s)", HTMLPolicy, tag, h)
		}
	}
	// The SVG namespace is a name, not fetched; nothing else is a URL.
	page := strings.ReplaceAll(out, `xmlns="http://www.w3.org/2000/svg"`, "")
	for _, ref := range []string{"http://", "https://", "src=", "href=", "@import", "url("} {
		if n := strings.Count(page, ref); n != 0 {
			t.Errorf("%q occurs %d times in the html report", ref, n)
		}
	}
}

// TestHTMLContent checks the findings, their highlighted evidence lines,
// traces and the charts' counts.
func TestHTMLContent(t *testing.T) {
	res := sampleResult()
	res.Findings[1].Evidence = "return Markup(\n    q)\n... (3 more lines)"
	res.Findings[1].Location.EndLine = 13
	out := string(render(t, "html", res, Options{Version: "test"}))
	for _, want := range []string{
		`<article class="finding sev-Critical" id="f1" data-rule="FLASK-CONFIG-001" data-severity="Critical" data-path="app/config.py">`,
		`<article class="finding sev-High" id="f2" data-rule="FLASK-XSS-001" data-severity="High" data-path="app/views.py">`,
		`<span class="line hl"><span class="no">12</span>return Markup(</span>`,
		`<span class="line hl"><span class="no">13</span>    q)</span>`,
		`<span class="line"><span class="no"></span>... (3 more lines)</span>`,
		`<summary>Trace (2 steps)</summary>`,
		`<li><span class="loc">app/views.py:10:9</span> request.args[&#39;q&#39;] read here</li>`,
		`<option value="FLASK-CONFIG-001">`, `<option value="FLASK-XSS-001">`,
		`showing <strong id="shown">2</strong> of <strong id="total">2</strong> findings`,
		`app/broken.py:4:7: invalid syntax (parse)`,
		`SECRET_KEY = &#39;***&#39;`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("html report lacks %s", want)
		}
	}
	// Severity chart: one bar each, Critical 1, High 1, Medium 0, Low 0.
	bars := regexp.MustCompile(`<text x="0" y="\d+">(\w+)</text><rect[^>]*width="(\d+)"[^>]*></rect><text[^>]*>(\d+)</text>`).FindAllStringSubmatch(out, 4)
	want := [][2]string{{"Critical", "1"}, {"High", "1"}, {"Medium", "0"}, {"Low", "0"}}
	if len(bars) != 4 {
		t.Fatalf("severity chart: %d bars", len(bars))
	}
	for i, b := range bars {
		if b[1] != want[i][0] || b[3] != want[i][1] || (b[3] == "0") != (b[2] == "0") {
			t.Errorf("bar %d = %v, want %v", i, b[1:], want[i])
		}
	}
}
