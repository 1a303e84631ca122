package effects

import (
	"strings"

	"github.com/flasksec/flasksec/flask"
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
)

// The tables below say which library calls change state. They are data,
// kept here rather than in package knowledge: knowledge describes where
// untrusted data is dangerous (a path opened, a URL fetched), not whether
// a call writes; its outbound HTTP clients are reused (see outbound).

// byQual maps qualified names of library functions to their effect.
var byQual = map[string]Kind{
	"flask_login.logout_user": SessionEnd, "flask_login.utils.logout_user": SessionEnd,
	"flask_security.logout_user": SessionEnd, "flask_security.utils.logout_user": SessionEnd,
	"flask_login.login_user": Login, "flask_login.utils.login_user": Login,
	"flask_security.login_user": Login, "flask_security.utils.login_user": Login,
	"os.remove": FileDelete, "os.unlink": FileDelete, "os.rmdir": FileDelete, "os.removedirs": FileDelete,
	"shutil.rmtree": FileDelete,
	"shutil.copy":   FileWrite, "shutil.copy2": FileWrite, "shutil.copyfile": FileWrite, "shutil.copytree": FileWrite,
	"shutil.move": FileWrite, "os.rename": FileWrite, "os.replace": FileWrite, "os.renames": FileWrite,
	"django.core.mail.send_mail": Mail, "django.core.mail.send_mass_mail": Mail,
}

// byMethod maps method names that only mean a write, whatever the
// receiver, to their effect (pymongo collections, smtplib).
var byMethod = map[string]Kind{
	"insert_one": DBWrite, "insert_many": DBWrite, "update_one": DBWrite, "update_many": DBWrite,
	"replace_one": DBWrite, "find_one_and_update": DBWrite, "find_one_and_replace": DBWrite, "bulk_write": DBWrite,
	"delete_one": DBDelete, "delete_many": DBDelete, "find_one_and_delete": DBDelete, "drop_collection": DBDelete,
	"sendmail": Mail, "send_message": Mail,
	"write_text": FileWrite, "write_bytes": FileWrite,
	"unlink": FileDelete, "rmdir": FileDelete,
}

// ormSessionMethods are methods of an ORM session (SQLAlchemy's
// db.session) that stage writes.
var ormSessionMethods = map[string]Kind{
	"add": DBWrite, "add_all": DBWrite, "merge": DBWrite, "bulk_save_objects": DBWrite,
	"bulk_insert_mappings": DBWrite, "bulk_update_mappings": DBWrite, "delete": DBDelete,
}

// mailFuncs are library function names that send mail when the callee
// is not a repository function.
var mailFuncs = map[string]bool{"send_mail": true, "send_email": true, "send_mass_mail": true, "send_templated_mail": true}

// sqlVerbs maps the first keyword of an SQL statement to its effect.
var sqlVerbs = map[string]Kind{
	"INSERT": DBWrite, "UPDATE": DBWrite, "REPLACE": DBWrite, "UPSERT": DBWrite, "MERGE": DBWrite,
	"ALTER": DBWrite, "CREATE": DBWrite,
	"DELETE": DBDelete, "DROP": DBDelete, "TRUNCATE": DBDelete,
}

// commandRunners run a program given as their first argument.
var commandRunners = map[string]bool{
	"subprocess.run": true, "subprocess.call": true, "subprocess.check_call": true, "subprocess.check_output": true,
	"subprocess.Popen": true, "os.system": true, "os.popen": true, "asyncio.create_subprocess_exec": true,
	"asyncio.create_subprocess_shell": true,
}

