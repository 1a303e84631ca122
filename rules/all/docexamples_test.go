package all

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/flasksec/flasksec/python/parser"
	"github.com/flasksec/flasksec/rules"
	"github.com/flasksec/flasksec/scan"
)

// docPrelude makes a documentation example a module of its own: the
// imports and objects the examples use without defining them.
const docPrelude = `import ast
import base64
import ipaddress
import json
import os
import pickle
import subprocess
from urllib.parse import urlparse

import requests
import yaml
from flask import (Blueprint, Flask, abort, redirect, render_template, render_template_string,
                   request, send_file, send_from_directory, session, url_for)
from flask_login import LoginManager, current_user, login_required, login_user
from markupsafe import Markup
from werkzeug.middleware.proxy_fix import ProxyFix

app = Flask(__name__)
bp = Blueprint("bp", __name__)
app.register_blueprint(bp)

`

// fileHeader is an example's "# name" line that starts another file:
// "# Dockerfile", "# app.py", "# requirements.txt (compiled ...)".
var fileHeader = regexp.MustCompile(`^# ([\w./-]+\.(?:py|txt|toml|html|cfg|env|yml|yaml|ini)|Dockerfile|Procfile|\.env)\b`)

// exampleFiles splits a documentation example into files: text before
// the first "# name" line goes to app.py.
func exampleFiles(text string) map[string]string {
	files := map[string]string{}
	name := "app.py"
	for _, line := range strings.Split(text, "\n") {
		if m := fileHeader.FindStringSubmatch(line); m != nil {
			name = m[1]
			continue
		}
		files[name] += line + "\n"
	}
	for name, src := range files {
		if strings.HasSuffix(name, ".py") {
			files[name] = docPrelude + src
		}
	}
	return files
}

// TestDocExamples scans each rule's documented Insecure example, which
// must be reported by that rule, and its Secure example, which must not:
// the documentation shows what the rule really does.
func TestDocExamples(t *testing.T) {
	for _, r := range Rules() {
		for _, tc := range []struct {
			kind string
			text string
			want bool
		}{{"Insecure", r.Doc.Insecure, true}, {"Secure", r.Doc.Secure, false}} {
			t.Run(r.ID+"/"+tc.kind, func(t *testing.T) {
				dir := t.TempDir()
				for name, src := range exampleFiles(tc.text) {
					p := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				res, err := scan.Run(context.Background(), scan.Options{Root: dir, ParsePython: parser.ParseFile,
					Rules: Rules(), Only: []string{r.ID}, MinConfidence: rules.LowConfidence})
				if err != nil {
					t.Fatal(err)
				}
				got := len(res.Findings) > 0
				if got != tc.want {
					var msgs []string
					for _, f := range res.Findings {
						msgs = append(msgs, f.Message)
					}
					t.Errorf("%s example: reported = %v, want %v (%d findings: %s)\n%s", tc.kind, got, tc.want,
						len(res.Findings), strings.Join(msgs, " | "), tc.text)
				}
			})
		}
	}
}
