package all

import (
	"testing"

	"github.com/flasksec/flasksec/rules/inject"
	"github.com/flasksec/flasksec/rules/rulestest"
	"github.com/flasksec/flasksec/rules/ssrf"
	"github.com/flasksec/flasksec/rules/unsafe"
	"github.com/flasksec/flasksec/rules/xss"
)

// TestRESTX runs the data-flow rules over a Flask-RESTX API: reqparse
// results and ns.payload are request data; a Resource's return value is
// JSON, not HTML; clamping with min() against a number yields a number.
func TestRESTX(t *testing.T) {
	rulestest.Run(t, "testdata/restx", inject.SQL, ssrf.Rule, unsafe.Deserialize, xss.Rule)
}
