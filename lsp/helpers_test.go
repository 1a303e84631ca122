package lsp

import "github.com/flasksec/flasksec/python/ast"

// noParse stands in for the Python parser where only the text matters.
func noParse(string, []byte) (*ast.Module, error) { return &ast.Module{}, nil }
