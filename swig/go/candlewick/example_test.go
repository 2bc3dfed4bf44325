package candlewick_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/candlewick/candlewick/swig/go/candlewick"
)

// walk is a small synthetic series for the examples.
func walk(n int) candlewick.Series {
	s := candlewick.Series{Time: make([]int64, n), Open: make([]float64, n), High: make([]float64, n),
		Low: make([]float64, n), Close: make([]float64, n), Volume: make([]float64, n)}
	price := 100.0
	for i := 0; i < n; i++ {
		s.Time[i] = 1700000000 + 86400*int64(i)
		s.Open[i] = price
		price += 2 * math.Sin(float64(i)/5)
		s.Close[i] = price
		s.High[i] = math.Max(s.Open[i], s.Close[i]) + 1
		s.Low[i] = math.Min(s.Open[i], s.Close[i]) - 1
		s.Volume[i] = 1000 + 10*float64(i)
	}
	return s
}

func ExampleNewChart() {
	chart, err := candlewick.NewChart(candlewick.Options{Width: 640, Height: 360, Theme: candlewick.ThemeTradingView})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer chart.Close()
	png, err := chart.RenderPNG(walk(120))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(png, []byte("\x89PNG")))
	// Output: true
}

func ExampleChart_RenderImage() {
	chart, err := candlewick.NewChart(candlewick.Options{Width: 320, Height: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer chart.Close()
	img, err := chart.RenderImage(walk(60)) // an *image.RGBA, written in place
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(img.Bounds())
	// Output: (0,0)-(320,200)
}

func ExampleChart_Render() {
	chart, err := candlewick.NewChart(candlewick.Options{Width: 480, Height: 320, Axes: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer chart.Close()
	s := walk(90)
	svg, err := chart.Render(candlewick.FormatSVG, candlewick.Data{
		Series:   s,
		Overlays: []candlewick.Line{{Values: s.Close, Width: 2}},
		Panels:   []candlewick.Panel{{Histogram: s.Volume, Title: "VOLUME"}},
		Title:    "WALK",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(svg), "<svg"))
	// Output: true
}

func ExampleError() {
	chart, err := candlewick.NewChart(candlewick.Options{Width: 320, Height: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer chart.Close()
	s := walk(30)
	s.Close[7] = math.NaN()
	_, err = chart.RenderPNG(s)
	var e *candlewick.Error
	fmt.Println(errors.Is(err, candlewick.ErrNonFinite), errors.As(err, &e) && strings.HasPrefix(e.Message, "row 7"))
	// Output: true true
}

func ExampleStats_WritePrometheus() {
	stats, err := candlewick.NewStats(candlewick.StatsOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stats.Close()
	chart, err := candlewick.NewChart(candlewick.Options{Width: 320, Height: 200})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer chart.Close()
	chart.AttachStats(stats)
	chart.RenderPNG(walk(60))
	var metrics strings.Builder // in a server: the http.ResponseWriter of /metrics
	if err := stats.WritePrometheus(&metrics, "charts"); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(metrics.String(), `charts_operations_total{kind="encode"} 1`))
	// Output: true
}

// One Renderer serves every goroutine of a server, each call with options
// of its own; a batch gives each job its own result.
func ExampleRenderer() {
	r, err := candlewick.NewRenderer(candlewick.RendererOptions{MaxCacheBytes: 32 << 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	png, err := r.Render(candlewick.Job{Options: candlewick.Options{Width: 400, Height: 300}, Content: walk(60)})
	fmt.Println(bytes.HasPrefix(png, []byte("\x89PNG")), err)
	results, err := r.RenderBatch([]candlewick.Job{
		{Options: candlewick.Options{Width: 800, Height: 600}, Format: candlewick.FormatSVG, Content: walk(60)},
		{Options: candlewick.Options{Width: 8, Height: 600}, Content: walk(60)},
	}, candlewick.BatchOptions{Threads: 2})
	fmt.Println(len(results), err)
	fmt.Println(bytes.Contains(results[0].Output, []byte("<svg")), results[0].Err)
	fmt.Println(errors.Is(results[1].Err, candlewick.ErrSizeOutOfRange))
	// Output:
	// true <nil>
	// 2 <nil>
	// true <nil>
	// true
}
