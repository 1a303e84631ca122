package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/flasksec/flasksec/fix/apply"
	"github.com/flasksec/flasksec/generate"
)

// SnippetInput is the snippet tool's input.
type SnippetInput struct {
	Topic string `json:"topic,omitempty" jsonschema:"a snippet topic, e.g. upload-route; empty lists the topics"`
}

// addSnippet registers snippet: the secure patterns of `flasksec snippet`.
func (s *server) addSnippet(srv *mcp.Server) {
	mcp.AddTool(srv, &mcp.Tool{
		Name:        "snippet",
		Description: "Get a secure, working Flask code pattern (upload or download route, safe redirect, login with session renewal, CSRF, security headers, parameterised query, outbound request, subprocess, fail-closed config); without a topic, list the topics.",
	}, func(_ context.Context, _ *mcp.CallToolRequest, in SnippetInput) (*mcp.CallToolResult, any, error) {
		if strings.TrimSpace(in.Topic) == "" {
			var b strings.Builder
			for _, t := range generate.Topics() {
				fmt.Fprintf(&b, "%s: %s\n", t, generate.Summary(t))
			}
			return textResult(b.String()), nil, nil
		}
		src, err := generate.Snippet(strings.TrimSpace(in.Topic))
		if err != nil {
			return nil, nil, err
		}
		return textResult(string(src)), nil, nil
	})
}

// FixInput is the fix tool's input.
type FixInput struct {
	Path   string   `json:"path,omitempty" jsonschema:"file or folder, relative to the project root; default the whole project"`
	RuleID []string `json:"rule_id,omitempty" jsonschema:"only fix findings of these rule IDs"`
}

// addFix registers fix: the unified diff `flasksec fix` proposes, each
// fix proved on an in-memory copy. The tool never writes.
func (s *server) addFix(srv *mcp.Server) {
	mcp.AddTool(srv, &mcp.Tool{
		Name:        "fix",
		Description: "Propose the certain fixes of the findings (a unified diff, secrets masked; each fix proved on a copy: the file parses, the finding is gone, nothing new appears). Nothing is written: apply the diff yourself. Findings without a certain fix are listed with their advice.",
	}, func(ctx context.Context, _ *mcp.CallToolRequest, in FixInput) (*mcp.CallToolResult, any, error) {
		rel, err := s.confine(in.Path)
		if err != nil {
			return nil, nil, err
		}
		opts := s.opts.Scan
		opts.Root = filepath.Join(s.realRoot, filepath.FromSlash(rel))
		res, err := apply.Run(ctx, apply.Options{Scan: opts, Rules: in.RuleID})
		if err != nil {
			return nil, nil, fmt.Errorf("fix %s: %w", rel, err)
		}
		var b strings.Builder
		if res.Diff == "" {
			b.WriteString("No certain fix.\n")
		} else {
			b.WriteString(capText(res.Diff, MaxCodeBytes))
		}
		for _, d := range res.Dropped {
			fmt.Fprintf(&b, "fix dropped: %s %s:%d: %s\n", d.Finding.RuleID, d.Finding.Location.Path, d.Finding.Location.StartLine, d.Reason)
		}
		shown := 0
		for _, f := range res.Unfixed {
			if shown == MaxFindings {
				fmt.Fprintf(&b, "%d more findings without a certain fix left out.\n", len(res.Unfixed)-shown)
				break
			}
			fmt.Fprintf(&b, "no certain fix: %s %s:%d: %s\n", f.RuleID, f.Location.Path, f.Location.StartLine, f.Fix)
			shown++
		}
		return textResult(b.String()), nil, nil
	})
}

// NewProjectInput is the new_project tool's input.
type NewProjectInput struct {
	Name    string `json:"name,omitempty" jsonschema:"the project's name (default app)"`
	Auth    string `json:"auth,omitempty" jsonschema:"session (cookie sessions with CSRF protection, the default) or token (bearer-token JSON API)"`
	DB      string `json:"db,omitempty" jsonschema:"sqlite (default) or postgres"`
	Uploads bool   `json:"uploads,omitempty" jsonschema:"add upload and download routes"`
	Dir     string `json:"dir,omitempty" jsonschema:"write the project into this folder under the project root, which must be empty or absent; omit to only list the files"`
}

// addNewProject registers new_project: the files `flasksec new` writes,
// returned, and written only into an empty folder under the root.
func (s *server) addNewProject(srv *mcp.Server) {
	mcp.AddTool(srv, &mcp.Tool{
		Name:        "new_project",
		Description: "Generate a secure-by-default Flask project (the spec's baseline: app factory, fail-closed config, cookie flags, CSRF, headers, limits, safe redirects, gunicorn). Returns every file; with dir, also writes them into that empty folder under the project root.",
	}, func(_ context.Context, _ *mcp.CallToolRequest, in NewProjectInput) (*mcp.CallToolResult, any, error) {
		o := generate.Options{Name: in.Name, Auth: in.Auth, DB: in.DB, Uploads: in.Uploads}
		if o.Name == "" {
			o.Name = "app"
		}
		if o.Auth == "" {
			o.Auth = "session"
		}
		if o.DB == "" {
			o.DB = "sqlite"
		}
		files, err := generate.Files(o)
		if err != nil {
			return nil, nil, err
		}
		var b strings.Builder
		if in.Dir != "" {
			rel, err := s.confine(in.Dir)
			if err != nil {
				return nil, nil, err
			}
			if rel == "." {
				return nil, nil, errors.New("dir must name a new or empty folder under the project root, not the root itself")
			}
			dir := filepath.Join(s.realRoot, filepath.FromSlash(rel))
			if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
				return nil, nil, fmt.Errorf("dir %s is not empty: new_project writes only into an empty folder", rel)
			}
			if _, err := generate.Write(dir, o, false); err != nil {
				return nil, nil, fmt.Errorf("new_project: %w", err)
			}
			fmt.Fprintf(&b, "Wrote %d files into %s.\n\n", len(files), rel)
		}
		for _, f := range files {
			fmt.Fprintf(&b, "=== %s ===\n%s\n", f.Path, f.Data)
		}
		return textResult(capText(b.String(), 4*MaxCodeBytes)), nil, nil
	})
}

// capText cuts s to at most n bytes at a line end, saying how much was
// left out.
func capText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], '\n') + 1
	return s[:cut] + fmt.Sprintf("... %d more bytes left out\n", len(s)-cut)
}
