package xss

import (
	"path"
	"strconv"
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/safefile"
	"github.com/flasksec/flasksec/taint"
)

// maxPlaceholderFile bounds the static file read to look for a helper's
// placeholder.
const maxPlaceholderFile = 1 << 20

// nonHTMLResponse says why the response built at a flow's sink is not
// HTML (its type is set to a constant non-HTML type, "resp.mimetype =
// "application/json"" after resp = Response(...), or it is sent as an
// attachment), or, in dynamic, that its type is chosen at run time
// (a proxy passing an upstream content type); both "" when the response
// stays HTML as far as the code shows.
func nonHTMLResponse(fl *taint.Flow) (why, dynamic string) {
	call, ok := fl.Node.(*ast.Call)
	if !ok || fl.File == nil || fl.File.AST == nil {
		return "", ""
	}
	if why := nonHTMLKeywords(call); why != "" {
		return why, ""
	}
	for _, k := range call.Keywords {
		if k != nil && (k.Arg == "mimetype" || k.Arg == "content_type") {
			if _, isConst := k.Value.(*ast.Constant); !isConst {
				dynamic = "its " + k.Arg + " is " + pyText(k.Value)
			}
		}
	}
	fn := enclosingFunc(fl.File.AST, call)
	if fn == nil {
		return "", dynamic
	}
	var body []ast.Stmt
	switch f := fn.(type) {
	case *ast.FunctionDef:
		body = f.Body
	case *ast.AsyncFunctionDef:
		body = f.Body
	}
	// The name the response is assigned to: resp = make_response(...).
	name := ""
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if as, ok := n.(*ast.Assign); ok && as.Value == call && len(as.Targets) == 1 {
				if t, ok := as.Targets[0].(*ast.Name); ok {
					name = t.ID
				}
			}
			return name == ""
		})
	}
	if name == "" {
		return "", dynamic
	}
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if why != "" {
				return false
			}
			switch n := n.(type) {
			case *ast.Assign:
				for _, t := range n.Targets {
					switch {
					case typeTarget(t, name) && nonHTMLType(n.Value):
						why = name + "'s content type is set to " + constText(n.Value) + " at line " + itoa(int(n.Pos().Line))
					case typeTarget(t, name):
						if _, isConst := n.Value.(*ast.Constant); !isConst {
							dynamic = name + "'s content type is set to " + pyText(n.Value) + " at line " + itoa(int(n.Pos().Line))
						}
					case dispositionTarget(t, name) && attachment(n.Value):
						why = name + " is sent as an attachment (Content-Disposition at line " + itoa(int(n.Pos().Line)) + "), which the browser downloads"
					}
				}
			case *ast.Call:
				// resp.headers.set("Content-Type", "text/plain")
				at, ok := n.Func.(*ast.Attribute)
				if ok && (at.Attr == "set" || at.Attr == "add") && len(n.Args) == 2 && isHeaders(at.Value, name) &&
					contentTypeKey(n.Args[0]) && nonHTMLType(n.Args[1]) {
					why = name + "'s content type is set to " + constText(n.Args[1]) + " at line " + itoa(int(n.Pos().Line))
				}
			}
			return true
		})
	}
	return why, dynamic
}

// nonHTMLKeywords checks Response(..., mimetype=..., content_type=...,
// headers={"Content-Type": ...}) for a constant non-HTML type.
func nonHTMLKeywords(call *ast.Call) string {
	for _, k := range call.Keywords {
		if k == nil {
			continue
		}
		switch k.Arg {
		case "mimetype", "content_type":
			if nonHTMLType(k.Value) {
				return "the response's " + k.Arg + " is " + constText(k.Value)
			}
		case "headers":
			if d, ok := k.Value.(*ast.Dict); ok {
				for i, key := range d.Keys {
					if i < len(d.Values) && contentTypeKey(key) && nonHTMLType(d.Values[i]) {
						return "the response's Content-Type header is " + constText(d.Values[i])
					}
					if i < len(d.Values) && headerKey(key, "content-disposition") && attachment(d.Values[i]) {
						return "the response is sent as an attachment (Content-Disposition), which the browser downloads"
					}
				}
			}
		}
	}
	return ""
}

