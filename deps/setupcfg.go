package deps

import (
	"strings"
)

// ParseSetupCfg parses the dependencies of a setuptools setup.cfg:
// install_requires in [options] and each extra of
// [options.extras_require]. Values are either on the key's line or on the
// indented lines that follow it; each requirement keeps its own line.
// Comments ("#" or ";" at the start of a line, or " #" after a value) are
// ignored.
func ParseSetupCfg(relPath string, src []byte) *File {
	f := &File{Path: relPath, Format: SetupCfg}
	lines := splitLines(string(src))
	section := ""
	key := ""   // the option whose value continues on indented lines
	group := "" // the extra the current key is for
	for i, raw := range lines {
		n := i + 1
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if !indented && strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") {
			section = strings.ToLower(strings.TrimSpace(trimmed[1 : len(trimmed)-1]))
			key = ""
			continue
		}
		value := trimmed
		if !indented {
			k, v, ok := strings.Cut(trimmed, "=")
			if !ok {
				k, v, ok = strings.Cut(trimmed, ":")
			}
			if !ok {
				key = ""
				continue
			}
			k = strings.ToLower(strings.TrimSpace(k))
			key, group = "", ""
			switch {
			case section == "options" && (k == "install_requires" || k == "install-requires"):
				key = k
			case section == "options.extras_require" || section == "options.extras-require":
				key, group = k, strings.TrimSpace(k)
			default:
				continue
			}
			value = strings.TrimSpace(v)
		} else if key == "" {
			continue
		}
		if c := strings.Index(value, " #"); c >= 0 {
			value = strings.TrimSpace(value[:c])
		}
		// setuptools splits the value on new lines: each line is one
		// requirement.
		if value == "" || strings.HasPrefix(value, "file:") || strings.HasPrefix(value, "attr:") {
			continue
		}
		r, err := ParsePEP508(value)
		if err != nil {
			f.errorf(n, "%v", err)
			continue
		}
		r.Group = group
		f.add(r, n)
	}
	return f
}
