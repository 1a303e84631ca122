package project

import (
	"fmt"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
)

// BenchmarkLoad measures the whole loader (walk, .gitignore, read,
// decode, classify, parallel parse) over a 400-file tree.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{".gitignore": "*.log\n/build/\n"}
	var body strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&body, "\n\ndef handler_%d(request, db):\n    rows = db.execute(\"SELECT * FROM t WHERE id = ?\", (request.args.get('id'),))\n    return [dict(r) for r in rows if r]\n", i)
	}
	for i := 0; i < 400; i++ {
		files[fmt.Sprintf("pkg%d/mod%d.py", i%20, i)] = "import os\n" + body.String()
	}
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("pkg%d/templates/t%d.html", i%20, i)] = "<p>{{ x }}</p>\n"
	}
	t := &testing.T{}
	writeTree(t, dir, files)
	b.ResetTimer()
	for b.Loop() {
		p, err := Load(dir, Options{ParsePython: parser.ParseFile})
		if err != nil || len(p.Files) != 440 {
			b.Fatalf("%v, %d files", err, len(p.Files))
		}
	}
}
