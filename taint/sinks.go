package taint

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
)

// shellAlways are the command sinks that always run their argument
// through a shell.
var shellAlways = map[string]bool{
	"os.system": true, "os.popen": true, "subprocess.getoutput": true, "subprocess.getstatusoutput": true,
	"asyncio.create_subprocess_shell": true,
}

// shells are programs that run their -c argument as a shell script.
var shells = map[string]bool{
	"sh": true, "bash": true, "zsh": true, "dash": true, "ksh": true, "/bin/sh": true, "/bin/bash": true,
	"/usr/bin/bash": true, "/bin/zsh": true, "cmd": true, "cmd.exe": true, "powershell": true, "pwsh": true,
	"powershell.exe": true,
}

// checkSink checks the arguments a sink specification names.
func (c *ctx) checkSink(s *state, sp knowledge.Sink, qual, tqual string, a *callArgs) {
	call := a.call
	name := exprText(call.Func) + "()"
	if strings.HasPrefix(name, "...") {
		switch {
		case sp.Name != "":
			name = sp.Name
		case a.method != "":
			name = a.method + "()"
		}
	}
	if c.harmless(sp, a) {
		return
	}
	switch sp.Mode {
	case knowledge.ModeShell:
		c.checkCommand(s, sp, qual, a, name)
		return
	case knowledge.ModeHeaders:
		if x := argExpr(sp, a); x != nil {
			c.checkHeaders(s, x, call, name)
		}
		return
	}
	variant := ""
	if sp.Kind == knowledge.Archive {
		variant = "zip"
		if strings.HasPrefix(tqual, "tarfile.") {
			variant = "tar"
		}
	}
	if sp.Receiver && a.recv != nil {
		c.checkValue(a.recv, call, a.recvExpr, sp.Kind, variant, name)
	}
	if sp.Kind == knowledge.UploadSave && qual != fileStorageSave && tqual != fileStorageSave {
		if i := contentArg(a); i >= 0 {
			// storage.save(f.stream, path): a storage object's save takes the
			// file's content and a destination; the content is not a path.
			for j, v := range a.pos {
				if j != i && a.posExpr[j] != nil && !a.starred {
					c.checkValue(v, call, a.posExpr[j], sp.Kind, variant, name)
				}
			}
			for _, k := range storageDestKeywords {
				if v, ok := a.kw[k]; ok {
					c.checkValue(v, call, a.kwExpr[k], sp.Kind, variant, name)
				}
			}
			return
		}
	}
	for _, i := range sp.Args {
		if i < len(a.pos) && a.posExpr[i] != nil && !a.starred && !skipValue(sp, a.pos[i]) {
			c.checkValue(a.pos[i], call, a.posExpr[i], sp.Kind, variant, name)
		}
	}
	for _, k := range sp.Keywords {
		if v, ok := a.kw[k]; ok && !skipValue(sp, v) {
			c.checkValue(v, call, a.kwExpr[k], sp.Kind, variant, name)
		}
	}
	if sp.AllKeywords {
		for _, k := range sortedKeys(a.kw) {
			c.checkValue(a.kw[k], call, a.kwExpr[k], sp.Kind, variant, name)
		}
	}
}

const fileStorageSave = "werkzeug.datastructures.FileStorage.save"

// storageDestKeywords name the destination of a storage object's save().
var storageDestKeywords = []string{"dst", "path", "name", "filename", "key", "dest", "destination"}

// contentArg returns the index of the positional argument of a save()
// call that is a file's content rather than its destination (an uploaded
// file, its stream, bytes read from it, an in-memory buffer), or -1. Only
// calls with at least two positional arguments qualify: f.save(dst) has
// its destination first.
func contentArg(a *callArgs) int {
	if len(a.pos) < 2 {
		return -1
	}
	for i, x := range a.posExpr {
		if x == nil {
			continue
		}
		switch a.pos[i].typ {
		case "werkzeug.datastructures.FileStorage", "stream", "bytes", "io.BytesIO", "io.StringIO":
			return i
		}
		switch x := x.(type) {
		case *ast.Attribute:
			if x.Attr == "stream" {
				return i
			}
		case *ast.Call:
			if f, ok := x.Func.(*ast.Attribute); ok && (f.Attr == "read" || f.Attr == "getvalue") {
				return i
			}
		}
	}
	return -1
}

