// Command buildwheels cross-compiles the static flasksec binary
// (CGO_ENABLED=0) and packs each build into a platform wheel, the way Ruff
// ships its Rust binary on PyPI, so that `pip install flasksec`,
// `pipx install flasksec` and `uv tool install flasksec` put a
// `flasksec` command on PATH without Go:
//
//	go run ./scripts/buildwheels -out dist               # every platform
//	go run ./scripts/buildwheels -out dist -only linux/amd64
//
// A wheel holds the binary as flasksec-VERSION.data/scripts/flasksec
// (flasksec.exe on Windows), which installers copy into the environment's
// bin (Scripts) folder, plus the dist-info METADATA, WHEEL and RECORD
// (sha256 digests, urlsafe base64 without padding) of the wheel format
// (PEP 427, PEP 491). Run it from the repository root.
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Platform is one target of the build: a Go GOOS/GOARCH pair and the
// wheel platform tags it satisfies.
type Platform struct {
	GOOS, GOARCH string
	// Tags are the wheel platform tags, most specific first; the file
	// name joins them with dots (a compressed tag set).
	Tags []string
}

// Platforms are the wheels built by default. The Linux binaries are
// static (no libc needed), so they run on any glibc; manylinux2014 is the
// oldest tag current pip accepts. Go 1.26 needs macOS 12 and Windows 10.
var Platforms = []Platform{
	{"linux", "amd64", []string{"manylinux_2_17_x86_64", "manylinux2014_x86_64"}},
	{"linux", "arm64", []string{"manylinux_2_17_aarch64", "manylinux2014_aarch64"}},
	{"darwin", "amd64", []string{"macosx_12_0_x86_64"}},
	{"darwin", "arm64", []string{"macosx_12_0_arm64"}},
	{"windows", "amd64", []string{"win_amd64"}},
}

// Name is "GOOS/GOARCH".
func (p Platform) Name() string { return p.GOOS + "/" + p.GOARCH }

// exe is the binary's file name on the platform.
func (p Platform) exe() string {
	if p.GOOS == "windows" {
		return "flasksec.exe"
	}
	return "flasksec"
}

// WheelName is the file name of the wheel of version for p
// ("flasksec-0.1.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl").
func (p Platform) WheelName(version string) string {
	return fmt.Sprintf("flasksec-%s-py3-none-%s.whl", version, strings.Join(p.Tags, "."))
}

// versionConst finds flasksec's version in cmd/flasksec/main.go.
var versionConst = regexp.MustCompile(`(?m)^const version = "([^"]+)"`)

// readVersion returns the version constant of the flasksec command in the
// repository at root.
func readVersion(root string) (string, error) {
	src, err := os.ReadFile(filepath.Join(root, "cmd", "flasksec", "main.go"))
	if err != nil {
		return "", fmt.Errorf("reading the version: %w", err)
	}
	m := versionConst.FindSubmatch(src)
	if m == nil {
		return "", errors.New("reading the version: no `const version = \"...\"` in cmd/flasksec/main.go")
	}
	return string(m[1]), nil
}

// Build compiles flasksec for p from the repository at root into a file
// in tmp and returns its path.
func Build(root, tmp string, p Platform) (string, error) {
	out := filepath.Join(tmp, p.GOOS+"-"+p.GOARCH, p.exe())
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./cmd/flasksec")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.GOOS, "GOARCH="+p.GOARCH)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building flasksec for %s: %w\n%s", p.Name(), err, stderr.Bytes())
	}
	return out, nil
}

// metadata is the dist-info METADATA file (core metadata 2.1).
func metadata(version string) string {
	return "Metadata-Version: 2.1\n" +
		"Name: flasksec\n" +
		"Version: " + version + "\n" +
		"Summary: Static security analyser for Flask applications (a single native binary)\n" +
		"Home-page: https://github.com/flasksec/flasksec\n" +
		"Keywords: flask,security,static-analysis,sast,linter\n" +
		"Classifier: Environment :: Console\n" +
		"Classifier: Framework :: Flask\n" +
		"Classifier: Programming Language :: Python :: 3\n" +
		"Classifier: Topic :: Security\n" +
		"Requires-Python: >=3.7\n" +
		"Description-Content-Type: text/markdown\n" +
		"\n" +
		"flasksec finds security problems in Flask applications without running\n" +
		"them. This wheel installs the `flasksec` command; run `flasksec scan .`\n" +
		"in a project. Documentation: https://github.com/flasksec/flasksec\n"
}

