package main

import (
	"context"
	"io"
	"log"
	"os"
	"strings"

	"github.com/flasksec/flasksec/lsp"
	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
)

const lspExamples = `  flasksec lsp                          serve on standard input/output (editors start it so)
  flasksec lsp --confidence low         show Low-confidence findings too
  flasksec lsp --log /tmp/flasksec.log  keep the server's log in a file
See docs/lsp.md for VS Code, Neovim, Helix and Emacs settings.
`

// runLSP runs the language server on standard input and output until
// the editor asks it to exit. Its exit code is the protocol's: 0 after a
// shutdown request, 1 otherwise (2 for bad flags).
func runLSP(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "lsp [--confidence LEVEL] [--log FILE]",
		"Run flasksec as a Language Server Protocol server over standard input and output: the\n"+
			"editor shows findings as diagnostics while you edit, unsaved changes included.", lspExamples)
	conf := fs.String("confidence", "medium", "show findings of at least this `confidence`: high, medium, low (initializationOptions.confidence overrides it)")
	logFile := fs.String("log", "", "append the server's log to `FILE` instead of standard error")
	cfgFile := fs.String("config", "", "configuration `file` (default: .flasksec.toml or pyproject.toml in the workspace root)")
	pos, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(pos) > 0 {
		return fail(e, "lsp takes no arguments (got %q); the editor names the workspace", strings.Join(pos, " "))
	}
	minConf, err := rules.ParseConfidence(*conf)
	if err != nil {
		return fail(e, "--confidence: %v", err)
	}
	logw := e.stderr
	if *logFile != "" {
		f, err := os.OpenFile(e.abs(*logFile), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
		if err != nil {
			return fail(e, "--log: %v", err)
		}
		defer f.Close()
		logw = f
	}
	in := e.stdin
	if in == nil {
		in = eofReader{}
	}
	lg := log.New(logw, "flasksec lsp: ", log.LstdFlags|log.Lmicroseconds)
	lg.Printf("flasksec %s language server starting (pid %d)", version, os.Getpid())
	return lsp.Serve(ctx, in, e.stdout, lsp.Options{
		ParsePython:   parser.ParseFile,
		Rules:         e.rules(),
		MinConfidence: minConf,
		ConfigFile:    e.abs(*cfgFile),
		Debounce:      lsp.DefaultDebounce,
		Log:           lg,
		Version:       version,
	})
}

// eofReader is an empty input.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
