// Package lsp is flasksec's passive-review mode: a Language Server
// Protocol server, spoken over standard input and output, that shows
// flasksec's findings as diagnostics while the user edits, unsaved
// buffers included.
//
// The server loads the workspace once with the scan's own configuration,
// rules and loader (scan.Prepare), keeps the parsed files between
// analyses, and on every change analyses the tree with the open buffers
// in place of their files: the rules read only the project, so running
// them all over the updated project gives exactly what `flasksec scan`
// would report for the buffers' content. Analyses run one at a time on a
// background goroutine, after a short quiet period (Options.Debounce); a
// change made while one runs supersedes it, and its results are dropped,
// so diagnostics never go back to an older state.
//
// Hover on a diagnostic shows the rule's documentation; the one code
// action is a quick fix that inserts an inline suppression comment with
// a reason to write. The server never edits code otherwise.
//
// Secrets never leave the server (spec section 0): findings are redacted
// by rules.Pass.Report, scan problems pass through rules.RedactProse, and
// the log names counts, paths and timings, never file content.
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// DefaultDebounce is how long the server waits after the last change
// before it analyses again.
const DefaultDebounce = 250 * time.Millisecond

// Options configures a server.
type Options struct {
	// ParsePython parses Python files (python/parser.ParseFile); required.
	ParsePython project.ParseFunc
	// Rules are the rules to run (rules/all.Rules()).
	Rules []*rules.Rule
	// MinConfidence hides findings below it unless the client's
	// initializationOptions say otherwise; 0 means Medium, as in the CLI.
	MinConfidence rules.Confidence
	// MinSeverity hides findings below it; 0 shows every severity.
	MinSeverity rules.Severity
	// ConfigFile is the configuration file to use; "" looks for
	// .flasksec.toml or pyproject.toml in the workspace root.
	ConfigFile string
	// Debounce is the quiet period after a change before the analysis
	// runs; 0 analyses at once (tests). The command uses DefaultDebounce.
	Debounce time.Duration
	// Log receives the server's log; nil discards it.
	Log *log.Logger
	// Version is flasksec's version, reported in serverInfo.
	Version string
	// MaxMessage bounds the size of an incoming message; 0 means
	// DefaultMaxMessage.
	MaxMessage int64
}

// Serve runs one language server session: it reads requests and
// notifications from in and writes responses and notifications to out
// until the client sends exit, in ends or ctx is done. It returns the
// process exit code the protocol asks for: 0 when the client asked for
// shutdown first, 1 otherwise.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) int {
	s := newServer(opts, out)
	ctx, cancel := context.WithCancel(ctx)
	go s.worker(ctx)
	code := s.readLoop(ctx, NewReader(in, opts.MaxMessage))
	cancel()
	s.stop()
	return code
}

// server is one session.
type server struct {
	opts Options
	log  *log.Logger
	out  *Writer

	// Set while handling initialize, before any analysis; read-only after.
	enc          posEncoding
	markdown     bool
	related      bool
	docChanges   bool
	watchDynamic bool
	scanOpts     scan.Options

	// Used by the reading goroutine only.
	initialized, shutdown bool

	mu        sync.Mutex
	ws        *workspace           // nil until a root is known
	docs      map[string]*document // open documents by URI
	gen       uint64               // bumped by every change
	changedAt time.Time            // when the latest change arrived
	events    diskEvents
	cancelRun context.CancelFunc // cancels the running analysis
	view      *view              // what was last published
	timer     *time.Timer
	lastErr   string // the last workspace error shown to the user

	wake chan struct{}
	done chan struct{} // closed when the worker returns
}