// wheelFile is the dist-info WHEEL file.
func wheelFile(p Platform) string {
	var b strings.Builder
	b.WriteString("Wheel-Version: 1.0\nGenerator: flasksec buildwheels\nRoot-Is-Purelib: false\n")
	for _, t := range p.Tags {
		fmt.Fprintf(&b, "Tag: py3-none-%s\n", t)
	}
	return b.String()
}

// RecordHash is a RECORD digest: "sha256=" and the urlsafe base64 of the
// SHA-256 of data, without padding.
func RecordHash(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:])
}

// zipTime is the fixed modification time of every entry, so that the
// same binary gives the same wheel.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// entry is one file of a wheel.
type entry struct {
	name string
	mode os.FileMode
	data []byte
}

// WriteWheel writes the wheel of version for p, holding the binary bin,
// into dir and returns its path.
func WriteWheel(dir, version string, p Platform, bin []byte) (string, error) {
	dataDir := "flasksec-" + version + ".data"
	info := "flasksec-" + version + ".dist-info"
	entries := []entry{
		{dataDir + "/scripts/" + p.exe(), 0o755, bin},
		{info + "/METADATA", 0o644, []byte(metadata(version))},
		{info + "/WHEEL", 0o644, []byte(wheelFile(p))},
	}
	var record strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&record, "%s,%s,%d\n", e.name, RecordHash(e.data), len(e.data))
	}
	fmt.Fprintf(&record, "%s/RECORD,,\n", info)
	entries = append(entries, entry{info + "/RECORD", 0o644, []byte(record.String())})

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(e.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return "", fmt.Errorf("writing %s: %w", e.name, err)
		}
		if _, err := w.Write(e.data); err != nil {
			return "", fmt.Errorf("writing %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("writing the wheel: %w", err)
	}
	path := filepath.Join(dir, p.WheelName(version))
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("writing the wheel: %w", err)
	}
	return path, nil
}

// selectPlatforms returns the Platforms named in only ("linux/amd64,
// darwin/arm64"), or all of them when only is empty.
func selectPlatforms(only string) ([]Platform, error) {
	if only == "" {
		return Platforms, nil
	}
	var out []Platform
	for _, name := range strings.Split(only, ",") {
		name = strings.TrimSpace(name)
		found := false
		for _, p := range Platforms {
			if p.Name() == name {
				out = append(out, p)
				found = true
			}
		}
		if !found {
			var names []string
			for _, p := range Platforms {
				names = append(names, p.Name())
			}
			return nil, fmt.Errorf("-only: unknown platform %q (want %s)", name, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// run builds the wheels and prints their paths to stdout.
func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("buildwheels", flag.ContinueOnError)
	out := fs.String("out", "dist", "folder to write the wheels into")
	only := fs.String("only", "", "comma-separated GOOS/GOARCH pairs to build (default: all)")
	root := fs.String("root", ".", "the flasksec repository")
	version := fs.String("version", "", "version to write (default: cmd/flasksec's version constant)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	plats, err := selectPlatforms(*only)
	if err != nil {
		return err
	}
	if *version == "" {
		if *version, err = readVersion(*root); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", *out, err)
	}
	tmp, err := os.MkdirTemp("", "flasksec-wheels-")
	if err != nil {
		return fmt.Errorf("creating a build folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	for _, p := range plats {
		binPath, err := Build(*root, tmp, p)
		if err != nil {
			return err
		}
		bin, err := os.ReadFile(binPath)
		if err != nil {
			return fmt.Errorf("reading the %s binary: %w", p.Name(), err)
		}
		path, err := WriteWheel(*out, *version, p, bin)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Name(), err)
		}
		fmt.Fprintln(stdout, path)
	}
	return nil
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "buildwheels:", err)
		os.Exit(1)
	}
}