// skipValue reports whether a value cannot be dangerous for a sink
// because of its type: JSON-like data given as a response body, an
// in-memory or uploaded file object given to send_file, a query object
// given to execute().
func skipValue(sp knowledge.Sink, v *value) bool {
	switch {
	case sp.Mode == knowledge.ModeHTMLBody:
		return jsonish(v.typ)
	case sp.Kind == knowledge.SQL:
		// A query object built by a library (select(...).where(col.ilike(x)))
		// is parameterised; only strings are raw SQL.
		return v.opaque && v.typ != "str"
	case sp.Kind == knowledge.Path:
		switch v.typ {
		case "io.BytesIO", "io.StringIO", "werkzeug.datastructures.FileStorage", "stream":
			return true
		}
	}
	return false
}

// jsonish reports whether a value of type t is sent as JSON or is
// already a response, not HTML, when given to a response body.
func jsonish(t string) bool {
	switch t {
	case "json", "dict", "list", "multidict", "flask.Response", "tuple", "Markup":
		return true
	}
	return false
}

// harmless reports whether the call's own arguments make the sink
// harmless: a non-HTML mimetype, a safe YAML loader, a tar filter.
func (c *ctx) harmless(sp knowledge.Sink, a *callArgs) bool {
	call := a.call
	switch sp.Mode {
	case knowledge.ModeHTMLBody:
		for _, k := range call.Keywords {
			if k.Arg == "mimetype" || k.Arg == "content_type" {
				if s, ok := constStr(k.Value); ok && !strings.Contains(strings.ToLower(s), "html") {
					return true
				}
			}
		}
		// Response(body, status, headers, mimetype, content_type) and
		// make_response(body, status, headers).
		for i, x := range call.Args {
			switch {
			case i >= 3:
				if s, ok := constStr(x); ok && !strings.Contains(strings.ToLower(s), "html") {
					return true
				}
			case i >= 1 && nonHTMLHeaders(x):
				return true
			}
		}
		for _, k := range call.Keywords {
			if k.Arg == "headers" && nonHTMLHeaders(k.Value) {
				return true
			}
		}
	case knowledge.ModeYAML:
		var loader ast.Expr
		if len(call.Args) >= 2 {
			loader = call.Args[1]
		}
		for _, k := range call.Keywords {
			if k.Arg == "Loader" {
				loader = k.Value
			}
		}
		if loader != nil && knowledge.SafeYAMLLoader(c.e.qualName(c.f, loader)) {
			return true
		}
	case knowledge.ModeTarExtract:
		for _, k := range call.Keywords {
			if k.Arg == "filter" {
				if s, ok := constStr(k.Value); !ok || s != "fully_trusted" {
					return true
				}
			}
		}
	}
	return false
}

func argExpr(sp knowledge.Sink, a *callArgs) ast.Expr {
	for _, k := range sp.Keywords {
		if x, ok := a.kwExpr[k]; ok {
			return x
		}
	}
	for _, i := range sp.Args {
		if i < len(a.posExpr) && a.posExpr[i] != nil {
			return a.posExpr[i]
		}
	}
	return nil
}

// checkHeaders checks the Location entry of a headers= literal.
func (c *ctx) checkHeaders(s *state, x ast.Expr, call *ast.Call, name string) {
	var loc ast.Expr
	switch h := x.(type) {
	case *ast.Dict:
		for i, k := range h.Keys {
			if ks, ok := constStr(k); ok && strings.EqualFold(ks, "location") {
				loc = h.Values[i]
			}
		}
	case *ast.List:
		for _, e := range h.Elts {
			if t, ok := e.(*ast.Tuple); ok && len(t.Elts) == 2 {
				if ks, ok := constStr(t.Elts[0]); ok && strings.EqualFold(ks, "location") {
					loc = t.Elts[1]
				}
			}
		}
	}
	if loc == nil {
		return
	}
	c.checkValue(c.peek(s, loc), call, loc, knowledge.Redirect, "", name+" with a Location header")
}

