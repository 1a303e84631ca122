package rules_test

import (
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
)

// TestEnclosingFunction checks the function named for a line in every
// compound statement that can hold a def; the name feeds fingerprints.
func TestEnclosingFunction(t *testing.T) {
	src := `import asyncio

async def outer():
    async with lock:
        def in_async_with():
            return 1
    async for x in xs:
        def in_async_for():
            return 2

def handler():
    try:
        pass
    except* ValueError:
        def in_except_star():
            return 3

def dispatch(cmd):
    match cmd:
        case "go":
            def in_case():
                return 4

class View:
    def get(self):
        with ctx:
            return 5

x = 6
`
	mod, err := parser.ParseFile("t.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line int
		want string
	}{
		{6, "outer.in_async_with"},
		{9, "outer.in_async_for"},
		{16, "handler.in_except_star"},
		{22, "dispatch.in_case"},
		{27, "View.get"},
		{29, ""},
	} {
		if got := rules.EnclosingFunction(mod, tc.line); got != tc.want {
			t.Errorf("line %d: EnclosingFunction = %q, want %q", tc.line, got, tc.want)
		}
	}
}
