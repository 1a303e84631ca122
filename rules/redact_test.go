package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestRedactFinding checks that every text field of a finding is
// redacted, and that the trace given by the rule is not modified in
// place (it may be shared).
func TestRedactFinding(t *testing.T) {
	const secret = "Zq-planted-77"
	trace := []TraceStep{{Path: "a.py", Line: 1, Note: `read "https://h/x?api_key=` + secret + `"`}}
	f := Finding{
		Title:              `password="` + secret + `"`,
		Message:            `calls os.system("curl -H 'Authorization: Bearer ` + secret + `'")`,
		Evidence:           `os.system("curl -u admin:x https://admin:` + secret + `@h/")`,
		Impact:             `token == "` + secret + `" is guessable`,
		Fix:                `Replace auth=("admin", "` + secret + `") with a secret store`,
		Mitigation:         `rotate the value of SECRET_KEY = "` + secret + `"`,
		FalsePositiveNotes: `AKIAABCDEFGHIJKLMNOP`,
		Location:           Location{Route: "GET /cb?token=" + secret},
		Trace:              trace,
	}
	RedactFinding(&f, true)
	all := strings.Join([]string{f.Title, f.Message, f.Evidence, f.Impact, f.Fix, f.Mitigation, f.FalsePositiveNotes,
		f.Location.Route, f.Trace[0].Note}, "\n")
	if strings.Contains(all, secret) || strings.Contains(all, "AKIA") {
		t.Errorf("a field kept the secret:\n%s", all)
	}
	if !strings.Contains(trace[0].Note, secret) {
		t.Error("the rule's trace was modified in place")
	}
	if !strings.Contains(f.Evidence, "https://admin:***@h/") || !strings.Contains(f.Message, "Bearer ***") {
		t.Errorf("the code around the secrets is gone:\n%s", all)
	}
}

// TestRedactFindingCoversEveryField fills every string field of a
// finding that reaches the output (nested ones included: trace steps,
// and any list a rule may add later) with a planted secret, and checks
// that RedactFinding leaves none of them showing it. A new text field
// that RedactFinding does not redact fails here, also one not written
// out itself (json:"-") whose text the driver copies into another field,
// as scan.Join does with Aspect. Identifiers that cannot hold a value
// (rule ID, paths, the Python function, the fingerprint, the Problem
// name) are exempt.
func TestRedactFindingCoversEveryField(t *testing.T) {
	const secret = "Zq-every-field-91"
	exempt := map[string]bool{"RuleID": true, "Path": true, "Function": true, "Fingerprint": true, "Problem": true}
	var f Finding
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				sf := v.Type().Field(i)
				if !sf.IsExported() || exempt[sf.Name] {
					continue
				}
				fill(v.Field(i))
			}
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			fill(v.Index(0))
		case reflect.String:
			v.SetString(`password = "` + secret + `"`)
		}
	}
	fill(reflect.ValueOf(&f).Elem())
	if f.Evidence == "" || len(f.Trace) != 1 || f.Trace[0].Note == "" {
		t.Fatalf("the finding was not filled: %+v", f)
	}
	RedactFinding(&f, true)
	var check func(v reflect.Value, path string)
	check = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				check(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				check(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			if strings.Contains(v.String(), secret) {
				t.Errorf("%s keeps the secret: %q", path, v.String())
			}
		}
	}
	check(reflect.ValueOf(f), "Finding")
}
