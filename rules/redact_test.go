package rules

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRedactShapes covers the credential shapes found inside other
// rules' evidence, and the code around them that must stay readable.
func TestRedactShapes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		// The garbling case: a secret name inside a string literal must
		// not be read as an assignment whose value starts mid-string.
		{"query secret then code", `return redirect("https://x.example/cb?token=t0k-9a&next=" + request.args["n"])`,
			`return redirect("https://x.example/cb?token=***&next=" + request.args["n"])`},
		{"several query secrets", `requests.get("https://api.example/v1?api_key=K3y&access_token=AcC3ss&page=2")`,
			`requests.get("https://api.example/v1?api_key=***&access_token=***&page=2")`},
		{"query secret in f-string", `redirect(f"https://x.example/login?access_token={t}&x=1")`,
			`redirect(f"https://x.example/login?access_token={t}&x=1")`},
		{"bearer in shell string", `os.system("curl -H 'Authorization: Bearer abcdef123456' " + url)`,
			`os.system("curl -H 'Authorization: Bearer ***' " + url)`},
		{"authorization header dict", `headers = {"Authorization": "Bearer abcdef123456", "Accept": "json"}`,
			`headers = {"Authorization": "Bearer ***", "Accept": "json"}`},
		{"authorization built from a variable", `headers = {"Authorization": "Bearer " + token}`,
			`headers = {"Authorization": "Bearer " + token}`},
		{"auth tuple keeps the user", `requests.get(url, auth=("admin", "hunter2"), timeout=5)`,
			`requests.get(url, auth=("admin", "***"), timeout=5)`},
		{"basic auth call", `requests.get(url, auth=HTTPBasicAuth("admin", "hunter2"))`,
			`requests.get(url, auth=HTTPBasicAuth("admin", "***"))`},
		{"auth blueprint is not a credential", `auth = Blueprint("auth", __name__)`, `auth = Blueprint("auth", __name__)`},
		{"password in SQL", `cur.execute("SELECT * FROM u WHERE password = 'hunter2' AND id = " + uid)`,
			`cur.execute("SELECT * FROM u WHERE password = '***' AND id = " + uid)`},
		{"SQL placeholder stays", `cur.execute("UPDATE u SET password = %s WHERE id = %s", (pw, uid))`,
			`cur.execute("UPDATE u SET password = %s WHERE id = %s", (pw, uid))`},
		{"userinfo in URL", `redirect("https://deploy:s3cr3t@host.example/x?next=" + n)`,
			`redirect("https://deploy:***@host.example/x?next=" + n)`},
		{"connection string", `create_engine("postgresql://app:Pg-pass-1@db/app")`, `create_engine("postgresql://app:***@db/app")`},
		{"DSN pairs", `psycopg2.connect("host=db user=app password=Pg-pass-1 dbname=app")`,
			`psycopg2.connect("host=db user=app password=*** dbname=app")`},
		{"CLI flags", `subprocess.run("mysql --password Pg-pass-1 --token=tok-1 -e " + q, shell=True)`,
			`subprocess.run("mysql --password *** --token=*** -e " + q, shell=True)`},
		{"private key one line", `key = load("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----")`,
			`key = load("-----BEGIN EC PRIVATE KEY-----\n***\n-----END EC PRIVATE KEY-----")`},
		{"AWS key", `boto3.client("s3", aws_access_key_id="AKIAABCDEFGHIJKLMNOP")`, `boto3.client("s3", aws_access_key_id="***")`},
		{"GitHub token", `clone("https://ghp_abcdefghijklmnopqrstuvwxyz0123@github.com/o/r")`, `clone("https://***@github.com/o/r")`},
		{"Slack token", `WebClient("xoxb-1234567890-abcdefghij")`, `WebClient("***")`},
		{"JWT", `check("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl")`, `check("***")`},
		{"secret keyword arguments", `notify(target, password="pw-1", api_key="k-1", client_secret="c-1", mode="x")`,
			`notify(target, password="***", api_key="***", client_secret="***", mode="x")`},
		{"dict item with secret key", `send({"api_token": "tok-1", "mode": "fast"}["mode"])`, `send({"api_token": "***", "mode": "fast"}["mode"])`},
		{"comparison, name on the right", `if "letmein" == form.password.data:`, `if "***" == form.password.data:`},
		{"comparison, attribute chain", `if form.password.data == "letmein":`, `if form.password.data == "***":`},
		{"comparison with subscript", `if request.args['token'] != 'abc-123':`, `if request.args['token'] != '***':`},
		{"other comparison after and", `if not password and user == "admin":`, `if not password and user == "admin":`},
		{"comparison ends at and", `if password == "pw-1" and user == "admin":`, `if password == "***" and user == "admin":`},
		{"environment default", `os.environ.get("API_TOKEN", "tok-1")`, `os.environ.get("API_TOKEN", "***")`},
		{"or fallback", `SECRET_KEY = os.getenv("SECRET_KEY") or "fallback-1"`, `SECRET_KEY = os.getenv("SECRET_KEY") or "***"`},
		{"encoded literal", `app.secret_key = "k-1".encode("utf-8")`, `app.secret_key = "***".encode("utf-8")`},
		{"f-string keeps fields", `WTF_CSRF_SECRET_KEY = f"{PREFIX}-rest-of-key"`, `WTF_CSRF_SECRET_KEY = f"{PREFIX}***"`},
		{"annotated", `API_KEY: Final[str] = "k-1"`, `API_KEY: Final[str] = "***"`},
		{"cookie value", `resp.set_cookie("auth_token", "opaque-1")`, `resp.set_cookie("auth_token", "***")`},
		{"set literal of keys", `SECRET_KEYS = {"k-1", "k-2"}`, `SECRET_KEYS = {"***", "***"}`},
		{"nested mapping: keys stay, values go", `SECRET_KEYS = {"current": "k-1", "old": ["k-0"]}`, `SECRET_KEYS = {"current": "***", "old": ["***"]}`},
		{"key option inside the value", `token = Signer(key="k-1", sep=".").sign("x")`, `token = Signer(key="***", sep=".").sign("***")`},
		{"tuple target", `user, password = "admin", "pw-1"`, `user, password = "***", "***"`},
		{"default keyword", `SECRET_KEY = os.environ.get("SECRET_KEY", default="dev-1")`, `SECRET_KEY = os.environ.get("SECRET_KEY", default="***")`},
		// Not secrets.
		{"keyword option inside the value", `token = jwt.encode({"sub": uid}, key, algorithm="HS256")`,
			`token = jwt.encode({"sub": uid}, key, algorithm="HS256")`},
		{"interpolated URL credentials", `DB = f"postgresql://{user}:{password}@{host}/db"`, `DB = f"postgresql://{user}:{password}@{host}/db"`},
		{"subscript key stays", `token = request.args['token']`, `token = request.args['token']`},
		{"parameter name in message", `request.args['token'] read here`, `request.args['token'] read here`},
		{"salt is a purpose", `URLSafeTimedSerializer(key, salt='cookie-session')`, `URLSafeTimedSerializer(key, salt='cookie-session')`},
		{"env lookup", `SECRET_KEY = os.environ["SECRET_KEY"]`, `SECRET_KEY = os.environ["SECRET_KEY"]`},
		{"empty string", `password = request.form.get("password", "")`, `password = request.form.get("password", "")`},
		{"empty literal", `API_TOKEN = ""`, `API_TOKEN = ""`},
		{"reference placeholders", `DATABASE_PASSWORD = "${DB_PASSWORD}"`, `DATABASE_PASSWORD = "${DB_PASSWORD}"`},
		{"angle placeholder", `API_KEY = "<your-api-key>"`, `API_KEY = "<your-api-key>"`},
		{"form label", `password = PasswordField("Password", validators=[DataRequired()])`,
			`password = PasswordField("Password", validators=[DataRequired()])`},
		{"string method argument", `SECRET_KEY_FALLBACKS = os.environ.get("OLD", "").split(",")`,
			`SECRET_KEY_FALLBACKS = os.environ.get("OLD", "").split(",")`},
		{"token type is not a token", `token_type = "bearer"`, `token_type = "bearer"`},
		{"header name", `API_KEY_HEADER = "X-Api-Key"`, `API_KEY_HEADER = "X-Api-Key"`},
		{"switch", `response.headers["Access-Control-Allow-Credentials"] = "true"`,
			`response.headers["Access-Control-Allow-Credentials"] = "true"`},
		{"apostrophe in a comment", `x = 1  # don't log the password = 'here'`, `x = 1  # don't log the password = '***'`},
		{"plain URL", `url = "https://example.com/path?page=2&sort=name"`, `url = "https://example.com/path?page=2&sort=name"`},
		{"token in a name", `tokenizer = Tokenizer("words")`, `tokenizer = Tokenizer("words")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Redact(tt.in, true)
			if got != tt.want {
				t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := Redact(got, true); again != got {
				t.Errorf("not idempotent: %q became %q", got, again)
			}
		})
	}
}

// TestRedactProseShapes checks the messages and notes rules write.
func TestRedactProseShapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{`request.args['token'] reaches redirect()`, `request.args['token'] reaches redirect()`},
		{`GET /reset takes the secret "token" from the query string (request.args).`, `GET /reset takes the secret "token" from the query string (request.args).`},
		{`The redirect target carries "https://x.example/cb?token=abc123&next=1"`, `The redirect target carries "https://x.example/cb?token=***&next=1"`},
		{`URLSafeTimedSerializer(key, salt="cookie-session") signs`, `URLSafeTimedSerializer(key, salt="cookie-session") signs`},
		{`requests.get(url, auth=("admin", "hunter2")) has no timeout`, `requests.get(url, auth=("admin", "***")) has no timeout`},
		{`a Bearer token in the header`, `a Bearer token in the header`},
		{`sends "Authorization: Bearer abcdef123456" upstream`, `sends "Authorization: Bearer ***" upstream`},
		{`the view's password = "x-1" is compared`, `the view's password = "***" is compared`},
	}
	for _, tt := range tests {
		if got := RedactProse(tt.in); got != tt.want {
			t.Errorf("RedactProse(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

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

// TestRedactKeepsPlainText checks that text without secrets comes out
// unchanged, so that the fingerprints of findings without secrets (made
// from the redacted evidence) do not move.
func TestRedactKeepsPlainText(t *testing.T) {
	for _, in := range []string{
		"@app.route(\"/user/<int:uid>\")\ndef user(uid):\n    return render_template(\"user.html\", u=User.query.get(uid))",
		`cur.execute(f"SELECT * FROM t WHERE name = '{name}'")`,
		`os.system("convert " + request.args["f"] + " out.png")`,
		`return redirect(request.args.get("next") or url_for("index"))`,
		`link = url_for("reset", token=token, _external=True)`,
		`CORS(app, supports_credentials=True, origins="*")`,
		`x = "it's a \"quoted\" string"  # and a comment: fine`,
		`s = '''multi` + "\n" + `line'''`,
	} {
		if got := Redact(in, true); got != in {
			t.Errorf("Redact changed text without secrets:\n in %q\ngot %q", in, got)
		}
		if got := RedactProse(in); got != in {
			t.Errorf("RedactProse changed text without secrets:\n in %q\ngot %q", in, got)
		}
	}
}

