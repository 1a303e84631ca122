package main

import (
	"context"
	"strings"

	"github.com/flasksec/flasksec/mcpserver"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

const mcpExamples = `  flasksec mcp                  serve the current folder's project over standard input/output
  flasksec mcp --root ~/src/app serve another project
See docs/agents.md for Claude Code, Claude Desktop, VS Code and Cursor settings.
`

// runMCP runs the Model Context Protocol server on standard input and
// output until the client closes the connection.
func runMCP(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "mcp [--root DIR] [--confidence LEVEL]",
		"Run flasksec as a Model Context Protocol server over standard input and output: coding\n"+
			"agents scan the project, check code before writing it and read the rules.", mcpExamples)
	root := fs.String("root", ".", "the project `folder`; every path a client names is confined to it")
	conf := fs.String("confidence", "medium", "report findings of at least this `confidence`: high, medium, low")
	cfgFile := fs.String("config", "", "configuration `file` (default: .flasksec.toml or pyproject.toml in the root)")
	pos, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(pos) > 0 {
		return fail(e, "mcp takes no arguments (got %q); use --root", strings.Join(pos, " "))
	}
	minConf, err := rules.ParseConfidence(*conf)
	if err != nil {
		return fail(e, "--confidence: %v", err)
	}
	in := e.stdin
	if in == nil {
		in = eofReader{}
	}
	err = mcpserver.Serve(ctx, in, e.stdout, mcpserver.Options{
		Root:    e.abs(*root),
		Version: version,
		Scan: scan.Options{
			ParsePython:   parser.ParseFile,
			Rules:         e.rules(),
			MinConfidence: minConf,
			ConfigFile:    e.abs(*cfgFile),
		},
	})
	if err != nil {
		return fail(e, "%v", err)
	}
	return exitOK
}
