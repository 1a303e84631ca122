package files

import (
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Path is FLASK-PATH-001: untrusted paths in file operations.
var Path = &rules.Rule{
	ID:       "FLASK-PATH-001",
	Title:    "File path built from untrusted data (path traversal)",
	Severity: rules.High,
	CWE:      22,
	Spec:     "4 FLASK-PATH-001",
	Category: rules.CatFiles,
	Doc: rules.Doc{
		What: "Follows request data (including uploaded file names) into file system operations: send_file, " +
			"open/io.open, pathlib.Path reads and writes, os.remove/rename/makedirs..., shutil copies, moves and " +
			"deletions, the directory of send_from_directory, and archives extracted with tarfile/zipfile " +
			"(zip-slip). os.path.join(base, user_value) does not help: a value starting with / or containing " +
			"../ escapes the base. safe_join (checked for None), secure_filename, send_from_directory with a " +
			"constant directory, os.path.basename, and a realpath + startswith(base) check are recognised.",
		Why: "A path from the request can name any file the process can read or write: ../../etc/passwd, the " +
			"application's source and configuration, its secret key, other users' files.",
		Insecure: "@app.get(\"/download\")\ndef download():\n    return send_file(os.path.join(\"reports\", request.args[\"name\"]))",
		Secure:   "@app.get(\"/download\")\ndef download():\n    return send_from_directory(\"reports\", request.args[\"name\"], as_attachment=True)",
		Impact: "Disclosure of any readable file (source code, secrets, credentials), and with write or delete " +
			"operations, tampering with or destroying files, up to code execution by overwriting code or templates.",
		Fix: "Serve user-chosen files with send_from_directory(BASE, name); join with werkzeug.security.safe_join " +
			"and reject a None result; or resolve the path with os.path.realpath and check it starts with the base " +
			"directory. Better, map user-visible identifiers to server-side file names.",
		Mitigation: "Run the application as a user that can read only what it needs, with a read-only file system " +
			"outside its data directory.",
		FalsePositives: "Check whether a validation the scanner does not recognise confines the path (declare " +
			"your helper in [tool.flasksec] sanitizers) and whether the file set is fixed.",
	},
	Run: runPath,
}

func runPath(pass *rules.Pass) error {
	res := taint.Of(pass.Project)
	for _, fl := range res.Flows(knowledge.Path) {
		if fl.Origin == knowledge.Param || fl.Origin.Indirect() {
			continue
		}
		f := fl.Finding()
		if fl.Origin == knowledge.FileName {
			f.Fix = "Never use the client's file name as a path: pass it through secure_filename() and prefer a " +
				"server-generated name (uuid4().hex + an allowlisted extension)."
		}
		pass.Report(f)
	}
	for _, fl := range res.Flows(knowledge.UploadSave) {
		if fl.Origin != knowledge.FileName && fl.Origin != knowledge.Request && fl.Origin != knowledge.UserSource {
			continue
		}
		f := fl.Finding()
		f.Message = fl.Message() + ": the upload is written to a path the client chooses"
		f.Problem = rules.ProblemUploadDestination
		f.Aspect = "the client chooses the path the upload is written to (path traversal)"
		f.Fix = "Save uploads under a name generated on the server (uuid4().hex plus an allowlisted extension) " +
			"inside a fixed directory; secure_filename() at the least."
		pass.Report(f)
	}
	for _, fl := range res.Flows(knowledge.Archive) {
		if fl.Origin == knowledge.Param || fl.Origin.Indirect() {
			continue
		}
		f := fl.Finding()
		switch fl.Variant {
		case "tar":
			f.Message = fl.Message() + ": an uploaded tar archive is extracted without a filter, so member names " +
				"like ../../app.py or absolute paths write outside the target (zip-slip)"
			f.Fix = "Pass filter=\"data\" to extractall()/extract() (Python 3.12+, backported to 3.8+ security " +
				"releases), or check every member's resolved path against the target directory first."
		default:
			f.Message = fl.Message() + ": an uploaded zip archive is extracted; check member names (zip-slip) " +
				"and sizes (zip bombs)"
			f.Fix = "Check each member's resolved path against the target directory and cap the total size before " +
				"extracting; zipfile strips ../ but older or third-party extractors do not."
			if f.Confidence > rules.MediumConfidence {
				f.Confidence = rules.MediumConfidence
			}
		}
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}
