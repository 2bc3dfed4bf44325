package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/candlewick/candlewick/examples/chart-service/internal/traffic"
	"github.com/candlewick/candlewick/swig/go/candlewick"
)

var sampleCSVs = []string{"data/ACME.csv", "data/GLOBEX.csv", "data/INITECH.csv", "../../data/sample.csv"}

// service is a chart-service process started by a test.
type service struct {
	cmd    *exec.Cmd
	base   string
	stdout *bufio.Scanner
	done   chan error
}

// buildService compiles the command into dir and loads the sample data into
// dir/charts.db with its load subcommand.
func buildService(t *testing.T, dir string) (bin, db string) {
	t.Helper()
	bin = filepath.Join(dir, "chart-service")
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db = filepath.Join(dir, "charts.db")
	out, err := exec.Command(bin, append([]string{"load", "-db", db}, sampleCSVs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	for _, want := range []string{"ACME: 1500 bars", "GLOBEX: 1500 bars", "INITECH: 400 bars", "SAMPLE: 120 bars"} {
		if !strings.Contains(string(out), want) {
			t.Fatalf("load output lacks %q:\n%s", want, out)
		}
	}
	return bin, db
}

// startService runs `serve` on a free loopback port and waits for its
// "listening on" line.
func startService(t *testing.T, bin, db string, flags ...string) *service {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "-db", db, "-addr", "127.0.0.1:0"}, flags...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &service{cmd: cmd, stdout: bufio.NewScanner(out), done: make(chan error, 1)}
	line := make(chan string, 1)
	go func() {
		if s.stdout.Scan() {
			line <- s.stdout.Text()
		}
		close(line)
	}()
	select {
	case l := <-line:
		m := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(l)
		if m == nil {
			cmd.Process.Kill()
			t.Fatalf("unexpected first line %q", l)
		}
		s.base = m[1]
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the service did not start within 30 s")
	}
	return s
}

// stop sends SIGTERM and checks a clean exit with "stopped" printed.
func (s *service) stop(t *testing.T) {
	t.Helper()
	var rest bytes.Buffer
	go func() {
		for s.stdout.Scan() {
			rest.WriteString(s.stdout.Text() + "\n")
		}
		s.done <- s.cmd.Wait()
	}()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("the service exited with %v", err)
		}
		if !strings.Contains(rest.String(), "chart-service: stopped") {
			t.Errorf("no clean stop; output: %q", rest.String())
		}
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		t.Fatal("the service did not stop within 30 s of SIGTERM")
	}
}

