package knowledge

import (
	"strings"
	"testing"
)

// TestSinkTable checks every sink entry names something to check and a
// valid kind.
func TestSinkTable(t *testing.T) {
	for name, specs := range sinks {
		if len(specs) == 0 {
			t.Errorf("%s: no sink specification", name)
		}
		for _, sp := range specs {
			if sp.Kind == 0 || sp.Kind >= numKinds {
				t.Errorf("%s: invalid kind %d", name, sp.Kind)
			}
			if len(sp.Args) == 0 && len(sp.Keywords) == 0 && !sp.Receiver && !sp.AllKeywords {
				t.Errorf("%s: checks no argument", name)
			}
		}
		if strings.HasPrefix(name, "*.") && strings.Contains(name[2:], ".") {
			t.Errorf("%s: a method sink names one method", name)
		}
	}
	for name := range sanitizers {
		if cleaners[name] {
			t.Errorf("%s is both a sanitiser and a cleaner", name)
		}
	}
}

func TestLookups(t *testing.T) {
	kb := New([]string{"app.util.get_input"}, []string{"app.db.run_sql"}, []string{"app.util.clean"})
	tests := []struct {
		name string
		got  bool
	}{
		{"request.args is a source", has(kb.AttrSource("flask.request.args"))},
		{"flask.globals.request.form is a source", has(kb.AttrSource("flask.globals.request.form"))},
		{"request.method is not a source", !has(kb.AttrSource("flask.request.method"))},
		{"get_json() is a source", has(kb.CallSource("flask.request.get_json"))},
		{"fetchall() is a stored source", func() bool { s, ok := kb.CallSource("*.fetchall"); return ok && s.Origin == Stored }()},
		{"user source", func() bool { s, ok := kb.CallSource("app.util.get_input"); return ok && s.Origin == UserSource }()},
		{"os.system is a command sink", len(kb.Sinks("os.system")) == 1 && kb.Sinks("os.system")[0].Kind == Command},
		{"flask.helpers.send_file normalises", len(kb.Sinks("flask.helpers.send_file")) == 1},
		{"user sink is SQL", len(kb.Sinks("app.db.run_sql")) == 1 && kb.Sinks("app.db.run_sql")[0].Kind == SQL},
		{"execute is a method sink", len(kb.MethodSinks("execute")) == 1},
		{"shlex.quote sanitises commands only", func() bool { k, ok := kb.Sanitizer("shlex.quote"); return ok && k.Has(Command) && !k.Has(SQL) }()},
		{"user sanitiser covers every kind", func() bool { k, ok := kb.Sanitizer("app.util.clean"); return ok && k == AllKinds }()},
		{"int() cleans", kb.Cleaner("builtins.int")},
		{"str() propagates", func() bool { _, ok := kb.Propagator("builtins.str"); return ok }()},
		{"requests.get returns a response", kb.ResultType("requests.get") == "requests.Response"},
		{"sqlite3.connect returns a connection", kb.ResultType("sqlite3.connect") == "dbapi.Connection"},
		{"is_safe_url is a URL check", SafeURLHelper("app.utils.is_safe_url")},
		{"url_has_allowed_host_and_scheme is a URL check", SafeURLHelper("url_has_allowed_host_and_scheme")},
		{"build_url is no URL check", !SafeURLHelper("app.build_url")},
		{"sandboxed from_string is no sink", kb.NotSink("jinja2.sandbox.SandboxedEnvironment.from_string")},
	}
	for _, tt := range tests {
		if !tt.got {
			t.Errorf("%s: false", tt.name)
		}
	}
}

func has(_ Source, ok bool) bool { return ok }

func TestKinds(t *testing.T) {
	for _, k := range Kinds() {
		if ParseSinkKind(k.String()) != k {
			t.Errorf("ParseSinkKind(%q) != %d", k.String(), k)
		}
		if !AllKinds.Has(k) || Set(k) != KindSet(1)<<k {
			t.Errorf("kind set of %s is wrong", k)
		}
	}
	if UserSinkKind("app.run_command") != Command || UserSinkKind("app.fetch_url") != URL || UserSinkKind("app.x") != SQL {
		t.Error("UserSinkKind")
	}
}

func TestPublicAddressCheck(t *testing.T) {
	for name, want := range map[string]bool{
		"is_public_url": true, "app.net.host_is_routable": true, "is_global_address": true, "ip_is_public": true,
		"is_public": false, "is_safe_url": false, "is_private_ip": false, "is_not_public_url": false,
		"url_is_external": false, "nonpublic_host": false, "publish_url": false,
	} {
		if got := PublicAddressCheck(name); got != want {
			t.Errorf("PublicAddressCheck(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestVerdictAndPassThrough(t *testing.T) {
	verdicts := []struct {
		name string
		want bool
	}{
		{"login", true}, {"auth.login_user", true}, {"check_password", true}, {"user.verifyToken", true},
		{"is_safe_url", true}, {"db.find_user", true}, {"_send_mail", true},
		{"normalise_name", false}, {"build_query", false}, {"get_extension", false}, {"json.loads", false},
		{"island", false}, {"checksum", false},
	}
	for _, tt := range verdicts {
		if got := Verdict(tt.name); got != tt.want {
			t.Errorf("Verdict(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	pass := []struct {
		name string
		want bool
	}{
		{"str", true}, {"json.dumps", true}, {"pw.strip", true}, {"\"\".join", true},
		{"login", false}, {"hash_password", false}, {"len", false},
	}
	for _, tt := range pass {
		if got := PassThrough(tt.name); got != tt.want {
			t.Errorf("PassThrough(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOriginIndirect(t *testing.T) {
	for _, tc := range []struct {
		o    Origin
		want bool
	}{
		{Request, false}, {FileName, false}, {Stored, true}, {External, true}, {Param, false}, {UserSource, false},
	} {
		if got := tc.o.Indirect(); got != tc.want {
			t.Errorf("%v.Indirect() = %v, want %v", tc.o, got, tc.want)
		}
	}
}