// typeTarget reports whether t is name.mimetype, name.content_type or
// name.headers["Content-Type"].
func typeTarget(t ast.Expr, name string) bool {
	switch t := t.(type) {
	case *ast.Attribute:
		n, ok := t.Value.(*ast.Name)
		return ok && n.ID == name && (t.Attr == "mimetype" || t.Attr == "content_type")
	case *ast.Subscript:
		return isHeaders(t.Value, name) && contentTypeKey(t.Slice)
	}
	return false
}

// isHeaders reports whether x is name.headers.
func isHeaders(x ast.Expr, name string) bool {
	at, ok := x.(*ast.Attribute)
	if !ok || at.Attr != "headers" {
		return false
	}
	n, ok := at.Value.(*ast.Name)
	return ok && n.ID == name
}

func contentTypeKey(x ast.Expr) bool {
	c, ok := x.(*ast.Constant)
	if !ok {
		return false
	}
	s, ok := c.Str()
	return ok && strings.EqualFold(s, "content-type")
}

// nonHTMLType reports whether x is a constant media type a browser does
// not render as HTML (text/plain, application/json, text/csv...).
func nonHTMLType(x ast.Expr) bool {
	c, ok := x.(*ast.Constant)
	if !ok {
		return false
	}
	s, ok := c.Str()
	if !ok {
		return false
	}
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(s, ";", 2)[0]))
	switch {
	case mt == "" || strings.Contains(mt, "html") || strings.Contains(mt, "xml") || strings.HasPrefix(mt, "image/svg"):
		return false
	case strings.HasPrefix(mt, "text/"), strings.HasPrefix(mt, "application/"), strings.HasPrefix(mt, "image/"),
		strings.HasPrefix(mt, "audio/"), strings.HasPrefix(mt, "video/"), strings.HasPrefix(mt, "font/"):
		return true
	}
	return false
}