// mutatingPrograms lists programs that change the system, with the verbs
// (their first argument) that do; a nil set means every use does.
var mutatingPrograms = map[string]map[string]bool{
	"systemctl": set("start", "stop", "restart", "reload", "kill", "enable", "disable", "mask", "unmask", "try-restart", "reload-or-restart"),
	"service":   nil, "kill": nil, "pkill": nil, "killall": nil, "shutdown": nil, "reboot": nil, "halt": nil,
	"rm": nil, "rmdir": nil, "mv": nil, "cp": nil, "chmod": nil, "chown": nil, "mkdir": nil, "touch": nil,
	"ln": nil, "truncate": nil, "dd": nil, "useradd": nil, "userdel": nil, "usermod": nil, "passwd": nil,
	"crontab": nil, "iptables": nil, "supervisorctl": set("start", "stop", "restart", "reload", "update"),
	"docker":  set("run", "start", "stop", "restart", "kill", "rm", "rmi", "exec", "pull", "push", "build"),
	"git":     set("push", "commit", "reset", "checkout", "merge", "pull", "clone", "rebase", "tag", "rm", "clean"),
	"kubectl": set("apply", "delete", "scale", "rollout", "create", "patch", "edit", "exec"),
	"nginx":   set("-s"), "apachectl": nil, "pg_restore": nil, "dropdb": nil, "createdb": nil,
}

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// mutatingCommand reports whether a command-running call's first argument
// (a literal list, or a command string) runs a program of mutatingPrograms
// with a verb that changes the system, and names it ("systemctl kill").
// sudo and env prefixes are skipped; an argument the code builds at run
// time with an unknown program is not guessed at.
func mutatingCommand(c *ast.Call) (string, bool) {
	var words []string
	switch arg := flask.Arg(c, 0, "args").(type) {
	case *ast.List:
		for _, e := range arg.Elts {
			w, ok := flask.StrConst(e)
			if !ok {
				break
			}
			words = append(words, w)
		}
	case *ast.Tuple:
		for _, e := range arg.Elts {
			w, ok := flask.StrConst(e)
			if !ok {
				break
			}
			words = append(words, w)
		}
	case *ast.JoinedStr:
		if len(arg.Values) > 0 {
			if lit, ok := flask.StrConst(arg.Values[0]); ok {
				words = strings.Fields(lit)
			}
		}
	default:
		if s, ok := flask.StrConst(arg); ok {
			words = strings.Fields(s)
		}
	}
	for len(words) > 0 && (words[0] == "sudo" || words[0] == "env" || strings.Contains(words[0], "=") && words[0] != "=") {
		words = words[1:]
	}
	if len(words) == 0 {
		return "", false
	}
	prog := words[0]
	if i := strings.LastIndexByte(prog, '/'); i >= 0 {
		prog = prog[i+1:]
	}
	verbs, known := mutatingPrograms[prog]
	if !known {
		return "", false
	}
	if verbs == nil {
		return prog, true
	}
	for _, w := range words[1:] {
		if strings.HasPrefix(w, "-") && !verbs[w] {
			continue // an option before the verb (git -C dir push)
		}
		if verbs[w] {
			return prog + " " + w, true
		}
		return "", false
	}
	return "", false
}

// bookkeepingKinds are the kinds of effects a bookkeeping helper may
// have without changing what the user asked for: the row, file or
// request that records the event. Deletes, mail, logins and logouts are
// never bookkeeping.
var bookkeepingKinds = map[Kind]bool{DBWrite: true, FileWrite: true, Outbound: true}

// bookkeepingWords are words of a function's qualified name (module,
// class and function) that say it records what happened rather than
// acting on it: audit logs, analytics, statistics, timestamps.
var bookkeepingWords = map[string]bool{
	"log": true, "logs": true, "logging": true, "logger": true, "audit": true, "audits": true, "auditlog": true,
	"analytics": true, "telemetry": true, "metric": true, "metrics": true, "stats": true, "statistics": true,
	"statsd": true, "tracking": true, "tracker": true, "heartbeat": true, "timestamp": true, "touch": true,
	"hits": true, "pageview": true, "pageviews": true,
}

// recordedWords name things an app may record for bookkeeping (an event
// stream, an activity feed, a visit counter) but also things users create
// (a calendar event, a music track): they count only in a function whose
// name says it records (record_event, Event.record, log_activity).
var recordedWords = map[string]bool{
	"event": true, "events": true, "activity": true, "activities": true, "history": true, "visit": true,
	"visits": true, "track": true, "counter": true,
}

