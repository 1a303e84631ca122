// Package probe verifies a running Flask app with a short, polite, bounded
// set of HTTP requests, so that static findings which say "not visible in
// app code; verify at runtime/config" get an answer. It reports what it
// observes as rules.Finding values under the static rules' IDs, so every
// report format of scan prints them.
//
// Safety is part of the package, not of its callers: only http and https
// URLs; requests go to the start URL's origin only; no redirect is followed
// to another origin; a request budget and a per-request timeout bound the
// run; the User-Agent names flasksec; no payload beyond the header, method
// and body-size checks below is ever sent, and no form is ever submitted.
package probe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/flasksec/flasksec/rules"
)

// Defaults of Options.
const (
	DefaultMaxRequests = 40
	DefaultTimeout     = 5 * time.Second
	DefaultMaxBody     = 16 << 20
	// maxLinks bounds the same-origin links of the start page that are
	// fetched (they also count against the request budget).
	maxLinks = 8
	// bodyCap is how much of a response body is read.
	bodyCap = 512 << 10
	// foreignHost is the Host and Origin the probe claims to come from; the
	// .invalid top-level domain never resolves (RFC 2606).
	foreignHost = "flasksec-probe.invalid"
)

// UserAgent identifies the probe in the target's logs.
const UserAgent = "flasksec-probe/1 (+https://github.com/flasksec/flasksec; static analyser's runtime check)"

// Options say what to probe and how politely.
type Options struct {
	// URL is the start page, http or https.
	URL string
	// Paths are more same-origin paths to fetch with GET ("/login").
	Paths []string
	// PostPaths receive the one oversized body of the LIMITS check; none
	// means the check is not made.
	PostPaths []string
	// MaxRequests bounds the requests sent; 0 means DefaultMaxRequests.
	MaxRequests int
	// Timeout bounds each request; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBody is the body size the LIMITS check sends one byte over; 0
	// means DefaultMaxBody.
	MaxBody int64
	// Rules are the registered rules; a finding takes its title, severity,
	// CWE and documentation from the rule with its ID.
	Rules []*rules.Rule
	// Transport, when not nil, replaces http.DefaultTransport's clone
	// (tests pass an httptest server's TLS transport).
	Transport http.RoundTripper
}

// Result is what a probe saw.
type Result struct {
	// Target is the start URL as probed.
	Target string
	// Findings are the problems observed, sorted by rule ID and URL.
	Findings []rules.Finding
	// Observations say what was checked and found in order, one line each
	// ("FLASK-HOST-001: a foreign Host header was rejected with 400").
	Observations []string
	// Checked maps a rule ID to what was observed when the probe checked
	// that rule conclusively; Merge resolves static findings only for
	// these rules.
	Checked map[string]string
	// Requests is how many requests were sent.
	Requests int
	// Budget is true when a check was skipped because the request budget
	// ran out.
	Budget bool
}

// errBudget is returned when the request budget is spent.
var errBudget = errors.New("request budget spent")

// prober holds one run's state; it is never shared between runs.
type prober struct {
	opts   Options
	origin *url.URL
	client *http.Client
	res    *Result
	rules  map[string]*rules.Rule
	seen   map[string]bool // finding keys already reported
	// hops are the redirect responses followed within the origin; their
	// headers (Set-Cookie, Server) are checked like the pages'.
	hops []*response
}

// ValidateURL checks that raw is an absolute http or https URL with a host
// and returns it parsed.
func ValidateURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("probe URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("probe URL %q: only http and https URLs can be probed", raw)
	}
	if u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("probe URL %q: want scheme://host[:port]/path without credentials", raw)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	u.Fragment = ""
	return u, nil
}

// Run probes opts.URL and returns what it saw. Errors of single requests
// become observations; Run fails only on a bad URL or when the start page
// cannot be fetched at all.
func Run(ctx context.Context, opts Options) (*Result, error) {
	u, err := ValidateURL(opts.URL)
	if err != nil {
		return nil, err
	}
	if opts.MaxRequests <= 0 {
		opts.MaxRequests = DefaultMaxRequests
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBody <= 0 {
		opts.MaxBody = DefaultMaxBody
	}
	p := &prober{opts: opts, origin: u, res: &Result{Target: u.String(), Checked: map[string]string{}},
		rules: map[string]*rules.Rule{}, seen: map[string]bool{}}
	for _, r := range opts.Rules {
		p.rules[r.ID] = r
	}
	tr := opts.Transport
	if tr == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.Proxy = nil // the probe talks to the named origin, not via a proxy from the environment
		tr = t
	}
	p.client = &http.Client{Transport: tr, CheckRedirect: p.checkRedirect}

	start, err := p.get(ctx, u, nil)
	if err != nil {
		return nil, fmt.Errorf("probing %s: %w", u, err)
	}
	pages := []*response{start}
	for _, path := range opts.Paths {
		pu, err := p.sameOrigin(path)
		if err != nil {
			p.observe("skipped --path %q: %v", path, err)
			continue
		}
		if r, err := p.get(ctx, pu, nil); err == nil {
			pages = append(pages, r)
		} else {
			p.observe("GET %s: %v", pu, err)
		}
	}
	links, forms := parseHTML(start.body, start.url)
	n := 0
	for _, l := range links {
		if n == maxLinks || !p.isSameOrigin(l) || l.String() == start.url.String() {
			continue
		}
		n++
		if r, err := p.get(ctx, l, nil); err == nil {
			pages = append(pages, r)
		}
	}

	p.checkHeaders(pages)
	pages = append(pages, p.hops...)
	p.checkServer(pages)
	p.checkDebugger(ctx, pages)
	p.checkHost(ctx)
	p.checkCORS(ctx)
	p.checkTrace(ctx)
	p.checkForms(start, forms)
	p.checkCookies(pages)
	p.checkCSRF(start, forms, pages)
	p.checkLimits(ctx)

	sort.SliceStable(p.res.Findings, func(i, j int) bool {
		a, b := p.res.Findings[i], p.res.Findings[j]
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Location.Path < b.Location.Path
	})
	return p.res, nil
}