func constText(x ast.Expr) string {
	if c, ok := x.(*ast.Constant); ok {
		if s, ok := c.Str(); ok {
			return "\"" + s + "\""
		}
	}
	return "a constant"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// enclosingFunc returns the innermost function definition of m holding n.
func enclosingFunc(m *ast.Module, n ast.Node) ast.Node {
	var out ast.Node
	pos, end := n.Pos(), n.End()
	ast.Inspect(m, func(x ast.Node) bool {
		if x == nil {
			return false
		}
		if pos.Before(x.Pos()) || x.End().Before(end) {
			return false
		}
		switch x.(type) {
		case *ast.FunctionDef, *ast.AsyncFunctionDef:
			out = x
		}
		return true
	})
	return out
}

// envNonHTML says why a Jinja Environment created without autoescape
// renders something other than HTML (LaTeX, configuration files, CLI
// text), or "": custom delimiters (\BLOCK{...} and the like, which no
// HTML template uses), or template names and loader folders whose files
// are all of non-HTML types.
func envNonHTML(pass *rules.Pass, cs taint.CallSite) string {
	for _, k := range cs.Call.Keywords {
		if k == nil || !strings.HasSuffix(k.Arg, "_start_string") {
			continue
		}
		if c, ok := k.Value.(*ast.Constant); ok {
			if s, ok := c.Str(); ok && !strings.HasPrefix(s, "{") {
				return "it uses custom delimiters (" + k.Arg + "=" + strconvQuote(s) + "), as LaTeX and other non-HTML formats do"
			}
		}
	}
	var names []string
	if target := envTarget(cs.File.AST, cs.Call); target != "" {
		names = envTemplateNames(cs.File.AST, target)
	}
	var folders []string
	for _, k := range cs.Call.Keywords {
		if k != nil && k.Arg == "loader" {
			folders = loaderFolders(k.Value)
		}
	}
	for _, dir := range folders {
		for _, f := range pass.Project.Files {
			if underFolder(f.Path, dir) {
				names = append(names, f.Path)
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	for _, n := range names {
		if !nonHTMLName(n) {
			return ""
		}
	}
	return "its templates (" + strings.Join(firstN(names, 3), ", ") + ") are not HTML"
}

// envTarget returns the name an Environment(...) call is assigned to
// ("env", "self.env"), or "".
func envTarget(m *ast.Module, call *ast.Call) string {
	out := ""
	if m == nil {
		return ""
	}
	ast.Inspect(m, func(n ast.Node) bool {
		if out != "" {
			return false
		}
		if as, ok := n.(*ast.Assign); ok && as.Value == call && len(as.Targets) == 1 {
			switch t := as.Targets[0].(type) {
			case *ast.Name, *ast.Attribute:
				out = exprString(t)
			}
		}
		return true
	})
	if strings.Contains(out, "...") {
		return ""
	}
	return out
}

// envTemplateNames returns the constant template names target.get_template()
// and target.select_template() load in m.
func envTemplateNames(m *ast.Module, target string) []string {
	var out []string
	ast.Inspect(m, func(n ast.Node) bool {
		c, ok := n.(*ast.Call)
		if !ok {
			return true
		}
		at, ok := c.Func.(*ast.Attribute)
		if !ok || exprString(at.Value) != target || len(c.Args) == 0 {
			return true
		}
		switch at.Attr {
		case "get_template":
			if s, ok := strConst(c.Args[0]); ok {
				out = append(out, s)
			}
		case "select_template":
			if l, ok := c.Args[0].(*ast.List); ok {
				for _, e := range l.Elts {
					if s, ok := strConst(e); ok {
						out = append(out, s)
					}
				}
			}
		}
		return true
	})
	return out
}

// loaderFolders returns the constant folders of FileSystemLoader("dir")
// or FileSystemLoader(["a", "b"]).
func loaderFolders(x ast.Expr) []string {
	c, ok := x.(*ast.Call)
	if !ok || len(c.Args) == 0 || !strings.HasSuffix(exprString(c.Func), "FileSystemLoader") {
		return nil
	}
	var out []string
	switch a := c.Args[0].(type) {
	case *ast.List:
		for _, e := range a.Elts {
			if s, ok := strConst(e); ok {
				out = append(out, s)
			}
		}
	default:
		if s, ok := strConst(a); ok {
			out = append(out, s)
		}
	}
	return out
}

// underFolder reports whether a project path lies in a folder named dir
// (a relative loader path: matched as a path segment sequence).
func underFolder(p, dir string) bool {
	dir = strings.Trim(path.Clean(dir), "/")
	if dir == "." || dir == "" {
		return false
	}
	return strings.HasPrefix(p, dir+"/") || strings.Contains(p, "/"+dir+"/")
}

// templateSuffixes are extensions that mark a file as a template of
// whatever the inner extension says ("nginx.conf.j2" is a .conf file).
var templateSuffixes = []string{".j2", ".jinja2", ".jinja", ".tmpl", ".tpl", ".template"}

// nonHTMLExts are the file types of non-HTML template output.
var nonHTMLExts = map[string]bool{".tex": true, ".latex": true, ".cfg": true, ".conf": true, ".ini": true,
	".txt": true, ".text": true, ".sh": true, ".py": true, ".yaml": true, ".yml": true, ".toml": true,
	".json": true, ".md": true, ".rst": true, ".sql": true, ".csv": true, ".env": true, ".service": true,
	".properties": true, ".bib": true, ".ps1": true, ".bat": true}

// nonHTMLName reports whether a template name's own type is not HTML.
func nonHTMLName(name string) bool {
	n := strings.ToLower(name)
	for _, s := range templateSuffixes {
		n = strings.TrimSuffix(n, s)
	}
	return nonHTMLExts[path.Ext(n)]
}

func strConst(x ast.Expr) (string, bool) {
	c, ok := x.(*ast.Constant)
	if !ok {
		return "", false
	}
	return c.Str()
}

func firstN(s []string, n int) []string {
	if len(s) > n {
		return append(append([]string(nil), s[:n]...), "...")
	}
	return s
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// renderTemplateName reports whether a function name is a template
// render wrapper (render_template, render_title_template,
// render_theme_template): its result is the autoescaped output of a
// template, whose own expressions the template half checks.
func renderTemplateName(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "render") && strings.Contains(n, "template")
}

// renderedTemplate reports whether a flow's data passes through a
// template render wrapper before the sink (the view returns
// render_title_template(...), or wraps it in Markup()): what reaches the
// sink is the rendered template, not the raw value.
func renderedTemplate(fx *funcIndex, fl *taint.Flow) bool {
	ix := fx.ix
	for _, v := range fl.Via {
		// Via entries read "render_page() in app/views.py".
		name, file, _ := strings.Cut(v, "() in ")
		fn := viaFunc(fx, name, file)
		if (renderTemplateName(name) && returnsCalls(fn)) || returnsRendered(ix, fn) {
			return true
		}
	}
	arg := fl.Arg
	if r, ok := fl.Node.(*ast.Return); ok && arg == nil {
		arg = r.Value
	}
	c, ok := arg.(*ast.Call)
	if !ok {
		return false
	}
	q, fn := ix.Callee(fl.File, c)
	if fn == nil {
		fn = constructedMethod(ix, fl.File, c.Func)
	}
	name := lastName(c.Func)
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		name = q[i+1:]
	}
	switch {
	case renderTemplateName(name):
		return returnsCalls(fn)
	case renderMethod(name) && !strings.HasPrefix(q, "jinja2.") && !jinjaTemplateReceiver(c.Func) && !markdownLib(q) &&
		!markdownReceiver(c.Func):
		// processor.render(...), plugin.render(...): a component's
		// own renderer, unless it builds the string itself.
		return returnsCalls(fn)
	}
	return false
}

// unescaped reports whether a flow's Markup() sink is only the receiver
// of .unescape() or .striptags(), which turn it back into plain text:
// Markup(x).unescape() decodes entities, it marks nothing safe.
func unescaped(fl *taint.Flow) bool {
	call, ok := fl.Node.(*ast.Call)
	if !ok || fl.File == nil || fl.File.AST == nil || !strings.Contains(fl.Sink, "Markup") {
		return false
	}
	found := false
	ast.Inspect(fl.File.AST, func(n ast.Node) bool {
		if found {
			return false
		}
		if at, ok := n.(*ast.Attribute); ok && at.Value == call && (at.Attr == "unescape" || at.Attr == "striptags") {
			found = true
		}
		return true
	})
	return found
}

// returnsCalls reports whether every value a repo function returns is a
// call (it hands back what another renderer produced), not a string it
// builds itself; true for functions outside the repository.
func returnsCalls(fn *resolve.Func) bool {
	if fn == nil {
		return true
	}
	ok := true
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
				return false
			case *ast.Return:
				if n.Value != nil && len(returnedCalls(fn, n.Value)) == 0 {
					ok = false
				}
			}
			return ok
		})
	}
	return ok
}