// checkCommand checks a command sink: a shell string, the program of an
// argument list, or arguments that may be read as options.
func (c *ctx) checkCommand(s *state, sp knowledge.Sink, qual string, a *callArgs, name string) {
	call := a.call
	shell := shellAlways[qual]
	for _, k := range call.Keywords {
		if k.Arg == "shell" {
			if b, ok := k.Value.(*ast.Constant); ok {
				if v, isBool := b.Bool(); isBool {
					shell = shell || v
					continue
				}
			}
			shell = true // a computed shell= may be true
		}
	}
	var elems []ast.Expr
	var cmd ast.Expr
	if qual == "asyncio.create_subprocess_exec" || strings.HasPrefix(qual, "os.exec") || strings.HasPrefix(qual, "os.spawn") {
		elems = call.Args
		if strings.HasPrefix(qual, "os.spawn") && len(elems) > 0 {
			elems = elems[1:]
		}
	} else {
		cmd = argExpr(sp, a)
		if cmd == nil {
			return
		}
		switch l := cmd.(type) {
		case *ast.List:
			elems = l.Elts
		case *ast.Tuple:
			elems = l.Elts
		}
	}
	if elems == nil {
		v := c.peek(s, cmd)
		switch {
		case shell:
			c.checkValue(v, call, cmd, knowledge.Command, "shell", "the shell command run by "+name)
		case v.strLit || v.typ == "str" || v.built:
			c.checkValue(v, call, cmd, knowledge.Command, "program", name)
		default:
			c.checkValue(v, call, cmd, knowledge.Command, "option", name)
		}
		return
	}
	if shell && len(elems) > 0 {
		c.checkValue(c.peek(s, elems[0]), call, elems[0], knowledge.Command, "shell", "the shell command run by "+name)
		return
	}
	if len(elems) >= 3 {
		p, _ := constStr(elems[0])
		flag, _ := constStr(elems[1])
		if shells[strings.ToLower(p)] && (flag == "-c" || strings.EqualFold(flag, "/c") || strings.EqualFold(flag, "-command")) {
			c.checkValue(c.peek(s, elems[2]), call, elems[2], knowledge.Command, "shell", "the script "+name+" runs with "+p+" "+flag)
			return
		}
	}
	dashdash := false
	for i, x := range elems {
		if str, ok := constStr(x); ok && str == "--" {
			dashdash = true
			continue
		}
		if st, ok := x.(*ast.Starred); ok {
			x = st.Value
		}
		v := c.peek(s, x)
		switch {
		case i == 0:
			c.checkValue(v, call, x, knowledge.Command, "program", name)
		case !dashdash:
			c.checkValue(v, call, x, knowledge.Command, "option", name)
		}
	}
}

// nonHTMLHeaders reports whether x is a headers literal (a dict or a list
// of pairs) whose Content-Type is a constant other than HTML.
func nonHTMLHeaders(x ast.Expr) bool {
	var keys, vals []ast.Expr
	switch h := x.(type) {
	case *ast.Dict:
		keys, vals = h.Keys, h.Values
	case *ast.List:
		for _, e := range h.Elts {
			if t, ok := e.(*ast.Tuple); ok && len(t.Elts) == 2 {
				keys, vals = append(keys, t.Elts[0]), append(vals, t.Elts[1])
			}
		}
	}
	for i, k := range keys {
		if ks, ok := constStr(k); ok && strings.EqualFold(ks, "content-type") {
			vs, ok := constStr(vals[i])
			return ok && !strings.Contains(strings.ToLower(vs), "html")
		}
	}
	return false
}
