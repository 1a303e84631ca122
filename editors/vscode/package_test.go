// Package vscode holds the test that builds the VS Code extension of this
// folder (TypeScript, vscode-languageclient; it starts `flasksec lsp`).
package vscode

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sources are the files of the extension that the package is built from.
var sources = []string{"package.json", "package-lock.json", "tsconfig.json", ".vscodeignore", "README.md", "src/extension.ts"}

// TestPackage runs `npm ci && npx @vscode/vsce package` on a copy of the
// extension (so node_modules never lands in the checkout) and checks the
// .vsix holds the compiled extension and the language client.
func TestPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the npm build of the VS Code extension")
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed; skipping the VS Code extension build")
	}
	npx, err := exec.LookPath("npx")
	if err != nil {
		t.Skip("npx is not installed; skipping the VS Code extension build")
	}
	dir := t.TempDir()
	for _, f := range sources {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	vsix := filepath.Join(dir, "flasksec.vsix")
	for _, args := range [][]string{
		{npm, "ci", "--no-audit", "--no-fund"},
		{npx, "--no-install", "@vscode/vsce", "package", "--out", vsix},
	} {
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Stdin = nil // vsce must not wait for an answer
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	zr, err := zip.OpenReader(vsix)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	for _, want := range []string{"extension/package.json", "extension/out/extension.js",
		"extension/node_modules/vscode-languageclient/node.js", "extension.vsixmanifest"} {
		if files[want] == nil {
			t.Errorf("%s missing from the package", want)
		}
	}
	for _, unwanted := range []string{"extension/src/extension.ts", "extension/tsconfig.json"} {
		if files[unwanted] != nil {
			t.Errorf("%s should not be packaged", unwanted)
		}
	}
	if f := files["extension/out/extension.js"]; f != nil {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		js, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"lsp"`, `require("vscode-languageclient/node")`, "exports.activate"} {
			if !strings.Contains(string(js), want) {
				t.Errorf("compiled extension lacks %s", want)
			}
		}
	}
}
