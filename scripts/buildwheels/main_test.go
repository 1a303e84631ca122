package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestRecordHash(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		// sha256("") and sha256("abc"), urlsafe base64 without padding.
		{"", "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"},
		{"abc", "sha256=ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"},
	} {
		if got := RecordHash([]byte(tt.in)); got != tt.want {
			t.Errorf("RecordHash(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestWheelNames(t *testing.T) {
	want := map[string]string{
		"linux/amd64":   "flasksec-1.2.3-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
		"linux/arm64":   "flasksec-1.2.3-py3-none-manylinux_2_17_aarch64.manylinux2014_aarch64.whl",
		"darwin/amd64":  "flasksec-1.2.3-py3-none-macosx_12_0_x86_64.whl",
		"darwin/arm64":  "flasksec-1.2.3-py3-none-macosx_12_0_arm64.whl",
		"windows/amd64": "flasksec-1.2.3-py3-none-win_amd64.whl",
	}
	if len(Platforms) != len(want) {
		t.Errorf("%d platforms, want %d", len(Platforms), len(want))
	}
	for _, p := range Platforms {
		if got := p.WheelName("1.2.3"); got != want[p.Name()] {
			t.Errorf("%s: %s, want %s", p.Name(), got, want[p.Name()])
		}
	}
	if _, err := selectPlatforms("linux/amd64, plan9/386"); err == nil || !strings.Contains(err.Error(), "plan9/386") {
		t.Errorf("unknown platform accepted: %v", err)
	}
}

// readWheel returns the files of a wheel with their modes.
func readWheel(t *testing.T, path string) (map[string][]byte, map[string]os.FileMode) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files, modes := map[string][]byte{}, map[string]os.FileMode{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], modes[f.Name] = data, f.Mode()
	}
	return files, modes
}

func TestWheelContents(t *testing.T) {
	for _, p := range Platforms {
		t.Run(p.Name(), func(t *testing.T) {
			bin := []byte("not really a binary for " + p.Name())
			path, err := WriteWheel(t.TempDir(), "1.2.3", p, bin)
			if err != nil {
				t.Fatal(err)
			}
			files, modes := readWheel(t, path)
			script := "flasksec-1.2.3.data/scripts/" + p.exe()
			if !bytes.Equal(files[script], bin) || modes[script].Perm() != 0o755 {
				t.Errorf("%s: %q mode %v", script, files[script], modes[script])
			}
			wheel := string(files["flasksec-1.2.3.dist-info/WHEEL"])
			for _, tag := range p.Tags {
				if !strings.Contains(wheel, "\nTag: py3-none-"+tag+"\n") {
					t.Errorf("WHEEL lacks tag %s:\n%s", tag, wheel)
				}
			}
			if !strings.Contains(wheel, "Root-Is-Purelib: false\n") {
				t.Errorf("WHEEL: %s", wheel)
			}
			meta := string(files["flasksec-1.2.3.dist-info/METADATA"])
			if !strings.HasPrefix(meta, "Metadata-Version: 2.1\nName: flasksec\nVersion: 1.2.3\n") {
				t.Errorf("METADATA:\n%s", meta)
			}
			// RECORD lists every other file with its digest and size,
			// and itself without.
			lines := strings.Split(strings.TrimSuffix(string(files["flasksec-1.2.3.dist-info/RECORD"]), "\n"), "\n")
			if len(lines) != len(files) {
				t.Fatalf("RECORD has %d lines for %d files:\n%s", len(lines), len(files), strings.Join(lines, "\n"))
			}
			for _, l := range lines {
				parts := strings.Split(l, ",")
				if len(parts) != 3 {
					t.Fatalf("RECORD line %q", l)
				}
				data, ok := files[parts[0]]
				switch {
				case !ok:
					t.Errorf("RECORD lists %s, not in the wheel", parts[0])
				case strings.HasSuffix(parts[0], "/RECORD"):
					if parts[1] != "" || parts[2] != "" {
						t.Errorf("RECORD's own line %q", l)
					}
				case parts[1] != RecordHash(data) || parts[2] != strconv.Itoa(len(data)):
					t.Errorf("RECORD line %q does not match the file", l)
				}
			}
		})
	}
}

func TestReadVersion(t *testing.T) {
	v, err := readVersion(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "run", "../../cmd/flasksec", "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "flasksec "+v+" ") {
		t.Errorf("version %q, flasksec says %q", v, out)
	}
}

// TestWheelInstallsInVenv builds the wheel of this machine's platform,
// installs it into a fresh venv from the file alone (no index) and runs
// the installed command.
func TestWheelInstallsInVenv(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the wheel build and install")
	}
	var plat *Platform
	for i, p := range Platforms {
		if runtime.GOOS == "linux" && p.Name() == runtime.GOOS+"/"+runtime.GOARCH {
			plat = &Platforms[i]
		}
	}
	if plat == nil {
		t.Skipf("no linux wheel for %s/%s to install here", runtime.GOOS, runtime.GOARCH)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed; skipping the wheel install")
	}
	dir := t.TempDir()
	venv := filepath.Join(dir, "venv")
	if out, err := exec.Command(python, "-m", "venv", venv).CombinedOutput(); err != nil {
		t.Skipf("python3 -m venv is unavailable (apt-get install python3-venv): %v\n%s", err, out)
	}
	root := filepath.Join("..", "..")
	var paths bytes.Buffer
	if err := run([]string{"-root", root, "-out", dir, "-only", plat.Name()}, &paths); err != nil {
		t.Fatal(err)
	}
	wheel := strings.TrimSpace(paths.String())
	if filepath.Base(wheel) != plat.WheelName(mustVersion(t, root)) {
		t.Fatalf("built %s", wheel)
	}
	pip := exec.Command(filepath.Join(venv, "bin", "pip"), "install", "--no-index", "--disable-pip-version-check", wheel)
	if out, err := pip.CombinedOutput(); err != nil {
		t.Fatalf("pip install: %v\n%s", err, out)
	}
	bin := filepath.Join(venv, "bin", "flasksec")
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "flasksec "+mustVersion(t, root)+" ") {
		t.Fatalf("flasksec version: %v %q", err, out)
	}
	scan := exec.Command(bin, "scan", "-f", "concise", filepath.Join(root, "examples", "vulnerable"))
	out, err = scan.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("scan of examples/vulnerable: %v (want exit code 1, findings)\n%s", err, out)
	}
	if n := strings.Count(string(out), ": FLASK-"); n < 10 {
		t.Errorf("installed flasksec found %d findings in examples/vulnerable:\n%s", n, out)
	}
}

func mustVersion(t *testing.T, root string) string {
	t.Helper()
	v, err := readVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
