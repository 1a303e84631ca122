// Package taint is flasksec's data-flow engine: it follows untrusted data
// from where it enters a Flask application (the request, route
// parameters, and at lower confidence database rows and outbound HTTP
// responses) to where it is dangerous (SQL, commands, templates, HTML,
// paths, outbound URLs, redirects, deserialisers, eval), and reports each
// flow with the trace it followed.
//
// # Using it
//
//	res := taint.Of(pass.Project)            // computed once per scan, shared by all rules
//	for _, fl := range res.Flows(knowledge.SQL) {
//		// fl.File, fl.Node: the sink; fl.Confidence; fl.Trace: source ... sink
//	}
//	if fl := res.Expr(file, expr); fl != nil {
//		// the Python expression expr of file carries untrusted data (fl.Trace says from where)
//	}
//	for _, cs := range res.CallsTo("flask.send_file") {
//		// every call of an API, resolved once for all rules
//	}
//
// Flows(kind) returns one Flow per sink argument (the best-evidenced one
// when several sources reach it), sorted by file and position. Expr answers
// for any argument of any call the engine evaluated, and for every
// argument of a sink (render_template's keyword arguments are sinks of
// kind TemplateContext, so a template helper can ask whether
// `render_template("x.html", bio=value)` passes user data as bio).
//
// # How it works
//
// Every repo function and method (from package resolve) is analysed on
// its syntax tree by an abstract interpreter that is flow-sensitive inside
// the function: each variable holds a set of labels saying where its data
// may come from (a source, or a parameter of the function), with a
// confidence, the sink kinds the data was sanitised for, and the trace of
// assignments and calls it followed. Branches are analysed separately and
// merged; loops run to a fixpoint; a branch that returns, raises, aborts,
// breaks or continues does not reach the code after it, so guards like
// `if x not in ALLOWED: abort(400)` sanitise x below them. Guards on
// access paths (`if request.args["sort"] not in COLUMNS`, form.kind.data,
// data["url"]) hold for later reads of the same path until it is assigned.
//
// Besides flask.request and route parameters, WTForms forms (repo
// classes deriving from FlaskForm or wtforms.Form) are sources when built,
// except for fields whose data cannot carry text (IntegerField,
// SelectField...).
//
// The analysis of a function yields its summary: which parameters (and
// which attributes of them, e.g. self.db) reach its return value and
// which reach which sinks, the attributes it sets on self, the data it
// puts into its arguments (lst.append(x)), and the parameters it
// validates (a helper that aborts unless the URL is relative sanitises
// its caller's variable). Calls to repo functions apply the callee's
// summary. They are resolved through imports across modules (package
// resolve), self/cls and super() methods, methods of repo classes on
// instances the engine saw constructed (also through attributes set in
// __init__ and @property getters), module-level instances, nested
// functions (which also see their enclosing function's data) and
// functools.partial objects. A repo decorator whose wrapper passes request
// data to the view it wraps (`return f(request.args["u"], *a, **kw)`)
// taints the view's parameter, and request data stored on flask.g by one
// function (a before_request hook) is seen by every function reading it.
// Summaries are computed over the call graph with a worklist until none
// changes (bounded per function), so recursion and mutual recursion
// terminate. Functions are analysed side by side on all cores: the first
// round follows the static call graph bottom-up (a function waits for the
// functions it calls, a nested function for the function it is nested
// in), each analysis publishes its result whole, and one that read a
// summary which has changed since runs again; the result does not depend
// on the interleaving (TestParallel) nor on when the Flask model, built
// meanwhile, says which functions are views (TestViewTiming). Calls to unknown library functions pass taint from
// arguments to result at a lower confidence; the knowledge tables
// (package knowledge) list the sinks, sources, sanitisers, propagators
// and cleaners (int, len, hashes, uuid.UUID) by qualified name. Users add
// their own through the configuration's sources, sinks and sanitizers.
//
// A sink reached by a parameter of a function that no repo code calls is
// reported as an unproven flow (Origin knowledge.Param, low confidence);
// rules decide whether such flows matter (the SQL rule reports string-built
// queries among them).
package taint