// returnedCalls returns the calls a returned value is: the call itself,
// or the calls a local name returned was assigned from (output =
// render_template(...); return output); nil when any of them is not a
// call.
func returnedCalls(fn *resolve.Func, v ast.Expr) []*ast.Call {
	switch v := v.(type) {
	case *ast.Call:
		return []*ast.Call{v}
	case *ast.Name:
		vals := localValues(fn.Node, v.ID)
		var out []*ast.Call
		for _, val := range vals {
			c, ok := val.(*ast.Call)
			if !ok {
				return nil
			}
			out = append(out, c)
		}
		return out
	}
	return nil
}

// viaFunc returns the repo function a flow's Via entry names (its name,
// possibly Class.method, and its file), or nil.
func viaFunc(fx *funcIndex, name, file string) *resolve.Func {
	for _, fn := range fx.byFile[file] {
		if fn.Qual == name || strings.HasSuffix(fn.Qual, "."+name) {
			return fn
		}
	}
	return nil
}

// funcIndex is the resolver with the repo functions indexed by file, for
// looking up the functions a flow's Via entries name.
type funcIndex struct {
	ix     *resolve.Index
	byFile map[string][]*resolve.Func
}

func newFuncIndex(ix *resolve.Index) *funcIndex {
	fx := &funcIndex{ix: ix, byFile: map[string][]*resolve.Func{}}
	for _, fn := range ix.Funcs() {
		if fn.File != nil {
			fx.byFile[fn.File.Path] = append(fx.byFile[fn.File.Path], fn)
		}
	}
	return fx
}

