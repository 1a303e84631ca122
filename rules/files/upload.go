package files

import (
	"bytes"
	"sort"
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Upload is FLASK-UPLOAD-001: uploads not validated, stored or served
// safely.
var Upload = &rules.Rule{
	ID:       "FLASK-UPLOAD-001",
	Title:    "File upload stored or served unsafely",
	Severity: rules.High,
	CWE:      434,
	Spec:     "4 FLASK-UPLOAD-001",
	Category: rules.CatFiles,
	Doc: rules.Doc{
		What: "Reviews request.files handling: files saved under the client-supplied file name (also through " +
			"os.path.join) or a path from the request, handlers that save without any extension or content-type " +
			"allowlist, uploads stored under the static folder, uploads served back inline (send_from_directory/" +
			"send_file without as_attachment) when active types such as HTML or SVG are accepted, and apps that " +
			"accept uploads without MAX_CONTENT_LENGTH.",
		Why: "The file name, type and content of an upload are all chosen by the client. A name like " +
			"../../app/templates/x.html writes outside the upload folder; an HTML or SVG file served inline from " +
			"your origin runs script in your users' sessions; a file in static/ is served by the web server as is; " +
			"without a size limit one request can fill the disk or memory.",
		Insecure: "@app.post(\"/upload\")\ndef upload():\n    f = request.files[\"file\"]\n" +
			"    f.save(os.path.join(\"static/uploads\", f.filename))",
		Secure: "ALLOWED = {\"png\", \"jpg\", \"pdf\"}\napp.config[\"MAX_CONTENT_LENGTH\"] = 10 * 1024 * 1024\n\n" +
			"@app.post(\"/upload\")\ndef upload():\n    f = request.files[\"file\"]\n" +
			"    ext = f.filename.rsplit(\".\", 1)[-1].lower()\n    if ext not in ALLOWED:\n        abort(400)\n" +
			"    f.save(os.path.join(UPLOAD_DIR, f\"{uuid.uuid4().hex}.{ext}\"))  # outside static/",
		Impact: "Overwriting application files or templates (up to code execution), stored XSS through uploaded " +
			"HTML/SVG, malware hosting on your domain, and denial of service through large uploads.",
		Fix: "Generate the stored name on the server (uuid4 + an allowlisted extension; secure_filename at the " +
			"least), check the extension and the content against an allowlist, store outside static/ and the code, " +
			"serve with as_attachment=True (or a safe fixed mimetype), and set MAX_CONTENT_LENGTH.",
		Mitigation: "Serve user files from a separate domain, add Content-Security-Policy and X-Content-Type-Options: " +
			"nosniff, and cap request sizes at the reverse proxy.",
		FalsePositives: "Validation in a helper the scanner does not follow, or a size limit set at the proxy or " +
			"through configuration loaded from outside the code, may already cover the case; check them.",
	},
	Run: runUpload,
}

// issue collects the problems found at one node.
type issue struct {
	file     *project.File
	node     ast.Node
	flow     string // the problem found by data flow (the destination comes from the client); ""
	problems []string
	conf     rules.Confidence
	trace    []rules.TraceStep
	route    string
	fix      string
}

func runUpload(pass *rules.Pass) error {
	p := pass.Project
	ix := resolve.Of(p)
	issues := map[ast.Node]*issue{}
	add := func(f *project.File, n ast.Node, problem string, conf rules.Confidence) *issue {
		is := issues[n]
		if is == nil {
			is = &issue{file: f, node: n}
			issues[n] = is
		}
		for _, old := range is.problems {
			if old == problem {
				return is
			}
		}
		is.problems = append(is.problems, problem)
		if conf > is.conf {
			is.conf = conf
		}
		return is
	}
	for _, fl := range taint.Of(p).Flows(knowledge.UploadSave) {
		var problem string
		switch fl.Origin {
		case knowledge.FileName:
			problem = "the file is saved under the client-supplied file name (" + fl.Source + ")"
		case knowledge.Request, knowledge.UserSource:
			problem = "the file is saved to a path taken from the request (" + fl.Source + ")"
		default:
			continue
		}
		is := add(fl.File, fl.Node, problem, fl.Confidence)
		if is.flow == "" {
			is.flow = problem
		}
		is.trace = fl.Trace
		is.route = fl.Route
		is.fix = "Store the file under a name generated on the server (uuid4().hex plus an allowlisted " +
			"extension), or at least pass the client's name through secure_filename()."
	}
	res := taint.Of(p)
	model := flask.ModelOf(p)
	allowed := allowedExtensions(p)
	var firstUpload *issue
	var handlers []*resolve.Func
	mentions := map[*project.File]bool{} // the source has the word "files" at all
	for _, fn := range ix.Funcs() {
		m, ok := mentions[fn.File]
		if !ok {
			m = bytes.Contains(fn.File.Src, []byte("files"))
			mentions[fn.File] = m
		}
		if m && readsFiles(ix, fn) {
			handlers = append(handlers, fn)
		}
	}
	for _, h := range handlers {
		scope := append([]*resolve.Func{h}, callees(ix, h)...)
		checked := false
		for _, fn := range scope {
			if hasAllowlist(ix, fn) {
				checked = true
			}
		}
		for _, fn := range scope {
			for _, save := range saveCalls(fn) {
				if !checked && clientNamed(res, fn.File, save) {
					add(fn.File, save, "no extension or content-type allowlist is checked before saving", rules.MediumConfidence)
				}
				if dst := save.Args[0]; underStatic(ix, model, fn.File, dst) {
					add(fn.File, save, "the file is stored under the static folder, where it is served as is", rules.HighConfidence)
				}
			}
		}
		if firstUpload == nil && !maxContentLength(model, p) {
			if n := filesAccess(ix, h); n != nil {
				firstUpload = add(h.File, n, "no upload size limit is configured (MAX_CONTENT_LENGTH is not set)", rules.MediumConfidence)
			}
		}
	}
	if len(handlers) > 0 && !imagesOnly(allowed) {
		for _, cs := range taint.Of(p).CallsTo("flask.send_from_directory", "flask.send_file",
			"flask.helpers.send_from_directory", "flask.helpers.send_file") {
			call := cs.Call
			if len(call.Args) == 0 || !mentionsUpload(ix, model, cs.File, call.Args[0]) || attachment(call) {
				continue
			}
			add(cs.File, call, "uploaded files are served back inline (no as_attachment=True), so an uploaded HTML or SVG file runs in the browser", rules.MediumConfidence)
		}
	}
	nodes := make([]*issue, 0, len(issues))
	for _, is := range issues {
		nodes = append(nodes, is)
	}
	sort.Slice(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.file.Path != b.file.Path {
			return a.file.Path < b.file.Path
		}
		return a.node.Pos().Before(b.node.Pos())
	})
	for _, is := range nodes {
		f := rules.Finding{Location: rules.NodeLocation(is.file, is.node), Confidence: is.conf,
			Message: "Upload handling: " + strings.Join(is.problems, "; "), Trace: is.trace, Fix: is.fix}
		f.Location.Route = is.route
		if is.flow != "" {
			// FLASK-PATH-001 reports the same destination: the driver joins
			// the two findings, keeping the other problems found here.
			f.Problem = rules.ProblemUploadDestination
			var rest []string
			for _, p := range is.problems {
				if p != is.flow {
					rest = append(rest, p)
				}
			}
			f.Aspect = strings.Join(rest, "; ")
		}
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}

// clientNamed reports whether the destination of a save() call carries
// data from the request: the client's file name (also through
// secure_filename, which keeps its extension) or another request value.
// A file stored under a name the server makes up (a temporary file, a
// uuid, a hash of the content) cannot be given an active type by its
// name, so a missing extension allowlist is not reported there. The file
// itself (f, f.stream, f.read()) passed to a storage object's
// save(content, path) is the content, not the destination.
func clientNamed(res *taint.Result, f *project.File, save *ast.Call) bool {
	args := append([]ast.Expr{}, save.Args...)
	for _, k := range save.Keywords {
		args = append(args, k.Value)
	}
	for _, x := range args {
		if contentExpr(x) {
			continue
		}
		fl := res.Expr(f, x)
		if fl == nil {
			continue
		}
		if len(args) > 1 && fl.Origin == knowledge.Request && strings.HasPrefix(fl.Source, "request.files") {
			continue // the uploaded file object given to storage.save(file, path)
		}
		return true
	}
	return false
}

// contentExpr matches the content of an upload: f.stream, f.read(),
// buf.getvalue().
func contentExpr(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Attribute:
		return x.Attr == "stream"
	case *ast.Call:
		if a, ok := x.Func.(*ast.Attribute); ok {
			return a.Attr == "read" || a.Attr == "getvalue"
		}
	}
	return false
}

