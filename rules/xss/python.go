package xss

import "github.com/flasksec/flasksec/rules"

// checkPython reports the Python side of FLASK-XSS-001 (Markup on tainted
// data, HTML responses built from tainted data, autoescape disabled).
// Owned by the taint-engine work; empty until it lands.
func checkPython(pass *rules.Pass) error { return nil }
