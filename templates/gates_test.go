package templates

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/project"
	"github.com/flasksec/flasksec/python/parser"
)

// The build reads files in parallel and resolves a call only when the
// project can name flask's or jinja2's functions. TestGates checks that
// this changes nothing: every project gets the same model when every
// call is resolved, and with one goroutine.

func dumpModel(m *Model) string {
	var b strings.Builder
	for _, t := range m.Templates {
		fmt.Fprintf(&b, "template %s %q %q errors=%d renders=%d usedby=%d calls=%d\n", t.File.Path, t.Name, t.Folder,
			len(t.Errors), len(t.Renders), len(m.UsedBy(t)), len(t.Calls))
		for _, o := range t.Outputs {
			fmt.Fprintf(&b, "  output %v %+v %d guards=%d\n", o.Node.Pos(), o.Context, o.Block, len(o.Guards))
		}
		for _, group := range [][]*Ref{t.Extends, t.Includes, t.Imports} {
			for _, r := range group {
				var targets []string
				for _, x := range r.Targets {
					targets = append(targets, x.File.Path)
				}
				fmt.Fprintf(&b, "  ref %v %q %v %v\n", r.Pos, r.Names, r.WithContext, targets)
			}
		}
	}
	for _, r := range m.Renders {
		var kw, ts []string
		for k := range r.Keywords {
			kw = append(kw, k)
		}
		sort.Strings(kw)
		for _, t := range r.Templates {
			ts = append(ts, t.File.Path)
		}
		wrapper := ""
		if r.Wrapper != nil {
			wrapper = r.Wrapper.Where()
		}
		fmt.Fprintf(&b, "render %s %v %q %q %v stars=%d env=%v,%v returned=%v %v %q\n", r.Where(), r.Call.Pos(), r.Names,
			r.Func, kw, len(r.StarKwargs), r.Env, r.EnvAutoescape, r.Returned, ts, wrapper)
	}
	for _, s := range m.AutoescapeOff {
		fmt.Fprintf(&b, "autoescape off %s:%d:%d\n", s.File.Path, s.Line, s.Col)
	}
	var names []string
	for n := range m.Filters {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f := m.Filters[n]
		fmt.Fprintf(&b, "filter %q %s %v markup=%v sanitizes=%v\n", n, f.File.Path, f.Func.Pos(), f.ReturnsMarkup, f.Sanitizes)
	}
	for _, n := range m.GlobalNames() {
		for _, g := range m.Globals[n] {
			fmt.Fprintf(&b, "global %q %s:%d %v %v\n", n, g.File.Path, g.Line, g.Value != nil, g.Func != nil)
		}
	}
	return b.String()
}

func TestGates(t *testing.T) {
	var dirs []string
	for _, pattern := range []string{"../flask/testdata/*", "../rules/*/testdata/*", "../examples/*"} {
		ms, _ := filepath.Glob(pattern)
		dirs = append(dirs, ms...)
	}
	for _, v := range []string{"FLASKSEC_BENCH_APP", "FLASKSEC_CORPUS"} {
		if root := os.Getenv(v); root != "" && !testing.Short() {
			dirs = append(dirs, filepath.SplitList(root)...)
		}
	}
	n := 0
	for _, d := range dirs {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			continue
		}
		load := func() *project.Project {
			p, err := project.Load(d, project.Options{ParsePython: parser.ParseFile})
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		testResolveAll = true
		want := dumpModel(build(load()))
		testResolveAll = false
		if got := dumpModel(build(load())); got != want {
			t.Errorf("%s: the gates change the model:\n--- open\n%s--- gated\n%s", d, want, got)
		}
		procs := runtime.GOMAXPROCS(1)
		got := dumpModel(build(load()))
		runtime.GOMAXPROCS(procs)
		if got != want {
			t.Errorf("%s: one goroutine changes the model:\n--- open\n%s--- one goroutine\n%s", d, want, got)
		}
		n++
	}
	if n < 20 {
		t.Fatalf("only %d projects", n)
	}
}