// recordVerbs are the first words of function names that record.
var recordVerbs = map[string]bool{"record": true, "log": true, "track": true, "emit": true, "audit": true,
	"note": true, "bump": true, "increment": true, "count": true}

// bookkeeping reports whether a repository function only records the
// request or caches a value: its qualified name has a bookkeeping word
// (lemur.logs.service.create, Event.record, save_config_timestamp), a
// "last seen/viewed/used" phrase (set_last_viewed, update_last_seen), it
// is an update check (update_check, check_for_updates), a getter
// (get_x, getFolderId, fetch_x, load_x, get_or_create_x) whose writes fill
// a cache on first use, or it keeps temporary files or caches
// (cleanup_temporary_watches). A name with a destructive verb (clear,
// delete, purge...) is never bookkeeping.
func bookkeeping(fn *resolve.Func) bool {
	if fn == nil {
		return false
	}
	var words []string
	for _, part := range strings.Split(fn.Qual, ".") {
		words = append(words, splitWords(part)...)
	}
	name := splitWords(fn.Name)
	for _, w := range name {
		switch w {
		case "clear", "delete", "remove", "purge", "reset", "drop", "truncate", "wipe", "erase", "destroy":
			return false // clear_watch_history() destroys what it names
		}
	}
	recording := len(name) > 0 && recordVerbs[name[0]]
	for _, w := range words {
		if bookkeepingWords[w] || recording && recordedWords[w] {
			return true
		}
	}
	checks, updates := false, false
	for i, w := range name {
		switch w {
		case "last":
			if i+1 < len(name) {
				switch name[i+1] {
				case "seen", "viewed", "view", "used", "use", "login", "access", "accessed", "active", "activity", "read", "visit", "visited":
					return true
				}
			}
		case "check", "checks", "checker":
			checks = true
		case "updates", "version", "versions", "release", "releases":
			updates = true
		case "update":
			// update_check(), but not check_and_update_roles().
			updates = updates || i+1 < len(name) && name[i+1] == "check" || i > 0 && name[i-1] == "check"
		}
	}
	if checks && updates {
		return true // update_check(), check_for_updates(): the latest version cached
	}
	if len(name) > 1 {
		switch name[0] {
		case "get", "fetch", "load", "lookup", "find":
			// get_x(), get_or_create_x(): a record made on first use.
			return true
		}
	}
	return housekeeping(fn)
}

// housekeeping reports whether a repository function's name says it
// looks after temporary files or caches the app keeps for itself
// (cleanup_temporary_watches, refresh_cache): its file deletes are
// bookkeeping too.
func housekeeping(fn *resolve.Func) bool {
	for _, w := range splitWords(fn.Name) {
		switch w {
		case "temp", "tmp", "temporary", "cache", "cached":
			return true
		}
	}
	return false
}

// bookkeepingRow reports whether an object staged for writing is a
// bookkeeping row: an instance of a class whose name has a bookkeeping
// word (Tracking(...), AuditLog(...), PageVisit(...)), directly or
// through a local name assigned one.
func (a *Analysis) bookkeepingRow(f *project.File, e ast.Expr) bool {
	if n, ok := e.(*ast.Name); ok {
		e = a.localValue(f, n)
	}
	c, ok := e.(*ast.Call)
	if !ok {
		return false
	}
	name := flask.Dotted(c.Func)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if name == "" || name[0] < 'A' || name[0] > 'Z' {
		return false // a class, by Python's naming convention
	}
	words := splitWords(name)
	for _, w := range words {
		if bookkeepingWords[w] {
			return true // AuditLog(...), Tracking(...), EventLog(...)
		}
	}
	return false
}

// stampField reports whether an attribute or key holds bookkeeping
// data: a timestamp of the last activity or an access counter
// (last_seen, last_login_at, updated_at, view_count, hits).
func stampField(name string) bool {
	words := splitWords(name)
	if len(words) == 0 {
		return false
	}
	switch words[0] {
	case "last":
		return true
	}
	switch words[len(words)-1] {
	case "seen", "count", "counter", "hits", "views", "timestamp":
		return true
	case "at", "on", "time":
		if len(words) > 1 {
			switch words[len(words)-2] {
			case "updated", "modified", "seen", "accessed", "viewed", "used", "checked", "synced", "polled":
				return true
			}
		}
	}
	return false
}

