package effects_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/effects"
	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules/rulestest"
)

// describe renders effects as "kind: description" lines, sorted.
func describe(effs []effects.Effect) string {
	var out []string
	for _, e := range effs {
		out = append(out, e.Kind.String()+": "+e.Describe())
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func TestViewsOnGET(t *testing.T) {
	p := rulestest.Load(t, "testdata/app")
	m := flask.ModelOf(p)
	a := effects.Of(p)
	tests := []struct {
		view string
		want string
	}{
		{"delete_account", "deletes from the database: delete_user() in app/models.py:17 calls db.session.delete()\n" +
			"writes to the database: delete_user() in app/models.py:18 calls db.session.commit()"},
		{"show_user", ""},    // a SELECT is a read
		{"rename_view", ""},  // the write is under `if request.method == "POST":`
		{"rename_view2", ""}, // GET returns before the write
		{"purge", "deletes files: os.remove() at app/views.py:42\n" +
			"deletes from the database: DELETE FROM notes at app/views.py:41"},
		{"ping", "calls another service: requests.post() at app/views.py:48\n" +
			"sends email or messages: notify() in app/mail.py:6 calls smtp.sendmail()"},
		{"bye", "ends the session: logout_user() at app/views.py:55"},
		{"query_delete", "deletes from the database: Query.delete() at app/views.py:61"},
		{"thumb", ""},  // an image saved into memory
		{"upload", ""}, // under form.is_submitted()
		{"upload_get", "writes files: doc.save() at app/views.py:87"},
		{"report_csv", ""}, // a temporary file written and removed
		{"cancel_order", "writes to the database: cancel() in app/models.py:41 calls db.session.commit()"},
		{"remember", "writes files: open(..., \"w\") at app/views.py:141"},
		{"core_delete", "writes to the database: update() at app/views.py:125"},
		{"notify_all", "calls another service: requests.Session().put() at app/views.py:115\n" +
			"sends email or messages: notify() in app/mail.py:6 calls smtp.sendmail()"},
	}
	for _, tt := range tests {
		t.Run(tt.view, func(t *testing.T) {
			var found bool
			for _, r := range m.Routes {
				if flask.FuncName(r.Func) != tt.view {
					continue
				}
				found = true
				if got := describe(a.View(r, "GET")); got != tt.want {
					t.Errorf("View(%s, GET):\n%s\nwant:\n%s", tt.view, got, tt.want)
				}
			}
			if !found {
				t.Fatalf("no route for %s", tt.view)
			}
		})
	}
}

func TestPOSTBranchCounts(t *testing.T) {
	p := rulestest.Load(t, "testdata/app")
	m := flask.ModelOf(p)
	a := effects.Of(p)
	for _, r := range m.Routes {
		if flask.FuncName(r.Func) != "rename_view" {
			continue
		}
		got := describe(a.View(r, "POST"))
		want := "writes to the database: rename() in app/models.py:31 calls UPDATE users"
		if got != want {
			t.Errorf("View(rename_view, POST) = %q, want %q", got, want)
		}
	}
}

func TestFuncTransitiveAndTrace(t *testing.T) {
	p := rulestest.Load(t, "testdata/app")
	ix := resolve.Of(p)
	a := effects.Of(p)
	fn := ix.Func("app.models.remove_account")
	if fn == nil {
		t.Fatal("app.models.remove_account not indexed")
	}
	effs := a.Func(fn)
	if len(effs) == 0 || !a.Changes(fn) {
		t.Fatal("remove_account: no effects")
	}
	tr := effs[0].Trace()
	if len(tr) != 2 || tr[0].Line != 22 || !strings.Contains(tr[0].Note, "delete_user") || tr[1].Line != 17 {
		t.Errorf("trace = %+v", tr)
	}
	if f := ix.Func("app.models.find_user"); a.Changes(f) {
		t.Errorf("find_user (a SELECT) changes state: %s", describe(a.Func(f)))
	}
	// Mutual recursion ends, and both functions see the commit.
	for _, name := range []string{"app.models.ping", "app.models.pong", "app.models.alpha", "app.models.zeta"} {
		if f := ix.Func(name); f == nil || !a.Changes(f) {
			t.Errorf("%s: no effects", name)
		}
	}
	if f := ix.Func("app.models.get_db"); a.Changes(f) {
		t.Errorf("get_db changes state: %s", describe(a.Func(f)))
	}
}

// TestRQJobs checks that a job queued with RQ (enqueue, enqueue_in)
// counts as what the view does.
func TestRQJobs(t *testing.T) {
	p := rulestest.Load(t, "testdata/rq")
	m := flask.ModelOf(p)
	a := effects.Of(p)
	want := map[string]bool{"purge": true, "purge_later": true, "count": false}
	seen := 0
	for _, r := range m.Routes {
		name := flask.FuncName(r.Func)
		w, ok := want[name]
		if !ok {
			continue
		}
		seen++
		got := describe(a.View(r, "GET"))
		if w != strings.Contains(got, "DELETE FROM users") {
			t.Errorf("%s: effects %q, want a DELETE: %v", name, got, w)
		}
	}
	if seen != len(want) {
		t.Fatalf("found %d of %d views", seen, len(want))
	}
}

// TestHelperMethodBranch checks that a helper's `if request.method ==
// "POST":` branch counts for POST and not for GET, and that bookkeeping
// writes are marked as such rather than dropped.
func TestHelperMethodBranch(t *testing.T) {
	p := rulestest.Load(t, "../rules/http/testdata/precision")
	m := flask.ModelOf(p)
	a := effects.Of(p)
	seen := map[string]bool{}
	for _, r := range m.Routes {
		switch flask.FuncName(r.Func) {
		case "profile":
			seen["profile"] = true
			if got := describe(a.View(r, "GET")); strings.Contains(got, "writes to the database") {
				t.Errorf("profile on GET: %s", got)
			}
			if got := describe(a.View(r, "POST")); !strings.Contains(got, "save_reader_form() in library/services.py") {
				t.Errorf("profile on POST misses the helper's write: %q", got)
			}
		case "show_shelf":
			seen["show_shelf"] = true
			effs := a.View(r, "GET")
			if len(effs) == 0 {
				t.Fatal("show_shelf: no effects at all; the bookkeeping writes should be kept and marked")
			}
			for _, e := range effs {
				if !e.Bookkeeping {
					t.Errorf("show_shelf: %s: not marked as bookkeeping", e.Describe())
				}
			}
		}
	}
	if !seen["profile"] || !seen["show_shelf"] {
		t.Fatalf("routes not found: %v", seen)
	}
}

func TestMethodsOf(t *testing.T) {
	ms := effects.MethodsOf("get", "POST")
	for _, tt := range []struct {
		name string
		want bool
	}{{"GET", true}, {"HEAD", true}, {"POST", true}, {"PUT", false}, {"delete", false}} {
		if ms.Has(tt.name) != tt.want {
			t.Errorf("MethodsOf(get, POST).Has(%s) = %v", tt.name, !tt.want)
		}
	}
}
