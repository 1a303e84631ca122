package all

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/rulestest"
)

// TestNoSecretLeaves runs every rule over an app that plants secrets in
// every kind of file and spelling the tool reads (assignments, split and
// multi-line values, key lists, config.update keywords, environment
// defaults, comparisons, URLs with passwords, token formats, .env,
// Dockerfile ENV in both forms, compose lists and maps, systemd units),
// and checks that no planted value appears in any field of any finding.
// The spec's section 0 forbids the tool to output a secret.
func TestNoSecretLeaves(t *testing.T) {
	const dir = "testdata/planted"
	proj := rulestest.Load(t, dir)
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
	planted := plantedValues(t, dir)
	if len(planted) < 20 {
		t.Fatalf("found %d planted values; the fixture marks each with plant-xxx or plantXXX", len(planted))
	}
	for _, v := range planted {
		if strings.Contains(string(out), v) {
			t.Errorf("planted secret %q appears in the findings", v)
		}
	}
}

// plantedValues collects the planted secrets: every plant-xxx-... or
// sk_live_plant... token in the fixture files.
func plantedValues(t *testing.T, dir string) []string {
	t.Helper()
	re := regexp.MustCompile(`plant-[a-z]{3}-[a-z0-9-]+|sk_live_plant[A-Za-z0-9]+`)
	var vals []string
	for _, name := range []string{"app/__init__.py", "app/settings.py", "app/extra.cfg", ".env", "Dockerfile", "docker-compose.yml", "deploy/app.service"} {
		b, err := os.ReadFile(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		vals = append(vals, re.FindAllString(string(b), -1)...)
	}
	return vals
}
