module github.com/flasksec/flasksec

go 1.26

require (
	github.com/BurntSushi/toml v1.6.0
	golang.org/x/text v0.31.0
)

require github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
