package redact

import (
	"strings"
	"testing"
)

// FuzzRedact checks, on any input, in every mode: no panic, the line
// structure kept (evidence lines stay lines), and nothing masked by the
// first pass coming back in a second (a second pass may mask more on
// broken input, such as a value cut before a stray quote, never less).
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		`return redirect("https://x.example/cb?token=t0k-9a&next=" + request.args["n"])`,
		`os.system("curl -H 'Authorization: Bearer abcdef123456' " + url)`,
		`requests.get(url, auth=("admin", "hunter2"), timeout=5)`,
		"SECRET_KEY = (\n    \"a\"\n    \"b\"\n)\nname = \"kept\"",
		"PRIVATE_KEY = \"\"\"\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n\"\"\"",
		`ENV FLASK_DEBUG=1 API_KEY=abc`,
		`f"{x["password"]}" == password`,
		`user, password = "admin", "pw"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) string{Code, Config, Prose} {
			out := fn(s)
			if strings.Count(out, "\n") != strings.Count(s, "\n") {
				t.Fatalf("line count changed:\n in %q\nout %q", s, out)
			}
			if again := fn(out); strings.Count(again, "***") < strings.Count(out, "***") {
				t.Fatalf("a second pass unmasked:\n in %q\nout %q\nagain %q", s, out, again)
			}
		}
	})
}
