package taint

import (
	"strings"

	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/resolve"
	"github.com/flasksec/flasksec/rules"
)

// formBases are the WTForms base classes: a repo class deriving from one
// is filled from the request (request.form, request.files) when built.
var formBases = map[string]bool{
	"flask_wtf.FlaskForm": true, "flask_wtf.Form": true, "flask_wtf.form.FlaskForm": true,
	"wtforms.Form": true, "wtforms.form.Form": true,
}

// safeFields are WTForms field types whose .data cannot carry text an
// attacker chooses: numbers, booleans, dates, and choices validated
// against a fixed list.
var safeFields = map[string]bool{
	"IntegerField": true, "DecimalField": true, "FloatField": true, "BooleanField": true, "DateField": true,
	"DateTimeField": true, "DateTimeLocalField": true, "TimeField": true, "MonthField": true,
	"IntegerRangeField": true, "DecimalRangeField": true, "SelectField": true, "RadioField": true,
	"SelectMultipleField": true,
}

// isForm reports whether a repo class is a WTForms form.
func (e *engine) isForm(cls *resolve.Class) bool {
	return e.formDepth(cls, 0)
}

func (e *engine) formDepth(cls *resolve.Class, depth int) bool {
	if cls == nil || depth > 16 {
		return false
	}
	for _, b := range cls.Bases {
		if formBases[b] || e.formDepth(e.ix.Class(b), depth+1) {
			return true
		}
	}
	return false
}

// formValue adds the request's form data to a newly built form object.
func (c *ctx) formValue(call *ast.Call, cls *resolve.Class, v *value) *value {
	if !c.e.isForm(cls) {
		return v
	}
	src := c.e.source(c.f, call.Pos(), "form data ("+cls.Name+")", knowledge.Request, c.route)
	l := label{org: srcOrigin(src), conf: rules.HighConfidence,
		trace: (*tnode)(nil).push(c.f, call.Pos(), "form "+cls.Name+" filled from the request here", "")}
	out := *v
	out.t = join(v.t, single(l))
	return &out
}

// safeFormField reports whether attr is a field of a form class whose
// data is harmless (an IntegerField, a SelectField...).
func (e *engine) safeFormField(typ, attr string) bool {
	cls := e.ix.Class(typ)
	if cls == nil || !e.isForm(cls) {
		return false
	}
	for depth := 0; cls != nil && depth < 16; depth++ {
		for _, st := range cls.Node.Body {
			as, ok := st.(*ast.Assign)
			if !ok || len(as.Targets) != 1 {
				continue
			}
			if n, ok := as.Targets[0].(*ast.Name); !ok || n.ID != attr {
				continue
			}
			call, ok := as.Value.(*ast.Call)
			if !ok {
				return false
			}
			q, _ := e.ix.Callee(cls.File, call)
			return safeFields[q[strings.LastIndexByte(q, '.')+1:]]
		}
		var next *resolve.Class
		for _, b := range cls.Bases {
			if bc := e.ix.Class(b); bc != nil {
				next = bc
				break
			}
		}
		cls = next
	}
	return false
}
