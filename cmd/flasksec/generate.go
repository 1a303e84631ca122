package main

import (
	"context"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"github.com/flasksec/flasksec/generate"
)

func runNew(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "new [flags] DIR",
		"Write a secure-by-default Flask project into DIR (an app factory, fail-closed production\n"+
			"config, CSRF or bearer-token auth, security headers, request limits, gunicorn, a pytest\n"+
			"suite of its own security properties). DIR must be empty unless --force is given; an\n"+
			"existing file with other content is never overwritten.",
		"  flasksec new myapp\n  flasksec new --auth token --db postgres --uploads api\n")
	name := fs.String("name", "", "project `name` (default: DIR's base name)")
	auth := fs.String("auth", "session", "authentication: session (cookies + CSRF) or token (bearer JSON API)")
	db := fs.String("db", "sqlite", "database: sqlite or postgres")
	uploads := fs.Bool("uploads", false, "add upload and download routes")
	force := fs.Bool("force", false, "write into a non-empty folder (existing files are still never replaced)")
	dirs, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	if len(dirs) != 1 {
		fs.printHelp(e.stderr)
		return exitError
	}
	dir := e.abs(dirs[0])
	o := generate.Options{Name: *name, Auth: *auth, DB: *db, Uploads: *uploads}
	if o.Name == "" {
		o.Name = filepath.Base(dir)
	}
	files, err := generate.Write(dir, o, *force)
	if err != nil {
		return fail(e, "new: %v", err)
	}
	fmt.Fprintf(e.stderr, "flasksec: wrote %d files in %s; see its README.md\n", len(files), dirs[0])
	return exitOK
}

func runSnippet(ctx context.Context, args []string, e *env) int {
	fs := newFlagSet(e, "snippet [TOPIC]",
		"List the secure snippet topics, or print one working, secure pattern.",
		"  flasksec snippet\n  flasksec snippet safe-redirect\n")
	topics, code, stop := parseFlags(fs, args, e)
	if stop {
		return code
	}
	switch len(topics) {
	case 0:
		tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		for _, t := range generate.Topics() {
			fmt.Fprintf(tw, "%s\t%s\n", t, generate.Summary(t))
		}
		if err := tw.Flush(); err != nil {
			return fail(e, "writing: %v", err)
		}
	case 1:
		src, err := generate.Snippet(topics[0])
		if err != nil {
			return fail(e, "%v", err)
		}
		if _, err := e.stdout.Write(src); err != nil {
			return fail(e, "writing: %v", err)
		}
	default:
		fs.printHelp(e.stderr)
		return exitError
	}
	return exitOK
}
