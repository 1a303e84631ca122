// Package mcpserver serves flasksec as a Model Context Protocol server:
// the tools scan, check_code, explain, fix, new_project and snippet, each
// rule's text and the spec baseline as resources, and a "secure Flask
// code" prompt. Every path is confined to the root; nothing scanned is
// executed; findings pass through the rules' redaction; answers are
// size-capped; only new_project writes, and only into an empty folder.
//
// Each tool is registered by one function in the tools table, so a tool
// for a new command is one more function and one more table entry.
package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/report"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// MaxFindings is how many findings one answer carries at most; the
// answer says how many were left out.
const MaxFindings = 100

// MaxCodeBytes bounds the content check_code accepts.
const MaxCodeBytes = 1 << 20

// Options configure the server.
type Options struct {
	// Root is the project every path is confined to (absolute).
	Root string
	// Version is flasksec's version, reported to clients.
	Version string
	// Scan is the base of every scan (ParsePython and Rules are required);
	// Root is set by the server.
	Scan scan.Options
}

// server holds the fixed settings shared by the handlers.
type server struct {
	root     string // absolute root
	realRoot string // root with symbolic links resolved
	opts     Options
}

// New returns the MCP server for opts.
func New(opts Options) (*mcp.Server, error) {
	abs, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, fmt.Errorf("mcp root: %w", err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("mcp root: %w", err)
	}
	s := &server{root: abs, realRoot: real, opts: opts}
	srv := mcp.NewServer(&mcp.Implementation{Name: "flasksec", Version: opts.Version}, nil)
	for _, reg := range tools {
		reg(s, srv)
	}
	s.addResources(srv)
	s.addPrompts(srv)
	return srv, nil
}

// Serve runs the server over in and out until the client closes the
// connection or ctx ends.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	srv, err := New(opts)
	if err != nil {
		return err
	}
	w := &lockedWriter{w: out}
	t := &mcp.IOTransport{Reader: filterInput(in, w), Writer: w}
	if err := srv.Run(ctx, t); err != nil && !errors.Is(err, io.EOF) && ctx.Err() == nil {
		return fmt.Errorf("mcp server: %w", err)
	}
	return nil
}

// tools are the functions that register one tool each. Adding a tool is
// adding a function here.
var tools = []func(*server, *mcp.Server){
	(*server).addScan,
	(*server).addCheckCode,
	(*server).addExplain,
	(*server).addSnippet,
	(*server).addFix,
	(*server).addNewProject,
}

// confine returns the project path (slash-separated, relative to the
// root) of p, which may be relative to the root or absolute. It refuses
// paths that leave the root, by "..", by being absolute elsewhere, or by
// a symbolic link pointing out.
func (s *server) confine(p string) (string, error) {
	if p == "" || p == "." {
		return ".", nil
	}
	var abs string
	if filepath.IsAbs(p) {
		abs = filepath.Clean(p)
	} else {
		for _, part := range strings.Split(filepath.ToSlash(p), "/") {
			if part == ".." {
				return "", fmt.Errorf("path %q refused: \"..\" is not allowed; paths are relative to the project root %s", p, s.root)
			}
		}
		abs = filepath.Join(s.root, p)
	}
	rel, ok := within(s.root, abs)
	if !ok {
		if rel, ok = within(s.realRoot, abs); !ok {
			return "", fmt.Errorf("path %q refused: it is outside the project root %s", p, s.root)
		}
	}
	// A symbolic link on the way must not lead out of the root. The
	// deepest existing ancestor is resolved (check_code may name a file
	// not written yet).
	probe := filepath.Join(s.realRoot, rel)
	for {
		if r, err := filepath.EvalSymlinks(probe); err == nil {
			if _, ok := within(s.realRoot, r); !ok {
				return "", fmt.Errorf("path %q refused: a symbolic link leads outside the project root %s", p, s.root)
			}
			break
		}
		parent := filepath.Dir(probe)
		if parent == probe {
			break
		}
		probe = parent
	}
	return filepath.ToSlash(rel), nil
}

// within returns abs relative to root, and false when it is outside.
func within(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}

// ScanInput is the scan tool's input.
type ScanInput struct {
	Path     string   `json:"path,omitempty" jsonschema:"file or folder to scan, relative to the project root; default the whole project"`
	Rules    []string `json:"rules,omitempty" jsonschema:"only these rule IDs or ID prefixes, e.g. FLASK-XSS"`
	Severity string   `json:"severity,omitempty" jsonschema:"lowest severity to report: low, medium, high, critical"`
	DiffBase string   `json:"diff_base,omitempty" jsonschema:"a git revision: only findings on lines changed since it (git runs with every repository-configured command off)"`
}

