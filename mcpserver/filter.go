package mcpserver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
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

// maxLine caps one inbound message; a longer line is answered with an
// error and skipped, not allowed to end the session.
const maxLine = MaxCodeBytes * 8

// JSON-RPC 2.0 error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
)

// filterInput copies the newline-delimited messages of in to the
// returned reader, answering each line that is not one JSON-RPC message
// with a JSON-RPC error on out instead of passing it on: the SDK ends the
// session on a line it cannot decode (not JSON, a batch, a bare value, an
// object that is no JSON-RPC message), and a client's malformed message
// must not end the server. Over-long lines are answered and skipped too.
func filterInput(in io.Reader, out io.Writer) io.ReadCloser {
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(filterLines(bufio.NewReaderSize(in, 64<<10), pw, out))
	}()
	return pr
}

func filterLines(in *bufio.Reader, pass, out io.Writer) error {
	for {
		line, tooLong, err := readLine(in)
		if tooLong || len(bytes.TrimSpace(line)) > 0 {
			if answer := checkLine(line, tooLong); answer != nil {
				if _, werr := out.Write(answer); werr != nil {
					return werr
				}
			} else if _, werr := pass.Write(append(line, '\n')); werr != nil {
				return werr
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readLine reads one line without its end; past maxLine bytes it reads
// on to the end of the line, keeps nothing and reports tooLong.
func readLine(in *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := in.ReadSlice('\n')
		if !tooLong {
			if len(line)+len(chunk) > maxLine {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

// checkLine returns the error answer to a line that is not one JSON-RPC
// message, or nil when the line may go to the SDK.
func checkLine(line []byte, tooLong bool) []byte {
	if tooLong {
		return errorAnswer(nil, codeInvalidRequest, fmt.Sprintf("invalid request: message longer than %d bytes", maxLine))
	}
	if !json.Valid(line) {
		return errorAnswer(nil, codeParseError, "parse error: the line is not a JSON value")
	}
	trimmed := bytes.TrimSpace(line)
	if trimmed[0] != '{' {
		return errorAnswer(nil, codeInvalidRequest, "invalid request: expected one JSON-RPC message object (batches are not supported)")
	}
	if _, err := jsonrpc.DecodeMessage(trimmed); err != nil {
		var probe struct {
			ID json.RawMessage `json:"id"`
		}
		_ = json.Unmarshal(trimmed, &probe)
		return errorAnswer(probe.ID, codeInvalidRequest, "invalid request: "+err.Error())
	}
	return nil
}

// errorAnswer is a JSON-RPC error response line; id is echoed when it is
// a string or a number, null otherwise.
func errorAnswer(id json.RawMessage, code int, message string) []byte {
	type rpcError struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	idv := json.RawMessage("null")
	if len(id) > 0 && (id[0] == '"' || id[0] == '-' || (id[0] >= '0' && id[0] <= '9')) {
		idv = id
	}
	b, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   rpcError        `json:"error"`
	}{"2.0", idv, rpcError{code, message}})
	if err != nil {
		return []byte(`{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"invalid request"}}` + "\n")
	}
	return append(b, '\n')
}
