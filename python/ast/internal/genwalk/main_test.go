package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestUpToDate fails when walk_gen.go is not what genwalk writes from the
// current nodes.go: run `go generate ./python/ast` after changing a node.
func TestUpToDate(t *testing.T) {
	want, err := generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../walk_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("python/ast/walk_gen.go is stale: run go generate ./python/ast")
	}
}

// TestEveryNodeHasACase checks that the generated switch names the node
// types a walk meets, leaves included, and panics on anything else.
func TestEveryNodeHasACase(t *testing.T) {
	src, err := generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"*Name,", "*Constant,", "*Pass", "*FunctionDef:", "*MatchCase:", "*Comprehension:", "*WithItem:", "*Arguments:", "panic("} {
		if !strings.Contains(string(src), name) {
			t.Errorf("generated walk has no %s", name)
		}
	}
	if strings.Contains(string(src), "case *Module:") || strings.Contains(string(src), "*Comment") {
		t.Error("Module (walked by Walk itself) or Comment (not a tree node) has a case")
	}
}
