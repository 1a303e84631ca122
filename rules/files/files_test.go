package files

import (
	"testing"

	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestRules(t *testing.T) {
	tests := []struct {
		dir  string
		rule *rules.Rule
	}{
		{"testdata/path", Path},
		{"testdata/upload", Upload},
		{"testdata/upload_safe", Upload},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) { rulestest.Run(t, tt.dir, tt.rule) })
	}
}