// readsFiles reports whether a function reads request.files.
func readsFiles(ix *resolve.Index, fn *resolve.Func) bool { return filesAccess(ix, fn) != nil }

// filesAccess returns the first request.files expression of a function.
func filesAccess(ix *resolve.Index, fn *resolve.Func) ast.Node {
	var found ast.Node
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.ClassDef:
				return false
			case *ast.Attribute:
				if n.Attr == "files" {
					q := ix.QualName(fn.File, n)
					if q == "flask.request.files" || q == "flask.globals.request.files" {
						found = n
						return false
					}
				}
			}
			return true
		})
	}
	return found
}

// callees returns the repo functions a function calls directly.
func callees(ix *resolve.Index, fn *resolve.Func) []*resolve.Func {
	var out []*resolve.Func
	seen := map[*resolve.Func]bool{fn: true}
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if call, ok := n.(*ast.Call); ok {
				if _, c := ix.Callee(fn.File, call); c != nil && !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
			return true
		})
	}
	return out
}

// saveCalls returns the x.save(dst) calls of a function.
func saveCalls(fn *resolve.Func) []*ast.Call {
	var out []*ast.Call
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if call, ok := n.(*ast.Call); ok {
				if a, ok := call.Func.(*ast.Attribute); ok && a.Attr == "save" && len(call.Args) > 0 {
					out = append(out, call)
				}
			}
			return true
		})
	}
	return out
}

