package deploy

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// logicalLine is a line joined with its backslash continuations.
type logicalLine struct {
	line int // first physical line
	text string
}

// joinContinuations joins lines ending in a backslash. Comment lines
// (starting with "#") inside a continuation are dropped, as Docker does.
func joinContinuations(text string) []logicalLine {
	var out []logicalLine
	var cur strings.Builder
	start := 0
	for i, raw := range strings.Split(text, "\n") {
		l := strings.TrimRight(raw, "\r")
		if cur.Len() > 0 && strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasSuffix(l, "\\") {
			cur.WriteString(strings.TrimSuffix(l, "\\"))
			cur.WriteString(" ")
			continue
		}
		cur.WriteString(l)
		out = append(out, logicalLine{start, cur.String()})
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, logicalLine{start, cur.String()})
	}
	return out
}

// Words splits a shell command line into words, honouring single and
// double quotes and backslash escapes. It does not expand variables.
func Words(s string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			inWord = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				cur.WriteString(s[i+1:])
				i = len(s)
			} else {
				cur.WriteString(s[i+1 : i+1+j])
				i += j + 1
			}
		case c == '"':
			inWord = true
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				cur.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			inWord = true
			i++
			cur.WriteByte(s[i])
		case c == ' ' || c == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

var envWordRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

// newCommand builds a command from its text, splitting off leading
// NAME=value assignments.
func newCommand(line int, source, text string, args []string) Command {
	c := Command{Line: line, Source: source, Text: strings.TrimSpace(text)}
	if args == nil {
		args = Words(text)
	}
	for len(args) > 0 && envWordRE.MatchString(args[0]) {
		name, val, _ := strings.Cut(args[0], "=")
		c.Env = append(c.Env, EnvVar{Line: line, Name: name, Value: val})
		args = args[1:]
	}
	c.Args = args
	return c
}

// execForm parses a JSON array command (exec form), or returns nil.
func execForm(s string) []string {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") {
		return nil
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil
	}
	return out
}

func parseDockerfile(f *File, text string) {
	for _, ll := range joinContinuations(text) {
		t := strings.TrimSpace(ll.text)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		instr, rest, _ := strings.Cut(t, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(instr) {
		case "CMD", "ENTRYPOINT":
			if args := execForm(rest); args != nil {
				c := newCommand(ll.line, strings.ToUpper(instr), strings.Join(args, " "), args)
				c.Exec = true
				f.Commands = append(f.Commands, c)
			} else {
				f.Commands = append(f.Commands, newCommand(ll.line, strings.ToUpper(instr), rest, nil))
			}
		case "ENV":
			f.Env = append(f.Env, parseAssignments(ll.line, rest, true)...)
		}
	}
}

// parseAssignments reads "A=1 B='x y'" or (legacy Dockerfile ENV) "A 1".
func parseAssignments(line int, s string, legacy bool) []EnvVar {
	words := Words(s)
	if len(words) == 0 {
		return nil
	}
	if legacy && !strings.Contains(words[0], "=") {
		_, val, _ := strings.Cut(strings.TrimSpace(s), " ")
		return []EnvVar{{Line: line, Name: words[0], Value: strings.Trim(strings.TrimSpace(val), `"'`)}}
	}
	var out []EnvVar
	for _, w := range words {
		if name, val, ok := strings.Cut(w, "="); ok && name != "" {
			out = append(out, EnvVar{Line: line, Name: name, Value: val})
		}
	}
	return out
}

func parseProcfile(f *File, text string) {
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimRight(l, "\r"))
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, cmd, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		f.Commands = append(f.Commands, newCommand(i+1, strings.TrimSpace(name), cmd, nil))
	}
}

