// Package inject implements the injection rules driven by the taint
// engine: FLASK-INJECT-001 (SQL) and FLASK-INJECT-002 (OS commands).
package inject
