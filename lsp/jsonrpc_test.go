package lsp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
)

// frame builds one well-formed frame around body.
func frame(body string) string {
	return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

// readAll reads until the stream ends and describes each outcome:
// "msg <body>", "frame-error", "eof" or "unexpected-eof".
func readAll(t *testing.T, r *Reader) []string {
	t.Helper()
	var out []string
	for i := 0; i < 100; i++ {
		body, err := r.Read()
		var fe *FrameError
		switch {
		case err == nil:
			out = append(out, "msg "+string(body))
		case errors.As(err, &fe):
			out = append(out, "frame-error")
		case errors.Is(err, io.EOF):
			return append(out, "eof")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return append(out, "unexpected-eof")
		default:
			t.Fatalf("unexpected error %v", err)
		}
	}
	t.Fatal("reader does not end")
	return nil
}

func TestReader(t *testing.T) {
	long := strings.Repeat("x", 100<<10)
	tests := []struct {
		name  string
		input string
		max   int64
		want  []string
	}{
		{"one message", frame(`{"a":1}`), 0, []string{`msg {"a":1}`, "eof"}},
		{"two messages in one read", frame(`{"a":1}`) + frame(`{"b":2}`), 0, []string{`msg {"a":1}`, `msg {"b":2}`, "eof"}},
		{"empty input", "", 0, []string{"eof"}},
		{"other headers, any case", "content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:  7 \r\n\r\n{\"a\":1}", 0, []string{`msg {"a":1}`, "eof"}},
		{"bare newlines", "Content-Length: 7\n\n{\"a\":1}", 0, []string{`msg {"a":1}`, "eof"}},
		{"blank lines between frames", "\r\n" + frame(`{}`) + "\r\n\r\n" + frame(`[]`), 0, []string{"msg {}", "msg []", "eof"}},
		{"non-ASCII body counted in bytes", frame(`{"t":"é😀"}`), 0, []string{`msg {"t":"é😀"}`, "eof"}},
		{"garbage line before a frame", "hello there\r\n" + frame(`{}`), 0, []string{"frame-error", "msg {}", "eof"}},
		{"missing Content-Length", "Content-Type: x\r\n\r\n" + frame(`{}`), 0, []string{"frame-error", "msg {}", "eof"}},
		{"negative length, resynchronised", "Content-Length: -5\r\n\r\n{\"a\":1}" + frame(`{"b":2}`), 0,
			[]string{"frame-error", "frame-error", `msg {"b":2}`, "eof"}},
		{"length not a number", "Content-Length: ten\r\n\r\n" + frame(`{}`), 0, []string{"frame-error", "msg {}", "eof"}},
		{"length overflows", "Content-Length: 99999999999999999999999\r\n\r\n" + frame(`{}`), 0, []string{"frame-error", "msg {}", "eof"}},
		{"oversized body skipped", frame(`{"big":"0123456789"}`) + frame(`{}`), 10, []string{"frame-error", "msg {}", "eof"}},
		{"oversized length beyond the input", "Content-Length: 5000\r\n\r\n{}", 10, []string{"unexpected-eof"}},
		{"truncated body", "Content-Length: 50\r\n\r\n{\"a\":", 0, []string{"unexpected-eof"}},
		{"truncated header", "Content-Len", 0, []string{"unexpected-eof"}},
		{"header without body end", "Content-Length: 2\r\n", 0, []string{"unexpected-eof"}},
		{"header block interrupted", "Content-Length: 2\r\n{oops}\r\n\r\n" + frame(`{}`), 0, []string{"frame-error", "msg {}", "eof"}},
		{"very long garbage line then a frame on it", long + frame(`{"after":1}`), 0, []string{"frame-error", `msg {"after":1}`, "eof"}},
		{"stray text at the end", frame(`{}`) + "junk\r\n", 0, []string{"msg {}", "frame-error", "eof"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Whole input at once, and one byte per read (split reads).
			for _, src := range []io.Reader{strings.NewReader(tt.input), iotest.OneByteReader(strings.NewReader(tt.input))} {
				got := readAll(t, NewReader(src, tt.max))
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("got  %q\nwant %q", got, tt.want)
				}
			}
		})
	}
}

func TestReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	r := NewReader(iotest.ErrReader(boom), 0)
	if _, err := r.Read(); !errors.Is(err, boom) {
		t.Errorf("Read() error = %v, want %v", err, boom)
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if err := w.Write(map[string]string{"t": "é"}); err != nil {
		t.Fatal(err)
	}
	want := "Content-Length: 10\r\n\r\n{\"t\":\"é\"}"
	if buf.String() != want {
		t.Errorf("frame = %q, want %q", buf.String(), want)
	}
	w.Close()
	if err := w.Write(1); err == nil {
		t.Error("Write after Close succeeded")
	}
	if err := NewWriter(&buf).Write(func() {}); err == nil {
		t.Error("Write of a value JSON cannot encode succeeded")
	}
}

// TestWriterConcurrent checks that frames written from many goroutines
// never interleave.
func TestWriterConcurrent(t *testing.T) {
	pr, pw := io.Pipe()
	w := NewWriter(pw)
	const n = 200
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Write(map[string]string{"k": strings.Repeat("v", i*37)})
		}()
	}
	go func() { wg.Wait(); pw.Close() }()
	r := NewReader(pr, 0)
	for i := 0; i < n; i++ {
		body, err := r.Read()
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if !bytes.HasPrefix(body, []byte(`{"k":"`)) || !bytes.HasSuffix(body, []byte(`"}`)) {
			t.Fatalf("message %d is corrupt", i)
		}
	}
	if _, err := r.Read(); !errors.Is(err, io.EOF) {
		t.Errorf("after %d messages: %v, want EOF", n, err)
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{`1`: true, `-3`: true, `"abc"`: true, `1.5`: true, `null`: false, `{}`: false, `[1]`: false, `true`: false, ``: false} {
		if got := validID([]byte(id)); got != want {
			t.Errorf("validID(%s) = %v, want %v", id, got, want)
		}
	}
}
