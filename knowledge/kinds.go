// Package knowledge holds what flasksec knows about Python and Flask APIs
// as data: where untrusted data comes from (sources), where it is
// dangerous (sinks, by kind), what makes it safe for a kind of sink
// (sanitisers), what passes it along unchanged (propagators) and what
// always yields a harmless value (cleaners). Every table is keyed by the
// qualified name package resolve gives a callee ("subprocess.run",
// "flask.request.args", "builtins.open"), by a type and method
// ("pathlib.Path.read_text"), or, for methods called on values whose type
// is unknown, by "*.method" ("*.execute").
//
// The taint engine (package taint) reads these tables; rules never list
// APIs themselves. Users extend the tables from their configuration
// (Config.Sources, Sinks, Sanitizers) through Extend.
package knowledge

import "strings"

// SinkKind is the kind of danger a sink represents. Each data-flow rule
// reads the flows of one or a few kinds.
type SinkKind uint8

// The sink kinds.
const (
	SQL             SinkKind = iota + 1 // SQL text: DB-API execute, SQLAlchemy text(), raw filters, pandas.read_sql
	Command                             // OS commands: os.system, subprocess.*
	Template                            // template source compiled by Jinja (SSTI)
	FormatString                        // a format string given to str.format / format_map (SSTI)
	TemplateContext                     // a value passed into a template's context (render_template kwargs)
	HTML                                // HTML produced in Python: Markup(), HTML responses
	Path                                // a filesystem path opened, served, removed or extracted into
	Archive                             // an archive whose members are extracted (zip-slip)
	UploadSave                          // the destination of FileStorage.save
	URL                                 // an outbound request's URL or host (SSRF)
	Redirect                            // a redirect target
	Deserialize                         // bytes given to an unsafe deserialiser
	Eval                                // code given to eval/exec/compile/import
	numKinds
)

var kindNames = [...]string{
	SQL: "sql", Command: "command", Template: "template", FormatString: "format-string",
	TemplateContext: "template-context", HTML: "html", Path: "path", Archive: "archive",
	UploadSave: "upload-save", URL: "url", Redirect: "redirect", Deserialize: "deserialize", Eval: "eval",
}

// String returns the kind's lower-case name ("sql", "path", ...).
func (k SinkKind) String() string {
	if k == 0 || k >= numKinds {
		return "unknown"
	}
	return kindNames[k]
}

// ParseSinkKind returns the kind with the given name, or 0.
func ParseSinkKind(name string) SinkKind {
	for k := SinkKind(1); k < numKinds; k++ {
		if strings.EqualFold(kindNames[k], name) {
			return k
		}
	}
	return 0
}

// Kinds returns every sink kind in order.
func Kinds() []SinkKind {
	out := make([]SinkKind, 0, numKinds-1)
	for k := SinkKind(1); k < numKinds; k++ {
		out = append(out, k)
	}
	return out
}

// KindSet is a set of sink kinds.
type KindSet uint32

// AllKinds is the set of every sink kind.
const AllKinds KindSet = 1<<numKinds - 2

// Set returns the set holding the given kinds.
func Set(kinds ...SinkKind) KindSet {
	var s KindSet
	for _, k := range kinds {
		s |= 1 << k
	}
	return s
}

// Has reports whether k is in the set.
func (s KindSet) Has(k SinkKind) bool { return s&(1<<k) != 0 }

// Mode tells the engine how to read a sink's argument beyond "is it
// tainted".
type Mode uint8

// The sink modes.
const (
	ModePlain      Mode = iota // the argument's taint is all that matters
	ModeShell                  // a command: a string with shell=True (or os.system), or a list
	ModeHTMLBody               // a response body: HTML unless mimetype/content_type says otherwise
	ModeYAML                   // yaml.load: unsafe unless Loader is a safe loader
	ModeTarExtract             // tarfile extraction: unsafe unless filter= is given
	ModeHeaders                // a headers= mapping: its Location value is a redirect target
)

// Origin says where an untrusted value comes from.
type Origin uint8

// The origins.
const (
	Request    Origin = iota + 1 // the HTTP request (flask.request, route parameters)
	FileName                     // the client-supplied name of an uploaded file
	Stored                       // data read back from a database (lower confidence)
	External                     // the body of an outbound HTTP response (lower confidence)
	Param                        // a function parameter whose callers are unknown (unproven)
	UserSource                   // a source declared in the user's configuration
)

var originNames = [...]string{Request: "request", FileName: "file name", Stored: "database",
	External: "external response", Param: "parameter", UserSource: "configured source"}

// Indirect reports whether the value was read back from the database
// (Stored) or from another service's response (External). The scan cannot
// see who wrote such a value; on real apps it is nearly always the app's
// own configuration, rows it wrote itself or a trusted provider's answer
// (issue 11: none of 76 such SQL, command, eval and SSRF flows on the
// real-app corpus was a vulnerability), so the rules for those sinks do
// not report it.
func (o Origin) Indirect() bool { return o == Stored || o == External }

// String returns the origin's name.
func (o Origin) String() string {
	if o == 0 || int(o) >= len(originNames) {
		return "unknown"
	}
	return originNames[o]
}
