package flask_test

import (
	"os"
	"testing"
	"time"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/config"
	"github.com/flasksec/flasksec/rules/deploy"
	"github.com/flasksec/flasksec/rules/headers"
	"github.com/flasksec/flasksec/rules/session"
)

// TestCorpus builds the model and runs the rules that read it over a
// large tree of Python code (FLASKSEC_CORPUS, e.g. /usr/lib/python3.11 or
// a checkout of real Flask apps): no rule may fail or panic on code it was
// not written for. Skipped when the variable is unset.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("FLASKSEC_CORPUS")
	if dir == "" {
		t.Skip("FLASKSEC_CORPUS not set")
	}
	start := time.Now()
	p, err := project.Load(dir, project.Options{ParsePython: parser.ParseFile})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d files in %v", len(p.Files), time.Since(start))
	start = time.Now()
	m := flask.ModelOf(p)
	t.Logf("model: %d apps %d routes %d bps in %v", len(m.Apps), len(m.Routes), len(m.Blueprints), time.Since(start))
	start = time.Now()
	fs, errs := rules.Run(p, []*rules.Rule{deploy.DevServer, deploy.DebugMode, config.SecretKey, session.CookieAttributes, session.Lifecycle, headers.SecurityHeaders, headers.RequestLimits, headers.TrustedHosts, headers.ProxyTrust})
	t.Logf("rules: %d findings in %v", len(fs), time.Since(start))
	for _, e := range errs {
		t.Error(e)
	}
}
