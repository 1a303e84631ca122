package all

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/rulestest"
	"github.com/flasksec/flasksec/scan"
)

// plantedDir holds an app that plants secrets in every kind of file and
// spelling the tool reads: assignments, split and multi-line values, key
// lists, config.update keywords, environment defaults, comparisons, .env,
// Dockerfile ENV in both forms, compose lists and maps, systemd units;
// and, in app/leaky.py, on the sink lines of data-flow rules (INJECT-001,
// INJECT-002, SSRF-001, XSS-001, HTTP-001, REDIRECT-001): a Bearer
// header in a shell string, auth=("user", "password"), a password in
// SQL, secret query parameters, passwords in URLs and connection strings,
// token formats, a private key block, secret keyword arguments, a CLI
// flag, a dictionary entry and a comparison; in app/templates/leak.html
// and entrypoint.sh, on the lines of template and deployment findings.
const plantedDir = "testdata/planted"

// TestNoSecretLeaves runs every rule over the planted app and checks
// that no planted value appears in any field of any finding. The spec's
// section 0 forbids the tool to output a secret.
func TestNoSecretLeaves(t *testing.T) {
	proj := rulestest.Load(t, plantedDir)
	findings, errs := rules.Run(proj, Rules())
	for _, err := range errs {
		t.Error(err)
	}
	if len(findings) < 5 {
		t.Fatalf("only %d findings: the fixture no longer exercises the rules", len(findings))
	}
	out, err := json.Marshal(findings)
	if err != nil {
		t.Fatal(err)
	}
	planted := plantedValues(t, plantedDir)
	if len(planted) < 40 {
		t.Fatalf("found %d planted values; the fixture marks each with plant-xxx or a token format", len(planted))
	}
	for _, v := range planted {
		if strings.Contains(string(out), v) {
			t.Errorf("planted secret %q appears in the findings", v)
		}
	}
}

