package lsp

import (
	"regexp"
	"strings"

	"github.com/flasksec/flasksec/python/scanner"
)

// An editor buffer is text: the editor has already decoded the file with
// its PEP 263 coding declaration. Handed to the loader as UTF-8 bytes
// under a declaration of another encoding, it would be decoded a second
// time and its non-ASCII characters misread. utf8Source rewrites such a
// declaration to UTF-8, keeping the line's length when it can so that no
// position moves; unknown encodings and ASCII are left for the loader to
// report, as it would for the file on disk.

// codingRE finds a PEP 263 declaration in a comment line.
var codingRE = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// utf8Source returns the bytes of a Python buffer for the loader.
func utf8Source(text string) []byte {
	for n, start := 0, 0; n < 2 && start <= len(text); n++ {
		end := strings.IndexAny(text[start:], "\r\n")
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if m := codingRE.FindStringSubmatchIndex(line); m != nil {
			name := line[m[2]:m[3]]
			if !needsRewrite(name) {
				break
			}
			repl := "utf-8"
			if pad := len(name) - len(repl); pad > 0 {
				repl += strings.Repeat(" ", pad)
			}
			return []byte(text[:start+m[2]] + repl + text[start+m[3]:])
		}
		// Only a blank or comment-only first line lets line 2 declare.
		if t := strings.TrimLeft(line, " \t\f"); t != "" && t[0] != '#' {
			break
		}
		if end == len(text) {
			break
		}
		start = end + 1
		if text[end] == '\r' && start < len(text) && text[start] == '\n' {
			start++
		}
	}
	return []byte(text)
}

// needsRewrite reports whether a declared encoding is one the loader
// knows, other than UTF-8 and ASCII.
func needsRewrite(name string) bool {
	n := strings.ReplaceAll(strings.ToLower(name), "_", "-")
	if n == "utf-8" || n == "utf8" || strings.HasPrefix(n, "utf-8-") || n == "ascii" || n == "us-ascii" || n == "646" {
		return false
	}
	_, err := scanner.Decode("", []byte("# coding: "+name+"\n"))
	return err == nil
}