// longInputs are pathological one-line evidence texts (a finding on a
// generated line can carry one): each repeats a shape that starts a pair
// or a value, which a quadratic redactor reads again from every start.
func longInputs(n int) map[string]string {
	return map[string]string{
		"rejected names":  strings.Repeat("Environment=", n),
		"secret keywords": "f(" + strings.Repeat(`password="a", `, n) + ")",
		"nested values":   strings.Repeat("password={password=", n),
		"query pairs":     `"` + strings.Repeat("?token=a&", n) + `"`,
		"comparisons":     strings.Repeat(`"a" == a.b.password and `, n),
		"brackets":        "password = " + strings.Repeat(`{"a": (`, n) + `"x"`,
		"flags":           `"` + strings.Repeat("--password --token ", n) + `"`,
	}
}

// TestRedactLongLines checks that redaction stays fast on long lines: at
// 20,000 repetitions (a quarter of a megabyte) a quadratic redactor takes
// minutes; this one about a second.
func TestRedactLongLines(t *testing.T) {
	if testing.Short() {
		t.Skip("long inputs")
	}
	for name, in := range longInputs(20000) {
		start := time.Now()
		for _, m := range []redactMode{modeCode, modeConfig, modeProse} {
			redact(in, m)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%s (%d bytes): %v", name, len(in), d)
		}
	}
}

// BenchmarkRedact measures redaction of the long inputs at growing
// sizes; the time per byte should stay flat.
func BenchmarkRedact(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		for name, in := range longInputs(n) {
			b.Run(fmt.Sprintf("%s/%d", strings.ReplaceAll(name, " ", "_"), n), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for range b.N {
					Redact(in, true)
				}
			})
		}
	}
}

// TestRedactFindingCoversEveryField fills every string field of a
// finding that reaches the output (nested ones included: trace steps,
// and any list a rule may add later) with a planted secret, and checks
// that RedactFinding leaves none of them showing it. A new text field
// that RedactFinding does not redact fails here. Identifiers that cannot
// hold a value (rule ID, paths, the Python function, the fingerprint)
// and fields not written out (json:"-") are exempt.
func TestRedactFindingCoversEveryField(t *testing.T) {
	const secret = "Zq-every-field-91"
	exempt := map[string]bool{"RuleID": true, "Path": true, "Function": true, "Fingerprint": true}
	var f Finding
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				sf := v.Type().Field(i)
				if !sf.IsExported() || exempt[sf.Name] || sf.Tag.Get("json") == "-" {
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
