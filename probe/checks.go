package probe

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/flasksec/flasksec/rules"
)

// Rule IDs the probe reports under.
const (
	ruleHeaders = "FLASK-HEADERS-001"
	ruleSess    = "FLASK-SESS-001"
	ruleDevSrv  = "FLASK-DEPLOY-001"
	ruleDebug   = "FLASK-DEPLOY-002"
	ruleHost    = "FLASK-HOST-001"
	ruleCORS    = "FLASK-CORS-001"
	ruleHTTP    = "FLASK-HTTP-001"
	ruleLimits  = "FLASK-LIMITS-001"
	ruleCSRF    = "FLASK-CSRF-001"
)

// isHTML reports whether a response is an HTML page (the kind browsers
// render, where the security headers matter most).
func isHTML(r *response) bool {
	return strings.Contains(strings.ToLower(r.header.Get("Content-Type")), "text/html")
}

// checkHeaders looks at the security headers of each HTML page.
func (p *prober) checkHeaders(pages []*response) {
	names := []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"}
	if p.origin.Scheme == "https" {
		names = append(names, "Strict-Transport-Security")
	}
	checked := 0
	for _, r := range pages {
		if !isHTML(r) {
			continue
		}
		checked++
		if problems := headerProblems(r, p.origin.Scheme == "https"); len(problems) > 0 {
			// One finding per distinct set of problems: the pages of one
			// app usually share their headers.
			msg := strings.Join(problems, "; ")
			p.report(msg, ruleHeaders, rules.HighConfidence, r, msg, evidence(r, names...))
		}
	}
	if checked == 0 {
		p.observe("%s: no HTML page was fetched; security headers not checked", ruleHeaders)
		return
	}
	if _, bad := p.res.Checked[ruleHeaders]; !bad {
		p.pass(ruleHeaders, "CSP, X-Content-Type-Options, frame protection and Referrer-Policy present on %d HTML %s", checked, plural(checked, "page", "pages"))
	}
}

// headerProblems lists what is missing or weak in one response's headers.
func headerProblems(r *response, https bool) []string {
	var out []string
	csp := strings.Join(r.header.Values("Content-Security-Policy"), "; ")
	if csp == "" {
		out = append(out, "No Content-Security-Policy header is sent")
	} else if weak := weakCSP(csp); len(weak) > 0 {
		out = append(out, "The Content-Security-Policy is weak: "+strings.Join(weak, ", "))
	}
	if !strings.EqualFold(strings.TrimSpace(r.header.Get("X-Content-Type-Options")), "nosniff") {
		out = append(out, "X-Content-Type-Options: nosniff is not sent")
	}
	if !strings.Contains(strings.ToLower(csp), "frame-ancestors") && r.header.Get("X-Frame-Options") == "" {
		out = append(out, "Neither CSP frame-ancestors nor X-Frame-Options protects against framing")
	}
	if r.header.Get("Referrer-Policy") == "" {
		out = append(out, "No Referrer-Policy header is sent")
	}
	if https && r.header.Get("Strict-Transport-Security") == "" {
		out = append(out, "No Strict-Transport-Security header is sent over https")
	}
	return out
}

// weakCSP names the trivially weak parts of a policy.
func weakCSP(csp string) []string {
	var out []string
	for _, dir := range strings.Split(csp, ";") {
		fields := strings.Fields(strings.ToLower(dir))
		if len(fields) == 0 {
			continue
		}
		name := fields[0]
		if name != "default-src" && name != "script-src" && name != "object-src" && name != "frame-ancestors" {
			continue
		}
		for _, src := range fields[1:] {
			switch src {
			case "'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:":
				out = append(out, name+" "+src)
			}
		}
	}
	return out
}

// checkServer reports Werkzeug's development server from the Server header.
func (p *prober) checkServer(pages []*response) {
	for _, r := range pages {
		if s := r.header.Get("Server"); strings.Contains(strings.ToLower(s), "werkzeug") {
			p.report("server", ruleDevSrv, rules.HighConfidence, r,
				"The app is served by Werkzeug's development server (Server header)", evidence(r, "Server"))
			return
		}
	}
	p.pass(ruleDevSrv, "the Server header (%q) does not name Werkzeug's development server", pages[0].header.Get("Server"))
}

// debuggerMarkers are strings only Werkzeug's debugger pages contain.
var debuggerMarkers = []string{"__debugger__", "Werkzeug Debugger", "werkzeug debugger", "class=\"debugger\""}

