// Command parsebench times python/parser over a list of Python files, for
// bench/parse.sh. It reads the file names (one a line) from standard input,
// loads every file first, then parses them all single-threaded and prints
// the time, the bytes, MB/s and the allocations. With -dump FILE it prints
// ast.Dump of one file instead (a debugging aid), and with -src TEXT the
// dump of TEXT.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/flasksec/flasksec/python/ast"
	"github.com/flasksec/flasksec/python/parser"
)

func main() {
	dump := flag.String("dump", "", "print the dump of this file and exit")
	src := flag.String("src", "", "print the dump of this source text and exit")
	flag.Parse()
	if *dump != "" || *src != "" {
		name, data := "<src>", []byte(*src)
		if *dump != "" {
			var err error
			name = *dump
			if data, err = os.ReadFile(*dump); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
		}
		mod, err := parser.ParseFile(name, data)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
		fmt.Println(ast.Dump(mod))
		if err != nil {
			os.Exit(1)
		}
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "parsebench:", err)
		os.Exit(1)
	}
}

func run() error {
	var files [][]byte
	var names []string
	total := 0
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		data, err := os.ReadFile(sc.Text())
		if err != nil {
			return fmt.Errorf("reading the file list: %w", err)
		}
		files = append(files, data)
		names = append(names, sc.Text())
		total += len(data)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading the file list: %w", err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	failed := 0
	for i, data := range files {
		if _, err := parser.ParseFile(names[i], data); err != nil {
			failed++
		}
	}
	elapsed := time.Since(t0)
	runtime.ReadMemStats(&after)
	fmt.Printf("go: %d files, %.1f MB, %.3f s, %.1f MB/s, %d allocs, %.1f MB allocated, %d rejected\n",
		len(files), float64(total)/1e6, elapsed.Seconds(), float64(total)/1e6/elapsed.Seconds(),
		after.Mallocs-before.Mallocs, float64(after.TotalAlloc-before.TotalAlloc)/1e6, failed)
	return nil
}
