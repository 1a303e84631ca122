package deps

import (
	"path"
	"regexp"
	"strings"
)

// reqOptionsWithValue are the pip options of a requirements file that
// take a value, in their long and short spellings. Options not listed
// (--pre, --require-hashes, --no-index...) take none.
var reqOptionsWithValue = map[string]bool{
	"-r": true, "--requirement": true, "-c": true, "--constraint": true,
	"-e": true, "--editable": true, "-i": true, "--index-url": true,
	"--extra-index-url": true, "-f": true, "--find-links": true,
	"--no-binary": true, "--only-binary": true, "--trusted-host": true,
	"--use-feature": true, "--hash": true, "--global-option": true,
	"--install-option": true, "--config-settings": true, "-C": true,
}

// commentStart returns the index of the comment in a line: a "#" at the
// start of the line or after white space (a "#" inside a URL, as in
// "#egg=name", is not a comment); -1 when there is none.
func commentStart(line string) int {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// eggRE finds the project name in a URL's "#egg=name" fragment.
var eggRE = regexp.MustCompile(`[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)`)

// ParseRequirementsTxt parses a pip requirements (or constraints) file.
// It understands comments, "\" line continuations, -r/-c references
// (recorded in Includes, resolved against the file's folder, not
// followed), -e editable installs, per-requirement options (--hash and
// the rest), environment markers, extras, and direct URL, VCS and local
// path requirements, which are kept with their URL and never count as
// pinned. Each requirement's Line is the first physical line of its
// logical line. Lines that cannot be understood are recorded in Errors.
func ParseRequirementsTxt(relPath string, src []byte) *File {
	f := &File{Path: relPath, Format: Requirements}
	dir := path.Dir(relPath)
	lines := splitLines(string(src))
	for i := 0; i < len(lines); i++ {
		start := i + 1
		text := lines[i]
		// Join continuation lines. A comment ends the logical line even
		// if it ends in a backslash.
		for strings.HasSuffix(text, `\`) && commentStart(text) < 0 && i+1 < len(lines) {
			i++
			text = strings.TrimSuffix(text, `\`) + " " + lines[i]
		}
		text = strings.TrimSuffix(text, `\`)
		if c := commentStart(text); c >= 0 {
			text = text[:c]
		}
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		parseRequirementsLine(f, dir, start, text)
	}
	return f
}

// splitLines splits text into lines, accepting \n, \r\n and \r endings
// the same way project.File.Line counts them.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func parseRequirementsLine(f *File, dir string, line int, text string) {
	fields := strings.Fields(text)
	// The requirement is everything before the first option; a line may
	// also start with an option (-r, -e, --index-url ...).
	var reqPart []string
	k := 0
	for k < len(fields) && !strings.HasPrefix(fields[k], "-") {
		reqPart = append(reqPart, fields[k])
		k++
	}
	var editable string
	hashes := 0
	for k < len(fields) {
		opt, val, hasVal := strings.Cut(fields[k], "=")
		if !strings.HasPrefix(opt, "--") && len(opt) > 2 {
			// Short option glued to its value: "-rbase.txt", "-e.".
			opt, val, hasVal = opt[:2], fields[k][2:], true
		}
		k++
		if reqOptionsWithValue[opt] && !hasVal {
			if k >= len(fields) {
				f.errorf(line, "option %s needs a value", opt)
				return
			}
			val = fields[k]
			k++
		}
		switch opt {
		case "-r", "--requirement", "-c", "--constraint":
			f.Includes = append(f.Includes, Include{Path: path.Clean(path.Join(dir, val)),
				Constraint: opt == "-c" || opt == "--constraint", Line: line})
		case "-e", "--editable":
			editable = val
		case "--hash":
			hashes++
		}
	}
	switch {
	case editable != "":
		r := urlRequirement(editable)
		r.Editable = true
		r.Hashes = hashes
		f.add(r, line)
	case len(reqPart) > 0:
		spec := strings.Join(reqPart, " ")
		var r Requirement
		if looksLikeURLOrPath(reqPart[0]) {
			r = urlRequirement(spec)
		} else {
			var err error
			if r, err = ParsePEP508(spec); err != nil {
				f.errorf(line, "%v", err)
				return
			}
		}
		r.Hashes = hashes
		f.add(r, line)
	}
}

func (f *File) add(r Requirement, line int) {
	r.Path, r.Line, r.Format = f.Path, line, f.Format
	f.Requirements = append(f.Requirements, r)
}

// looksLikeURLOrPath reports whether a requirement starts with a URL,
// a VCS URL or a local path rather than a project name.
func looksLikeURLOrPath(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") ||
		strings.HasPrefix(s, "~") || strings.HasPrefix(s, "file:") || strings.HasPrefix(s, "git+") ||
		strings.HasPrefix(s, "hg+") || strings.HasPrefix(s, "svn+") || strings.HasPrefix(s, "bzr+") ||
		strings.HasSuffix(strings.Fields(s)[0], ".whl") || strings.HasSuffix(strings.Fields(s)[0], ".tar.gz") ||
		strings.HasSuffix(strings.Fields(s)[0], ".zip")
}

// urlRequirement builds the requirement of a URL, VCS URL or path, with
// the name from "#egg=", from "name @ url", or from a wheel or sdist
// file name when there is one.
func urlRequirement(s string) Requirement {
	s = strings.TrimSpace(s)
	if !looksLikeURLOrPath(s) {
		// "-e name @ git+https://..." or a plain name after -e.
		if r, err := ParsePEP508(s); err == nil {
			if r.URL == "" {
				r.URL = s
			}
			return r
		}
	}
	var r Requirement
	url, marker, _ := strings.Cut(s, " ;")
	r.URL, r.Marker = strings.TrimSpace(url), strings.TrimSpace(marker)
	if m := eggRE.FindStringSubmatch(r.URL); m != nil {
		r.Name = m[1]
	} else {
		base := path.Base(strings.SplitN(r.URL, "#", 2)[0])
		base = strings.SplitN(base, "?", 2)[0]
		switch {
		case strings.HasSuffix(base, ".whl"):
			r.Name, _, _ = strings.Cut(base, "-")
		case strings.HasSuffix(base, ".tar.gz") || strings.HasSuffix(base, ".zip"):
			stem := strings.TrimSuffix(strings.TrimSuffix(base, ".tar.gz"), ".zip")
			if k := strings.LastIndexByte(stem, '-'); k > 0 {
				r.Name = stem[:k]
			}
		}
	}
	if validName(r.Name) {
		r.Key = NormalizeName(r.Name)
	} else {
		r.Name = ""
	}
	return r
}