// checkDebugger looks for the interactive debugger: in the pages already
// fetched (an error page showing it), at its resource URL (served by the
// debugger middleware to any GET, error or not), and at /console.
func (p *prober) checkDebugger(ctx context.Context, pages []*response) {
	for _, r := range pages {
		if containsAny(r.body, debuggerMarkers) {
			p.report("debugger", ruleDebug, rules.HighConfidence, r,
				"An error page shows Werkzeug's interactive debugger, which runs code sent by the browser", evidence(r, "Server")+"\nbody: Werkzeug debugger page")
			return
		}
	}
	for _, r := range pages {
		if r.code >= 500 && bytes.Contains(r.body, []byte("Traceback (most recent call last)")) {
			p.report("traceback", ruleDebug, rules.HighConfidence, r,
				"An error page shows a Python traceback", evidence(r, "Server")+"\nbody: Python traceback")
			return
		}
	}
	res, err := p.sameOrigin("/?__debugger__=yes&cmd=resource&f=debugger.js")
	if err == nil {
		if r, err := p.get(ctx, res, nil); err == nil {
			ct := strings.ToLower(r.header.Get("Content-Type"))
			if r.code == 200 && strings.Contains(ct, "javascript") && !bytes.Contains(bytes.ToLower(r.body), []byte("<html")) {
				p.report("debugger", ruleDebug, rules.HighConfidence, r,
					"Werkzeug's interactive debugger is active: it serves its own script", evidence(r, "Server", "Content-Type"))
				return
			}
		}
	}
	cu, _ := p.sameOrigin("/console")
	r, err := p.get(ctx, cu, nil)
	if err != nil {
		p.observe("%s: debugger check incomplete: %v", ruleDebug, err)
		return
	}
	if r.code == 200 && containsAny(r.body, append([]string{"Interactive Console"}, debuggerMarkers...)) {
		p.report("console", ruleDebug, rules.HighConfidence, r, "Werkzeug's interactive console is exposed at /console", evidence(r, "Server"))
		return
	}
	p.pass(ruleDebug, "no debugger on the fetched pages, at the debugger's resource URL or at /console (%s)", r.status)
}

// checkHost sends the start page request with a foreign Host header.
func (p *prober) checkHost(ctx context.Context) {
	r, err := p.get(ctx, p.origin, http.Header{"Host": {foreignHost}})
	if err != nil {
		p.observe("%s: not checked: %v", ruleHost, err)
		return
	}
	loc := r.header.Get("Location")
	switch {
	case strings.Contains(strings.ToLower(loc), foreignHost):
		p.report("location", ruleHost, rules.HighConfidence, r,
			"A foreign Host header is accepted and reflected in the Location of a redirect", "Host: "+foreignHost+"\n"+evidence(r, "Location"))
	case r.code < 400 && bytes.Contains(bytes.ToLower(r.body), []byte("//"+foreignHost)):
		p.report("body", ruleHost, rules.HighConfidence, r,
			"A foreign Host header is accepted and reflected in an absolute link of the page", "Host: "+foreignHost+"\n"+evidence(r)+"\nbody: contains //"+foreignHost)
	case r.code == 400 || r.code == 421:
		p.pass(ruleHost, "a foreign Host header was rejected (%s)", r.status)
	default:
		p.observe("%s: a foreign Host header was accepted (%s) but not reflected in the start page", ruleHost, r.status)
	}
}