func newServer(opts Options, out io.Writer) *server {
	lg := opts.Log
	if lg == nil {
		lg = log.New(io.Discard, "", 0)
	}
	return &server{opts: opts, log: lg, out: NewWriter(out), docs: map[string]*document{},
		view: &view{files: map[string]*fileView{}}, wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// stop ends the session: no more writes, no more analyses.
func (s *server) stop() {
	s.out.Close()
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
	}
	if s.cancelRun != nil {
		s.cancelRun()
	}
	s.mu.Unlock()
	// An analysis cannot be interrupted inside the rules; wait a little
	// for it so that it does not outlive the session, but do not hang.
	select {
	case <-s.done:
	case <-time.After(5 * time.Second):
		s.log.Printf("analysis still running at exit; not waiting for it")
	}
}

// readLoop reads and handles messages until exit; it returns the exit
// code.
func (s *server) readLoop(ctx context.Context, r *Reader) int {
	type result struct {
		body []byte
		err  error
	}
	msgs := make(chan result)
	go func() {
		for {
			body, err := r.Read()
			select {
			case msgs <- result{body, err}:
			case <-ctx.Done():
				return
			}
			var fe *FrameError
			if err != nil && !errors.As(err, &fe) {
				return
			}
		}
	}()
	for {
		var m result
		select {
		case <-ctx.Done():
			s.log.Printf("stopping: %v", ctx.Err())
			return 1
		case m = <-msgs:
		}
		if m.err != nil {
			var fe *FrameError
			if errors.As(m.err, &fe) {
				s.log.Printf("%v", fe)
				if fe.Oversize {
					// Say so: the document it changed is no longer what
					// the editor shows, and its diagnostics are stale.
					s.notify("window/showMessage", showMessageParams{Type: 2, Message: "flasksec: a " + fe.Msg + "; a document it opened or changed is not analysed as shown"})
				}
				continue
			}
			if !errors.Is(m.err, io.EOF) {
				s.log.Printf("reading: %v", m.err)
			} else {
				s.log.Printf("input closed without exit")
			}
			if s.shutdown {
				return 0
			}
			return 1
		}
		if code, exit := s.handle(m.body); exit {
			return code
		}
	}
}

// handle handles one message body; exit is true for the exit
// notification, with the exit code.
func (s *server) handle(body []byte) (code int, exit bool) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		s.log.Printf("batch messages are not supported")
		s.replyError(json.RawMessage("null"), codeInvalidRequest, "batch messages are not supported")
		return 0, false
	}
	var msg rawMessage
	if err := json.Unmarshal(body, &msg); err != nil {
		s.log.Printf("message is not valid JSON-RPC (%d bytes): %v", len(body), jsonErrorText(err))
		code, text := codeParseError, "parse error: "
		if json.Valid(body) {
			code, text = codeInvalidRequest, "invalid request: "
		}
		s.replyError(json.RawMessage("null"), code, text+jsonErrorText(err))
		return 0, false
	}
	if msg.Method == "" {
		if len(msg.ID) > 0 {
			// A response to a request of ours (client/registerCapability).
			if msg.Error != nil {
				s.log.Printf("client answered request %s with an error: %v", msg.ID, msg.Error)
			}
			return 0, false
		}
		s.log.Printf("message with neither method nor id ignored")
		return 0, false
	}
	if msg.JSONRPC != "2.0" || (len(msg.ID) > 0 && !validID(msg.ID) && string(msg.ID) != "null") {
		if len(msg.ID) > 0 {
			id := msg.ID
			if !validID(id) {
				id = json.RawMessage("null")
			}
			s.replyError(id, codeInvalidRequest, `invalid request: want "jsonrpc": "2.0" and a number or string id`)
		}
		return 0, false
	}
	if msg.Method == "exit" {
		if s.shutdown {
			return 0, true
		}
		return 1, true
	}
	if !msg.isRequest() {
		s.notification(msg.Method, msg.Params)
		return 0, false
	}
	result, rerr := s.request(msg.Method, msg.Params)
	if rerr != nil {
		s.replyError(msg.ID, rerr.Code, rerr.Message)
	} else if err := s.out.Write(resultResponse{JSONRPC: "2.0", ID: msg.ID, Result: result}); err != nil {
		s.log.Printf("%v", err)
	}
	return 0, false
}

func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("invalid JSON at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	return "invalid JSON"
}

func (s *server) replyError(id json.RawMessage, code int, msg string) {
	if err := s.out.Write(errorResponse{JSONRPC: "2.0", ID: id, Error: &responseError{Code: code, Message: msg}}); err != nil {
		s.log.Printf("%v", err)
	}
}

func (s *server) notify(method string, params any) {
	if err := s.out.Write(notification{JSONRPC: "2.0", Method: method, Params: params}); err != nil && !errors.Is(err, errWriterClosed) {
		s.log.Printf("%v", err)
	}
}

