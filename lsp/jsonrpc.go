package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// The base protocol: JSON-RPC 2.0 messages, each preceded by a header
// block ("Content-Length: N\r\n", optional other headers, "\r\n").

// DefaultMaxMessage is the largest message body Reader accepts by
// default: far above any source file flasksec reads (5 MiB by default),
// low enough that a corrupt length cannot make the server allocate
// without bound.
const DefaultMaxMessage = 64 << 20

const (
	maxHeaderLine  = 4 << 10 // longer header lines are garbage
	maxHeaderLines = 32      // a header block has at most this many lines
	resyncTail     = 256     // bytes kept from the end of a long garbage line
)

// FrameError is a malformed frame: a header line that is not a header, a
// missing, negative or unparsable Content-Length, or a body over the
// size limit. It is recoverable: the next Read resumes with the next
// frame it can find.
type FrameError struct {
	Msg string
	// Oversize says the message was skipped for its size: an edit it
	// carried is lost.
	Oversize bool
}

// Error describes the malformed frame.
func (e *FrameError) Error() string { return "malformed message: " + e.Msg }

// Reader reads framed messages. It is not safe for concurrent use.
type Reader struct {
	r   *bufio.Reader
	max int64

	carry   []byte // a header line found inside garbage, to parse next
	pending []byte // a body read after a FrameError was returned first
}

// NewReader returns a Reader of r that rejects bodies larger than max
// bytes (DefaultMaxMessage when max <= 0).
func NewReader(r io.Reader, max int64) *Reader {
	if max <= 0 {
		max = DefaultMaxMessage
	}
	return &Reader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Read returns the body of the next message. A *FrameError reports a
// malformed frame that was skipped; other errors (io.EOF at a frame
// boundary, io.ErrUnexpectedEOF inside a frame, read errors) end the
// stream.
func (r *Reader) Read() ([]byte, error) {
	if r.pending != nil {
		body := r.pending
		r.pending = nil
		return body, nil
	}
	var (
		garbage int   // garbage lines skipped before this frame
		length  int64 = -1
		lenErr  string
		headers int
	)
	for {
		line, err := r.line()
		if err != nil {
			if errors.Is(err, io.EOF) {
				if headers == 0 && garbage == 0 {
					return nil, io.EOF
				}
				if headers == 0 {
					return nil, &FrameError{Msg: fmt.Sprintf("%d stray line(s) at the end of the input", garbage)}
				}
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if len(line) == 0 {
			if headers == 0 {
				continue // blank lines between frames
			}
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !isToken(name) || headers >= maxHeaderLines {
			// Not a header: skip it, but a frame that starts inside the
			// line (a body with no line break after it, then the next
			// header) is found again.
			if i := lastIndexFold(line, "content-length:"); i > 0 {
				r.carry = append([]byte(nil), line[i:]...)
			}
			if headers > 0 {
				return nil, &FrameError{Msg: "header block interrupted by a line that is not a header"}
			}
			garbage++
			continue
		}
		headers++
		if strings.EqualFold(string(name), "Content-Length") {
			v := strings.TrimSpace(string(value))
			n, err := strconv.ParseInt(v, 10, 64)
			switch {
			case err != nil:
				lenErr = fmt.Sprintf("Content-Length %q is not a number", truncate(v, 32))
			case n < 0:
				lenErr = fmt.Sprintf("negative Content-Length %d", n)
			default:
				length = n
			}
		}
	}
	var frameErr *FrameError
	switch {
	case lenErr != "":
		frameErr = &FrameError{Msg: lenErr}
	case length < 0:
		frameErr = &FrameError{Msg: "header block without Content-Length"}
	case length > r.max:
		if _, err := io.CopyN(io.Discard, r.r, length); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		frameErr = &FrameError{Msg: fmt.Sprintf("message of %d bytes is over the limit of %d bytes (skipped)", length, r.max), Oversize: true}
	}
	if frameErr != nil {
		if garbage > 0 {
			frameErr.Msg = fmt.Sprintf("%d line(s) of garbage, then %s", garbage, frameErr.Msg)
		}
		return nil, frameErr
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	if garbage > 0 {
		r.pending = body
		return nil, &FrameError{Msg: fmt.Sprintf("%d line(s) of garbage before a message (skipped)", garbage)}
	}
	return body, nil
}

// line returns the next header line without its line ending ("\r\n", or
// a bare "\n" from lenient clients). A line longer than maxHeaderLine is
// returned as its last resyncTail bytes, prefixed by one byte that is not
// a header character, so that it counts as garbage but a header at its
// end is still found.
func (r *Reader) line() ([]byte, error) {
	if r.carry != nil {
		l := r.carry
		r.carry = nil
		return trimEOL(l), nil
	}
	var long []byte
	for {
		chunk, err := r.r.ReadSlice('\n')
		if err == bufio.ErrBufferFull || (err == nil && long != nil) || (err == nil && len(chunk) > maxHeaderLine) {
			long = append(long, chunk...)
			if len(long) > resyncTail {
				long = append(long[:0], long[len(long)-resyncTail:]...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			return append([]byte{0}, trimEOL(long)...), nil
		}
		if err != nil {
			if len(chunk) > 0 || long != nil {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		return trimEOL(chunk), nil
	}
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// isToken reports whether b is a header name (RFC 7230 token).
func isToken(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// lastIndexFold is the index of the last ASCII-case-insensitive match of
// lower (lower-case) in b, or -1.
func lastIndexFold(b []byte, lower string) int {
	return bytes.LastIndex(bytes.ToLower(b), []byte(lower))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// Writer writes framed messages; it is safe for concurrent use. After a
// write fails or Close is called, it writes nothing more.
type Writer struct {
	mu     sync.Mutex
	w      io.Writer
	err    error
	closed bool
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// errWriterClosed is returned by writes after Close.
var errWriterClosed = errors.New("lsp: writer closed")

// Write encodes v as JSON and writes it as one frame.
func (w *Writer) Write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encoding message: %w", err)
	}
	var buf bytes.Buffer
	buf.Grow(len(body) + 32)
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errWriterClosed
	}
	if w.err != nil {
		return w.err
	}
	if _, err := w.w.Write(buf.Bytes()); err != nil {
		w.err = fmt.Errorf("writing message: %w", err)
		return w.err
	}
	return nil
}

// Close makes later writes fail; it does not close the underlying writer.
func (w *Writer) Close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
}

// JSON-RPC error codes.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
)

// rawMessage is any incoming message: a request (ID and Method), a
// notification (Method only) or a response (ID, Result or Error).
type rawMessage struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *responseError  `json:"error,omitempty"`
}

// isRequest reports whether the message expects a response.
func (m *rawMessage) isRequest() bool { return m.Method != "" && len(m.ID) > 0 }

// responseError is a JSON-RPC error object.
type responseError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Error describes the error with its code.
func (e *responseError) Error() string { return fmt.Sprintf("%s (code %d)", e.Message, e.Code) }

// resultResponse is a successful response; Result is always present
// ("null" included), as JSON-RPC requires.
type resultResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
}

// errorResponse is a failed response; ID is null when the request's ID
// could not be read.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *responseError  `json:"error"`
}

// notification is an outgoing notification.
type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// outRequest is an outgoing request (client/registerCapability).
type outRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      string `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// validID reports whether a request ID is a number or a string.
func validID(id json.RawMessage) bool {
	if len(id) == 0 {
		return false
	}
	switch id[0] {
	case '"':
		var s string
		return json.Unmarshal(id, &s) == nil
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n json.Number
		return json.Unmarshal(id, &n) == nil
	}
	return false
}