// dispositionTarget reports whether t is name.headers["Content-Disposition"].
func dispositionTarget(t ast.Expr, name string) bool {
	sub, ok := t.(*ast.Subscript)
	return ok && isHeaders(sub.Value, name) && headerKey(sub.Slice, "content-disposition")
}

func headerKey(x ast.Expr, want string) bool {
	s, ok := strConst(x)
	return ok && strings.EqualFold(s, want)
}

// attachment reports whether a Content-Disposition value starts with
// "attachment" (a constant or an f-string).
func attachment(x ast.Expr) bool {
	switch v := x.(type) {
	case *ast.Constant:
		s, ok := v.Str()
		return ok && strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "attachment")
	case *ast.JoinedStr:
		return len(v.Values) > 0 && attachment(v.Values[0])
	case *ast.BinOp:
		return attachment(v.Left)
	case *ast.Call:
		// "attachment; filename={}".format(name)
		if at, ok := v.Func.(*ast.Attribute); ok && at.Attr == "format" {
			return attachment(at.Value)
		}
	}
	return false
}

// downloadHelper reports whether a flow passed through a repo function
// that sends its data as an attachment (a headers dict or assignment with
// Content-Disposition: attachment, send_file(as_attachment=True)).
func downloadHelper(fx *funcIndex, fl *taint.Flow) string {
	for _, v := range fl.Via {
		name, file, _ := strings.Cut(v, "() in ")
		fn := viaFunc(fx, name, file)
		if fn == nil {
			continue
		}
		found := false
		for _, s := range fn.Body {
			ast.Inspect(s, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.Dict:
					for i, k := range n.Keys {
						if i < len(n.Values) && headerKey(k, "content-disposition") && attachment(n.Values[i]) {
							found = true
						}
					}
				case *ast.Assign:
					for _, t := range n.Targets {
						if sub, ok := t.(*ast.Subscript); ok && headerKey(sub.Slice, "content-disposition") && attachment(n.Value) {
							found = true
						}
					}
				}
				return !found
			})
		}
		if found {
			return name + "() sends the data as an attachment, which the browser downloads"
		}
	}
	return ""
}

// jinjaTemplateReceiver reports whether a .render callee is called on a
// Jinja template built in place (Template(src).render,
// env.from_string(src).render, env.get_template(n).render): its output
// depends on that environment's autoescaping, which the Python half
// reports.
func jinjaTemplateReceiver(f ast.Expr) bool {
	at, ok := f.(*ast.Attribute)
	if !ok {
		return false
	}
	c, ok := at.Value.(*ast.Call)
	if !ok {
		return false
	}
	switch lastName(c.Func) {
	case "Template", "from_string", "get_template", "select_template", "get_or_select_template":
		return true
	}
	return false
}