func getText(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// expected renders what a valid request must answer, in this process, from
// the same database: the service's bytes must be these exactly.
type expected struct {
	store    *Store
	renderer *candlewick.Renderer
	mu       sync.Mutex
	byPath   map[string][]byte
}

func (e *expected) check(r traffic.Request, body []byte) error {
	if r.Status != 200 {
		return nil
	}
	e.mu.Lock()
	want, ok := e.byPath[r.Path]
	e.mu.Unlock()
	if !ok {
		u, err := url.Parse(r.Path)
		if err != nil {
			return err
		}
		req, err := ParseChartRequest(strings.TrimPrefix(u.Path, "/v1/charts/"), u.Query(), 5000)
		if err != nil {
			return err
		}
		s, err := e.store.Bars(context.Background(), req.Symbol, req.From, req.To, req.Bars)
		if err != nil {
			return err
		}
		data, err := req.BuildData(s)
		if err != nil {
			return err
		}
		if want, err = e.renderer.Render(candlewick.Job{Options: req.Options, Format: req.Format, Content: data}); err != nil {
			return err
		}
		e.mu.Lock()
		e.byPath[r.Path] = want
		e.mu.Unlock()
	}
	if !bytes.Equal(body, want) {
		return fmt.Errorf("%s: %d bytes differ from the in-process render's %d", r.Path, len(body), len(want))
	}
	return nil
}

// The service end to end: the sample data loaded, 1,000 requests at
// concurrency 16 (seven in ten valid charts, every answer checked: each
// PNG decoded and byte for byte the in-process render, each error a JSON
// body naming its parameter), /healthz, /metrics counting exactly what was
// served, then SIGTERM and a clean exit.
func TestServiceEndToEnd(t *testing.T) {
	dir := t.TempDir()
	bin, db := buildService(t, dir)
	svc := startService(t, bin, db, "-max-concurrent", "4")
	defer svc.cmd.Process.Kill()

	if code, body := getText(t, svc.base+"/healthz"); code != 200 || !strings.Contains(body, `"ACME":1500`) {
		t.Fatalf("/healthz: %d %s", code, body)
	}
	store, err := OpenStore(db, true)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	renderer, err := candlewick.NewRenderer(candlewick.RendererOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer renderer.Close()
	exp := &expected{store: store, renderer: renderer, byPath: map[string][]byte{}}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	rep := traffic.Run(ctx, client, svc.base, 0, 1000, 16, exp.check)
	t.Log(rep)
	for _, err := range rep.Errors {
		t.Error(err)
	}
	if rep.Requests != 1000 || rep.Failed != 0 || rep.ByStatus[200] == 0 || rep.ByStatus[400] == 0 || rep.ByStatus[404] == 0 {
		t.Fatalf("%v", rep)
	}

	code, page := getText(t, svc.base+"/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d", code)
	}
	for sample, want := range map[string]float64{
		`candlewick_operations_total{kind="encode"}`:                  float64(rep.ByStatus[200]),
		`candlewick_operation_errors_total{kind="encode"}`:            0,
		`chart_service_requests_total{code="200",endpoint="chart"}`:   float64(rep.ByStatus[200]),
		`chart_service_requests_total{code="400",endpoint="chart"}`:   float64(rep.ByStatus[400]),
		`chart_service_requests_total{code="404",endpoint="chart"}`:   float64(rep.ByStatus[404]),
		`chart_service_requests_total{code="200",endpoint="healthz"}`: 1,
	} {
		if got, ok := traffic.Metric(page, sample); !ok || got != want {
			t.Errorf("/metrics %s = %v (present %v), want %v", sample, got, ok, want)
		}
	}
	for _, sample := range []string{"go_goroutines", "process_resident_memory_bytes", "candlewick_renderer_cache_hits_total",
		`chart_service_request_duration_seconds_count{endpoint="chart"}`} {
		if v, ok := traffic.Metric(page, sample); !ok || v <= 0 {
			t.Errorf("/metrics %s = %v (present %v)", sample, v, ok)
		}
	}
	if !strings.Contains(page, "# TYPE candlewick_operations_total counter") {
		t.Error("/metrics lacks candlewick's TYPE lines")
	}
	svc.stop(t)
}

// Graceful shutdown: with one render slot and 12 slow requests in flight
// (one rendering, the rest waiting), SIGTERM lets every one of them finish
// with its chart before the process exits 0.
func TestServiceGracefulShutdown(t *testing.T) {
	dir := t.TempDir()
	bin, db := buildService(t, dir)
	svc := startService(t, bin, db, "-max-concurrent", "1")
	defer svc.cmd.Process.Kill()
	const inFlight = 12
	path := "/v1/charts/ACME.png?size=2400x1600&bars=1500&antialias=true&overlays=bbands:20:2:2,sma:50&panels=rsi,macd"
	results := make(chan error, inFlight)
	for i := 0; i < inFlight; i++ {
		go func() {
			resp, err := http.Get(svc.base + path)
			if err != nil {
				results <- err
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			results <- traffic.Check(traffic.Request{Path: path, Status: 200, Format: "png", Width: 2400, Height: 1600},
				resp.StatusCode, resp.Header, body)
		}()
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, page := getText(t, svc.base+"/metrics")
		// The metrics request itself is in flight too.
		if v, _ := traffic.Metric(page, "chart_service_requests_in_flight"); v >= inFlight+1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the requests never were all in flight")
		}
		time.Sleep(time.Millisecond)
	}
	svc.stop(t)
	for i := 0; i < inFlight; i++ {
		if err := <-results; err != nil {
			t.Errorf("a request in flight at SIGTERM: %v", err)
		}
	}
}

// Parameter parsing: each bad value names its parameter.
func TestParseChartRequest(t *testing.T) {
	for _, c := range []struct{ file, query, param string }{
		{"ACME.png", "size=64x64&type=renko&theme=light&from=2020-01-01&to=1700000000&bars=50&overlays=sma,ema:5&panels=rsi:7&axes=0&volume=false&antialias=1", ""},
		{"ACME", "", "symbol"},
		{"ACME.bmp", "", "format"},
		{"ACME.png", "size=4097x100", "size"},
		{"ACME.png", "size=100x63", "size"},
		{"ACME.png", "bars=5001", "bars"},
		{"ACME.png", "overlays=sma:20,sma:30,sma:40,sma:50,sma:60", "overlays"},
		{"ACME.png", "overlays=sma:20:3:4:5:6", "overlays"},
		{"ACME.png", "panels=rsi:x", "panels"},
		{"ACME.png", "type=candle&type=line", "type"},
		{"ACME.png", "to=2020-01-01&from=2020-01-01", "to"},
	} {
		q, _ := url.ParseQuery(c.query)
		req, err := ParseChartRequest(c.file, q, 5000)
		switch {
		case c.param == "" && err != nil:
			t.Errorf("%s?%s: %v", c.file, c.query, err)
		case c.param == "" && (req.Options.Type != candlewick.ChartRenko || req.Options.Width != 64 || len(req.Overlays) != 2 || req.Options.Axes || !req.Options.NoVolume || !req.Options.Antialias):
			t.Errorf("%s?%s: parsed %+v", c.file, c.query, req)
		case c.param != "":
			pe, ok := err.(*ParamError)
			if !ok || pe.Parameter != c.param || pe.Message == "" {
				t.Errorf("%s?%s: %v, want an error naming %q", c.file, c.query, err, c.param)
			}
		}
	}
}
