// Command chart-service is candlewick's reference chart service: PNG, WebP
// and SVG charts of OHLCV data kept in SQLite, rendered by one
// candlewick.Renderer shared by every request.
//
//	chart-service load  -db charts.db FILE.csv...   (symbol = file name)
//	chart-service serve -db charts.db -addr 127.0.0.1:8080
//
// Endpoints: GET /v1/charts/{symbol}.{png|webp|svg}?type=&theme=&size=&
// from=&to=&bars=&overlays=&panels=&axes=&volume=&antialias=, GET /healthz,
// GET /metrics.  See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "load":
		err = load(os.Args[2:])
	case "serve":
		err = serve(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart-service:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: chart-service load -db FILE CSV...\n       chart-service serve -db FILE [-addr HOST:PORT] [flags]  (-h for the flags)")
	os.Exit(2)
}

// load replaces each CSV file's symbol in the database with its rows.
func load(args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	dbPath := fs.String("db", "charts.db", "SQLite database (created if missing)")
	fs.Parse(args)
	if fs.NArg() == 0 {
		return errors.New("load: name at least one CSV file")
	}
	store, err := OpenStore(*dbPath, false)
	if err != nil {
		return err
	}
	defer store.Close()
	for _, path := range fs.Args() {
		symbol := SymbolFromPath(path)
		n, err := store.LoadCSV(context.Background(), symbol, path)
		if err != nil {
			return err
		}
		fmt.Printf("chart-service: %s: %d bars from %s\n", symbol, n, path)
	}
	return nil
}

func serve(args []string) error {
	boundCHeap()
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	dbPath := fs.String("db", "charts.db", "SQLite database written by the load subcommand")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address (port 0: any free port, printed at start)")
	cfg := Config{}
	fs.IntVar(&cfg.MaxConcurrent, "max-concurrent", 2*runtime.GOMAXPROCS(0), "renders at once (more requests wait)")
	fs.DurationVar(&cfg.RequestTimeout, "timeout", 10*time.Second, "a chart request's budget, waiting included (then 503)")
	fs.IntVar(&cfg.MaxBars, "max-bars", 5000, "the most bars one chart draws")
	fs.Int64Var(&cfg.CacheBytes, "cache-bytes", 64<<20, "the renderer's chart cache bound")
	grace := fs.Duration("shutdown-grace", 15*time.Second, "how long shutdown waits for requests in flight")
	fs.Parse(args)
	if cfg.MaxConcurrent < 1 || cfg.RequestTimeout <= 0 || cfg.MaxBars < 1 {
		return errors.New("serve: -max-concurrent, -timeout and -max-bars must be positive")
	}

	store, err := OpenStore(*dbPath, true)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := NewServer(cfg, store)
	if err != nil {
		return err
	}
	defer srv.Close()
	httpServer := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      cfg.RequestTimeout + 5*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- httpServer.Serve(ln) }()
	// The test and the load generator read this line for the port.
	fmt.Printf("chart-service: listening on http://%s (pid %d)\n", ln.Addr(), os.Getpid())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop()
	slog.Info("chart-service: shutting down", "grace", *grace)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	fmt.Println("chart-service: stopped")
	return nil
}
