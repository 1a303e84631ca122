package effects_test

import (
	"testing"

	"github.com/flasksec/flasksec/effects"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/rules/rulestest"
)

// BenchmarkAnalysis measures building the effects of every function and
// the GET effects of every view of the example fixture (project loading
// included, since the analysis is cached per project).
func BenchmarkAnalysis(b *testing.B) {
	for i := 0; i < b.N; i++ {
		p := rulestest.Load(b, "testdata/app")
		a := effects.Of(p)
		for _, r := range flask.ModelOf(p).Routes {
			_ = a.View(r, "GET")
		}
	}
}
