package lsp

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSkippedBufferSaysSo opens a buffer over the size limit: instead of
// no diagnostics (which reads as a clean file) it gets one saying it was
// not analysed, and a buffer back under the limit is analysed again.
func TestSkippedBufferSaysSo(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{".flasksec.toml": "max_file_size = 200\n", "app.py": "x = 1\n"})
	c := startServer(t, Options{})
	c.initialize(root, nil, nil)
	uri := pathToURI(filepath.Join(root, "app.py"))
	c.open(uri, "x = 1\n"+strings.Repeat("# padding\n", 40), 3)
	got := c.diagnostics(uri, "the skipped note", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 3 })
	if want := []string{"skipped@0:0-0:0"}; !slices.Equal(codes(got.Diagnostics), want) {
		t.Fatalf("diagnostics = %v, want %v", codes(got.Diagnostics), want)
	}
	if m := got.Diagnostics[0].Message; !strings.Contains(m, "did not analyse") || !strings.Contains(m, "size limit of 200 bytes") {
		t.Errorf("message = %q", m)
	}
	c.change(uri, "x = 1\n", 4)
	got = c.diagnostics(uri, "the analysed buffer", func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == 4 })
	if len(got.Diagnostics) != 0 {
		t.Errorf("after shrinking: %v", codes(got.Diagnostics))
	}
	c.shutdown()
}

// TestOversizeMessageSaysSo sends a message over the server's limit: the
// user is told that an edit was not read.
func TestOversizeMessageSaysSo(t *testing.T) {
	c := startServer(t, Options{MaxMessage: 1 << 10})
	c.initialize(t.TempDir(), nil, nil)
	c.in.Write([]byte(frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"x":"` + strings.Repeat("a", 2<<10) + `"}}`)))
	m := c.waitFor("the warning", func(m rawMessage) bool { return m.Method == "window/showMessage" })
	if !strings.Contains(string(m.Params), "over the limit of 1024 bytes") || !strings.Contains(string(m.Params), `"type":2`) {
		t.Errorf("showMessage = %s", m.Params)
	}
	c.shutdown()
}