// parseYAML reads the parts of docker-compose files and app.yaml that
// matter: command/entrypoint (string, flow list or block list) and
// environment / env_variables (map or list form). It is a line-based
// reader, not a YAML parser: anchors and multi-document files are read
// as plain lines.
func parseYAML(f *File, text string) {
	lines := strings.Split(text, "\n")
	envIndent := -1
	listKey, listIndent, listLine := "", -1, 0
	var listArgs []string
	flush := func() {
		if listKey != "" && len(listArgs) > 0 {
			f.Commands = append(f.Commands, newCommand(listLine, listKey, strings.Join(listArgs, " "), listArgs))
		}
		listKey, listArgs = "", nil
	}
	for i, raw := range lines {
		l := strings.TrimRight(raw, "\r")
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if listKey != "" {
			if strings.HasPrefix(t, "- ") && indent >= listIndent {
				listArgs = append(listArgs, unquoteYAML(strings.TrimSpace(t[2:])))
				continue
			}
			flush()
		}
		if envIndent >= 0 {
			if indent > envIndent {
				if strings.HasPrefix(t, "- ") {
					item := unquoteYAML(strings.TrimSpace(t[2:]))
					if name, val, ok := strings.Cut(item, "="); ok {
						f.Env = append(f.Env, EnvVar{Line: i + 1, Name: strings.TrimSpace(name), Value: val})
					}
				} else if name, val, ok := strings.Cut(t, ":"); ok {
					f.Env = append(f.Env, EnvVar{Line: i + 1, Name: strings.TrimSpace(name), Value: unquoteYAML(stripYAMLComment(strings.TrimSpace(val)))})
				}
				continue
			}
			envIndent = -1
		}
		if m := bindMountRE.FindStringSubmatch(t); m != nil {
			f.DevHints = append(f.DevHints, EnvVar{Line: i + 1, Name: "bind mount", Value: m[1]})
		}
		key, val, ok := strings.Cut(strings.TrimPrefix(t, "- "), ":")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		val = stripYAMLComment(strings.TrimSpace(val))
		switch key {
		case "command", "entrypoint":
			switch {
			case val == "" || val == "|" || val == ">":
				listKey, listIndent, listLine = key, indent, i+1
			case strings.HasPrefix(val, "["):
				args := flowList(val)
				f.Commands = append(f.Commands, newCommand(i+1, key, strings.Join(args, " "), args))
			default:
				f.Commands = append(f.Commands, newCommand(i+1, key, unquoteYAML(val), nil))
			}
		case "environment", "env_variables":
			if val == "" {
				envIndent = indent
			} else if strings.HasPrefix(val, "[") {
				for _, item := range flowList(val) {
					if name, v, ok := strings.Cut(item, "="); ok {
						f.Env = append(f.Env, EnvVar{Line: i + 1, Name: name, Value: v})
					}
				}
			}
		}
	}
	flush()
	assignServices(f, lines)
}

// assignServices sets the Service of the commands, variables and hints of
// a compose file from the `services:` keys their lines fall under.
func assignServices(f *File, lines []string) {
	type svc struct {
		line int
		name string
	}
	var svcs []svc
	inServices, svcIndent := false, -1
	for i, raw := range lines {
		l := strings.TrimRight(raw, "\r")
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if indent == 0 {
			inServices = t == "services:"
			svcIndent = -1
			continue
		}
		if !inServices {
			continue
		}
		if svcIndent < 0 {
			svcIndent = indent
		}
		if indent == svcIndent && strings.HasSuffix(t, ":") {
			svcs = append(svcs, svc{i + 1, strings.Trim(strings.TrimSuffix(t, ":"), `"'`)})
		}
	}
	// svcs is in line order: the service of a line is the last one
	// starting at or before it, found by binary search (a scan per line
	// would cost n*n on a file of n services).
	of := func(line int) string {
		i := sort.Search(len(svcs), func(i int) bool { return svcs[i].line > line })
		if i == 0 {
			return ""
		}
		return svcs[i-1].name
	}
	for i := range f.Commands {
		f.Commands[i].Service = of(f.Commands[i].Line)
	}
	for i := range f.Env {
		f.Env[i].Service = of(f.Env[i].Line)
	}
	for i := range f.DevHints {
		f.DevHints[i].Service = of(f.DevHints[i].Line)
	}
}

// bindMountRE matches a compose volume that mounts a folder of the
// repository into the container ("- .:/app", "- ./src:/srv/src").
var bindMountRE = regexp.MustCompile(`^-\s*["']?(\.{1,2}(?:/[^:"']*)?):/`)

func stripYAMLComment(s string) string {
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "'") {
		return s
	}
	if i := strings.Index(s, " #"); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

