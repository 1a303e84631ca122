package generate

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed snippets/*.py
var snippetFS embed.FS

// Topics returns the names of the secure snippets, sorted.
func Topics() []string {
	entries, err := fs.ReadDir(snippetFS, "snippets")
	if err != nil {
		// The folder is embedded at build time; a read cannot fail.
		panic(fmt.Sprintf("generate: embedded snippets: %v", err))
	}
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".py"))
	}
	sort.Strings(out)
	return out
}

// Snippet returns the Python source of one topic.
func Snippet(topic string) ([]byte, error) {
	for _, t := range Topics() {
		if t == topic {
			return snippetFS.ReadFile("snippets/" + t + ".py")
		}
	}
	return nil, fmt.Errorf("unknown snippet topic %q (run \"flasksec snippet\" for the list)", topic)
}

// Summary returns the first sentence of a topic's docstring, up to its
// first colon or full stop, on one line.
func Summary(topic string) string {
	src, err := Snippet(topic)
	if err != nil {
		return ""
	}
	s := strings.TrimPrefix(string(src), `"""`)
	if i := strings.Index(s, `"""`); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexAny(s, ":."); i >= 0 {
		s = s[:i]
	}
	return strings.Join(strings.Fields(s), " ")
}
