package unsafe

import (
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Deserialize is FLASKSEC-DESERIALIZE-001: untrusted data given to a
// deserialiser that can run code.
var Deserialize = &rules.Rule{
	ID:       "FLASKSEC-DESERIALIZE-001",
	Title:    "Untrusted data deserialised with pickle, marshal, shelve, unsafe YAML or jsonpickle",
	Severity: rules.Critical,
	CWE:      502,
	Spec:     "extension",
	Category: rules.CatInjection,
	Doc: rules.Doc{
		What: "An extension beyond the spec's section 4 (the spec's audit list names unsafe deserialisation): " +
			"follows request data, and at low confidence stored or fetched data, into pickle/cPickle/dill " +
			"load(s), marshal, shelve, pandas.read_pickle, jsonpickle.decode, and yaml.load/load_all without a " +
			"safe Loader (yaml.unsafe_load, yaml.full_load).",
		Why: "These formats describe objects to construct, and constructing them runs code: a pickle can call " +
			"os.system on load, a YAML document with python/object tags can instantiate any class.",
		Insecure: "@app.post(\"/state\")\ndef state():\n    data = pickle.loads(base64.b64decode(request.form[\"state\"]))",
		Secure:   "@app.post(\"/state\")\ndef state():\n    data = json.loads(request.form[\"state\"])  # plain data only",
		Impact:   "Remote code execution on the server for anyone who can send the data.",
		Fix: "Exchange plain data: JSON (json.loads), yaml.safe_load, or a schema-validated format. If objects " +
			"must round-trip through the client, sign them (itsdangerous) and verify before loading.",
		Mitigation: "Run the application with least privilege in an isolated container.",
		FalsePositives: "Check whether the bytes can really come from a user (a signed, server-generated cookie " +
			"verified before loading is safe).",
	},
	Run: func(pass *rules.Pass) error { return report(pass, knowledge.Deserialize, "", false) },
}

// report turns the flows of one kind into findings. skipIndirect drops
// values read back from the database or another service's response:
// eval/import of those was never real on the corpus, while unpickling a
// stored blob stays reported (whoever can write the row runs code).
func report(pass *rules.Pass, kind knowledge.SinkKind, suffix string, skipIndirect bool) error {
	for _, fl := range taint.Of(pass.Project).Flows(kind) {
		if fl.Origin == knowledge.Param || skipIndirect && fl.Origin.Indirect() {
			continue
		}
		f := fl.Finding()
		f.Message = fl.Message() + suffix
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}
