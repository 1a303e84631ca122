package lsp

import (
	"os"
	"testing"
)

func TestURIToPath(t *testing.T) {
	tests := []struct {
		uri, goos, want string
		ok              bool
	}{
		{"file:///home/u/app.py", "linux", "/home/u/app.py", true},
		{"file:///home/u/My%20Project/%C3%A9t%C3%A9.py", "linux", "/home/u/My Project/été.py", true},
		{"file://localhost/srv/app", "linux", "/srv/app", true},
		{"file:///srv/app/", "linux", "/srv/app", true},
		{"file:///srv/a%23b/c%3Fd.py", "linux", "/srv/a#b/c?d.py", true},
		{"file:///c%3A/Users/u/app.py", "windows", `C:\Users\u\app.py`, true},
		{"file:///C:/src", "windows", `C:\src`, true},
		{"file:///d%3A", "windows", `D:\`, true},
		{"file://server/share/app.py", "windows", `\\server\share\app.py`, true},
		{"file://server/share/app.py", "linux", "", false},
		{"untitled:Untitled-1", "linux", "", false},
		{"https://example.com/app.py", "linux", "", false},
		{"file:relative.py", "linux", "", false},
		{"::not a uri", "linux", "", false},
	}
	for _, tt := range tests {
		got, err := uriToPathOS(tt.uri, tt.goos)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("uriToPathOS(%q, %s) = %q, %v; want %q, ok=%v", tt.uri, tt.goos, got, err, tt.want, tt.ok)
		}
	}
}

func TestURIRoundTrip(t *testing.T) {
	root := "/home/u/My Project"
	rootURI := pathToURI(root)
	if rootURI != "file:///home/u/My%20Project" {
		t.Errorf("pathToURI = %q", rootURI)
	}
	for _, rel := range []string{"app.py", "pkg/été #1.py", "templates/a b/c%d.html"} {
		uri := joinURI(rootURI+"/", rel)
		p, err := uriToPathOS(uri, "linux")
		if err != nil || p != root+"/"+rel {
			t.Errorf("%s -> %s -> %q, %v", rel, uri, p, err)
		}
		if back, ok := relPath(root, p); !ok || back != rel {
			t.Errorf("relPath(%q) = %q, %v", p, back, ok)
		}
	}
	if _, ok := relPath(root, "/home/u/other/app.py"); ok {
		t.Error("relPath accepted a path outside the root")
	}
	if _, ok := relPath(root, root); ok {
		t.Error("relPath accepted the root itself")
	}
}

func TestTooBroad(t *testing.T) {
	home, _ := os.UserHomeDir()
	for root, want := range map[string]bool{"/": true, home: home != "", "/srv/app": false, "": false} {
		if got := tooBroad(root); got != want {
			t.Errorf("tooBroad(%q) = %v, want %v", root, got, want)
		}
	}
}