// splitWords splits an identifier into lower-case words at underscores
// and camelCase boundaries ("getEbooksFolderId" -> get ebooks folder id).
func splitWords(s string) []string {
	var words []string
	start := 0
	flush := func(end int) {
		if end > start {
			words = append(words, strings.ToLower(s[start:end]))
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || c == '-' || c == '.':
			flush(i)
			start = i + 1
		case c >= 'A' && c <= 'Z' && i > start && s[i-1] >= 'a' && s[i-1] <= 'z':
			flush(i)
			start = i
		}
	}
	flush(len(s))
	return words
}

// classify returns the effect a call has by itself (not through a
// repository function it reaches).
func (a *Analysis) classify(f *project.File, c *ast.Call) (Effect, bool) {
	eff := func(k Kind, what string) (Effect, bool) {
		return Effect{Kind: k, What: what, File: f, Node: c}, true
	}
	q := a.ix.QualName(f, c.Func)
	if k, ok := byQual[q]; ok {
		if (k == FileWrite || k == FileDelete) && a.tempPath(f, flask.Arg(c, 0, "")) {
			return Effect{}, false // housekeeping of temporary files
		}
		return eff(k, short(q)+"()")
	}
	if k, ok := a.outbound(q, c); ok {
		return eff(k, q+"()")
	}
	if what, ok := a.sessionClientCall(f, c); ok {
		return eff(Outbound, what)
	}
	if commandRunners[q] {
		if what, ok := mutatingCommand(c); ok {
			return eff(Command, short(q)+"("+what+")")
		}
		return Effect{}, false
	}
	if _, fn := a.ix.Callee(f, c); fn != nil {
		return Effect{}, false // the repository function's own analysis says
	}
	attr, isAttr := c.Func.(*ast.Attribute)
	if !isAttr {
		if n, ok := c.Func.(*ast.Name); ok {
			switch {
			case n.ID == "open" && (q == "" || q == "builtins.open" || q == "io.open") && writeMode(c) &&
				!a.tempPath(f, flask.Arg(c, 0, "file")):
				return eff(FileWrite, "open(..., \""+modeOf(c)+"\")")
			case mailFuncs[n.ID] && q != "":
				return eff(Mail, n.ID+"()")
			}
		}
		if q != "" && mailFuncs[last(q)] {
			return eff(Mail, short(q)+"()")
		}
		return Effect{}, false
	}
	recv := attr.Value
	recvQual := a.ix.QualName(f, recv)
	recvText := exprText(recv)
	if isFlaskSession(recvQual) {
		switch attr.Attr {
		case "clear":
			return eff(SessionEnd, "session.clear()")
		case "pop":
			if key, ok := flask.StrConst(flask.Arg(c, 0, "")); ok && identityKey(key) {
				return eff(SessionEnd, "session.pop("+quote(key)+")")
			}
		}
		return Effect{}, false
	}
	if mailFuncs[attr.Attr] && q != "" {
		return eff(Mail, short(q)+"()")
	}
	if k, ok := byMethod[attr.Attr]; ok {
		return eff(k, recvName(recvText)+attr.Attr+"()")
	}
	switch attr.Attr {
	case "commit":
		if len(c.Args) == 0 {
			return eff(DBWrite, recvName(recvText)+"commit()")
		}
	case "send":
		if strings.Contains(strings.ToLower(recvText), "mail") {
			return eff(Mail, recvName(recvText)+"send()")
		}
	case "execute", "executemany", "executescript", "exec_driver_sql":
		if k, what, ok := a.sqlEffect(f, c); ok {
			return eff(k, what)
		}
	case "save":
		if len(c.Args) == 0 && len(c.Keywords) == 0 {
			return eff(DBWrite, recvName(recvText)+"save()")
		}
		if a.uploadedFile(f, recv) {
			return eff(FileWrite, recvName(recvText)+"save()")
		}
		// image.save(buffer, "PNG") and the like write to memory as often
		// as to disk: not counted.
	case "delete", "update":
		if isQuery(recv) {
			if attr.Attr == "delete" {
				return eff(DBDelete, "Query.delete()")
			}
			return eff(DBWrite, "Query.update()")
		}
		if attr.Attr == "delete" && len(c.Args) == 0 && len(c.Keywords) == 0 && !isFlaskSession(recvQual) {
			return eff(DBDelete, recvName(recvText)+"delete()")
		}
	}
	if k, ok := ormSessionMethods[attr.Attr]; ok && isORMSession(recv) && len(c.Args) > 0 {
		return eff(k, recvName(recvText)+attr.Attr+"()")
	}
	return Effect{}, false
}

