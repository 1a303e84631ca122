package par

import (
	"strings"
	"sync/atomic"
	"testing"
)

func TestOnCallsEveryIndexOnce(t *testing.T) {
	for _, tt := range []struct{ workers, n int }{{1, 5}, {4, 0}, {4, 1}, {3, 100}, {16, 7}} {
		seen := make([]atomic.Int32, tt.n)
		var maxWorker atomic.Int32
		On(tt.workers, tt.n, func(w, i int) {
			seen[i].Add(1)
			if int32(w) > maxWorker.Load() {
				maxWorker.Store(int32(w))
			}
		})
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("workers %d, n %d: index %d called %d times", tt.workers, tt.n, i, got)
			}
		}
		if w := int(maxWorker.Load()); w >= max(1, min(tt.workers, tt.n)) {
			t.Errorf("workers %d, n %d: worker number %d", tt.workers, tt.n, w)
		}
	}
}

func TestOneWorkerRunsInOrder(t *testing.T) {
	var got []int
	On(1, 5, func(_, i int) { got = append(got, i) })
	for i, v := range got {
		if v != i {
			t.Fatalf("order %v", got)
		}
	}
}

func TestPanicReachesTheCaller(t *testing.T) {
	defer func() {
		r := recover()
		if s, ok := r.(string); !ok || !strings.HasPrefix(s, "boom at 17\n") {
			t.Fatalf("recovered %v", r)
		}
	}()
	Each(100, func(i int) {
		if i == 17 {
			panic("boom at 17")
		}
	})
	t.Fatal("no panic")
}