// checkCORS sends a simple request and a preflight with an unrelated Origin.
func (p *prober) checkCORS(ctx context.Context) {
	origin := "https://" + foreignHost
	names := []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials"}
	bad := false
	for _, kind := range []string{"simple", "preflight"} {
		var r *response
		var err error
		if kind == "simple" {
			r, err = p.get(ctx, p.origin, http.Header{"Origin": {origin}})
		} else {
			r, err = p.do(ctx, http.MethodOptions, p.origin, http.Header{"Origin": {origin},
				"Access-Control-Request-Method": {"POST"}, "Access-Control-Request-Headers": {"content-type"}}, nil, -1, p.opts.Timeout)
		}
		if err != nil {
			p.observe("%s: %s request not sent: %v", ruleCORS, kind, err)
			return
		}
		acao := strings.TrimSpace(r.header.Get("Access-Control-Allow-Origin"))
		creds := strings.EqualFold(strings.TrimSpace(r.header.Get("Access-Control-Allow-Credentials")), "true")
		ev := "Origin: " + origin + "\n" + evidence(r, names...)
		switch {
		case acao == origin && creds:
			bad = true
			p.report("reflect", ruleCORS, rules.HighConfidence, r, fmt.Sprintf("An unrelated Origin is reflected in Access-Control-Allow-Origin with Allow-Credentials: true (%s request), so any site can read responses with the user's cookies", kind), ev)
		case acao == origin:
			bad = true
			p.report("reflect", ruleCORS, rules.HighConfidence, r, fmt.Sprintf("An unrelated Origin is reflected in Access-Control-Allow-Origin (%s request)", kind), ev)
		case acao == "*" && creds:
			bad = true
			p.report("star", ruleCORS, rules.HighConfidence, r, fmt.Sprintf("Access-Control-Allow-Origin: * with Allow-Credentials: true (%s request)", kind), ev)
		}
	}
	if !bad {
		p.pass(ruleCORS, "an unrelated Origin is not allowed on the start URL (simple request and preflight)")
	}
}

// checkTrace sends one TRACE to the start URL.
func (p *prober) checkTrace(ctx context.Context) {
	r, err := p.do(ctx, "TRACE", p.origin, nil, nil, -1, p.opts.Timeout)
	if err != nil {
		p.observe("%s: TRACE not sent: %v", ruleHTTP, err)
		return
	}
	if r.code == 200 && bytes.HasPrefix(bytes.ToUpper(bytes.TrimSpace(r.body)), []byte("TRACE ")) {
		p.report("trace", ruleHTTP, rules.HighConfidence, r, "TRACE is enabled and echoes the request (cross-site tracing)", evidence(r, "Content-Type"))
		return
	}
	p.observe("%s: TRACE is not enabled (%s)", ruleHTTP, r.status)
}

// stateWords in a form's action or field names suggest it changes state.
var stateWords = []string{"delete", "remove", "update", "edit", "create", "save", "transfer", "reset", "password", "logout", "upload", "pay", "order", "submit"}

// checkForms reports forms of the start page that change state by GET.
// Forms are never submitted.
func (p *prober) checkForms(start *response, forms []form) {
	for _, f := range forms {
		if f.method != "get" {
			continue
		}
		hay := strings.ToLower(f.action + " " + strings.Join(f.fields, " "))
		for _, w := range stateWords {
			if strings.Contains(hay, w) && !strings.Contains(hay, "search") {
				p.report("form:"+f.action, ruleHTTP, rules.MediumConfidence, start,
					fmt.Sprintf("A form of the start page that looks state-changing (%q) is submitted by GET", w),
					evidence(start)+"\n"+f.String())
				break
			}
		}
	}
}

// cookie is one Set-Cookie line, its value never kept.
type cookie struct {
	name             string
	attrs            []string // as sent, lower-cased names
	secure, httpOnly bool
	sameSite         string // "" when absent, lower-cased
	deletion         bool
}

// parseSetCookie reads one Set-Cookie header without keeping its value.
func parseSetCookie(line string) cookie {
	parts := strings.Split(line, ";")
	name, _, _ := strings.Cut(parts[0], "=")
	c := cookie{name: strings.TrimSpace(name)}
	for _, a := range parts[1:] {
		k, v, _ := strings.Cut(strings.TrimSpace(a), "=")
		k = strings.ToLower(strings.TrimSpace(k))
		switch k {
		case "secure":
			c.secure = true
		case "httponly":
			c.httpOnly = true
		case "samesite":
			c.sameSite = strings.ToLower(strings.TrimSpace(v))
		case "max-age":
			c.deletion = c.deletion || strings.TrimSpace(v) == "0"
		case "expires":
			if t, err := http.ParseTime(strings.TrimSpace(v)); err == nil && t.Before(time.Unix(86400*365, 0)) {
				c.deletion = true
			}
		}
		c.attrs = append(c.attrs, strings.TrimSpace(a))
	}
	return c
}

// String is the cookie with its value redacted.
func (c cookie) String() string {
	return "Set-Cookie: " + strings.Join(append([]string{c.name + "=<redacted>"}, c.attrs...), "; ")
}

// sessionLike reports whether a cookie name looks like a session cookie.
func sessionLike(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "session") || strings.Contains(n, "sess") || n == "remember_token" || strings.HasSuffix(n, "_auth")
}

