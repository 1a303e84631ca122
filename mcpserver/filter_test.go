package mcpserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestFilterLines(t *testing.T) {
	long := `{"jsonrpc":"2.0","id":9,"method":"ping","params":{"x":"` + strings.Repeat("a", maxLine) + `"}}`
	for _, tc := range []struct {
		name, line string
		pass       bool
		code       float64
		id         any
	}{
		{name: "request", line: `{"jsonrpc":"2.0","id":1,"method":"ping"}`, pass: true},
		{name: "notification", line: `{"jsonrpc":"2.0","method":"notifications/initialized"}`, pass: true},
		{name: "CRLF", line: "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r", pass: true},
		{name: "not JSON", line: `this is not json`, code: -32700},
		{name: "truncated", line: `{"jsonrpc":"2.0","id":2,"method":`, code: -32700},
		{name: "bare number", line: `42`, code: -32600},
		{name: "batch", line: `[{"jsonrpc":"2.0","id":3,"method":"ping"}]`, code: -32600},
		{name: "no version tag", line: `{"id":4,"method":"ping"}`, code: -32600, id: float64(4)},
		{name: "object id not echoed", line: `{"id":{"a":1},"method":"ping"}`, code: -32600},
		{name: "too long", line: long, code: -32600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pass, out bytes.Buffer
			in := bufio.NewReaderSize(strings.NewReader(tc.line+"\n"+`{"jsonrpc":"2.0","id":"next","method":"ping"}`+"\n"), 64<<10)
			if err := filterLines(in, &pass, &out); err != nil {
				t.Fatalf("filterLines: %v", err)
			}
			passed := strings.Split(strings.TrimSuffix(pass.String(), "\n"), "\n")
			if !strings.Contains(passed[len(passed)-1], `"next"`) {
				t.Fatalf("the line after was not passed on: %q", pass.String())
			}
			if tc.pass {
				if len(passed) != 2 || out.Len() != 0 {
					t.Errorf("passed %d lines, answered %q; want the line passed", len(passed), out.String())
				}
				return
			}
			if len(passed) != 1 {
				t.Errorf("the malformed line was passed on")
			}
			var m struct {
				ID    any `json:"id"`
				Error struct {
					Code float64 `json:"code"`
				} `json:"error"`
			}
			if err := json.Unmarshal(out.Bytes(), &m); err != nil {
				t.Fatalf("answer %q is not one JSON object: %v", out.String(), err)
			}
			if m.Error.Code != tc.code || m.ID != tc.id {
				t.Errorf("answer %s; want code %v, id %v", out.String(), tc.code, tc.id)
			}
		})
	}
}
