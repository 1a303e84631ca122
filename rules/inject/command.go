package inject

import (
	"github.com/flasksec/flasksec/knowledge"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/taint"
)

// Command is FLASK-INJECT-002: untrusted data in OS commands.
var Command = &rules.Rule{
	ID:       "FLASK-INJECT-002",
	Title:    "OS command built from untrusted data",
	Severity: rules.High,
	CWE:      78,
	Spec:     "4 FLASK-INJECT-002",
	Category: rules.CatInjection,
	Doc: rules.Doc{
		What: "Follows request data into commands the application runs: os.system, os.popen, subprocess.* and " +
			"asyncio subprocesses with shell=True, `sh -c`/`bash -c` argument lists, and argument lists whose " +
			"program is untrusted. Untrusted arguments of a fixed program that are not preceded by `--` are " +
			"reported at medium confidence: the program may read them as options. Severity is Critical when a " +
			"route's request data provably reaches the command, High otherwise.",
		Why: "A shell interprets ;, |, &&, $() and backticks: a value placed in a shell command can append its " +
			"own commands. Without a shell, an attacker-chosen program runs whatever it likes, and an argument " +
			"starting with - can turn into an option (`--output=/etc/...`, `-exec`).",
		Insecure: "@app.post(\"/ping\")\ndef ping():\n    host = request.form[\"host\"]\n" +
			"    return subprocess.run(f\"ping -c 1 {host}\", shell=True, capture_output=True).stdout",
		Secure: "@app.post(\"/ping\")\ndef ping():\n    host = request.form[\"host\"]\n" +
			"    ipaddress.ip_address(host)  # raises on anything but an IP\n" +
			"    return subprocess.run([\"ping\", \"-c\", \"1\", \"--\", host], capture_output=True).stdout",
		Impact: "Remote command execution with the application's privileges: reading secrets and data, " +
			"pivoting into the internal network, taking over the host.",
		Fix: "Use a Python library instead of a command when one exists. Otherwise pass a list without " +
			"shell=True, keep the program constant, put user values after `--`, and validate them against an " +
			"allowlist or a strict pattern. shlex.quote() makes a value safe inside a shell string.",
		Mitigation: "Run the application as an unprivileged user in a container with a read-only filesystem " +
			"and restricted egress.",
		FalsePositives: "Check whether the value is validated by code the scanner does not know (declare such " +
			"validators in [tool.flasksec] sanitizers) and whether the route is reachable by untrusted users.",
	},
	Run: runCommand,
}

func runCommand(pass *rules.Pass) error {
	for _, fl := range taint.Of(pass.Project).Flows(knowledge.Command) {
		if fl.Origin == knowledge.Param || fl.Origin.Indirect() {
			continue
		}
		f := fl.Finding()
		switch fl.Variant {
		case "shell":
			f.Fix = "Drop the shell: pass a list of arguments without shell=True, with the user value after `--`; " +
				"if a shell is unavoidable, quote the value with shlex.quote()."
		case "program":
			f.Message = fl.Message() + ", which chooses the program to run"
			f.Fix = "Never let the request choose the program: map the user's choice to a fixed command through an allowlist."
		case "option":
			f.Message = fl.Message() + " as an argument that may be read as an option"
			f.Fix = "Put `--` before user-supplied arguments (if the program supports it) and validate them against a strict pattern."
			if f.Confidence > rules.MediumConfidence {
				f.Confidence = rules.MediumConfidence
			}
		}
		f.Severity = rules.High
		if f.Confidence == rules.HighConfidence && fl.Route != "" &&
			(fl.Origin == knowledge.Request || fl.Origin == knowledge.FileName) {
			f.Severity = rules.Critical
		}
		pass.Report(f)
	}
	return taint.Of(pass.Project).Err()
}