// outbound reports whether a call sends a state-changing request to
// another service: an HTTP client of knowledge's outbound table called
// with POST, PUT, PATCH or DELETE.
func (a *Analysis) outbound(q string, c *ast.Call) (Kind, bool) {
	if q == "" {
		return 0, false
	}
	isClient := false
	for _, s := range a.tables.Sinks(q) {
		if s.Kind == knowledge.URL {
			isClient = true
		}
	}
	if !isClient {
		return 0, false
	}
	switch last(q) {
	case "post", "put", "patch", "delete":
		return Outbound, true
	case "request", "stream":
		if m, ok := flask.StrConst(flask.Arg(c, 0, "method")); ok {
			switch strings.ToUpper(m) {
			case "POST", "PUT", "PATCH", "DELETE":
				return Outbound, true
			}
		}
	case "urlopen":
		if flask.Arg(c, 1, "data") != nil {
			return Outbound, true
		}
	}
	return 0, false
}

// sqlEffect reads the SQL text of an execute() call: a literal, an
// f-string or concatenation starting with a literal, text("..."), or a
// local name bound to one; and SQLAlchemy insert()/update()/delete()
// statements.
func (a *Analysis) sqlEffect(f *project.File, c *ast.Call) (Kind, string, bool) {
	arg := flask.Arg(c, 0, "")
	if arg == nil {
		return 0, "", false
	}
	if n, ok := arg.(*ast.Name); ok {
		arg = a.localValue(f, n)
		if arg == nil {
			return 0, "", false
		}
	}
	if inner, ok := arg.(*ast.Call); ok {
		if q := a.ix.QualName(f, inner.Func); last(q) == "text" {
			arg = flask.Arg(inner, 0, "")
		} else if k, what, ok := statementChain(inner); ok {
			// SQLAlchemy statements: insert(User).values(...),
			// delete(User).where(...), users.update().where(...).
			return k, what, true
		}
	}
	text := leadingText(arg)
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return 0, "", false
	}
	verb := strings.ToUpper(strings.TrimLeft(fields[0], "("))
	k, ok := sqlVerbs[verb]
	if !ok {
		return 0, "", false
	}
	what := verb
	if len(fields) > 2 && (verb == "DELETE" || verb == "INSERT") {
		what = strings.Join(fields[:3], " ")
	} else if len(fields) > 1 {
		what = strings.Join(fields[:2], " ")
	}
	return k, what, true
}

// localValue returns the single value a name is assigned in the function
// enclosing n (or at module level), or nil.
func (a *Analysis) localValue(f *project.File, n *ast.Name) ast.Expr {
	var body []ast.Stmt
	if fn := a.ix.FuncAt(f, int(n.Pos().Line)); fn != nil {
		body = fn.Body
	} else if f.AST != nil {
		body = f.AST.Body
	}
	var val ast.Expr
	count := 0
	for _, s := range body {
		ast.Inspect(s, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.FunctionDef, *ast.AsyncFunctionDef, *ast.Lambda:
				return false
			case *ast.Assign:
				for _, t := range x.Targets {
					if tn, ok := t.(*ast.Name); ok && tn.ID == n.ID {
						val = x.Value
						count++
					}
				}
			}
			return x != nil
		})
	}
	if count != 1 {
		return nil
	}
	return val
}