// constructedMethod resolves Cls(...).method to the repo class's method,
// or nil.
func constructedMethod(ix *resolve.Index, f *project.File, callee ast.Expr) *resolve.Func {
	at, ok := callee.(*ast.Attribute)
	if !ok {
		return nil
	}
	recv, ok := at.Value.(*ast.Call)
	if !ok {
		return nil
	}
	c := ix.Class(ix.QualName(f, recv.Func))
	if c == nil {
		return nil
	}
	return ix.LookupMethod(c, at.Attr)
}

// returnsRendered reports whether every value a repo function returns is
// the result of a render_*template* call (render_template(...),
// render_theme_template(...)) that does not build the string itself.
func returnsRendered(ix *resolve.Index, fn *resolve.Func) bool {
	if fn == nil {
		return false
	}
	n, ok := 0, true
	for _, s := range fn.Body {
		ast.Inspect(s, func(x ast.Node) bool {
			switch r := x.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda, *ast.ClassDef:
				return false
			case *ast.Return:
				n++
				calls := returnedCalls(fn, r.Value)
				if len(calls) == 0 {
					ok = false
				}
				for _, c := range calls {
					if !renderTemplateName(lastName(c.Func)) {
						ok = false
						break
					}
					// A repo "render_*template" that builds the string
					// itself does not count.
					if _, callee := ix.Callee(fn.File, c); callee != nil && !returnsCalls(callee) {
						ok = false
					}
				}
			}
			return ok
		})
	}
	return ok && n > 0
}

// placeholderMiss says why a flow through a helper that reads a file and
// substitutes the data into a placeholder (open(...).read().replace(
// "{{X}}", value)) cannot reach the page: the file the view passes has
// no such placeholder. "" when that cannot be shown.
func placeholderMiss(p *project.Project, fx *funcIndex, fl *taint.Flow) string {
	for _, v := range fl.Via {
		name, file, _ := strings.Cut(v, "() in ")
		fn := viaFunc(fx, name, file)
		if fn == nil {
			continue
		}
		placeholder, dirs := filePlaceholder(fn)
		if placeholder == "" {
			continue
		}
		for _, arg := range callerConstants(fl, fn) {
			src, where := findFile(p, fn.File.Path, dirs, arg)
			if src == nil {
				continue
			}
			if !strings.Contains(string(src), placeholder) {
				return name + "() puts the data into the placeholder " + strconv.Quote(placeholder) + ", which " + where + " does not contain"
			}
		}
	}
	return ""
}

// filePlaceholder finds x.replace("PLACEHOLDER", param) in a function
// whose text comes from reading a file; it returns the placeholder and
// the constant folder names joined with the file name (os.path.join(
// "static", name)).
func filePlaceholder(fn *resolve.Func) (string, []string) {
	reads, placeholder := false, ""
	var dirs []string
	for _, s := range fn.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			c, ok := n.(*ast.Call)
			if !ok {
				return true
			}
			switch lastName(c.Func) {
			case "read", "read_text":
				reads = true
			case "replace":
				if len(c.Args) == 2 {
					if s, ok := strConst(c.Args[0]); ok && s != "" {
						placeholder = s
					}
				}
			case "join":
				for _, a := range c.Args {
					if s, ok := strConst(a); ok {
						dirs = append(dirs, s)
					}
				}
			}
			return true
		})
	}
	if !reads {
		return "", nil
	}
	return placeholder, dirs
}

// callerConstants returns the constant string arguments the flow's view
// passes to fn.
func callerConstants(fl *taint.Flow, fn *resolve.Func) []string {
	if fl.File == nil || fl.File.AST == nil {
		return nil
	}
	encl := enclosingFunc(fl.File.AST, fl.Node)
	if encl == nil {
		return nil
	}
	var out []string
	ast.Inspect(encl, func(n ast.Node) bool {
		c, ok := n.(*ast.Call)
		if !ok || lastName(c.Func) != fn.Name {
			return true
		}
		for _, a := range c.Args {
			if s, ok := strConst(a); ok {
				out = append(out, s)
			}
		}
		for _, k := range c.Keywords {
			if k != nil {
				if s, ok := strConst(k.Value); ok {
					out = append(out, s)
				}
			}
		}
		return true
	})
	return out
}

