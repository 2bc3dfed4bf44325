package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/common/expfmt"
)

// Config is the server's tuning (flags of the serve subcommand).
type Config struct {
	MaxConcurrent  int           // renders at once; more requests wait for a slot
	RequestTimeout time.Duration // a request's whole budget: the wait, the query, the render
	MaxBars        int           // the most bars one chart draws
	CacheBytes     int64         // the renderer's chart cache bound
}

// Server answers the chart, health and metrics endpoints.
type Server struct {
	cfg      Config
	store    *Store
	renderer *candlewick.Renderer
	stats    *candlewick.Stats
	slots    chan struct{}
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	waiting  prometheus.Gauge
	inFlight prometheus.Gauge
}

// NewServer makes the renderer and the metrics; Close releases them.
func NewServer(cfg Config, store *Store) (*Server, error) {
	stats, err := candlewick.NewStats(candlewick.StatsOptions{})
	if err != nil {
		return nil, err
	}
	renderer, err := candlewick.NewRenderer(candlewick.RendererOptions{MaxCacheBytes: cfg.CacheBytes})
	if err != nil {
		stats.Close()
		return nil, err
	}
	if err := renderer.AttachStats(stats); err != nil {
		renderer.Close()
		stats.Close()
		return nil, err
	}
	s := &Server{cfg: cfg, store: store, renderer: renderer, stats: stats,
		slots:    make(chan struct{}, cfg.MaxConcurrent),
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "chart_service_requests_total",
			Help: "HTTP requests by endpoint and status code."}, []string{"endpoint", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "chart_service_request_duration_seconds",
			Help: "Time to answer a request, by endpoint.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)},
			[]string{"endpoint"}),
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{Name: "chart_service_waiting_requests",
			Help: "Chart requests waiting for a render slot."}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "chart_service_requests_in_flight",
			Help: "Requests being answered now."}),
	}
	s.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		s.requests, s.latency, s.waiting, s.inFlight)
	return s, nil
}

// Close releases the renderer and the stats (after the HTTP server has
// shut down: no request may be running).
func (s *Server) Close() error {
	err := s.renderer.Close()
	return errors.Join(err, s.stats.Close())
}

// Handler routes the endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/charts/{file}", s.instrument("chart", s.chart))
	mux.HandleFunc("GET /healthz", s.instrument("healthz", s.healthz))
	mux.HandleFunc("GET /metrics", s.instrument("metrics", s.metrics))
	mux.HandleFunc("/", s.instrument("other", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, &ParamError{Parameter: "path",
			Message: "not found: GET /v1/charts/{symbol}.{png|webp|svg}, /healthz or /metrics"})
	}))
	return mux
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *Server) instrument(endpoint string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.inFlight.Inc()
		defer s.inFlight.Dec()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h(sw, r)
		s.requests.WithLabelValues(endpoint, strconv.Itoa(sw.code)).Inc()
		s.latency.WithLabelValues(endpoint).Observe(time.Since(start).Seconds())
	}
}

// writeError answers with a JSON body {"error": ..., "parameter": ...}.
func writeError(w http.ResponseWriter, code int, e *ParamError) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(e)
}

func (s *Server) chart(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
	defer cancel()
	req, err := ParseChartRequest(r.PathValue("file"), r.URL.Query(), s.cfg.MaxBars)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.(*ParamError))
		return
	}
	// The concurrency limit: wait for a slot within the request's budget.
	s.waiting.Inc()
	select {
	case s.slots <- struct{}{}:
		s.waiting.Dec()
		defer func() { <-s.slots }()
	case <-ctx.Done():
		s.waiting.Dec()
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, &ParamError{Message: "busy: no render slot within the request timeout"})
		return
	}
	series, err := s.store.Bars(ctx, req.Symbol, req.From, req.To, req.Bars)
	switch {
	case errors.Is(err, ErrNoSymbol):
		writeError(w, http.StatusNotFound, bad("symbol", "no data for symbol %q", req.Symbol))
		return
	case ctx.Err() != nil:
		writeError(w, http.StatusServiceUnavailable, &ParamError{Message: "timed out reading the bars"})
		return
	case err != nil:
		slog.Error("query", "symbol", req.Symbol, "err", err)
		writeError(w, http.StatusInternalServerError, &ParamError{Message: "database error"})
		return
	case len(series.Time) == 0:
		writeError(w, http.StatusBadRequest, bad("from", "no bars of %s in the requested time range", req.Symbol))
		return
	}
	data, err := req.BuildData(series)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.(*ParamError))
		return
	}
	out, err := s.renderer.Render(candlewick.Job{Options: req.Options, Format: req.Format, Content: data})
	if err != nil {
		// Parameters are checked above and bars at load: a failure here is
		// the server's.
		slog.Error("render", "url", r.URL.String(), "err", err)
		writeError(w, http.StatusInternalServerError, &ParamError{Message: err.Error()})
		return
	}
	w.Header().Set("Content-Type", contentTypes[req.Format])
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.Header().Set("Cache-Control", "public, max-age=60")
	w.Write(out)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	symbols, err := s.store.Symbols(ctx)
	w.Header().Set("Content-Type", "application/json")
	if err != nil || len(symbols) == 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]any{"status": "unavailable", "error": fmt.Sprint(err, " or no symbols")})
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"status": "ok", "symbols": symbols, "version": candlewick.Version()})
}

// metrics writes candlewick's statistics (every render, by kind, with
// latency percentiles), the renderer's cache, then the Go runtime, process
// and HTTP metrics, in the Prometheus text format.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := s.stats.WritePrometheus(&buf, "candlewick"); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if info, err := s.renderer.Info(); err == nil {
		for _, m := range []struct {
			name, kind, help string
			value            uint64
		}{
			{"candlewick_renderer_cache_bytes", "gauge", "Bytes held by idle charts.", info.CachedBytes},
			{"candlewick_renderer_cache_max_bytes", "gauge", "The cache bound.", info.MaxCacheBytes},
			{"candlewick_renderer_cached_charts", "gauge", "Idle charts in the cache.", info.CachedCharts},
			{"candlewick_renderer_charts_in_use", "gauge", "Charts lent to renders running now.", info.ChartsInUse},
			{"candlewick_renderer_cache_hits_total", "counter", "Renders that found an idle chart.", info.Hits},
			{"candlewick_renderer_cache_misses_total", "counter", "Renders that made a chart.", info.Misses},
			{"candlewick_renderer_cache_evictions_total", "counter", "Charts destroyed to respect the bound.", info.Evictions},
		} {
			fmt.Fprintf(&buf, "# HELP %s %s\n# TYPE %s %s\n%s %d\n", m.name, m.help, m.name, m.kind, m.name, m.value)
		}
	}
	families, err := s.registry.Gather()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for _, mf := range families {
		if _, err := expfmt.MetricFamilyToText(&buf, mf); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Write(buf.Bytes())
}
