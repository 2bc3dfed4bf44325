// Command loadgen is the chart service's load generator: it sends the
// request mix of internal/traffic (seven valid charts in ten, three bad
// requests) at a fixed concurrency, checks every answer, and reports
// throughput, latency percentiles and the server's resident memory (its
// process_resident_memory_bytes) after a warm-up and at the end.
//
//	go run ./loadgen -url http://127.0.0.1:8080 -n 100000 -c 16 -max-time 10m
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/candlewick/candlewick/examples/chart-service/internal/traffic"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the service's base URL")
	n := flag.Int("n", 100000, "requests to send after the warm-up")
	warm := flag.Int("warmup", 2000, "requests sent first, not measured (the caches fill)")
	c := flag.Int("c", 16, "concurrent requests")
	maxTime := flag.Duration("max-time", 10*time.Minute, "stop after this long, whatever is left (bounded runs)")
	flag.Parse()

	client := &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *c, MaxConnsPerHost: *c}}
	ctx, cancel := context.WithTimeout(context.Background(), *maxTime)
	defer cancel()

	if rep := traffic.Run(ctx, client, *base, 0, *warm, *c, nil); rep.Failed > 0 {
		fail(rep)
	}
	before := rss(client, *base)
	rep := traffic.Run(ctx, client, *base, *warm, *n, *c, nil)
	after := rss(client, *base)
	fmt.Println("loadgen:", rep)
	fmt.Printf("loadgen: server RSS %.1f MiB after %d warm-up requests, %.1f MiB after %d more (%+.1f MiB)\n",
		before/(1<<20), *warm, after/(1<<20), rep.Requests, (after-before)/(1<<20))
	if rep.Failed > 0 {
		fail(rep)
	}
	if rep.Requests < *n {
		fmt.Fprintf(os.Stderr, "loadgen: stopped by -max-time after %d of %d requests\n", rep.Requests, *n)
		os.Exit(1)
	}
}

func fail(rep *traffic.Report) {
	fmt.Fprintln(os.Stderr, "loadgen:", rep)
	for _, err := range rep.Errors {
		fmt.Fprintln(os.Stderr, "  ", err)
	}
	os.Exit(1)
}

func rss(client *http.Client, base string) float64 {
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: /metrics:", err)
		os.Exit(1)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	v, ok := traffic.Metric(string(page), "process_resident_memory_bytes")
	if !ok {
		fmt.Fprintln(os.Stderr, "loadgen: /metrics has no process_resident_memory_bytes")
		os.Exit(1)
	}
	return v
}
