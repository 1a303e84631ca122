package inject

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
		{"testdata/sql", SQL},
		{"testdata/command", Command},
		{"testdata/celery", Command}, // tasks queued with delay()/apply_async() run with the caller's data
		{"testdata/rq", Command},     // jobs queued with RQ enqueue()/enqueue_in()/enqueue_at()
		{"testdata/webargs", SQL},    // view arguments filled by webargs/flask-smorest from the request
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			rulestest.Run(t, tt.dir, tt.rule)
		})
	}
}