// request handles a request and returns its result or error.
func (s *server) request(method string, params json.RawMessage) (result any, rerr *responseError) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Printf("panic handling %s: %v\n%s", method, v, debug.Stack())
			result, rerr = nil, &responseError{Code: codeInternalError, Message: "internal error handling " + method}
		}
	}()
	switch {
	case method == "initialize":
		if s.initialized {
			return nil, &responseError{Code: codeInvalidRequest, Message: "initialize was already received"}
		}
	case !s.initialized:
		return nil, &responseError{Code: codeServerNotInitialized, Message: "the server is not initialized"}
	case s.shutdown:
		return nil, &responseError{Code: codeInvalidRequest, Message: "the server is shut down"}
	}
	decode := func(v any) *responseError {
		if len(params) == 0 || string(params) == "null" {
			return &responseError{Code: codeInvalidParams, Message: method + ": missing params"}
		}
		if err := json.Unmarshal(params, v); err != nil {
			return &responseError{Code: codeInvalidParams, Message: method + ": " + jsonErrorText(err)}
		}
		return nil
	}
	switch method {
	case "initialize":
		var p initializeParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		return s.initialize(&p), nil
	case "shutdown":
		s.shutdown = true
		s.mu.Lock()
		if s.timer != nil {
			s.timer.Stop()
		}
		if s.cancelRun != nil {
			s.cancelRun()
		}
		s.mu.Unlock()
		return nil, nil
	case "textDocument/hover":
		var p textDocumentPositionParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		return s.hover(&p), nil
	case "textDocument/codeAction":
		var p codeActionParams
		if e := decode(&p); e != nil {
			return nil, e
		}
		return s.codeActions(&p), nil
	}
	return nil, &responseError{Code: codeMethodNotFound, Message: "method not found: " + method}
}