func unquoteYAML(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// flowList reads a YAML flow sequence of scalars: ["a", 'b', c].
func flowList(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if args := execForm("[" + s + "]"); args != nil {
		return args
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = unquoteYAML(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseFlyToml(f *File, text string) {
	section := ""
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasPrefix(t, "[") {
			section = strings.Trim(t, "[] ")
			continue
		}
		key, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		key, val = strings.TrimSpace(key), unquoteYAML(strings.TrimSpace(val))
		switch section {
		case "env":
			f.Env = append(f.Env, EnvVar{Line: i + 1, Name: key, Value: val})
		case "processes":
			f.Commands = append(f.Commands, newCommand(i+1, key, val, nil))
		case "experimental", "build":
			if key == "cmd" || key == "entrypoint" {
				f.Commands = append(f.Commands, newCommand(i+1, key, strings.Join(flowList(val), " "), flowList(val)))
			}
		}
	}
}

func parseSystemd(f *File, text string) {
	for _, ll := range joinContinuations(text) {
		t := strings.TrimSpace(ll.text)
		key, val, ok := strings.Cut(t, "=")
		if !ok || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") {
			continue
		}
		switch strings.TrimSpace(key) {
		case "ExecStart":
			val = strings.TrimLeft(strings.TrimSpace(val), "@-:+!")
			f.Commands = append(f.Commands, newCommand(ll.line, "ExecStart", val, nil))
		case "Environment":
			f.Env = append(f.Env, parseAssignments(ll.line, val, false)...)
		}
	}
}

func parseShell(f *File, text string) {
	for _, ll := range joinContinuations(text) {
		t := strings.TrimSpace(ll.text)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		for _, part := range splitShell(t) {
			part = strings.TrimSpace(part)
			if strings.HasPrefix(part, "export ") {
				f.Env = append(f.Env, parseAssignments(ll.line, strings.TrimPrefix(part, "export "), false)...)
				continue
			}
			words := Words(part)
			if len(words) > 0 && envWordRE.MatchString(words[0]) && len(words) == len(parseAssignments(ll.line, part, false)) {
				f.Env = append(f.Env, parseAssignments(ll.line, part, false)...)
				continue
			}
			if part != "" {
				f.Commands = append(f.Commands, newCommand(ll.line, "script", part, nil))
			}
		}
	}
}

// splitShell splits a command line at ;, && and || outside quotes.
func splitShell(s string) []string { return splitOutsideQuotes(s, ";", "&|") }

func parseDotEnv(f *File, text string) {
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		t = strings.TrimPrefix(t, "export ")
		name, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		if !strings.HasPrefix(val, "\"") && !strings.HasPrefix(val, "'") {
			if j := strings.Index(val, " #"); j >= 0 {
				val = strings.TrimSpace(val[:j])
			}
		}
		f.Env = append(f.Env, EnvVar{Line: i + 1, Name: strings.TrimSpace(name), Value: unquoteYAML(val)})
	}
}

func parseUWSGI(f *File, text string) {
	var args []string
	first := 0
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") || strings.HasPrefix(t, "[") {
			continue
		}
		key, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		f.Settings = append(f.Settings, EnvVar{Line: i + 1, Name: key, Value: val})
		switch key {
		case "module", "wsgi-file", "wsgi_file", "mount", "callable", "wsgi":
			if first == 0 {
				first = i + 1
			}
			args = append(args, "--"+strings.ReplaceAll(key, "_", "-"), val)
		case "env":
			f.Env = append(f.Env, parseAssignments(i+1, val, false)...)
		case "limit-post", "limit_post":
			f.Limits = append(f.Limits, Limit{Line: i + 1, Directive: key, Value: val, Bytes: parseSize(val)})
		}
	}
	if len(args) > 0 {
		args = append([]string{"uwsgi"}, args...)
		f.Commands = append(f.Commands, newCommand(first, "uwsgi", strings.Join(args, " "), args))
	}
}

var pyAssignRE = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+?)\s*(?:#.*)?$`)

func parseGunicorn(f *File, text string) {
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimRight(raw, "\r")
		if strings.HasPrefix(t, " ") || strings.HasPrefix(t, "\t") {
			continue
		}
		m := pyAssignRE.FindStringSubmatch(strings.TrimSpace(t))
		if m == nil {
			continue
		}
		key, val := m[1], m[2]
		f.Settings = append(f.Settings, EnvVar{Line: i + 1, Name: key, Value: unquoteYAML(val)})
		switch key {
		case "wsgi_app":
			v := unquoteYAML(val)
			f.Commands = append(f.Commands, newCommand(i+1, "wsgi_app", "gunicorn "+v, []string{"gunicorn", v}))
		case "raw_env":
			for _, item := range flowList(val) {
				if name, v, ok := strings.Cut(item, "="); ok {
					f.Env = append(f.Env, EnvVar{Line: i + 1, Name: name, Value: v})
				}
			}
		case "limit_request_line", "limit_request_field_size":
			f.Limits = append(f.Limits, Limit{Line: i + 1, Directive: key, Value: val, Bytes: parseSize(val)})
		}
	}
}

