// Package traffic is the chart service's request mix and a client that
// sends it at a given concurrency, checking every answer: the end-to-end
// test and the load generator share it.
package traffic

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Request is one request of the mix and what its answer must be.
type Request struct {
	Path   string
	Status int    // expected HTTP status
	Param  string // for an error: the parameter its JSON body must name
	Format string // for a chart: png, webp or svg
	Width  int    // for a chart: its size
	Height int
}

var (
	symbols = []string{"ACME", "GLOBEX", "INITECH", "SAMPLE"}
	sizes   = [][2]int{{800, 600}, {400, 300}, {640, 360}, {1200, 800}}
	looks   = []string{"", "&theme=tradingview", "&type=ohlc&theme=light", "&type=line&axes=false",
		"&type=hollow&theme=modern", "&type=heikin-ashi", "&type=area&volume=false", "&antialias=true"}
	studies = []string{"", "&overlays=sma:20", "&overlays=sma:10,ema:30&panels=rsi:14",
		"&overlays=bbands:20:2:2&panels=macd:12:26:9", "&panels=rsi,macd", "&bars=120&from=2020-03-01"}
	// Invalid requests: each names the parameter the 400 (or 404) is about.
	invalid = []Request{
		{Path: "/v1/charts/ACME.png?size=10x10", Status: 400, Param: "size"},
		{Path: "/v1/charts/ACME.png?size=800", Status: 400, Param: "size"},
		{Path: "/v1/charts/ACME.png?type=bogus", Status: 400, Param: "type"},
		{Path: "/v1/charts/ACME.png?theme=neon", Status: 400, Param: "theme"},
		{Path: "/v1/charts/ACME.png?overlays=nope:3", Status: 400, Param: "overlays"},
		{Path: "/v1/charts/ACME.png?panels=rsi:0", Status: 400, Param: "panels"},
		{Path: "/v1/charts/SAMPLE.png?overlays=sma:1000", Status: 400, Param: "overlays"},
		{Path: "/v1/charts/ACME.png?from=yesterday", Status: 400, Param: "from"},
		{Path: "/v1/charts/ACME.png?from=2021-01-01&to=2020-01-01", Status: 400, Param: "to"},
		{Path: "/v1/charts/ACME.png?from=2031-01-01", Status: 400, Param: "from"},
		{Path: "/v1/charts/ACME.png?bars=0", Status: 400, Param: "bars"},
		{Path: "/v1/charts/ACME.png?colour=red", Status: 400, Param: "colour"},
		{Path: "/v1/charts/ACME.png?axes=maybe", Status: 400, Param: "axes"},
		{Path: "/v1/charts/ACME.gif", Status: 400, Param: "format"},
		{Path: "/v1/charts/NOSUCH.png", Status: 404, Param: "symbol"},
		{Path: "/v1/charts/AC%20ME.svg", Status: 400, Param: "symbol"},
	}
)

// Mix is request i of the mix: seven valid charts of every ten (mostly
// PNG, some WebP and SVG), three invalid requests.  Deterministic.
func Mix(i int) Request {
	if i%10 >= 7 {
		return invalid[(i/10*3+i%10-7)%len(invalid)]
	}
	k := i/10*7 + i%10
	format := "png"
	switch k % 13 {
	case 5:
		format = "webp"
	case 11:
		format = "svg"
	}
	size := sizes[k%len(sizes)]
	return Request{
		Path: fmt.Sprintf("/v1/charts/%s.%s?size=%dx%d%s%s", symbols[k%len(symbols)], format, size[0], size[1],
			looks[k/3%len(looks)], studies[k/5%len(studies)]),
		Status: 200, Format: format, Width: size[0], Height: size[1],
	}
}

