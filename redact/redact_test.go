package redact

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestCode covers the credential shapes found inside other
// rules' evidence, and the code around them that must stay readable.
func TestCode(t *testing.T) {
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
		{"OAuth scheme and field", `headers={"Authorization": f"OAuth {token}"}`, `headers={"Authorization": f"OAuth {token}"}`},
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
		{"basic auth header value", `headers = {"Authorization": "Basic YWRtaW46cGFzc3dvcmQ="}`, `headers = {"Authorization": "Basic ***"}`},
		{"basic auth inside a string", `curl("-H 'Authorization: Basic YWRtaW46cGFzcw=='")`, `curl("-H 'Authorization: Basic ***'")`},
		{"JWT key", `token = jwt.encode({"sub": uid}, "jwt-key-1", algorithm="HS256")`, `token = jwt.encode({"sub": uid}, "***", algorithm="HS256")`},
		{"signer key", `s = URLSafeTimedSerializer("signer-key-1", salt="email-confirm")`, `s = URLSafeTimedSerializer("***", salt="email-confirm")`},
		{"hmac key", `mac = hmac.new(b"hmac-key-1", msg, "sha256")`, `mac = hmac.new(b"***", msg, "sha256")`},
		{"str encode is not jwt", `data = "text".encode("utf-8")`, `data = "text".encode("utf-8")`},
		{"commented-out setting", `x = 1  # SECRET_KEY = "old-key-1"`, `x = 1  # SECRET_KEY = "***"`},
		{"commented-out environment", `# export AWS_SECRET_ACCESS_KEY=abc-1`, `# export AWS_SECRET_ACCESS_KEY=***`},
		{"commented-out call", `#> User(password=SecretStr('**********'))`, `#> User(password=SecretStr('**********'))`},
		{"prose comment", `x = 1  # First pass: make the password list`, `x = 1  # First pass: make the password list`},
		{"name and value pair", `pair = ("password", "pw-1")`, `pair = ("password", "***")`},
		// Not secrets.
		{"a lexer's token", `if token.string == "," or token.value == "num":`, `if token.string == "," or token.value == "num":`},
		{"getter argument", `next_token = self._get_param("NextToken")`, `next_token = self._get_param("NextToken")`},
		{"list of names", `__slots__ = ('tokenSource', 'tokens', 'index')`, `__slots__ = ('tokenSource', 'tokens', 'index')`},
		{"decorator over names", `@field_serializer('password', 'password_bytes', when_used='json')`,
			`@field_serializer('password', 'password_bytes', when_used='json')`},
		{"prose after Basic", `"""Basic columnize tests."""`, `"""Basic columnize tests."""`},
		{"format string", `credentials = "{0}:{1}".format(user, passwd).encode()`, `credentials = "{0}:{1}".format(user, passwd).encode()`},
		{"printf scheme", `headers["Authorization"] = "Basic %s" % auth`, `headers["Authorization"] = "Basic %s" % auth`},
		{"format in a pair", `log.debug("proxy token=%r", token)`, `log.debug("proxy token=%r", token)`},
		{"regular expression", `TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,}$")`, `TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,}$")`},
		{"boolean word", `access_key_active = "false"`, `access_key_active = "false"`},
		{"prompt", `password = getpass.getpass("Password: ")`, `password = getpass.getpass("Password: ")`},
		{"token in a longer word", `if self.tokennames == 'long':`, `if self.tokennames == 'long':`},
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
			got := Code(tt.in)
			if got != tt.want {
				t.Errorf("Code(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if again := Code(got); again != got {
				t.Errorf("not idempotent: %q became %q", got, again)
			}
		})
	}
}

// TestProse checks the messages and notes rules write.
func TestProse(t *testing.T) {
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
		if got := Prose(tt.in); got != tt.want {
			t.Errorf("Prose(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestKeepsPlainText checks that text without secrets comes out
// unchanged, so that the fingerprints of findings without secrets (made
// from the redacted evidence) do not move.
func TestKeepsPlainText(t *testing.T) {
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
		if got := Code(in); got != in {
			t.Errorf("Code changed text without secrets:\n in %q\ngot %q", in, got)
		}
		if got := Prose(in); got != in {
			t.Errorf("Prose changed text without secrets:\n in %q\ngot %q", in, got)
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

// TestLongLines checks that redaction stays fast on long lines: at
// 20,000 repetitions (a quarter of a megabyte) a quadratic redactor takes
// minutes; this one about a second.
func TestLongLines(t *testing.T) {
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

// Benchmark measures redaction of the long inputs at growing
// sizes; the time per byte should stay flat.
func Benchmark(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		for name, in := range longInputs(n) {
			b.Run(fmt.Sprintf("%s/%d", strings.ReplaceAll(name, " ", "_"), n), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for range b.N {
					Code(in)
				}
			})
		}
	}
}