// TestNoSecretInAnyFormat scans the planted app as the CLI does (every
// rule, low confidence included) and writes every output format: no
// planted secret may appear in any of them, while the code around each
// secret (names, keys, the rest of the URL) must still be readable, and
// the data-flow rules must still report the sink lines that carry them.
func TestNoSecretInAnyFormat(t *testing.T) {
	res, err := scan.Run(context.Background(), scan.Options{Root: plantedDir, ParsePython: parser.ParseFile,
		Rules: Rules(), MinConfidence: rules.LowConfidence})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, f := range res.Findings {
		switch f.Location.Path {
		case "app/leaky.py", "app/templates/leak.html", "entrypoint.sh":
			lines[f.RuleID+" "+f.Evidence] = true
		}
	}
	// Each planted sink line is reported, by the rule that should see it.
	for _, want := range []struct{ rule, evidence string }{
		{"FLASK-INJECT-002", `os.system("curl -H 'Authorization: Bearer ***' https://ci.example.com/jobs/" + name)`},
		{"FLASK-SSRF-001", `r = requests.get(url, auth=("admin", "***"))`},
		{"FLASK-XSS-001", `return Markup(r.text + requests.get(url, auth=("admin", "***")).text)`},
		{"FLASK-INJECT-001", `return str(db.execute("SELECT * FROM users WHERE password = '***' AND id = " + uid).fetchall())`},
		{"FLASK-HTTP-001", `return redirect("https://partner.example.com/cb?token=***&next=" + request.args["n"])`},
		{"FLASK-HTTP-001", `return redirect("https://partner.example.com/cb?api_key=***&access_token=***&next=" + request.args["n"])`},
		{"FLASK-REDIRECT-001", `return redirect("https://deploy:***@partner.example.com/x?next=" + request.args["n"])`},
		{"FLASK-INJECT-001", `return str(sqlite3.connect("postgresql://app:***@db.internal/app").execute("SELECT * FROM " + table).fetchall())`},
		{"FLASK-INJECT-002", `subprocess.run("deploy --aws *** --gh *** --to " + where, shell=True)`},
		{"FLASK-INJECT-002", `subprocess.run("notify --slack *** --jwt *** " + where, shell=True)`},
		{"FLASK-INJECT-002", `os.system("ssh-add - <<< '-----BEGIN RSA PRIVATE KEY-----\n***\n-----END RSA PRIVATE KEY-----' && ssh " + host)`},
		{"FLASK-INJECT-002", `os.system("notify " + target, password="***", api_key="***", client_secret="***")`},
		{"FLASK-INJECT-002", `subprocess.call("mysql --password *** -e " + target + " " + signer.dumps(target, salt="cookie-session"), shell=True)`},
		{"FLASK-INJECT-002", `subprocess.call({"api_token": "***", "mode": "fast"}["mode"] + target, shell=True)`},
		{"FLASK-INJECT-002", `os.system(target + str(request.args["token"] == "***"))`},
		{"FLASK-INJECT-002", `os.system(target + " --env DB_URL=postgresql://app:***@db/app " + os.environ.get("API_TOKEN", "***"))`},
		{"FLASK-REDIRECT-001", `return redirect(request.args["token"])`},
		{"FLASK-INJECT-002", `os.system(target + URLSafeTimedSerializer("***").dumps(target) + "  # SECRET_KEY = '***'")  # API_TOKEN = "***"`},
		{"FLASK-XSS-001", `<a href="https://partner.example.com/widget?api_key=***">{{ q|safe }}</a>`},
		{"FLASK-DEPLOY-001", `DATABASE_URL=postgresql://app:***@db/app API_TOKEN=*** exec flask --app app run --debug --host 0.0.0.0`},
	} {
		if !lines[want.rule+" "+want.evidence] {
			t.Errorf("no %s finding with evidence\n\t%s", want.rule, want.evidence)
		}
	}
	planted := plantedValues(t, plantedDir)
	for _, name := range report.Names() {
		format, err := report.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := format(&buf, res, report.Options{Version: "test"}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := buf.String()
		if name == "json" || name == "sarif" {
			// Undo JSON's escaping, so that the checks read the text.
			var v any
			if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = strings.Join(jsonStrings(v, nil), "\n")
		}
		if name == "html" {
			out = html.UnescapeString(out) // undo HTML's escaping likewise
		}
		for _, v := range planted {
			if strings.Contains(out, v) {
				t.Errorf("%s output shows the planted secret %q", name, v)
			}
		}
		if name == "concise" || name == "github" {
			continue // one line per finding, no evidence: nothing to keep readable
		}
		// What is not a secret stays readable.
		for _, keep := range []string{`request.args["token"]`, `salt="cookie-session"`, `&next=" + request.args["n"]`,
			`os.environ.get("API_TOKEN", "***")`, `"mode": "fast"`, `postgresql://app:***@db/app`} {
			if !strings.Contains(out, keep) {
				t.Errorf("%s output lacks the non-secret code %s", name, keep)
			}
		}
	}
}

// jsonStrings collects every string of a decoded JSON value.
func jsonStrings(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			out = jsonStrings(e, out)
		}
	case map[string]any:
		for _, e := range v {
			out = jsonStrings(e, out)
		}
	}
	return out
}

// plantedValues collects the planted secrets: every plant-xxx-... value,
// and the planted token formats (sk_live_plant..., AKIAPLANT...,
// ghp_plant..., xoxb-plant..., eyJplant...).
func plantedValues(t *testing.T, dir string) []string {
	t.Helper()
	re := regexp.MustCompile(`plant-[a-z]{3}-[a-z0-9-]+|sk_live_plant[A-Za-z0-9]+|AKIAPLANT[A-Z0-9]+|ghp_plant[A-Za-z0-9]+|eyJplant[A-Za-z0-9.]+`)
	var vals []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		vals = append(vals, re.FindAllString(string(b), -1)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return vals
}
