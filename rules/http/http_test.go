package http_test

import (
	"fmt"
	"strings"
	"testing"

	httprule "github.com/flasksec/flasksec/rules/http"
	"github.com/flasksec/flasksec/rules/rulestest"
)

func TestValidate(t *testing.T) {
	if err := httprule.Rule.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestFixtures(t *testing.T) {
	for _, dir := range []string{
		"testdata/get_state",              // GET routes changing state directly and through helpers in other modules
		"testdata/secrets",                // secrets read from the query string or put into URLs
		"testdata/get_commands",           // GET routes running commands that change the system, and read-only ones
		"testdata/precision",              // stale-session cleanup, bookkeeping, POST branches in helpers, routes that cannot reach a change, callbacks and emailed links
		"../csrf/testdata/factory_secure", // the full secure app: no finding
	} {
		t.Run(dir, func(t *testing.T) { rulestest.Run(t, dir, httprule.Rule) })
	}
}

// TestCallPath checks that a state change through helpers names the call
// path, in the message and as a trace from the view to the operation.
func TestCallPath(t *testing.T) {
	findings := rulestest.Run(t, "testdata/get_state", httprule.Rule)
	var found bool
	for _, f := range findings {
		if f.Location.Path != "app/views.py" || f.Location.StartLine != 23 {
			continue
		}
		found = true
		want := "delete_user() in app/models.py:14 calls db.session.delete()"
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q does not contain %q", f.Message, want)
		}
		if f.Location.Route != "GET /account/close" {
			t.Errorf("route = %q", f.Location.Route)
		}
		var steps []string
		for _, s := range f.Trace {
			steps = append(steps, fmt.Sprintf("%s:%d", s.Path, s.Line))
		}
		got := strings.Join(steps, " ")
		// close() calls close_account(), which calls delete_user(), which
		// deletes; then the outbound POST of close_account().
		if !strings.HasPrefix(got, "app/views.py:25 app/services.py:7 app/models.py:14") ||
			!strings.Contains(got, "app/services.py:8") {
			t.Errorf("trace = %s", got)
		}
	}
	if !found {
		t.Fatal("no finding for GET /account/close")
	}
}

// TestMessagesNotRedacted checks that messages naming secret parameters
// survive the redaction every finding goes through.
func TestMessagesNotRedacted(t *testing.T) {
	for _, f := range rulestest.Run(t, "testdata/secrets", httprule.Rule) {
		if strings.Contains(f.Message, "***") {
			t.Errorf("%s:%d: redacted message: %s", f.Location.Path, f.Location.StartLine, f.Message)
		}
	}
}

// TestOneFindingPerView checks that a view registered under two rules
// gives one finding naming both routes, and that a route which cannot
// reach the change (its parameter left at None) is not named.
func TestOneFindingPerView(t *testing.T) {
	var msgs []string
	for _, f := range rulestest.Run(t, "testdata/precision", httprule.Rule) {
		if f.Location.Function == "drop_shelf" || f.Location.Function == "all_shelves" {
			msgs = append(msgs, f.Message)
		}
	}
	if len(msgs) != 2 {
		t.Fatalf("findings for drop_shelf/all_shelves: %q", msgs)
	}
	for _, m := range msgs {
		switch {
		case strings.Contains(m, "/drop"):
			if !strings.Contains(m, "GET /shelves/<int:shelf_id>/drop and GET /shelves/<int:shelf_id>/drop/now") {
				t.Errorf("drop_shelf message does not name both routes: %s", m)
			}
		case strings.Contains(m, "/shelves/all"):
			t.Errorf("the route without shelf_id cannot delete: %s", m)
		}
	}
}
