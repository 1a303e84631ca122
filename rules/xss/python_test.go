package xss_test

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
	"github.com/flasksec/flasksec/rules/xss"
)

func TestPythonFixtures(t *testing.T) {
	for _, dir := range []string{"py_app", "py_precision"} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, "testdata/"+dir, xss.Rule) })
	}
}