var typeCheckers = map[string]bool{
	"imghdr.what": true, "magic.from_buffer": true, "magic.from_file": true, "filetype.guess": true,
	"filetype.is_image": true, "puremagic.from_stream": true, "PIL.Image.open": true,
}

// hasAllowlist reports whether a function checks an upload's extension
// or type: a membership test naming extensions or types, an endswith()
// with constant suffixes, a call to an allowed_file-like helper, or a
// content sniffer (imghdr, python-magic, filetype, Pillow).
func hasAllowlist(ix *resolve.Index, fn *resolve.Func) bool {
	found := false
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			if found {
				return false
			}
			switch n := n.(type) {
			case *ast.Compare:
				for _, op := range n.Ops {
					if op == ast.In || op == ast.NotIn {
						if mentionsType(n.Left) || mentionsType(n.Comparators[0]) {
							found = true
						}
					}
				}
			case *ast.Call:
				if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "endswith" && len(n.Args) > 0 {
					if _, ok := n.Args[0].(*ast.Tuple); ok {
						found = true
					}
				}
				if a, ok := n.Func.(*ast.Attribute); ok && a.Attr == "get" && mentionsType(a.Value) {
					found = true // ALLOWED_TYPES.get(ext)
				}
				q, _ := ix.Callee(fn.File, n)
				name := strings.ToLower(q[strings.LastIndexByte(q, '.')+1:])
				if typeCheckers[q] || (strings.Contains(name, "allowed") || strings.Contains(name, "valid") ||
					strings.Contains(name, "check")) && (strings.Contains(name, "file") ||
					strings.Contains(name, "ext") || strings.Contains(name, "type") || strings.Contains(name, "image") ||
					strings.Contains(name, "upload")) {
					found = true
				}
			}
			return true
		})
	}
	return found
}

// mentionsType reports whether an expression names an extension or type
// (ext, suffix, mimetype, ALLOWED_EXTENSIONS...).
func mentionsType(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		var id string
		switch n := n.(type) {
		case *ast.Name:
			id = n.ID
		case *ast.Attribute:
			id = n.Attr
		case *ast.Constant:
			if s, ok := n.Str(); ok {
				id = s
			}
		}
		l := strings.ToLower(id)
		for _, w := range []string{"ext", "suffix", "mimetype", "content_type", "allowed", "types"} {
			if strings.Contains(l, w) {
				found = true
			}
		}
		return !found
	})
	return found
}