// leadingText returns the literal text an SQL expression starts with.
func leadingText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Constant:
		s, _ := e.Str()
		return s
	case *ast.JoinedStr:
		var b strings.Builder
		for _, v := range e.Values {
			c, ok := v.(*ast.Constant)
			if !ok {
				break
			}
			s, _ := c.Str()
			b.WriteString(s)
		}
		return b.String()
	case *ast.BinOp:
		return leadingText(e.Left)
	case *ast.Call:
		// "...".format(...)
		if a, ok := e.Func.(*ast.Attribute); ok && a.Attr == "format" {
			return leadingText(a.Value)
		}
	}
	return ""
}

// isQuery reports whether e is a SQLAlchemy query chain: X.query,
// X.query.filter_by(...), session.query(X).filter(...).
func isQuery(e ast.Expr) bool {
	for i := 0; i < 16; i++ {
		switch x := e.(type) {
		case *ast.Attribute:
			if x.Attr == "query" {
				return true
			}
			e = x.Value
		case *ast.Call:
			if a, ok := x.Func.(*ast.Attribute); ok {
				switch a.Attr {
				case "query", "filter", "filter_by", "where":
					return true
				}
				e = a.Value
				continue
			}
			return false
		default:
			return false
		}
	}
	return false
}

// isORMSession reports whether e names an ORM session: db.session,
// self.session, session (when not Flask's), Session().
func isORMSession(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Attribute:
		return x.Attr == "session" || strings.HasSuffix(x.Attr, "_session")
	case *ast.Name:
		return x.ID == "session" || strings.HasSuffix(x.ID, "_session") || x.ID == "db_session"
	case *ast.Call:
		if n, ok := x.Func.(*ast.Name); ok {
			return strings.HasSuffix(n.ID, "Session")
		}
	}
	return false
}

// writeMode reports whether an open() call's mode writes.
func writeMode(c *ast.Call) bool {
	m := modeOf(c)
	return strings.ContainsAny(m, "wax+")
}

func modeOf(c *ast.Call) string {
	m, _ := flask.StrConst(flask.Arg(c, 1, "mode"))
	return m
}

// recvName returns "db.session." for a receiver text, or "" when it is not
// a plain dotted name.
func recvName(text string) string {
	if text == "" {
		return ""
	}
	return text + "."
}

