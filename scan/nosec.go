package scan

// banditRules maps Bandit check IDs to the flasksec rules that find the
// same problem, for "# nosec B602" comments (with nosec = true): such a
// comment silences a finding only when one of its IDs maps to the
// finding's rule, so that "# nosec B404" (import of subprocess) never
// silences a command injection. A check with no flasksec counterpart is
// not listed. docs/config.md shows this table to users.
var banditRules = map[string][]string{
	"B102": {"FLASKSEC-EVAL-001"},        // exec_used
	"B104": {"FLASK-DEPLOY-001"},         // hardcoded_bind_all_interfaces
	"B105": {"FLASK-CONFIG-001"},         // hardcoded_password_string
	"B106": {"FLASK-CONFIG-001"},         // hardcoded_password_funcarg
	"B201": {"FLASK-DEPLOY-002"},         // flask_debug_true
	"B202": {"FLASK-PATH-001"},           // tarfile_unsafe_members
	"B301": {"FLASKSEC-DESERIALIZE-001"}, // pickle
	"B302": {"FLASKSEC-DESERIALIZE-001"}, // marshal
	"B307": {"FLASKSEC-EVAL-001"},        // eval
	"B310": {"FLASK-SSRF-001"},           // urllib_urlopen
	"B506": {"FLASKSEC-DESERIALIZE-001"}, // yaml_load
	"B602": {"FLASK-INJECT-002"},         // subprocess_popen_with_shell_equals_true
	"B603": {"FLASK-INJECT-002"},         // subprocess_without_shell_equals_true
	"B604": {"FLASK-INJECT-002"},         // any_other_function_with_shell_equals_true
	"B605": {"FLASK-INJECT-002"},         // start_process_with_a_shell
	"B606": {"FLASK-INJECT-002"},         // start_process_with_no_shell
	"B607": {"FLASK-INJECT-002"},         // start_process_with_partial_path
	"B608": {"FLASK-INJECT-001"},         // hardcoded_sql_expressions
	"B610": {"FLASK-INJECT-001"},         // django_extra_used
	"B611": {"FLASK-INJECT-001"},         // django_rawsql_used
	"B701": {"FLASK-XSS-001"},            // jinja2_autoescape_false
	"B703": {"FLASK-XSS-001"},            // django_mark_safe
	"B704": {"FLASK-XSS-001"},            // markupsafe_markup_xss
}

// BanditRules returns the flasksec rules a Bandit check ID maps to (nil
// when none), for documentation and tests.
func BanditRules(id string) []string {
	return append([]string(nil), banditRules[id]...)
}

// nosecCovers reports whether a "# nosec" comment with these IDs covers a
// finding of rule: a bare "# nosec" covers every rule; otherwise one ID
// must be the rule's own ID or a Bandit check that maps to it.
func nosecCovers(ids []string, rule string) bool {
	if len(ids) == 0 {
		return true
	}
	for _, id := range ids {
		if id == rule {
			return true
		}
		for _, r := range banditRules[id] {
			if r == rule {
				return true
			}
		}
	}
	return false
}
