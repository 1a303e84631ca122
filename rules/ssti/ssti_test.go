package ssti

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRule(t *testing.T) {
	for _, dir := range []string{"testdata/ssti"} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, Rule) })
	}
}
