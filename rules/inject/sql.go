package inject

import (
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// SQL is FLASK-INJECT-001: untrusted data in SQL text.
var SQL = &rules.Rule{
	ID:       "FLASK-INJECT-001",
	Title:    "SQL query built from untrusted data",
	Severity: rules.High,
	CWE:      89,
	Spec:     "4 FLASK-INJECT-001",
	Category: rules.CatInjection,
	Doc: rules.Doc{
		What: "Follows request data (query string, form, JSON, headers, cookies, route parameters) into SQL " +
			"text: DB-API execute/executemany/executescript " +
			"(sqlite3, psycopg, PyMySQL, mysqlclient), SQLAlchemy text(), Session/Connection.execute with a string, " +
			"raw strings given to Query.filter()/order_by(), and pandas.read_sql. The flow may cross helper functions, " +
			"methods and modules. A query built by formatting a parameter whose callers the scan cannot see is " +
			"reported at low confidence. Values read back from the database or from another service's response " +
			"are not followed (in migrations and data-source runners they are the app's own rows).",
		Why: "When user input becomes part of the SQL text, the user can end the string or expression the " +
			"developer meant and write their own SQL. Bound parameters keep data and code apart: the driver sends " +
			"the value separately and it is never parsed as SQL.",
		Insecure: "@app.get(\"/users\")\ndef users():\n    name = request.args[\"name\"]\n" +
			"    rows = db.execute(f\"SELECT * FROM users WHERE name = '{name}'\").fetchall()",
		Secure: "@app.get(\"/users\")\ndef users():\n    name = request.args[\"name\"]\n" +
			"    rows = db.execute(\"SELECT * FROM users WHERE name = ?\", (name,)).fetchall()",
		Impact: "Anyone who can send the request can read, change or delete data the application's database " +
			"account can reach, bypass login checks, and on some databases run commands on the database host.",
		Fix: "Pass values as bound parameters (`?`, `%s` or `:name` placeholders with a separate tuple or dict) " +
			"or use the ORM's query API. Identifiers (column or table names, sort order) cannot be bound: check " +
			"them against a fixed allowlist.",
		Mitigation: "Give the application's database account only the privileges it needs, and convert numeric " +
			"inputs with int() at the edge.",
		FalsePositives: "Check where the value comes from and whether it is validated in a way the scanner " +
			"cannot see (a custom validator: declare it in [tool.flasksec] sanitizers). Low-confidence findings " +
			"are queries formatted from a function parameter whose callers are unknown.",
	},
	Run: runSQL,
}

func runSQL(pass *rules.Pass) error {
	for _, fl := range taint.Of(pass.Project).Flows(knowledge.SQL) {
		if fl.Origin == knowledge.Param && !fl.Built || fl.Origin.Indirect() {
			continue
		}
		f := fl.Finding()
		if fl.Built {
			f.Fix = "Keep the SQL text constant and pass the value as a bound parameter; if it is an identifier, " +
				"check it against a fixed allowlist before building the query."
		}
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}