func (s *server) addScan(srv *mcp.Server) {
	mcp.AddTool(srv, &mcp.Tool{
		Name:         "scan",
		Description:  "Scan the Flask project (or one path in it) for security problems; returns the findings in flasksec's JSON report shape (docs/json.md), capped, with a count of what was left out.",
		OutputSchema: reportSchema,
	}, func(ctx context.Context, _ *mcp.CallToolRequest, in ScanInput) (*mcp.CallToolResult, any, error) {
		rel, err := s.confine(in.Path)
		if err != nil {
			return nil, nil, err
		}
		if rel != "." {
			if _, err := os.Lstat(filepath.Join(s.realRoot, filepath.FromSlash(rel))); err != nil {
				return nil, nil, fmt.Errorf("path %s: no such file or folder under the project root %s", in.Path, s.root)
			}
		}
		// The whole project is analysed (cross-file flows need it) and
		// the answer keeps what is under rel, so that every path stays
		// relative to the root, as check_code and fix take them.
		opts := s.opts.Scan
		opts.Root = s.realRoot
		opts.Only = append(append([]string(nil), opts.Only...), in.Rules...)
		if in.Severity != "" {
			sev, err := rules.ParseSeverity(in.Severity)
			if err != nil {
				return nil, nil, fmt.Errorf("severity: %w", err)
			}
			opts.MinSeverity = sev
		}
		if in.DiffBase != "" {
			if strings.HasPrefix(in.DiffBase, "-") {
				return nil, nil, fmt.Errorf("diff_base %q: a revision cannot start with '-'", in.DiffBase)
			}
			opts.Diff = in.DiffBase
		}
		res, err := scan.Run(ctx, opts)
		if err != nil {
			return nil, nil, fmt.Errorf("scan %s: %w", rel, err)
		}
		if rel != "." {
			keepUnder(res, rel)
		}
		return s.answer(res)
	})
}

// CheckCodeInput is the check_code tool's input.
type CheckCodeInput struct {
	Code     string `json:"code" jsonschema:"the file's full content"`
	Filename string `json:"filename" jsonschema:"the file's path relative to the project root, e.g. app/views.py"`
}

func (s *server) addCheckCode(srv *mcp.Server) {
	mcp.AddTool(srv, &mcp.Tool{
		Name:         "check_code",
		Description:  "Check file content before writing it: analysed in memory together with the rest of the project (nothing is written to disk); returns the findings in that file.",
		OutputSchema: reportSchema,
	}, func(ctx context.Context, _ *mcp.CallToolRequest, in CheckCodeInput) (*mcp.CallToolResult, any, error) {
		if in.Filename == "" {
			return nil, nil, errors.New("filename is required")
		}
		if len(in.Code) > MaxCodeBytes {
			return nil, nil, fmt.Errorf("code is %d bytes; at most %d are checked", len(in.Code), MaxCodeBytes)
		}
		rel, err := s.confine(in.Filename)
		if err != nil {
			return nil, nil, err
		}
		if rel == "." {
			return nil, nil, errors.New("filename must name a file")
		}
		opts := s.opts.Scan
		opts.Root = s.realRoot
		prep, err := scan.Prepare(opts)
		if err != nil {
			return nil, nil, fmt.Errorf("preparing the scan: %w", err)
		}
		disk, err := prep.Load(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("loading the project: %w", err)
		}
		f, fe, sk := project.FromSource(rel, []byte(in.Code), prep.LoadOptions())
		files := make([]*project.File, 0, len(disk.Files)+1)
		for _, df := range disk.Files {
			if df.Path != rel {
				files = append(files, df)
			}
		}
		if f != nil {
			files = append(files, f)
		}
		sortFiles(files)
		proj := project.New(disk.Root, files, disk.Config)
		for _, e := range disk.Errors {
			if e.Path != rel {
				proj.Errors = append(proj.Errors, e)
			}
		}
		for _, k := range disk.Skipped {
			if k.Path != rel {
				proj.Skipped = append(proj.Skipped, k)
			}
		}
		if fe != nil {
			proj.Errors = append(proj.Errors, *fe)
		}
		if sk != nil {
			proj.Skipped = append(proj.Skipped, *sk)
		}
		res, err := prep.Analyze(ctx, proj)
		if err != nil {
			return nil, nil, fmt.Errorf("analysing %s: %w", rel, err)
		}
		res.Findings = onlyFile(res.Findings, rel)
		res.Errors = onlyProblems(res.Errors, rel)
		res.Skipped = nil
		return s.answer(res)
	})
}

// ExplainInput is the explain tool's input.
type ExplainInput struct {
	RuleID string `json:"rule_id" jsonschema:"a rule ID, e.g. FLASK-XSS-001"`
}

func (s *server) addExplain(srv *mcp.Server) {
	mcp.AddTool(srv, &mcp.Tool{
		Name:        "explain",
		Description: "Explain a flasksec rule: what it finds, why it matters and how to fix it.",
	}, func(_ context.Context, _ *mcp.CallToolRequest, in ExplainInput) (*mcp.CallToolResult, any, error) {
		r := s.rule(in.RuleID)
		if r == nil {
			return nil, nil, fmt.Errorf("unknown rule %q (the resource flasksec://rules lists them)", in.RuleID)
		}
		return textResult(report.RuleMarkdown(r)), nil, nil
	})
}

