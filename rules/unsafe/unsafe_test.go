package unsafe

import (
	"testing"

	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	for _, dir := range []string{"testdata/unsafe"} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, Deserialize, Eval) })
	}
}
