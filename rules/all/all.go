// Package all is the registry of every flasksec rule. Adding a rule means
// adding its value here; nothing registers itself.
package all

import (
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/rules/config"
	"github.com/flasksec/flasksec/rules/cors"
	"github.com/flasksec/flasksec/rules/csrf"
	"github.com/flasksec/flasksec/rules/deploy"
	"github.com/flasksec/flasksec/rules/files"
	"github.com/flasksec/flasksec/rules/headers"
	httprule "github.com/flasksec/flasksec/rules/http"
	"github.com/flasksec/flasksec/rules/inject"
	"github.com/flasksec/flasksec/rules/redirect"
	"github.com/flasksec/flasksec/rules/session"
	"github.com/flasksec/flasksec/rules/ssrf"
	"github.com/flasksec/flasksec/rules/ssti"
	"github.com/flasksec/flasksec/rules/supply"
	"github.com/flasksec/flasksec/rules/unsafe"
	"github.com/flasksec/flasksec/rules/xss"
)

// Rules returns every rule, sorted by ID. Each call returns fresh slice;
// the rule values are shared and must not be modified.
func Rules() []*rules.Rule {
	rs := []*rules.Rule{
		// One line per rule, e.g. deploy.DebugMode,
		deploy.DevServer,
		headers.SecurityHeaders,
		headers.RequestLimits,
		headers.TrustedHosts,
		headers.ProxyTrust,
		session.CookieAttributes,
		session.Lifecycle,
		config.SecretKey,
		deploy.DebugMode,
		inject.SQL,
		unsafe.Deserialize,
		unsafe.Eval,
		ssrf.Rule,
		redirect.Rule,
		files.Path,
		files.Upload,
		inject.Command,
		ssti.Rule,
		xss.Rule,
		supply.Rule,
		httprule.Rule,
		csrf.Rule,
		cors.Rule,
	}
	rules.SortByID(rs)
	return rs
}

// ByID returns the rule with the given ID, or nil.
func ByID(id string) *rules.Rule {
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	return nil
}
