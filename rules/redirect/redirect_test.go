package redirect

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRule(t *testing.T) {
	for _, dir := range []string{"testdata/redirect", "testdata/prefix"} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, Rule) })
	}
}
