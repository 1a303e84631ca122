package mcpserver

import (
	"context"
	"fmt"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/flasksec/flasksec/report"
)

// Resource URIs.
const (
	rulesURI    = "flasksec://rules"
	baselineURI = "flasksec://spec-baseline"
)

// addResources registers the rule index, each rule's text (a template,
// flasksec://rules/{id}) and the spec baseline.
func (s *server) addResources(srv *mcp.Server) {
	srv.AddResource(&mcp.Resource{URI: rulesURI, Name: "rules", Description: "Every flasksec rule: ID, severity, CWE and title.", MIMEType: "text/markdown"},
		func(context.Context, *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			var b strings.Builder
			b.WriteString("# flasksec rules\n\n")
			for _, r := range s.opts.Scan.Rules {
				fmt.Fprintf(&b, "- %s/%s (%s, CWE-%d): %s\n", rulesURI, r.ID, r.Severity, r.CWE, r.Title)
			}
			return markdown(rulesURI, b.String()), nil
		})
	srv.AddResourceTemplate(&mcp.ResourceTemplate{URITemplate: rulesURI + "/{id}", Name: "rule", Description: "One rule's documentation.", MIMEType: "text/markdown"},
		func(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			uri := req.Params.URI
			r := s.rule(strings.TrimPrefix(uri, rulesURI+"/"))
			if r == nil {
				return nil, mcp.ResourceNotFoundError(uri)
			}
			return markdown(uri, report.RuleMarkdown(r)), nil
		})
	srv.AddResource(&mcp.Resource{URI: baselineURI, Name: "spec-baseline", Description: "The Flask security spec's baseline: the rules of the spec every Flask app must pass, by severity.", MIMEType: "text/markdown"},
		func(context.Context, *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			var b strings.Builder
			b.WriteString("# Flask security spec baseline\n\nEvery rule of the product spec flasksec checks (flasksec's own extension rules are not listed).\n\n")
			for _, r := range s.opts.Scan.Rules {
				if r.Extension() {
					continue
				}
				fmt.Fprintf(&b, "- **%s** (%s, CWE-%d): %s\n", r.ID, r.Severity, r.CWE, r.Title)
			}
			return markdown(baselineURI, b.String()), nil
		})
}

func markdown(uri, text string) *mcp.ReadResourceResult {
	return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: uri, MIMEType: "text/markdown", Text: text}}}
}

// securePrompt is the generation-mode requirements in short form.
const securePrompt = `You are writing Flask code that must pass the Flask security spec (flasksec). Follow these rules:
- Never hard-code secrets (SECRET_KEY, passwords, tokens): read them from the environment or a secret store.
- Never run with debug=True in production; never expose the Werkzeug debugger.
- Render HTML only through Jinja templates with autoescaping on; never mark user input safe (Markup, |safe) and never build templates from user input (render_template_string with request data).
- Use parameterised SQL queries or the ORM; never format user input into SQL, shell commands (no shell=True), eval/exec, pickle or yaml.load.
- Confine file paths from users (send_from_directory, secure_filename); validate redirect targets to your own host.
- Keep CSRF protection on for every state-changing form (Flask-WTF CSRFProtect); never disable it to make something work.
- Set session cookies Secure, HttpOnly and SameSite; require authentication and authorisation checks on every sensitive route.
- Validate and bound request input; do not trust client-side checks; verify TLS (never verify=False).
Before writing a file, call the check_code tool with its full content and fix every finding; use explain for any rule you do not know.`

// addPrompts registers the "secure Flask code" prompt.
func (s *server) addPrompts(srv *mcp.Server) {
	srv.AddPrompt(&mcp.Prompt{Name: "secure_flask_code", Title: "Secure Flask code", Description: "The requirements for writing Flask code that passes flasksec, in short form."},
		func(context.Context, *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			return &mcp.GetPromptResult{
				Description: "Secure Flask code requirements",
				Messages:    []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: securePrompt}}},
			}, nil
		})
}