// parseSize reads 10M, 1g, 512k, 1048576, 10MB; -1 when unreadable.
func parseSize(s string) int64 {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), `"';`))
	s = strings.TrimSuffix(s, "b")
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "k"):
		mult, s = 1<<10, strings.TrimSuffix(s, "k")
	case strings.HasSuffix(s, "m"):
		mult, s = 1<<20, strings.TrimSuffix(s, "m")
	case strings.HasSuffix(s, "g"):
		mult, s = 1<<30, strings.TrimSuffix(s, "g")
	case strings.HasSuffix(s, "i"):
		// KiB, MiB
		return parseSize(strings.TrimSuffix(s, "i"))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n * mult
}

// stripComment removes a "#" comment outside quotes.
func stripComment(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#':
			return s[:i]
		}
	}
	return s
}

func parseNginx(f *File, text string) {
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(stripComment(strings.TrimRight(raw, "\r")))
		for _, stmt := range splitOutsideQuotes(t, ";{}", "") {
			words := Words(strings.TrimSpace(stmt))
			if len(words) == 0 {
				continue
			}
			switch words[0] {
			case "add_header":
				if len(words) >= 3 {
					f.Headers = append(f.Headers, Header{Line: i + 1, Name: words[1], Value: words[2], Directive: "add_header"})
				}
			case "more_set_headers":
				for _, w := range words[1:] {
					if name, val, ok := strings.Cut(w, ":"); ok {
						f.Headers = append(f.Headers, Header{Line: i + 1, Name: strings.TrimSpace(name), Value: strings.TrimSpace(val), Directive: "more_set_headers"})
					}
				}
			case "client_max_body_size":
				if len(words) >= 2 {
					f.Limits = append(f.Limits, Limit{Line: i + 1, Directive: words[0], Value: words[1], Bytes: parseSize(words[1])})
				}
			case "proxy_set_header", "uwsgi_param", "fastcgi_param":
				if len(words) >= 3 {
					f.Forwarded = append(f.Forwarded, Header{Line: i + 1, Name: words[1], Value: strings.Join(words[2:], " "), Directive: words[0]})
				}
			}
		}
	}
}

func parseApache(f *File, text string) {
	for _, ll := range joinContinuations(text) {
		t := strings.TrimSpace(stripComment(ll.text))
		words := Words(t)
		if len(words) == 0 {
			continue
		}
		switch strings.ToLower(words[0]) {
		case "header":
			w := words[1:]
			if len(w) > 0 && (strings.EqualFold(w[0], "always") || strings.EqualFold(w[0], "onsuccess")) {
				w = w[1:]
			}
			if len(w) >= 3 {
				switch strings.ToLower(w[0]) {
				case "set", "append", "add", "merge", "setifempty":
					f.Headers = append(f.Headers, Header{Line: ll.line, Name: w[1], Value: w[2], Directive: "Header " + strings.ToLower(w[0])})
				}
			}
		case "requestheader":
			if len(words) >= 4 {
				f.Forwarded = append(f.Forwarded, Header{Line: ll.line, Name: words[2], Value: words[3], Directive: "RequestHeader " + words[1]})
			}
		case "limitrequestbody":
			if len(words) >= 2 {
				f.Limits = append(f.Limits, Limit{Line: ll.line, Directive: "LimitRequestBody", Value: words[1], Bytes: parseSize(words[1])})
			}
		}
	}
}

func parseCaddy(f *File, text string) {
	lines := strings.Split(text, "\n")
	inHeader, inBody := 0, 0
	depth := 0
	for i, raw := range lines {
		t := strings.TrimSpace(stripComment(strings.TrimRight(raw, "\r")))
		if t == "" {
			continue
		}
		opens := strings.Count(t, "{")
		closes := strings.Count(t, "}")
		words := Words(strings.TrimSpace(strings.Trim(t, "{}")))
		switch {
		case len(words) > 0 && words[0] == "header" && opens > 0:
			inHeader = depth + 1
		case len(words) > 0 && words[0] == "request_body" && opens > 0:
			inBody = depth + 1
		case len(words) >= 3 && words[0] == "header":
			f.Headers = append(f.Headers, Header{Line: i + 1, Name: strings.TrimPrefix(words[1], "+"), Value: strings.Join(words[2:], " "), Directive: "header"})
		case inHeader > 0 && depth >= inHeader && len(words) >= 2 && !strings.HasPrefix(words[0], "-"):
			f.Headers = append(f.Headers, Header{Line: i + 1, Name: strings.TrimPrefix(words[0], "+"), Value: strings.Join(words[1:], " "), Directive: "header"})
		case inBody > 0 && depth >= inBody && len(words) >= 2 && words[0] == "max_size":
			f.Limits = append(f.Limits, Limit{Line: i + 1, Directive: "max_size", Value: words[1], Bytes: parseSize(words[1])})
		case len(words) >= 3 && words[0] == "header_up":
			f.Forwarded = append(f.Forwarded, Header{Line: i + 1, Name: words[1], Value: strings.Join(words[2:], " "), Directive: "header_up"})
		}
		depth += opens - closes
		if inHeader > depth {
			inHeader = 0
		}
		if inBody > depth {
			inBody = 0
		}
	}
}

