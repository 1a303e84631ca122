package main

import (
	"bytes"
	"context"
	"time"

	"github.com/flasksec/flasksec/probe"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

const probeSummary = `Verify a running Flask app with a short, bounded set of requests (at most
--max-requests, same origin only, no redirect to another host, no attack
payloads, never submits a form) and report what it observes under the static
rules' IDs: security headers, cookie attributes, Werkzeug's development server
and debugger, Host header and CORS handling, TRACE and GET forms, and (with
--post-path) the request body size limit. See docs/probe.md.

Point it ONLY at systems you own or are explicitly allowed to test.`

const probeExamples = `  flasksec probe http://127.0.0.1:5000/
  flasksec probe --path /login --path /api/notes https://staging.example.com/
  flasksec probe --post-path /upload --max-body 8MB http://127.0.0.1:5000/
  flasksec scan . --probe http://127.0.0.1:5000/   static findings confirmed or resolved at runtime
`

// probeFlags are the flags of probe, also offered by scan as --probe*.
type probeFlags struct {
	url          string
	paths, posts listFlag
	maxReq       int
	timeout      time.Duration
	maxBody      int64
}

func (f *probeFlags) register(fs *flagSet, prefix string) {
	fs.Var(&f.paths, prefix+"path", "also fetch this same-origin `PATH` with GET (repeatable)")
	fs.Var(&f.posts, prefix+"post-path", "send one body just over --max-body to this same-origin `PATH` (repeatable; the LIMITS check)")
	fs.IntVar(&f.maxReq, prefix+"max-requests", probe.DefaultMaxRequests, "never send more than `N` requests")
	fs.DurationVar(&f.timeout, prefix+"timeout", probe.DefaultTimeout, "per-request `timeout`")
	fs.Int64Var(&f.maxBody, prefix+"max-body", probe.DefaultMaxBody, "body size limit in `bytes` the LIMITS check sends one byte over")
}

func (f *probeFlags) run(ctx context.Context, e *env) (*probe.Result, error) {
	return probe.Run(ctx, probe.Options{URL: f.url, Paths: f.paths, PostPaths: f.posts, MaxRequests: f.maxReq,
		Timeout: f.timeout, MaxBody: f.maxBody, Rules: e.rules()})
}

// mergeProbe probes f.url, when set, and merges what it saw into a scan's
// result (probe.Merge).
func (f *probeFlags) mergeProbe(ctx context.Context, e *env, res *scan.Result) error {
	if f.url == "" {
		return nil
	}
	pr, err := f.run(ctx, e)
	if err != nil {
		return err
	}
	probe.Merge(res, pr, e.rules())
	return nil
}

func runProbe(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "probe [flags] URL", probeSummary, probeExamples)
	var f probeFlags
	f.register(fs, "")
	var format, output string
	var failOn string
	fs.StringVar(&format, "format", "text", "output `format`: text, json, sarif, markdown")
	fs.StringVar(&format, "f", "text", "shorthand for --`format`")
	fs.StringVar(&output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&output, "o", "", "shorthand for --`output`")
	fs.StringVar(&failOn, "fail-on", "low", "exit 1 when a finding has at least this `severity`")
	pos, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(pos) != 1 {
		return fail(e, "probe: want exactly one URL (run \"flasksec probe --help\")")
	}
	f.url = pos[0]
	formatter, err := report.Lookup(format)
	if err != nil {
		return fail(e, "--format: %v", err)
	}
	minFail, err := rules.ParseSeverity(failOn)
	if err != nil {
		return fail(e, "--fail-on: %v", err)
	}
	if err := scan.WritableTarget(e.abs(output)); err != nil {
		return fail(e, "%v", err)
	}
	start := time.Now()
	pr, err := f.run(ctx, e)
	if err != nil {
		return fail(e, "%v", err)
	}
	res := probe.ToResult(pr, e.rules())
	res.Duration = time.Since(start)
	var buf bytes.Buffer
	if err := formatter(&buf, res, report.Options{Version: version, AdvisoryDate: advisoryDate(), Width: textWidth(e, output)}); err != nil {
		return fail(e, "%v", err)
	}
	if output != "" {
		if err := scan.WriteFileAtomic(e.abs(output), buf.Bytes()); err != nil {
			return fail(e, "%v", err)
		}
	} else if _, err := e.stdout.Write(buf.Bytes()); err != nil {
		return fail(e, "writing report: %v", err)
	}
	for _, r := range res.Findings {
		if r.Severity >= minFail {
			return exitFindings
		}
	}
	return exitOK
}