// Check verifies one answer: a chart of the right type and size (a PNG is
// decoded), or a JSON error naming the expected parameter.
func Check(r Request, status int, header http.Header, body []byte) error {
	if status != r.Status {
		return fmt.Errorf("%s: status %d, want %d: %.200s", r.Path, status, r.Status, body)
	}
	ct := header.Get("Content-Type")
	if r.Status != 200 {
		var e struct {
			Parameter string `json:"parameter"`
			Error     string `json:"error"`
		}
		if ct != "application/json" {
			return fmt.Errorf("%s: error with Content-Type %q", r.Path, ct)
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Parameter != r.Param || e.Error == "" {
			return fmt.Errorf("%s: error body %q does not name %q (%v)", r.Path, body, r.Param, err)
		}
		return nil
	}
	switch r.Format {
	case "png":
		if ct != "image/png" {
			return fmt.Errorf("%s: Content-Type %q", r.Path, ct)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("%s: not a PNG: %v", r.Path, err)
		}
		if _, err := png.Decode(bytes.NewReader(body)); err != nil {
			return fmt.Errorf("%s: PNG does not decode: %v", r.Path, err)
		}
		if cfg.Width != r.Width || cfg.Height != r.Height {
			return fmt.Errorf("%s: PNG is %dx%d", r.Path, cfg.Width, cfg.Height)
		}
	case "webp":
		if ct != "image/webp" || len(body) < 12 || string(body[:4]) != "RIFF" || string(body[8:12]) != "WEBP" {
			return fmt.Errorf("%s: not a WebP file (%q)", r.Path, ct)
		}
	case "svg":
		want := fmt.Sprintf(`width="%d" height="%d"`, r.Width, r.Height)
		if ct != "image/svg+xml" || !bytes.Contains(body, []byte("<svg")) || !bytes.Contains(body, []byte(want)) {
			return fmt.Errorf("%s: not an SVG of %s (%q)", r.Path, want, ct)
		}
	}
	return nil
}

// Report is the outcome of Run.
type Report struct {
	Requests, Failed int
	ByStatus         map[int]int
	Elapsed          time.Duration
	Latencies        []time.Duration // sorted
	Errors           []error         // the first few failures
}

// Percentile is the p-th percentile latency (0 < p <= 100).
func (r *Report) Percentile(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.Latencies))*p/100+0.5) - 1
	return r.Latencies[max(0, min(i, len(r.Latencies)-1))]
}

func (r *Report) String() string {
	secs := r.Elapsed.Seconds()
	return fmt.Sprintf("%d requests in %.2f s: %.0f req/s, p50 %v, p99 %v, max %v; status %v; %d failed checks",
		r.Requests, secs, float64(r.Requests)/secs, r.Percentile(50).Round(time.Microsecond),
		r.Percentile(99).Round(time.Microsecond), r.Percentile(100).Round(time.Microsecond), r.ByStatus, r.Failed)
}

// Run sends requests first..first+n-1 of the mix to base at the given
// concurrency and checks every answer (with Check, then extra if not nil).
// It stops early when ctx ends.
func Run(ctx context.Context, client *http.Client, base string, first, n, concurrency int,
	extra func(Request, []byte) error) *Report {
	rep := &Report{ByStatus: map[int]int{}}
	var mu sync.Mutex
	var next atomic.Int64
	lat := make([]time.Duration, 0, n)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				req := Mix(first + i)
				t0 := time.Now()
				status, header, body, err := get(ctx, client, base+req.Path)
				d := time.Since(t0)
				if err == nil {
					err = Check(req, status, header, body)
				}
				if err == nil && extra != nil {
					err = extra(req, body)
				}
				mu.Lock()
				rep.Requests++
				rep.ByStatus[status]++
				lat = append(lat, d)
				if err != nil {
					rep.Failed++
					if len(rep.Errors) < 10 {
						rep.Errors = append(rep.Errors, err)
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	slices.Sort(lat)
	rep.Latencies = lat
	return rep
}

func get(ctx context.Context, client *http.Client, url string) (int, http.Header, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body, err
}

// Metric reads one sample ("name{labels}" exactly as written) from a
// Prometheus text page; false when it is absent.
func Metric(page, sample string) (float64, bool) {
	for _, line := range strings.Split(page, "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			var v float64
			if _, err := fmt.Sscan(rest, &v); err == nil {
				return v, true
			}
		}
	}
	return 0, false
}
