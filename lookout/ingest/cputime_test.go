package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCPUThroughput reports megabytes per CPU-second of the check on one
// core and of the baseline over the benchmarks' file: on a machine shared
// with other work, CPU time tells their cost where wall time cannot. Set
// LOOKOUT_CPU_THROUGHPUT=1 to run it.
func TestCPUThroughput(t *testing.T) {
	if os.Getenv("LOOKOUT_CPU_THROUGHPUT") == "" {
		t.Skip("set LOOKOUT_CPU_THROUGHPUT=1 to run")
	}
	data := benchFile()
	src := memSource{"data/pump/a.csv": data}
	req := request(ptr("data/"), nil)
	mb := float64(len(data)) / (1 << 20)
	measure := func(name string, fn func()) (rate, wallRate float64) {
		fn() // warm up
		const rounds = 5
		c0, w0 := cpuTime(), time.Now()
		for range rounds {
			fn()
		}
		cpu, wall := cpuTime()-c0, time.Since(w0)
		rate, wallRate = mb*rounds/cpu.Seconds(), mb*rounds/wall.Seconds()
		t.Logf("%-9s %7.1f MiB per CPU-second, %7.1f MiB/s wall, %.2f CPUs busy", name, rate, wallRate, cpu.Seconds()/wall.Seconds())
		return rate, wallRate
	}
	base, _ := measure("baseline", func() {
		if _, err := baseline(bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
	})
	one, oneWall := measure("cores=1", func() {
		if _, err := Check(context.Background(), req, nil, src, WithConcurrency(1)); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("cores=1 / baseline: %.2fx (CPU time)", one/base)
	n := runtime.GOMAXPROCS(0)
	all, allWall := measure(fmt.Sprintf("cores=%d", n), func() {
		if _, err := Check(context.Background(), req, nil, src); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("cores=%d: wall %.2fx of cores=1; CPU cost per byte %.2fx of cores=1", n, allWall/oneWall, one/all)
}
