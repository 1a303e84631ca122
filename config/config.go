// Package config holds the user's flasksec settings: the [tool.flasksec]
// table of pyproject.toml or a .flasksec.toml file.
package config

// Config is the resolved configuration of one scan. The zero value is the
// default configuration.
type Config struct {
	// Exclude lists extra glob patterns (slash-separated, relative to the
	// scanned root) of files and folders not to scan.
	Exclude []string
	// Enable, when not empty, restricts the scan to these rule IDs.
	Enable []string
	// Disable lists rule IDs not to run.
	Disable []string
	// Severity overrides a rule's severity: rule ID to "critical", "high",
	// "medium" or "low".
	Severity map[string]string
	// Entrypoints lists files (relative paths or globs) that start the app
	// in production, beyond those found in Dockerfiles, Procfiles and the
	// like.
	Entrypoints []string
	// Sources, Sinks and Sanitizers extend the taint engine's tables with
	// dotted names (e.g. "myapp.util.clean_html").
	Sources    []string
	Sinks      []string
	Sanitizers []string
	// Nosec makes Bandit's "# nosec" comments suppress findings too.
	Nosec bool
	// MaxFileSize is the largest file read, in bytes; 0 means the default.
	MaxFileSize int64
	// File is the configuration file this came from; "" for defaults.
	File string
}