// findFile returns the content of the file a helper reads for name: a
// project file at one of the helper's folders plus the name (next to the
// helper or at the root), or else that file on disk, read only if it is
// a regular file inside the scanned tree (safefile.ReadInTree).
func findFile(p *project.Project, helperPath string, dirs []string, name string) ([]byte, string) {
	if name == "" || strings.Contains(name, "..") || !strings.Contains(name, ".") {
		return nil, ""
	}
	var cands []string
	base := path.Dir(helperPath)
	for _, d := range append(dirs, "") {
		rel := path.Join(d, name)
		cands = append(cands, path.Join(base, rel), rel)
	}
	for _, c := range cands {
		for _, f := range p.Files {
			if f.Path == c {
				return f.Src, f.Path
			}
		}
	}
	if p.Root == "" {
		return nil, "" // an in-memory project: nothing on disk to look at
	}
	for _, c := range cands {
		// Regular files inside the tree only, at most 1 MiB (no FIFO,
		// device or link out of the tree is opened).
		if b, err := safefile.ReadInTree(p.Root, c, maxPlaceholderFile); err == nil && len(b) < maxPlaceholderFile {
			return b, c
		}
	}
	return nil, ""
}

// markdownReceiver reports whether a .render callee's receiver is named
// for a markdown renderer (md.render(text)).
func markdownReceiver(f ast.Expr) bool {
	at, ok := f.(*ast.Attribute)
	return ok && markdownName(lastName(at.Value))
}

// containerReturn reports whether the value a view returns is, on the
// flow's own path, a dict or list the application built: the data went
// into {"msg": value} or [value] in a helper that returned it, and the
// view returns that result whole (directly or through plain
// assignments). Flask serialises a returned dict or list as JSON, never
// as text/html.
func containerReturn(p *project.Project, fl *taint.Flow) bool {
	ret, ok := fl.Node.(*ast.Return)
	if fl.Variant != "return" || !ok || ret.Value == nil {
		return false
	}
	switch ret.Value.(type) {
	case *ast.Name, *ast.Call:
	default:
		return false
	}
	tr := fl.Trace
	i := len(tr) - 2 // the step before the sink
	for ; i >= 0 && strings.HasPrefix(tr[i].Note, "assigned to "); i-- {
		a, ok := stmtOnLine(p, tr[i].Path, tr[i].Line).(*ast.Assign)
		if !ok {
			return false
		}
		switch a.Value.(type) {
		case *ast.Name, *ast.Call:
		default:
			return false // x = result["msg"] takes a piece out
		}
	}
	if i < 0 || !strings.HasPrefix(tr[i].Note, "returned from ") {
		return false
	}
	r, ok := stmtOnLine(p, tr[i].Path, tr[i].Line).(*ast.Return)
	if !ok || r.Value == nil {
		return false
	}
	if container(r.Value) {
		return true
	}
	n, ok := r.Value.(*ast.Name)
	if !ok || i == 0 || tr[i-1].Note != "assigned to "+n.ID {
		return false
	}
	a, ok := stmtOnLine(p, tr[i-1].Path, tr[i-1].Line).(*ast.Assign)
	return ok && container(a.Value)
}

// container reports whether x builds a dict or list.
func container(x ast.Expr) bool {
	switch x.(type) {
	case *ast.Dict, *ast.List, *ast.DictComp, *ast.ListComp:
		return true
	}
	return false
}