// notification handles a notification; unknown ones are ignored.
func (s *server) notification(method string, params json.RawMessage) {
	defer func() {
		if v := recover(); v != nil {
			s.log.Printf("panic handling %s: %v\n%s", method, v, debug.Stack())
		}
	}()
	if !s.initialized || s.shutdown {
		return
	}
	decode := func(v any) bool {
		if err := json.Unmarshal(params, v); err != nil {
			s.log.Printf("%s: bad params: %s", method, jsonErrorText(err))
			return false
		}
		return true
	}
	switch method {
	case "initialized":
		s.registerWatchers()
		s.changed()
	case "textDocument/didOpen":
		var p didOpenParams
		if decode(&p) {
			td := p.TextDocument
			s.open(td.URI, td.Version, td.Text)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if decode(&p) {
			s.edit(&p)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if decode(&p) {
			s.saved(p.TextDocument.URI)
		}
	case "textDocument/didClose":
		var p didCloseParams
		if decode(&p) {
			s.close(p.TextDocument.URI)
		}
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if decode(&p) {
			s.watched(&p)
		}
	case "$/cancelRequest":
		// Requests are answered as they are read, so there is never one
		// left to cancel.
	default:
		// Unknown notifications ($/setTrace, workspace/didChangeConfiguration...)
		// are ignored, as the protocol asks.
	}
}

// initialize reads the client's capabilities and the workspace root.
func (s *server) initialize(p *initializeParams) *initializeResult {
	s.initialized = true
	caps := p.Capabilities
	s.enc = chooseEncoding(caps.General.PositionEncodings)
	s.markdown = len(caps.TextDocument.Hover.ContentFormat) == 0 || caps.TextDocument.Hover.ContentFormat[0] == "markdown"
	for _, f := range caps.TextDocument.Hover.ContentFormat {
		if f == "markdown" {
			s.markdown = true
		}
	}
	s.related = caps.TextDocument.PublishDiagnostics.RelatedInformation
	s.docChanges = caps.Workspace.WorkspaceEdit.DocumentChanges
	s.watchDynamic = caps.Workspace.DidChangeWatchedFiles.DynamicRegistration

	s.scanOpts = scan.Options{ParsePython: s.opts.ParsePython, Rules: s.opts.Rules, ConfigFile: s.opts.ConfigFile,
		MinConfidence: s.opts.MinConfidence, MinSeverity: s.opts.MinSeverity, Strict: true}
	root, rootURI := s.rootOf(p)
	if tooBroad(root) {
		// Editors started outside any project name the home folder or
		// "/": walking it would read far more than the project.
		s.log.Printf("workspace %s is the home folder or the file system root: the folder of the first file opened is the root instead", root)
		root, rootURI = "", ""
	}
	if len(p.InitializationOptions) > 0 && string(p.InitializationOptions) != "null" {
		s.applyInitOptions(p.InitializationOptions, root)
	}
	if root != "" {
		s.mu.Lock()
		s.ws = newWorkspace(root, rootURI, s.scanOpts)
		s.mu.Unlock()
		s.log.Printf("workspace %s; positions in %s", root, s.enc)
	} else {
		s.log.Printf("no workspace folder: the folder of the first file opened is the root")
	}
	return &initializeResult{
		Capabilities: serverCapabilities{
			PositionEncoding:   s.enc.String(),
			TextDocumentSync:   textDocumentSync{OpenClose: true, Change: syncFull, Save: saveOptions{IncludeText: false}},
			HoverProvider:      true,
			CodeActionProvider: codeActionProvider{CodeActionKinds: []string{"quickfix"}},
		},
		ServerInfo: serverInfo{Name: "flasksec", Version: s.opts.Version},
	}
}

// rootOf returns the workspace root: the first workspace folder, else
// rootUri, else the deprecated rootPath; "" when there is none.
func (s *server) rootOf(p *initializeParams) (root, rootURI string) {
	var uris []string
	for _, f := range p.WorkspaceFolders {
		uris = append(uris, f.URI)
	}
	if p.RootURI != nil && *p.RootURI != "" {
		uris = append(uris, *p.RootURI)
	}
	for _, u := range uris {
		path, err := uriToPath(u)
		if err != nil {
			s.log.Printf("workspace %s: %v", u, err)
			continue
		}
		return path, strings.TrimSuffix(u, "/")
	}
	if p.RootPath != nil && *p.RootPath != "" {
		if abs, err := filepath.Abs(*p.RootPath); err == nil {
			return abs, pathToURI(abs)
		}
	}
	return "", ""
}

// tooBroad reports whether a workspace root is the file system's root or
// the user's home folder.
func tooBroad(root string) bool {
	if root == "" {
		return false
	}
	clean := filepath.Clean(root)
	if clean == filepath.Dir(clean) {
		return true
	}
	home, err := os.UserHomeDir()
	return err == nil && home != "" && filepath.Clean(home) == clean
}

// applyInitOptions reads the initializationOptions; a bad value is
// reported and the default kept.
func (s *server) applyInitOptions(raw json.RawMessage, root string) {
	var o initOptions
	if err := json.Unmarshal(raw, &o); err != nil {
		s.showError("flasksec: initializationOptions: " + jsonErrorText(err))
		return
	}
	if o.Confidence != "" {
		if c, err := rules.ParseConfidence(o.Confidence); err != nil {
			s.showError("flasksec: initializationOptions.confidence: " + err.Error())
		} else {
			s.scanOpts.MinConfidence = c
		}
	}
	if o.Severity != "" {
		if v, err := rules.ParseSeverity(o.Severity); err != nil {
			s.showError("flasksec: initializationOptions.severity: " + err.Error())
		} else {
			s.scanOpts.MinSeverity = v
		}
	}
	resolve := func(p string) string {
		if p == "" || filepath.IsAbs(p) || root == "" {
			return p
		}
		return filepath.Join(root, p)
	}
	if o.Config != "" {
		s.scanOpts.ConfigFile = resolve(o.Config)
	}
	if o.Baseline != "" {
		s.scanOpts.Baseline = resolve(o.Baseline)
	}
}

// showError shows a message to the user (window/showMessage).
func (s *server) showError(msg string) {
	s.log.Print(msg)
	s.notify("window/showMessage", showMessageParams{Type: 1, Message: msg})
}

// registerWatchers asks the client to report changes to the files
// flasksec reads, when it can register for them dynamically. Clients
// without it still report saves of open files (didSave); other changes
// on disk are then seen when a buffer of the file is opened and closed.
func (s *server) registerWatchers() {
	if !s.watchDynamic {
		return
	}
	globs := []string{
		"**/*.{py,pyw,html,htm,xml,svg,jinja,jinja2,j2,txt,in,toml,lock,cfg,yml,yaml,ini,conf,service,sh,bash}",
		"**/{Dockerfile,Dockerfile.*,*.dockerfile,Procfile,Pipfile,Caddyfile,.htaccess,.env,.env.*,.flaskenv,.gitignore}",
	}
	var ws []fileSystemWatcher
	for _, g := range globs {
		ws = append(ws, fileSystemWatcher{GlobPattern: g})
	}
	req := outRequest{JSONRPC: "2.0", ID: "flasksec-watch-1", Method: "client/registerCapability",
		Params: registrationParams{Registrations: []registration{{ID: "flasksec-watch", Method: "workspace/didChangeWatchedFiles",
			RegisterOptions: watchOptions{Watchers: ws}}}}}
	if err := s.out.Write(req); err != nil {
		s.log.Printf("%v", err)
	}
}
