package mcpserver

import (
	"bufio"
	"encoding/json"
	"io"
	"sync"
)

// lockedWriter serialises writes so that the parse errors the filter
// writes never interleave with the SDK's messages.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Close does nothing: the caller owns the output.
func (l *lockedWriter) Close() error { return nil }

// parseError is the JSON-RPC answer to a line that is not JSON.
const parseError = `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error: the line is not a JSON value"}}` + "\n"

// filterInput copies the newline-delimited messages of in to the
// returned reader, answering each line that is not valid JSON with a
// JSON-RPC parse error on out instead of passing it on: the SDK ends the
// session on a line it cannot decode, and a client's malformed message
// must not end the server.
func filterInput(in io.Reader, out io.Writer) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), MaxCodeBytes*8)
		for sc.Scan() {
			line := sc.Bytes()
			if len(line) == 0 {
				continue
			}
			if !json.Valid(line) {
				if _, err := io.WriteString(out, parseError); err != nil {
					pw.CloseWithError(err)
					return
				}
				continue
			}
			if _, err := pw.Write(append(append([]byte(nil), line...), '\n')); err != nil {
				return
			}
		}
		pw.CloseWithError(sc.Err())
	}()
	return pr
}
