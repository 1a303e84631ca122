package lsp

import "encoding/json"

// The few Language Server Protocol (3.17) types the server uses, with the
// protocol's field names. Only the fields flasksec reads or writes are
// declared; the JSON decoder ignores the others.

// Position is a 0-based line and a 0-based column in the position
// encoding agreed at initialisation (UTF-16 code units by default).
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a half-open range of positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// contains reports whether p is inside r, ends included (a cursor right
// after the last character still hovers the range).
func (r Range) contains(p Position) bool {
	return !p.before(r.Start) && !r.End.before(p)
}

// overlaps reports whether r and o share a position, ends included.
func (r Range) overlaps(o Range) bool {
	return !r.End.before(o.Start) && !o.End.before(r.Start)
}

func (p Position) before(o Position) bool {
	return p.Line < o.Line || (p.Line == o.Line && p.Character < o.Character)
}

// Location is a range in a document.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// Diagnostic severities.
const (
	severityError       = 1
	severityWarning     = 2
	severityInformation = 3
)

// Diagnostic is one problem shown in the editor.
type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           int                            `json:"severity,omitempty"`
	Code               string                         `json:"code,omitempty"`
	Source             string                         `json:"source,omitempty"`
	Message            string                         `json:"message"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
	Data               *diagnosticData                `json:"data,omitempty"`
}

// diagnosticData travels with a diagnostic to the client and back in
// code action requests.
type diagnosticData struct {
	Line        int    `json:"line"`                  // the finding's 1-based start line
	Fingerprint string `json:"fingerprint,omitempty"` // the finding's fingerprint
}

// DiagnosticRelatedInformation is one step of a finding's data-flow trace.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// PublishDiagnosticsParams is the textDocument/publishDiagnostics
// notification.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

type initializeParams struct {
	ProcessID             *int              `json:"processId"`
	RootURI               *string           `json:"rootUri"`
	RootPath              *string           `json:"rootPath"`
	WorkspaceFolders      []workspaceFolder `json:"workspaceFolders"`
	InitializationOptions json.RawMessage   `json:"initializationOptions"`
	Capabilities          struct {
		General struct {
			PositionEncodings []string `json:"positionEncodings"`
		} `json:"general"`
		TextDocument struct {
			Hover struct {
				ContentFormat []string `json:"contentFormat"`
			} `json:"hover"`
			PublishDiagnostics struct {
				RelatedInformation bool `json:"relatedInformation"`
			} `json:"publishDiagnostics"`
		} `json:"textDocument"`
		Workspace struct {
			WorkspaceEdit struct {
				DocumentChanges bool `json:"documentChanges"`
			} `json:"workspaceEdit"`
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
		} `json:"workspace"`
	} `json:"capabilities"`
}

type workspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// initOptions are the server's initializationOptions.
type initOptions struct {
	// Confidence is the lowest confidence shown: "high", "medium"
	// (default) or "low".
	Confidence string `json:"confidence"`
	// Severity is the lowest severity shown: "critical", "high",
	// "medium" or "low" (default).
	Severity string `json:"severity"`
	// Config is a configuration file to use instead of .flasksec.toml or
	// pyproject.toml, absolute or relative to the workspace root.
	Config string `json:"config"`
	// Baseline is a baseline file whose findings are not shown.
	Baseline string `json:"baseline"`
}

type initializeResult struct {
	Capabilities serverCapabilities `json:"capabilities"`
	ServerInfo   serverInfo         `json:"serverInfo"`
}

type serverInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type serverCapabilities struct {
	PositionEncoding   string             `json:"positionEncoding,omitempty"`
	TextDocumentSync   textDocumentSync   `json:"textDocumentSync"`
	HoverProvider      bool               `json:"hoverProvider"`
	CodeActionProvider codeActionProvider `json:"codeActionProvider"`
}

// Text document sync kinds.
const syncFull = 1

type textDocumentSync struct {
	OpenClose bool        `json:"openClose"`
	Change    int         `json:"change"`
	Save      saveOptions `json:"save"`
}

type saveOptions struct {
	IncludeText bool `json:"includeText"`
}

type codeActionProvider struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

type textDocumentIdentifier struct {
	URI string `json:"uri"`
}

type versionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int    `json:"version"`
}

type didOpenParams struct {
	TextDocument struct {
		URI        string `json:"uri"`
		LanguageID string `json:"languageId"`
		Version    int    `json:"version"`
		Text       string `json:"text"`
	} `json:"textDocument"`
}

type didChangeParams struct {
	TextDocument   versionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []struct {
		Range *Range `json:"range"`
		Text  string `json:"text"`
	} `json:"contentChanges"`
}

type didSaveParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text"`
}

type didCloseParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
}

type didChangeWatchedFilesParams struct {
	Changes []struct {
		URI  string `json:"uri"`
		Type int    `json:"type"` // 1 created, 2 changed, 3 deleted
	} `json:"changes"`
}

type textDocumentPositionParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

type markupContent struct {
	Kind  string `json:"kind"` // "markdown" or "plaintext"
	Value string `json:"value"`
}

type hover struct {
	Contents markupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

type codeActionParams struct {
	TextDocument textDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      struct {
		Diagnostics []json.RawMessage `json:"diagnostics"` // decoded one by one as clientDiagnostic
		Only        []string          `json:"only"`
	} `json:"context"`
}

// clientDiagnostic is a diagnostic as a client sends it back in a code
// action request. It may come from another server: its code may be a
// number and its data anything, so both stay raw.
type clientDiagnostic struct {
	Range   Range           `json:"range"`
	Source  string          `json:"source"`
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// CodeAction is a quick fix offered for diagnostics.
type CodeAction struct {
	Title       string            `json:"title"`
	Kind        string            `json:"kind"`
	Diagnostics []json.RawMessage `json:"diagnostics,omitempty"` // as the client sent them
	IsPreferred bool              `json:"isPreferred,omitempty"`
	Edit        WorkspaceEdit     `json:"edit"`
}

// WorkspaceEdit is a set of text edits: per URI (Changes), or versioned
// (DocumentChanges) when the client supports it.
type WorkspaceEdit struct {
	Changes         map[string][]TextEdit `json:"changes,omitempty"`
	DocumentChanges []textDocumentEdit    `json:"documentChanges,omitempty"`
}

type textDocumentEdit struct {
	TextDocument versionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                      `json:"edits"`
}

// TextEdit replaces a range with new text.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

type showMessageParams struct {
	Type    int    `json:"type"` // 1 error, 2 warning, 3 info, 4 log
	Message string `json:"message"`
}

type registrationParams struct {
	Registrations []registration `json:"registrations"`
}

type registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions"`
}

type fileSystemWatcher struct {
	GlobPattern string `json:"globPattern"`
}

type watchOptions struct {
	Watchers []fileSystemWatcher `json:"watchers"`
}
