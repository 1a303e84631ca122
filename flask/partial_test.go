package flask_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/config"
	"github.com/flasksec/flasksec/rules/deploy"
	"github.com/flasksec/flasksec/rules/headers"
	"github.com/flasksec/flasksec/rules/session"
)

// TestPartialTrees cuts every fixture file of the model and of its rules
// at many points and builds the model and runs the rules on the partial
// trees the parser recovers: nothing may panic or fail.
func TestPartialTrees(t *testing.T) {
	var paths []string
	for _, root := range []string{"testdata", "../rules/deploy/testdata", "../rules/config/testdata",
		"../rules/session/testdata", "../rules/headers/testdata"} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
				paths = append(paths, p)
			}
			return nil
		})
	}
	rs := []*rules.Rule{deploy.DevServer, deploy.DebugMode, config.SecretKey, session.CookieAttributes,
		session.Lifecycle, headers.SecurityHeaders, headers.RequestLimits, headers.TrustedHosts, headers.ProxyTrust}
	step := 17
	if testing.Short() {
		step = 97
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for cut := 1; cut < len(src); cut += step {
			part := src[:cut]
			mod, _ := parser.ParseFile("app.py", part)
			f := &project.File{Path: "app.py", Kind: project.Python, Src: part, AST: mod, Module: "app"}
			proj := project.New("/partial", []*project.File{f}, nil)
			m := flask.ModelOf(proj)
			for _, r := range m.Routes {
				_ = r.String()
				_ = m.RouteAt("app.py", int(r.Func.Pos().Line))
			}
			if _, errs := rules.Run(proj, rs); len(errs) > 0 {
				t.Fatalf("%s cut at %d: %v", p, cut, errs[0])
			}
		}
	}
}