func last(q string) string {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// short drops the package path of a qualified name but its last module:
// "flask_login.utils.logout_user" -> "logout_user", "requests.post" ->
// "requests.post".
func short(q string) string {
	parts := strings.Split(q, ".")
	if len(parts) <= 2 {
		if len(parts) == 2 && strings.HasPrefix(parts[0], "flask_") {
			return parts[1]
		}
		return q
	}
	return parts[len(parts)-1]
}

// uploadedFile reports whether e is an uploaded file: request.files[...],
// request.files.get(...), or a local name assigned one of those.
func (a *Analysis) uploadedFile(f *project.File, e ast.Expr) bool {
	if n, ok := e.(*ast.Name); ok {
		if v := a.localValue(f, n); v != nil {
			e = v
		}
	}
	var holder ast.Expr
	switch x := e.(type) {
	case *ast.Subscript:
		holder = x.Value
	case *ast.Call:
		if at, ok := x.Func.(*ast.Attribute); ok && (at.Attr == "get" || at.Attr == "getlist") {
			holder = at.Value
		}
	}
	if holder == nil {
		return false
	}
	q := a.ix.QualName(f, holder)
	return q == "flask.request.files" || q == "flask.globals.request.files"
}

// maxTextLinks bounds the links of a receiver that exprText renders: the
// text is for messages, and each call of a long chain renders its receiver.
const maxTextLinks = 16

// exprText renders a receiver for messages: "db.session", "db.get_db()",
// "User.query.filter_by(...)"; "" for other expressions, and for chains of
// more than maxTextLinks links, whose text would be no use in a message
// (and would cost time quadratic in their length).
func exprText(e ast.Expr) string {
	var links []string // in reverse order
	for len(links) <= maxTextLinks {
		switch x := e.(type) {
		case *ast.Name:
			var b strings.Builder
			b.WriteString(x.ID)
			for i := len(links) - 1; i >= 0; i-- {
				b.WriteString(links[i])
			}
			return b.String()
		case *ast.Attribute:
			links = append(links, "."+x.Attr)
			e = x.Value
		case *ast.Call:
			if len(x.Args) == 0 && len(x.Keywords) == 0 {
				links = append(links, "()")
			} else {
				links = append(links, "(...)")
			}
			e = x.Func
		default:
			return ""
		}
	}
	return ""
}

// tempPath reports whether a path expression names a temporary file: a
// literal or f-string mentioning tmp/temp, a tempfile.* result, or a local
// name assigned one of those.
func (a *Analysis) tempPath(f *project.File, e ast.Expr) bool {
	if e == nil {
		return false
	}
	if n, ok := e.(*ast.Name); ok {
		if tempName(n.ID) {
			return true
		}
		if v := a.localValue(f, n); v != nil {
			e = v
		}
	}
	temp := false
	ast.Inspect(e, func(x ast.Node) bool {
		switch x := x.(type) {
		case nil:
			return false
		case *ast.Name:
			// os.path.join(temp_dir, "shot.png")
			if tempName(x.ID) {
				temp = true
			}
		case *ast.Constant:
			if s, ok := x.Str(); ok {
				l := strings.ToLower(s)
				if strings.Contains(l, "/tmp") || strings.Contains(l, "temp") {
					temp = true
				}
			}
		case *ast.Call:
			if strings.HasPrefix(a.ix.QualName(f, x.Func), "tempfile.") {
				temp = true
			}
		case *ast.Attribute:
			if strings.HasPrefix(a.ix.QualName(f, x), "tempfile.") {
				temp = true
			}
		}
		return !temp
	})
	return temp
}

// tempName reports whether an identifier names a temporary file or
// folder by its words (tmp_path, temp_dir, tmpdir, temporary_file), not
// by a substring (template_dir is not one).
func tempName(id string) bool {
	for _, w := range splitWords(id) {
		switch w {
		case "tmp", "temp", "temporary", "tmpdir", "tempdir", "tmpfile", "tempfile", "tmpname":
			return true
		}
	}
	return false
}

// httpClients are constructors of HTTP client objects whose post/put/
// patch methods send requests.
var httpClients = map[string]bool{
	"requests.Session": true, "requests.session": true, "requests.sessions.Session": true,
	"httpx.Client": true, "httpx.AsyncClient": true,
}

// sessionClientCall recognises s.post(...) / client.put(...) on a local
// name assigned a requests.Session() or httpx.Client().
func (a *Analysis) sessionClientCall(f *project.File, c *ast.Call) (string, bool) {
	at, ok := c.Func.(*ast.Attribute)
	if !ok || (at.Attr != "post" && at.Attr != "put" && at.Attr != "patch") {
		return "", false
	}
	n, ok := at.Value.(*ast.Name)
	if !ok {
		return "", false
	}
	v, ok := a.localValue(f, n).(*ast.Call)
	if !ok {
		return "", false
	}
	q := a.ix.QualName(f, v.Func)
	if !httpClients[q] {
		return "", false
	}
	return q + "()." + at.Attr + "()", true
}

// statementChain reads a SQLAlchemy statement built by a call chain
// (update(User).where(...).values(...), users.delete().where(...)): the
// first insert/update/delete call of the chain decides.
func statementChain(c *ast.Call) (Kind, string, bool) {
	var e ast.Expr = c
	for i := 0; i < 16; i++ {
		call, ok := e.(*ast.Call)
		if !ok {
			return 0, "", false
		}
		name := ""
		var next ast.Expr
		switch fn := call.Func.(type) {
		case *ast.Name:
			name = fn.ID
		case *ast.Attribute:
			name, next = fn.Attr, fn.Value
		}
		switch name {
		case "insert", "update", "upsert":
			return DBWrite, name + "()", true
		case "delete":
			return DBDelete, name + "()", true
		}
		if next == nil {
			return 0, "", false
		}
		e = next
	}
	return 0, "", false
}
