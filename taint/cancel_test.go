package taint

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestCancelled checks that a cancelled project context stops the
// engine: with n functions and a module body of n statements, each with a
// flow, an uncancelled run finds every flow, a cancelled one starts no
// function and stops the module body at its first batch of statements.
func TestCancelled(t *testing.T) {
	const n = 2000
	var b strings.Builder
	b.WriteString("import os\nfrom flask import request\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "def f%d():\n    os.system(request.args['c'])\n", i)
	}
	for i := 0; i < n; i++ {
		b.WriteString("os.system(request.args['c'])\n")
	}
	src := b.String()

	full := Of(load(t, map[string]string{"app.py": src}))
	if got := len(full.All()); got != 2*n {
		t.Fatalf("uncancelled: %d flows, want %d", got, 2*n)
	}

	p := load(t, map[string]string{"app.py": src})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p.SetContext(ctx)
	r := Of(p)
	if got, st := len(r.All()), r.Stats(); got >= cancelCheck || st.Analyses >= n {
		t.Errorf("cancelled: %d flows after %d analyses of %d functions, want fewer than %d flows and no function analysed",
			got, st.Analyses, st.Functions, cancelCheck)
	}
}