// rule returns the rule with this ID, or nil.
func (s *server) rule(id string) *rules.Rule {
	for _, r := range s.opts.Scan.Rules {
		if strings.EqualFold(r.ID, strings.TrimSpace(id)) {
			return r
		}
	}
	return nil
}

// MaxAnswerBytes caps the JSON of one scan or check_code answer; past it,
// findings are left out from the end (and counted) until it fits.
const MaxAnswerBytes = 256 << 10

// answer renders res as the JSON report of docs/json.md (written by
// report.JSON, so the field names are the report's), both as structured
// content and as indented text, keeping at most MaxFindings findings and
// MaxAnswerBytes bytes. The summary still counts every finding; a
// "truncated" object counts what was left out.
func (s *server) answer(res *scan.Result) (*mcp.CallToolResult, any, error) {
	structured, indented, err := cappedReport(res, s.opts.Version, MaxFindings, MaxAnswerBytes)
	if err != nil {
		return nil, nil, err
	}
	return textResult(string(indented)), structured, nil
}

// Truncated counts what an answer left out.
type Truncated struct {
	FindingsOmitted int    `json:"findings_omitted"`
	Note            string `json:"note"`
}

// cappedReport is the JSON report of res with at most maxFindings
// findings and, compact, at most maxBytes bytes (as long as findings
// remain to drop). It returns the compact and the indented encodings.
func cappedReport(res *scan.Result, version string, maxFindings, maxBytes int) (json.RawMessage, []byte, error) {
	var buf bytes.Buffer
	if err := report.JSON(&buf, res, report.Options{Version: version}); err != nil {
		return nil, nil, err
	}
	var doc struct {
		Version   int               `json:"version"`
		Tool      json.RawMessage   `json:"tool"`
		Findings  []json.RawMessage `json:"findings"`
		Errors    json.RawMessage   `json:"errors"`
		Skipped   json.RawMessage   `json:"skipped"`
		Summary   json.RawMessage   `json:"summary"`
		Truncated *Truncated        `json:"truncated,omitempty"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		return nil, nil, fmt.Errorf("reading the json report: %w", err)
	}
	omitted := 0
	if len(doc.Findings) > maxFindings {
		omitted = len(doc.Findings) - maxFindings
		doc.Findings = doc.Findings[:maxFindings]
	}
	encode := func() ([]byte, error) {
		if omitted > 0 {
			doc.Truncated = &Truncated{FindingsOmitted: omitted,
				Note: fmt.Sprintf("%d findings left out of this answer (summary counts them all); narrow with path, rules or severity", omitted)}
		}
		return json.Marshal(doc)
	}
	out, err := encode()
	for err == nil && len(out) > maxBytes && len(doc.Findings) > 0 {
		drop := max(1, len(doc.Findings)/4)
		doc.Findings = doc.Findings[:len(doc.Findings)-drop]
		omitted += drop
		out, err = encode()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("writing the answer: %w", err)
	}
	var ind bytes.Buffer
	if err := json.Indent(&ind, out, "", "  "); err != nil {
		return nil, nil, fmt.Errorf("writing the answer: %w", err)
	}
	ind.WriteByte('\n')
	return out, ind.Bytes(), nil
}

// reportSchema is the output schema of scan and check_code: the JSON
// report of docs/json.md with the truncation notice.
var reportSchema = json.RawMessage(`{"type":"object","properties":{` +
	`"version":{"type":"integer"},"tool":{"type":"object"},` +
	`"findings":{"type":"array","items":{"type":"object"}},` +
	`"errors":{"type":"array"},"skipped":{"type":"array"},"summary":{"type":"object"},` +
	`"truncated":{"type":"object"}},"required":["version","tool","findings","errors","skipped","summary"]}`)

func textResult(s string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: s}}}
}

func onlyFile(fs []rules.Finding, rel string) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.Location.Path == rel {
			out = append(out, f)
		}
	}
	return out
}

func onlyProblems(ps []scan.Problem, rel string) []scan.Problem {
	var out []scan.Problem
	for _, p := range ps {
		if p.Path == rel || p.Path == "" {
			out = append(out, p)
		}
	}
	return out
}

// under reports whether the project path p is rel or inside it.
func under(p, rel string) bool {
	return p == rel || strings.HasPrefix(p, rel+"/")
}

// keepUnder keeps the findings, file errors and skipped files under rel
// (and the problems of no file), and counts the findings again.
func keepUnder(res *scan.Result, rel string) {
	var fs []rules.Finding
	res.Counts = map[rules.Severity]int{}
	for _, f := range res.Findings {
		if under(f.Location.Path, rel) {
			fs = append(fs, f)
			res.Counts[f.Severity]++
		}
	}
	res.Findings = fs
	var errs []scan.Problem
	for _, e := range res.Errors {
		if e.Path == "" || under(e.Path, rel) {
			errs = append(errs, e)
		}
	}
	res.Errors = errs
	var sk []project.Skipped
	for _, k := range res.Skipped {
		if under(k.Path, rel) {
			sk = append(sk, k)
		}
	}
	res.Skipped = sk
}

func sortFiles(fs []*project.File) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
}
