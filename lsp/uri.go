package lsp

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strings"
)

// uriToPath converts a file:// URI into an absolute path of this
// system: percent-escapes decoded, a Windows drive letter kept
// ("file:///c%3A/src" is C:\src on Windows).
func uriToPath(uri string) (string, error) { return uriToPathOS(uri, runtime.GOOS) }

// uriToPathOS is uriToPath for the operating system goos; it returns a
// slash-separated path on every system but Windows.
func uriToPathOS(uri, goos string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("bad URI: %w", err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("not a file URI (scheme %q)", u.Scheme)
	}
	if u.Opaque != "" || u.Path == "" {
		return "", fmt.Errorf("file URI without an absolute path")
	}
	p := path.Clean(u.Path)
	host := u.Host
	if host == "localhost" {
		host = ""
	}
	if goos == "windows" {
		if len(p) >= 3 && p[0] == '/' && isDriveLetter(p[1]) && p[2] == ':' {
			p = strings.ToUpper(p[1:2]) + p[2:]
			if len(p) == 2 {
				p += "/"
			}
		}
		if host != "" {
			p = "//" + host + p // a UNC path
		}
		return strings.ReplaceAll(p, "/", `\`), nil
	}
	if host != "" {
		return "", fmt.Errorf("file URI on another host (%s)", host)
	}
	return p, nil
}

func isDriveLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// pathToURI converts an absolute path of this system into a file:// URI.
func pathToURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/src -> /C:/src
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// joinURI returns the URI of the slash-separated relative path rel under
// the folder URI base, escaping each element of rel.
func joinURI(base, rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.Join(parts, "/")
}

// relPath returns the slash-separated path of abs relative to root, and
// false when abs is not inside root.
func relPath(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") || filepath.IsAbs(rel) {
		return "", false
	}
	return rel, true
}