// splitOutsideQuotes splits s at any of the separator bytes seps, and at
// any byte of doubled written twice ("&&", "||"), that are not inside
// single or double quotes.
func splitOutsideQuotes(s, seps, doubled string) []string {
	var out []string
	start := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case strings.IndexByte(seps, c) >= 0:
			out = append(out, s[start:i])
			start = i + 1
		case strings.IndexByte(doubled, c) >= 0 && i+1 < len(s) && s[i+1] == c:
			out = append(out, s[start:i])
			start = i + 2
			i++
		}
	}
	return append(out, s[start:])
}

// traefikHeaders maps Traefik's headers-middleware options to the
// response header each sets.
var traefikHeaders = map[string]string{
	"contentsecuritypolicy": "Content-Security-Policy", "framedeny": "X-Frame-Options",
	"customframeoptionsvalue": "X-Frame-Options", "contenttypenosniff": "X-Content-Type-Options",
	"referrerpolicy": "Referrer-Policy", "permissionspolicy": "Permissions-Policy",
	"stsseconds": "Strict-Transport-Security",
}

// traefikForwarded are the headers Traefik sets towards the app on every
// proxied request.
var traefikForwarded = []string{"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-Ip"}

// parseTraefik reads a Traefik configuration (YAML or TOML, line by
// line): the headers middleware's options and customResponseHeaders
// entries, the buffering middleware's maxRequestBodyBytes, and, for a
// file that routes to services, the forwarded headers Traefik always
// sets.
func parseTraefik(f *File, text string) {
	routes := 0
	for i, raw := range strings.Split(text, "\n") {
		t := strings.TrimSpace(stripComment(strings.TrimRight(raw, "\r")))
		t = strings.TrimPrefix(t, "- ")
		key, val, ok := strings.Cut(t, ":")
		if k, v, eq := strings.Cut(t, "="); eq && (!ok || len(k) < len(key)) {
			key, val, ok = k, v, true // TOML
		}
		if !ok {
			continue
		}
		key, val = unquote(strings.TrimSpace(key)), unquote(strings.TrimSpace(val))
		lk := strings.ToLower(key)
		switch {
		case lk == "loadbalancer" || lk == "servers" || lk == "url" && strings.HasPrefix(val, "http"):
			routes++
		case lk == "maxrequestbodybytes" && val != "":
			f.Limits = append(f.Limits, Limit{Line: i + 1, Directive: key, Value: val, Bytes: parseSize(val)})
		case traefikHeaders[lk] != "" && val != "" && val != "false" && val != "0":
			v := val
			if lk == "framedeny" {
				v = "DENY"
			} else if lk == "contenttypenosniff" {
				v = "nosniff"
			}
			f.Headers = append(f.Headers, Header{Line: i + 1, Name: traefikHeaders[lk], Value: v, Directive: key})
		case val != "" && strings.Contains(key, "-") && knownResponseHeader(lk):
			// customResponseHeaders: {X-Frame-Options: "DENY"}
			f.Headers = append(f.Headers, Header{Line: i + 1, Name: key, Value: val, Directive: "customResponseHeaders"})
		}
	}
	if routes > 0 {
		for _, h := range traefikForwarded {
			f.Forwarded = append(f.Forwarded, Header{Line: 1, Name: h, Value: "(set by Traefik)", Directive: "traefik default"})
		}
	}
}

// knownResponseHeader reports whether a lower-case name is a security
// response header a proxy may add.
func knownResponseHeader(l string) bool {
	switch l {
	case "content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy",
		"permissions-policy", "strict-transport-security":
		return true
	}
	return false
}

// unquote removes one pair of matching quotes around s.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
