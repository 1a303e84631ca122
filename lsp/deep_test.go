package lsp

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPathologicalBuffers checks that buffers that once killed or wedged
// the server (a 2-million-term sum overflowed the stack; a 300,000-link
// attribute chain kept the analysis busy for minutes) get a syntax error
// diagnostic, and that the server then analyses the restored text.
func TestPathologicalBuffers(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"app.py": safeApp})
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, vulnerableApp, 1)
	c.diagnostics(uri, "diagnostics of version 1", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 1
	})
	bad := []string{
		"x = 1" + strings.Repeat("+1", 2_000_000) + "\n",
		"x = a" + strings.Repeat(".a", 300_000) + "\n",
		"x = f" + strings.Repeat("()", 1_000_000) + "\n",
	}
	for i, text := range bad {
		v := 2 + i
		c.change(uri, vulnerableApp+text, v)
		got := c.diagnostics(uri, "diagnostics of a pathological buffer", func(p PublishDiagnosticsParams) bool {
			return p.Version != nil && *p.Version == v
		})
		deep := false
		for _, d := range got.Diagnostics {
			deep = deep || strings.Contains(d.Message, "nested too deeply")
		}
		if !deep {
			t.Errorf("buffer %d: no 'nested too deeply' diagnostic in %v", i, got.Diagnostics)
		}
	}
	c.change(uri, vulnerableApp, 9)
	got := c.diagnostics(uri, "diagnostics of the restored text", func(p PublishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 9
	})
	if !slices.Contains(codes(got.Diagnostics), "FLASK-INJECT-001@10:14-10:72") {
		t.Errorf("restored text: diagnostics %v, want FLASK-INJECT-001", codes(got.Diagnostics))
	}
	c.shutdown()
}
