package unsafe

import (
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/rules"
)

// Eval is FLASKSEC-EVAL-001: untrusted data evaluated as code.
var Eval = &rules.Rule{
	ID:       "FLASKSEC-EVAL-001",
	Title:    "Untrusted data evaluated as Python code or imported as a module",
	Severity: rules.Critical,
	CWE:      95,
	Spec:     "extension",
	Category: rules.CatInjection,
	Doc: rules.Doc{
		What: "An extension beyond the spec's section 4, in its injection family: follows request data into " +
			"eval(), exec(), compile(), __import__() and importlib.import_module().",
		Why: "eval and exec run any Python the user writes; a module name chosen by the user imports (and " +
			"runs) any module on the path.",
		Insecure: "@app.get(\"/calc\")\ndef calc():\n    return str(eval(request.args[\"expr\"]))",
		Secure:   "@app.get(\"/calc\")\ndef calc():\n    return str(ast.literal_eval(request.args[\"expr\"]))  # literals only",
		Impact:   "Remote code execution on the server.",
		Fix: "Parse data with json.loads or ast.literal_eval; map user choices to functions or modules through a " +
			"fixed dictionary instead of evaluating or importing names.",
		Mitigation: "Run the application with least privilege in an isolated container.",
		FalsePositives: "Check whether the evaluated text can be influenced by a user at all, and whether an " +
			"allowlist the scanner does not recognise restricts it.",
	},
	Run: func(pass *rules.Pass) error { return report(pass, knowledge.Eval, " and is run as code", true) },
}
