package rules

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		in   string
		code bool
		want string
	}{
		{`SECRET_KEY = "s3cr3t-value"`, true, `SECRET_KEY = "***"`},
		{`app.secret_key = 'abc'`, true, `app.secret_key = '***'`},
		{`app.config["SECRET_KEY"] = "abc"`, true, `app.config["SECRET_KEY"] = "***"`},
		{`app.config['SECRET_KEY']='abc'`, true, `app.config['SECRET_KEY']='***'`},
		{`SECRET_KEY: str = "abc"`, true, `SECRET_KEY: str = "***"`},
		{`app.config.update(SECRET_KEY="abc", DEBUG=True)`, true, `app.config.update(SECRET_KEY="***", DEBUG=True)`},
		{`{"SECRET_KEY": "abc"}`, true, `{"SECRET_KEY": "***"}`},
		{`os.environ.get("SECRET_KEY", "dev-key")`, true, `os.environ.get("SECRET_KEY", "***")`},
		{`os.getenv('API_TOKEN', 'tok123')`, true, `os.getenv('API_TOKEN', '***')`},
		{`password = r"p\"w"`, true, `password = r"***"`},
		{`db_password = b'x'`, true, `db_password = b'***'`},
		{`SECRET_KEY = """multi"""`, true, `SECRET_KEY = """***"""`},
		// Not secrets: names, calls, environment look-ups without default.
		{`SECRET_KEY = os.environ["SECRET_KEY"]`, true, `SECRET_KEY = os.environ["SECRET_KEY"]`},
		{`token = request.args.get("token")`, true, `token = request.args.get("token")`},
		{`password = form.password.data`, true, `password = form.password.data`},
		{`DEBUG = True`, true, `DEBUG = True`},
		{`name = "alice"`, true, `name = "alice"`},
		// Other files: unquoted values too, but not references.
		{`SECRET_KEY=changeme`, false, `SECRET_KEY=***`},
		{`export API_KEY=abcdef`, false, `export API_KEY=***`},
		{`ENV SECRET_KEY=abc`, false, `ENV SECRET_KEY=***`},
		{`ENV SECRET_KEY abc`, false, `ENV SECRET_KEY ***`},
		{`  password: hunter2`, false, `  password: ***`},
		{`SECRET_KEY=${SECRET_KEY}`, false, `SECRET_KEY=${SECRET_KEY}`},
		{`SECRET_KEY="quoted"`, false, `SECRET_KEY="***"`},
		{`FLASK_DEBUG=1`, false, `FLASK_DEBUG=1`},
		// In code mode, an unquoted value is an expression, not a secret.
		{`SECRET_KEY=changeme`, true, `SECRET_KEY=changeme`},
		// Lists and tuples of keys (rotation), with the key name kept readable.
		{`SECRET_KEY_FALLBACKS = ["old-rotated-key-R2d2"]`, true, `SECRET_KEY_FALLBACKS = ["***"]`},
		{`app.config["SECRET_KEY_FALLBACKS"] = ("k1", 'k2')`, true, `app.config["SECRET_KEY_FALLBACKS"] = ("***", '***')`},
		{`app.secret_key = "a" + "b"`, true, `app.secret_key = "***" + "***"`},
		// Comparisons with hard-coded credentials.
		{`if request.form["password"] == "hunter2-admin":`, true, `if request.form["password"] == "***":`},
		{`if token != 'abc':`, true, `if token != '***':`},
		// Looked-up names stay; defaults go.
		{`SECRET_KEY = os.environ.get("SECRET_KEY")`, true, `SECRET_KEY = os.environ.get("SECRET_KEY")`},
		{`key = os.environ["API_KEY"]`, true, `key = os.environ["API_KEY"]`},
		{`app.secret_key = os.getenv("FLASK_SECRET", "fallback-key")`, true, `app.secret_key = os.getenv("FLASK_SECRET", "***")`},
		// Not dictionary entries: a colon after a bare name in code.
		{`for token in tokens: print("x")`, true, `for token in tokens: print("x")`},
		{`if token: return "ok"`, true, `if token: return "ok"`},
		// systemd units and compose files.
		{`Environment=SECRET_KEY=abc123`, false, `Environment=SECRET_KEY=***`},
		{`Environment="FLASK_SECRET_KEY=abc123"`, false, `Environment="FLASK_SECRET_KEY=***"`},
		{`      - "FLASK_SECRET_KEY=compose-key-Vb7"`, false, `      - "FLASK_SECRET_KEY=***"`},
		{`      - FLASK_SECRET_KEY=compose-key-Vb7`, false, `      - FLASK_SECRET_KEY=***`},
		{`      API_TOKEN: "quoted-in-yaml"`, false, `      API_TOKEN: "***"`},
		// Prose messages are redacted as code: "NAME is ..." is not a value.
		{`SECRET_KEY is set to a literal value in the image`, true, `SECRET_KEY is set to a literal value in the image`},
		{`ENV SECRET_KEY is`, true, `ENV SECRET_KEY is`},
		// Credentials in URLs and well-known token formats, whatever the name.
		{`SQLALCHEMY_DATABASE_URI = "postgresql://app:Pgpass-77x@db/app"`, true, `SQLALCHEMY_DATABASE_URI = "postgresql://app:***@db/app"`},
		{`DATABASE_URL=mysql://root:toor@localhost/x`, false, `DATABASE_URL=mysql://root:***@localhost/x`},
		{`stripe.api_base = "x"; k = "sk_live_51Hxyzplanted"`, true, `stripe.api_base = "x"; k = "***"`},
		{`hook = "whsec_9fK2LmQ7rT4vX8zA"`, true, `hook = "***"`},
		{`-----BEGIN RSA PRIVATE KEY-----MIIE`, false, `-----BEGIN RSA PRIVATE KEY-----***`},
		{`url = "https://example.com/path"`, true, `url = "https://example.com/path"`},
	}
	for _, tt := range tests {
		if got := Redact(tt.in, tt.code); got != tt.want {
			t.Errorf("Redact(%q, %v) = %q, want %q", tt.in, tt.code, got, tt.want)
		}
	}
}

func TestRedactMultiLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SECRET_KEY = (\n    \"part-one\"\n    \"part-two\"\n)\nname = \"kept\"",
			"SECRET_KEY = (\n    \"***\"\n    \"***\"\n)\nname = \"kept\""},
		{"SECRET_KEY_FALLBACKS = [\n    \"old-1\",\n    \"old-2\",\n]\nDEBUG = \"no\"",
			"SECRET_KEY_FALLBACKS = [\n    \"***\",\n    \"***\",\n]\nDEBUG = \"no\""},
		{"PRIVATE_KEY = \"\"\"\nMIIEvQIBADANBg\nkqhkiG9w0BAQEF\n\"\"\"\nx = \"kept\"",
			"PRIVATE_KEY = \"\"\"\n***\n***\n\"\"\"\nx = \"kept\""},
		{"token = '''abc\ndef'''\nz = 'kept'", "token = '''***\n***'''\nz = 'kept'"},
		// The opening bracket is above the evidence: the value goes on by an
		// operator or by implicit concatenation at the start of the next line.
		{"    JWT_SECRET_KEY=\"part-one-\"\n    + \"tail-6a1f\",\n    DEBUG=\"kept\",",
			"    JWT_SECRET_KEY=\"***\"\n    + \"***\",\n    DEBUG=\"kept\","},
		{"    SECRET_KEY=\"a\"\n    \"b\"\n    f\"c\"\nname = \"kept\"",
			"    SECRET_KEY=\"***\"\n    \"***\"\n    f\"***\"\nname = \"kept\""},
		{"API_TOKEN = \\\n    \"tok-123\"\ny = \"kept\"",
			"API_TOKEN = \\\n    \"***\"\ny = \"kept\""},
		{"app.config.update(\n    SECRET_KEY=\"abc\",\n    DEBUG=False,\n)",
			"app.config.update(\n    SECRET_KEY=\"***\",\n    DEBUG=False,\n)"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in, true); got != tt.want {
			t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactProse(t *testing.T) {
	tests := []struct{ in, want string }{
		{`CORS(app, supports_credentials=True) with origins "*" reflects any site`, `CORS(app, supports_credentials=True) with origins "*" reflects any site`},
		{`the route reads "token", then calls "notify"`, `the route reads "token", then calls "notify"`},
		{`SECRET_KEY is set to a literal value in the image`, `SECRET_KEY is set to a literal value in the image`},
		{`SECRET_KEY = "dev-key-123" is hard-coded in config.py`, `SECRET_KEY = "***" is hard-coded in config.py`},
		{`SECRET_KEY_FALLBACKS = ["k1", "k2"] keeps old keys`, `SECRET_KEY_FALLBACKS = ["***", "***"] keeps old keys`},
		{`os.getenv("API_TOKEN", "tok123") has a default`, `os.getenv("API_TOKEN", "***") has a default`},
		{`password == "hunter2" compares with a constant`, `password == "***" compares with a constant`},
		{`connects to postgresql://app:Pgpass@db/x`, `connects to postgresql://app:***@db/x`},
		{`"token": "abc" and "mode": "x"`, `"token": "***" and "mode": "x"`},
	}
	for _, tt := range tests {
		if got := RedactProse(tt.in); got != tt.want {
			t.Errorf("RedactProse(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSeverityText(t *testing.T) {
	for s := Low; s <= Critical; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Severity
		if err := back.UnmarshalText([]byte(strings.ToLower(string(b)))); err != nil || back != s {
			t.Errorf("round trip of %v gave %v, %v", s, back, err)
		}
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity accepted an unknown name")
	}
	if _, err := Severity(0).MarshalText(); err == nil {
		t.Error("the zero severity must not marshal")
	}
	if _, err := ParseConfidence("certain"); err == nil {
		t.Error("ParseConfidence accepted an unknown name")
	}
}

func testRule(run func(*Pass) error) *Rule {
	return &Rule{ID: "FLASKSEC-TEST-001", Title: "test rule", Severity: Medium, CWE: 1, Spec: "extension",
		Category: CatConfig, Run: run, Doc: Doc{What: "w", Why: "y", Insecure: "i", Secure: "s",
			Impact: "impact text", Fix: "fix text", Mitigation: "m", FalsePositives: "fp"}}
}

func TestValidate(t *testing.T) {
	r := testRule(func(*Pass) error { return nil })
	if err := r.Validate(); err != nil {
		t.Errorf("valid rule rejected: %v", err)
	}
	bad := *r
	bad.ID, bad.CWE, bad.Doc.Fix = "XSS", 0, ""
	err := bad.Validate()
	if err == nil {
		t.Fatal("invalid rule accepted")
	}
	for _, want := range []string{"ID must look like", "no CWE", "Doc.Fix is empty"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestRunFillsAndSorts(t *testing.T) {
	env := &project.File{Path: "b/.env", Kind: project.Deploy, Src: []byte("FLASK_DEBUG=0\nSECRET_KEY=hunter2\n")}
	cfg := &project.File{Path: "a/config.py", Kind: project.Python, Src: []byte("x = 1\nSECRET_KEY = 'hunter2'\n")}
	proj := project.New("/root", []*project.File{env, cfg}, nil)
	panicky := testRule(func(*Pass) error { panic("boom") })
	panicky.ID = "FLASKSEC-TEST-002"
	failing := testRule(func(*Pass) error { return errors.New("bad input") })
	failing.ID = "FLASKSEC-TEST-003"
	good := testRule(func(p *Pass) error {
		p.Report(Finding{Location: Location{Path: "b/.env", StartLine: 2}})
		p.Report(Finding{Location: Location{Path: "a/config.py", StartLine: 2}, Confidence: LowConfidence, Message: "SECRET_KEY = 'hunter2' is hard-coded"})
		return nil
	})
	fs, errs := Run(proj, []*Rule{panicky, good, failing})
	if len(errs) != 2 {
		t.Fatalf("got %d errors, want 2 (panic and failure): %v", len(errs), errs)
	}
	if !strings.Contains(errs[0].Error()+errs[1].Error(), "panicked: boom") {
		t.Errorf("panic not reported: %v", errs)
	}
	if len(fs) != 2 {
		t.Fatalf("got %d findings, want 2", len(fs))
	}
	if fs[0].Location.Path != "a/config.py" || fs[1].Location.Path != "b/.env" {
		t.Errorf("findings not sorted by path: %s, %s", fs[0].Location.Path, fs[1].Location.Path)
	}
	f := fs[0]
	if f.RuleID != "FLASKSEC-TEST-001" || f.Severity != Medium || f.CWE != 1 || f.Fix != "fix text" || f.Impact != "impact text" {
		t.Errorf("defaults not filled: %+v", f)
	}
	if f.Confidence != LowConfidence || fs[1].Confidence != HighConfidence {
		t.Errorf("confidence: got %v and %v", f.Confidence, fs[1].Confidence)
	}
	for _, f := range fs {
		out, _ := json.Marshal(f)
		if strings.Contains(string(out), "hunter2") {
			t.Errorf("secret leaked: %s", out)
		}
	}
	if fs[1].Evidence != "SECRET_KEY=***" || f.Evidence != "SECRET_KEY = '***'" {
		t.Errorf("evidence: %q, %q", f.Evidence, fs[1].Evidence)
	}
}

func TestSnippet(t *testing.T) {
	var b strings.Builder
	b.WriteString("def f():\n")
	for i := 0; i < 20; i++ {
		b.WriteString("    x = 1\n")
	}
	f := &project.File{Path: "x.py", Src: []byte(b.String())}
	got := Snippet(f, 2, 3)
	if got != "x = 1\nx = 1" {
		t.Errorf("Snippet dedent: %q", got)
	}
	long := Snippet(f, 1, 21)
	if !strings.HasSuffix(long, "... (13 more lines)") || strings.Count(long, "\n") != 8 {
		t.Errorf("Snippet cap: %q", long)
	}
}

func TestJSONFieldNames(t *testing.T) {
	f := Finding{RuleID: "FLASK-XSS-001", Severity: High, Confidence: MediumConfidence,
		Location: Location{Path: "a.py", StartLine: 3}, Trace: []TraceStep{{Path: "a.py", Line: 1, Note: "source"}}}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"rule_id":"FLASK-XSS-001"`, `"severity":"High"`, `"confidence":"Medium"`,
		`"location":{"path":"a.py","start_line":3`, `"evidence"`, `"trace":[{"path":"a.py","line":1`,
		`"false_positive_notes"`, `"fingerprint"`, `"impact"`, `"fix"`, `"mitigation"`, `"cwe"`} {
		if !strings.Contains(string(out), key) {
			t.Errorf("JSON %s lacks %s", out, key)
		}
	}
}