// stmtOnLine returns the first return or assignment statement starting
// on a line of a Python file, or nil.
func stmtOnLine(p *project.Project, path string, line int) ast.Node {
	f := p.File(path)
	if f == nil || f.AST == nil {
		return nil
	}
	var out ast.Node
	ast.Inspect(f.AST, func(n ast.Node) bool {
		if out != nil {
			return false
		}
		switch s := n.(type) {
		case *ast.Return:
			if int(s.Pos().Line) == line {
				out = s
			}
		case *ast.Assign:
			if int(s.Pos().Line) == line {
				out = s
			}
		}
		return out == nil
	})
	return out
}

// upstreamProxy reports whether a view returns an outbound response's
// body together with that same response's own headers, return
// r.content, r.status_code, r.headers.items(): a proxy passing the
// upstream's content type, so the body is HTML only where the upstream
// itself serves it as HTML.
func upstreamProxy(fl *taint.Flow) bool {
	ret, ok := fl.Node.(*ast.Return)
	if fl.Origin != knowledge.External || fl.Variant != "return" || !ok {
		return false
	}
	t, ok := ret.Value.(*ast.Tuple)
	if !ok || len(t.Elts) < 2 {
		return false
	}
	body, ok := t.Elts[0].(*ast.Attribute)
	if !ok || (body.Attr != "content" && body.Attr != "text") {
		return false
	}
	src, ok := body.Value.(*ast.Name)
	if !ok {
		return false
	}
	h := t.Elts[len(t.Elts)-1]
	if c, ok := h.(*ast.Call); ok && len(c.Args) == 0 {
		if a, ok := c.Func.(*ast.Attribute); ok && a.Attr == "items" {
			h = a.Value
		}
	}
	ha, ok := h.(*ast.Attribute)
	if !ok || ha.Attr != "headers" {
		return false
	}
	hn, ok := ha.Value.(*ast.Name)
	return ok && hn.ID == src.ID
}

// pinnedParam reports whether the route parameter a flow starts from is
// pinned to a server value before the sink: the view begins with
// if path != s.mac + ".png": abort(404) (or return/raise), so past that
// point the parameter equals a value the application computed.
func pinnedParam(fl *taint.Flow) bool {
	name, ok := strings.CutPrefix(fl.Source, "route parameter ")
	if !ok || fl.File == nil || fl.File.AST == nil || fl.Node == nil {
		return false
	}
	var body []ast.Stmt
	switch f := enclosingFunc(fl.File.AST, fl.Node).(type) {
	case *ast.FunctionDef:
		body = f.Body
	case *ast.AsyncFunctionDef:
		body = f.Body
	default:
		return false
	}
	for _, s := range body {
		if !s.Pos().Before(fl.Node.Pos()) {
			return false
		}
		st, ok := s.(*ast.If)
		if !ok || len(st.Orelse) != 0 || len(st.Body) == 0 || !exits(st.Body[len(st.Body)-1]) {
			continue
		}
		c, ok := st.Test.(*ast.Compare)
		if !ok || len(c.Ops) != 1 || c.Ops[0] != ast.NotEq {
			continue
		}
		l, r := c.Left, c.Comparators[0]
		if n, ok := r.(*ast.Name); ok && n.ID == name {
			l, r = r, l
		}
		if n, ok := l.(*ast.Name); ok && n.ID == name && !unprovenPin(r) {
			return true
		}
	}
	return false
}

// exits reports whether a statement leaves the view: return, raise or
// abort(...).
func exits(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.Return, *ast.Raise:
		return true
	case *ast.ExprStmt:
		c, ok := s.Value.(*ast.Call)
		return ok && lastName(c.Func) == "abort"
	}
	return false
}

// unprovenPin reports whether the value a parameter is compared with may
// itself be the requester's: it reads request, or it is a bare name
// (another parameter or a local copied from one).
func unprovenPin(x ast.Expr) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Name:
			if n.ID == "request" {
				found = true
			}
		}
		return !found
	})
	if _, bare := x.(*ast.Name); bare {
		return true
	}
	return found
}