// checkCookies checks every cookie the fetched pages set.
func (p *prober) checkCookies(pages []*response) {
	https := p.origin.Scheme == "https"
	n := 0
	for _, r := range pages {
		for _, line := range r.header.Values("Set-Cookie") {
			c := parseSetCookie(line)
			n++
			var missing []string
			if https && !c.secure {
				missing = append(missing, "Secure")
			}
			if sessionLike(c.name) && !c.httpOnly {
				missing = append(missing, "HttpOnly")
			}
			switch {
			case c.sameSite == "":
				missing = append(missing, "SameSite")
			case c.sameSite == "none":
				missing = append(missing, "SameSite other than None")
			}
			if len(missing) == 0 {
				continue
			}
			conf := rules.HighConfidence
			what := "sets"
			if c.deletion {
				// A deletion cookie shows the configured attributes on most
				// frameworks, but some older ones send none when deleting.
				conf, what = rules.MediumConfidence, "deletes"
			}
			p.report("cookie:"+c.name, ruleSess, conf, r,
				fmt.Sprintf("The response %s cookie %q without %s", what, c.name, strings.Join(missing, ", ")),
				evidence(r)+"\n"+c.String())
		}
	}
	if n == 0 {
		p.observe("%s: no page set a cookie; cookie attributes not checked", ruleSess)
		return
	}
	if _, bad := p.res.Checked[ruleSess]; !bad {
		p.pass(ruleSess, "%d %s observed, each with the expected Secure/HttpOnly/SameSite attributes", n, plural(n, "cookie", "cookies"))
	}
}

// tokenNames in a form field name suggest a CSRF token.
var tokenNames = []string{"csrf", "xsrf", "token", "authenticity", "nonce"}

// checkCSRF is an observation only: POST forms of the start page without a
// token field while the session cookie allows cross-site sending.
func (p *prober) checkCSRF(start *response, forms []form, pages []*response) {
	var weak *cookie
	for _, r := range pages {
		for _, line := range r.header.Values("Set-Cookie") {
			c := parseSetCookie(line)
			if sessionLike(c.name) && (c.sameSite == "" || c.sameSite == "none") {
				weak = &c
			}
		}
	}
	for _, f := range forms {
		if f.method != "post" {
			continue
		}
		tok := false
		for _, fld := range f.fields {
			if containsAny([]byte(strings.ToLower(fld)), tokenNames) {
				tok = true
			}
		}
		if tok || weak == nil {
			continue
		}
		p.report("form:"+f.action, ruleCSRF, rules.MediumConfidence, start,
			"A POST form of the start page carries no token field and the session cookie is sent cross-site (SameSite missing or None); the form was not submitted",
			evidence(start)+"\n"+f.String()+"\n"+weak.String())
	}
}

// checkLimits streams one body just over MaxBody to each --post-path and
// stops as soon as the server answers.
func (p *prober) checkLimits(ctx context.Context) {
	for _, path := range p.opts.PostPaths {
		u, err := p.sameOrigin(path)
		if err != nil {
			p.observe("%s: skipped --post-path %q: %v", ruleLimits, path, err)
			continue
		}
		size := p.opts.MaxBody + 1
		r, err := p.do(ctx, http.MethodPost, u, http.Header{"Content-Type": {"application/octet-stream"}},
			io.LimitReader(zeros{}, size), size, 6*p.opts.Timeout)
		if err != nil {
			if err == errBudget {
				return
			}
			// The server closed the connection while the body was sent:
			// it refused the body.
			p.pass(ruleLimits, "POST %s with %d bytes: the server closed the connection (%v)", u.Path, size, err)
			continue
		}
		switch {
		case r.code == http.StatusRequestEntityTooLarge:
			p.pass(ruleLimits, "POST %s with %d bytes was refused (%s)", u.Path, size, r.status)
		case r.code == http.StatusNotFound || r.code == http.StatusMethodNotAllowed:
			p.observe("%s: POST %s answered %s; no conclusion about the body limit", ruleLimits, u.Path, r.status)
		default:
			p.report("limit:"+u.Path, ruleLimits, rules.MediumConfidence, r,
				fmt.Sprintf("A %d-byte body to %s was read without 413", size, u.Path),
				fmt.Sprintf("POST %s with Content-Length: %d\n", u.Path, size)+evidence(r, "Content-Type"))
		}
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

func containsAny(b []byte, subs []string) bool {
	for _, s := range subs {
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