// underStatic reports whether a save destination points into a static
// folder: a "static" path literal, static_folder, or a module constant or
// config value holding one.
func underStatic(ix *resolve.Index, model *flask.Model, f *project.File, dst ast.Expr) bool {
	found := false
	ast.Inspect(dst, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Constant:
			if s, ok := n.Str(); ok && staticPath(s) {
				found = true
			}
		case *ast.Attribute:
			if n.Attr == "static_folder" {
				found = true
			}
		case *ast.Name:
			for _, s := range constValues(ix, f, n) {
				if staticPath(s) {
					found = true
				}
			}
		case *ast.Subscript:
			if k, ok := constStrOf(n.Slice); ok {
				for _, v := range model.Config.All(k) {
					if s, ok := v.Str(); ok && staticPath(s) {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

func staticPath(s string) bool {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '\\' }) {
		if part == "static" {
			return true
		}
	}
	return false
}

// constValues returns the string constants a module-level name of f is
// assigned, following one import.
func constValues(ix *resolve.Index, f *project.File, n *ast.Name) []string {
	q := ix.QualName(f, n)
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return nil
	}
	m := ix.ModuleNamed(q[:i])
	if m == nil {
		return nil
	}
	var out []string
	for _, v := range m.Assigns[q[i+1:]] {
		ast.Inspect(v, func(x ast.Node) bool {
			if c, ok := x.(*ast.Constant); ok {
				if s, ok := c.Str(); ok {
					out = append(out, s)
				}
			}
			return true
		})
	}
	return out
}

func constStrOf(x ast.Expr) (string, bool) {
	c, ok := x.(*ast.Constant)
	if !ok {
		return "", false
	}
	return c.Str()
}

// mentionsUpload reports whether a directory expression is the upload
// folder: a name, attribute, config key or literal mentioning "upload".
func mentionsUpload(ix *resolve.Index, model *flask.Model, f *project.File, x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		var id string
		switch n := n.(type) {
		case *ast.Name:
			id = n.ID
		case *ast.Attribute:
			id = n.Attr
		case *ast.Constant:
			id, _ = n.Str()
		}
		if strings.Contains(strings.ToLower(id), "upload") {
			found = true
		}
		return !found
	})
	return found
}

// attachment reports whether a send_file/send_from_directory call forces
// a download.
func attachment(call *ast.Call) bool {
	for _, k := range call.Keywords {
		if k.Arg == "as_attachment" {
			c, ok := k.Value.(*ast.Constant)
			if !ok {
				return true // computed: give it the benefit of the doubt
			}
			b, _ := c.Bool()
			return b
		}
	}
	return false
}

// allowedExtensions collects the string constants of module-level
// collections named like ALLOWED_EXTENSIONS; nil if there are none.
func allowedExtensions(p *project.Project) []string {
	var out []string
	for _, f := range p.FilesOf(project.Python) {
		if f.AST == nil {
			continue
		}
		for _, s := range f.AST.Body {
			as, ok := s.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				continue
			}
			n, ok := as.Targets[0].(*ast.Name)
			if !ok || !strings.Contains(strings.ToUpper(n.ID), "EXTENSION") {
				continue
			}
			ast.Inspect(as.Value, func(x ast.Node) bool {
				if c, ok := x.(*ast.Constant); ok {
					if s, ok := c.Str(); ok {
						out = append(out, strings.TrimPrefix(strings.ToLower(s), "."))
					}
				}
				return true
			})
		}
	}
	return out
}

var imageExts = map[string]bool{"png": true, "jpg": true, "jpeg": true, "gif": true, "webp": true, "bmp": true,
	"ico": true, "tif": true, "tiff": true, "avif": true, "heic": true}

// imagesOnly reports whether the accepted extensions are all passive
// image formats (SVG is not: it can hold script).
func imagesOnly(exts []string) bool {
	if len(exts) == 0 {
		return false
	}
	for _, e := range exts {
		if !imageExts[e] {
			return false
		}
	}
	return true
}

// maxContentLength reports whether the app configures an upload size
// limit, or loads configuration from outside the code that may.
func maxContentLength(m *flask.Model, p *project.Project) bool {
	if m.Config.Set("MAX_CONTENT_LENGTH") {
		return true
	}
	if m.Config == nil {
		return false
	}
	for _, v := range m.Config.Sources {
		if v.Origin == flask.External {
			return true
		}
	}
	for _, f := range p.Files {
		if f.Kind != project.Python && strings.Contains(string(f.Src), "MAX_CONTENT_LENGTH") {
			return true
		}
	}
	return false
}