// response is one observed response, body capped at bodyCap.
type response struct {
	method string
	url    *url.URL
	status string // "HTTP/1.1 200 OK"
	code   int
	header http.Header
	body   []byte
}

// checkRedirect follows redirects only within the origin, and counts each
// followed redirect against the budget.
func (p *prober) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 3 || !p.isSameOrigin(req.URL) || via[0].Host != p.origin.Host {
		return http.ErrUseLastResponse
	}
	if p.res.Requests >= p.opts.MaxRequests {
		p.res.Budget = true
		return http.ErrUseLastResponse
	}
	p.res.Requests++
	req.Header.Set("User-Agent", UserAgent)
	if r := req.Response; r != nil {
		p.hops = append(p.hops, &response{method: r.Request.Method, url: r.Request.URL,
			status: fmt.Sprintf("%s %s", r.Proto, r.Status), code: r.StatusCode, header: r.Header})
	}
	return nil
}

func (p *prober) isSameOrigin(u *url.URL) bool {
	return u.Scheme == p.origin.Scheme && strings.EqualFold(u.Host, p.origin.Host)
}

// sameOrigin resolves a path against the start URL and refuses another
// origin.
func (p *prober) sameOrigin(path string) (*url.URL, error) {
	ref, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("bad path: %w", err)
	}
	u := p.origin.ResolveReference(ref)
	if !p.isSameOrigin(u) {
		return nil, errors.New("not on the probed origin")
	}
	u.Fragment = ""
	return u, nil
}

// get sends a GET with extra headers (nil for none).
func (p *prober) get(ctx context.Context, u *url.URL, hdr http.Header) (*response, error) {
	return p.do(ctx, http.MethodGet, u, hdr, nil, -1, p.opts.Timeout)
}

// do sends one request within the budget and reads at most bodyCap bytes
// of the answer.
func (p *prober) do(ctx context.Context, method string, u *url.URL, hdr http.Header, body io.Reader, size int64, timeout time.Duration) (*response, error) {
	if !p.isSameOrigin(u) {
		return nil, fmt.Errorf("%s is not on the probed origin", u)
	}
	if p.res.Requests >= p.opts.MaxRequests {
		p.res.Budget = true
		return nil, errBudget
	}
	p.res.Requests++
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("building %s %s: %w", method, u, err)
	}
	if size >= 0 {
		req.ContentLength = size
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	if h := hdr.Get("Host"); h != "" {
		req.Host = h
		req.Header.Del("Host")
	}
	req.Header.Set("User-Agent", UserAgent)
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, u.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, bodyCap))
	return &response{method: method, url: resp.Request.URL, status: fmt.Sprintf("%s %s", resp.Proto, resp.Status),
		code: resp.StatusCode, header: resp.Header, body: b}, nil
}

// observe records an observation line.
func (p *prober) observe(format string, args ...any) {
	p.res.Observations = append(p.res.Observations, fmt.Sprintf(format, args...))
}

// pass records that a rule was checked conclusively and nothing was wrong.
func (p *prober) pass(ruleID, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if _, ok := p.res.Checked[ruleID]; !ok {
		p.res.Checked[ruleID] = msg
	}
	p.observe("%s: %s", ruleID, msg)
}

// report adds a finding once per key; it also marks the rule checked.
func (p *prober) report(key, ruleID string, conf rules.Confidence, r *response, msg, evidence string) {
	if _, ok := p.res.Checked[ruleID]; !ok {
		p.res.Checked[ruleID] = msg
	}
	if p.seen[ruleID+"\x00"+key] {
		return
	}
	p.seen[ruleID+"\x00"+key] = true
	f := rules.Finding{RuleID: ruleID, Confidence: conf, Message: msg + " (observed at runtime)", Evidence: evidence,
		Location: rules.Location{Path: r.url.String(), Route: r.method + " " + r.url.EscapedPath()}}
	if rule := p.rules[ruleID]; rule != nil {
		f.Title, f.Severity, f.CWE = rule.Title, rule.Severity, rule.CWE
		f.Impact, f.Fix, f.Mitigation, f.FalsePositiveNotes = rule.Doc.Impact, rule.Doc.Fix, rule.Doc.Mitigation, rule.Doc.FalsePositives
	}
	if f.Severity == 0 {
		f.Severity = rules.Medium
	}
	if f.Title == "" {
		f.Title = ruleID
	}
	p.res.Findings = append(p.res.Findings, f)
}

// evidence is the status line and the named header lines of a response
// (absent ones said so); Set-Cookie values are never included here.
func evidence(r *response, names ...string) string {
	lines := []string{r.method + " " + r.url.RequestURI() + " -> " + r.status}
	for _, n := range names {
		vs := r.header.Values(n)
		if len(vs) == 0 {
			lines = append(lines, n+": (absent)")
			continue
		}
		for _, v := range vs {
			lines = append(lines, n+": "+clip(v))
		}
	}
	return strings.Join(lines, "\n")
}

// clip keeps a header value short and on one line.
func clip(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
