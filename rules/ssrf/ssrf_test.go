package ssrf

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRule(t *testing.T) {
	for _, dir := range []string{"testdata/ssrf"} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, Rule) })
	}
}
