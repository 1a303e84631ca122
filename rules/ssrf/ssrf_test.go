package ssrf

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRule(t *testing.T) {
	for _, dir := range []string{"testdata/ssrf", "testdata/publiccheck"} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, Rule) })
	}
}
