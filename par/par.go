// Package par runs the iterations of a loop on several goroutines: the
// analyses that treat each file (or each function) on its own use it, and
// merge the per-index results in order afterwards, so that their output
// does not depend on the scheduling.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Each calls fn(0) ... fn(n-1) on runtime.GOMAXPROCS(0) goroutines. Each
// call must only write what belongs to its index. A panic in fn stops
// the other goroutines taking new indexes and is raised again in the
// caller's goroutine, with the stack where it happened.
func Each(n int, fn func(i int)) {
	On(runtime.GOMAXPROCS(0), n, func(_, i int) { fn(i) })
}

// On calls fn(w, 0) ... fn(w, n-1) on at most workers goroutines, w being
// the goroutine's number (0 to workers-1) for state it may keep from one
// call to the next. With one worker (or one index) the calls run in the
// caller's goroutine, in order. Panics are handled as by Each.
func On(workers, n int, fn func(worker, i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var once sync.Once
	var failure any
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { failure = fmt.Sprintf("%v\n%s", r, debug.Stack()) })
					next.Store(int64(n)) // stop the other workers
				}
			}()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
	if failure != nil {
		panic(failure)
	}
}
