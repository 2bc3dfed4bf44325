// Package testkit is shared by the binding's tests: the golden cases of
// tests/golden_cases.cc rebuilt in Go, the C reference results of
// swig/common/reference/reference.c (built against the installed library,
// as a C user would), and a reader for the committed golden images.
package testkit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
)

// RepoRoot is the candlewick repository this module sits in (swig/go).
func RepoRoot(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testkit: no caller information")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, "tests", "golden", "hashes.txt")); err != nil {
		t.Fatalf("testkit: the binding's tests need the candlewick repository around swig/go: %v", err)
	}
	return root
}

// Series is tests/test_support.cc's MakeSeries: a reproducible random walk
// in integer cents (xorshift32), so every language builds the same bits.
func Series(n int, seed uint32) candlewick.Series {
	s := candlewick.Series{Time: make([]int64, n), Open: make([]float64, n), High: make([]float64, n),
		Low: make([]float64, n), Close: make([]float64, n), Volume: make([]float64, n)}
	state := seed*2654435761 + 1
	next := func() uint32 {
		state ^= state << 13
		state ^= state >> 17
		state ^= state << 5
		return state
	}
	price := int64(10000)
	for i := 0; i < n; i++ {
		open := price
		cl := open + int64(next()%401) - 200
		high := max(open, cl) + int64(next()%120)
		low := min(open, cl) - int64(next()%120)
		s.Time[i] = 1704153600 + int64(i)*86400
		s.Open[i] = float64(open) / 100
		s.Close[i] = float64(cl) / 100
		s.High[i] = float64(high) / 100
		s.Low[i] = float64(low) / 100
		s.Volume[i] = float64(1000 + next()%9000)
		price = cl
		if cl < 1000 {
			price = 1000
		}
	}
	return s
}

// sma is golden_cases.cc's Sma (NaN before the window fills).
func sma(x []float64, period int) []float64 {
	out := make([]float64, len(x))
	sum := 0.0
	for i := range x {
		sum += x[i]
		if i >= period {
			sum -= x[i-period]
		}
		out[i] = math.NaN()
		if i+1 >= period {
			out[i] = sum / float64(period)
		}
	}
	return out
}

// Case is one golden case the bindings render.
type Case struct {
	Name    string
	Options candlewick.Options
	Data    candlewick.Data
}

// Cases are the golden cases reference.c renders, built as golden_cases.cc
// builds them.
func Cases() []Case {
	// golden_cases.cc changes four of the colours cw_chart_options_init set.
	custom := candlewick.DefaultColors()
	custom.Background, custom.Grid, custom.Up, custom.Down = 0xFAF0E6FF, 0xD3D3D3FF, 0x1E90FFFF, 0xFF8C00FF
	return []Case{
		{"candlestick_classic", candlewick.Options{Width: 320, Height: 200}, plain(60, 2024)},
		{"candles_dense_custom", candlewick.Options{Width: 200, Height: 100, Colors: &custom}, plain(400, 7)},
		{"extras_classic", candlewick.Options{Width: 320, Height: 240}, extras(90, 8)},
		{"axes_tradingview", candlewick.Options{Width: 480, Height: 300, Theme: candlewick.ThemeTradingView,
			Axes: true}, extras(80, 5)},
		{"gaps_tradingview", candlewick.Options{Width: 320, Height: 200, Theme: candlewick.ThemeTradingView},
			gappy(60, 4)},
	}
}

func plain(n int, seed uint32) candlewick.Data { return candlewick.Data{Series: Series(n, seed)} }

func extras(n int, seed uint32) candlewick.Data {
	s := Series(n, seed)
	fast, slow, mid := sma(s.Close, 10), sma(s.Close, 30), sma(s.Close, 20)
	upper, lower, osc, hist := nans(n), nans(n), nans(n), nans(n)
	for i := 0; i < n; i++ {
		if math.IsNaN(mid[i]) {
			continue
		}
		v := 0.0
		for k := i + 1 - 20; k <= i; k++ {
			d := s.Close[k] - mid[i]
			v += float64(d * d) // the conversion forbids a fused multiply-add, as in C
		}
		sd := math.Sqrt(v / 20)
		upper[i] = mid[i] + float64(2*sd)
		lower[i] = mid[i] - float64(2*sd)
		osc[i] = 50
		if sd > 0 {
			osc[i] = 50 + float64(25*(s.Close[i]-mid[i]))/sd
		}
		hist[i] = s.Close[i] - mid[i]
	}
	return candlewick.Data{
		Series:   s,
		Overlays: []candlewick.Line{{Values: fast, Color: 0xFFB300FF}, {Values: slow, Color: 0x42A5F5FF}},
		Bands:    []candlewick.Band{{Upper: upper, Lower: lower, Fill: 0x7E57C240, Line: 0x7E57C2FF, Width: 1}},
		Panels: []candlewick.Panel{
			{Weight: 0.25, Lines: []candlewick.Line{{Values: osc, Color: 0xAB47BCFF, Width: 1}},
				Levels: []float64{30, 70}, Min: 0, Max: 100, Title: "OSC 20"},
			{Weight: 0.2, Histogram: hist, Title: "HIST"},
		},
		Title: "GOLDEN / USD  1D",
	}
}

func gappy(n int, seed uint32) candlewick.Data {
	s := Series(n, seed)
	g := sma(s.Close, 10)
	for i := 25; i < 32 && i < n; i++ {
		g[i] = math.NaN()
	}
	if n > 45 {
		g[44], g[46] = math.NaN(), math.NaN()
	}
	return candlewick.Data{Series: s, Overlays: []candlewick.Line{{Values: g, Color: 0xFFB300FF, Width: 2}}}
}

func nans(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

var (
	refOnce sync.Once
	refDir  string
	refErr  error
)

// Reference runs swig/common/reference/run.sh (reference.c built against the
// installed library, as a C user would) once per test process and returns
// its output directory.
func Reference(t testing.TB) string {
	root := RepoRoot(t)
	refOnce.Do(func() {
		refDir, refErr = os.MkdirTemp("", "candlewick-reference-")
		if refErr != nil {
			return
		}
		script := filepath.Join(root, "swig", "common", "reference", "run.sh")
		if out, err := exec.Command(script, refDir).CombinedOutput(); err != nil {
			refErr = fmt.Errorf("%s (needs cc and pkg-config finding candlewick: PKG_CONFIG_PATH=PREFIX/lib/pkgconfig): %v\n%s",
				script, err, out)
		}
	})
	if refErr != nil {
		t.Fatal(refErr)
	}
	return refDir
}

// Main runs a test binary's tests, then removes the directory Reference
// made, so a passing run leaves nothing in the temporary directory. After a
// failure the directory is kept and named, for a look at the C outputs.
// Each test package that calls Reference has
//
//	func TestMain(m *testing.M) { os.Exit(testkit.Main(m)) }
func Main(m *testing.M) int {
	code := m.Run()
	if refDir != "" {
		if code == 0 {
			if err := os.RemoveAll(refDir); err != nil {
				fmt.Fprintf(os.Stderr, "testkit: removing %s: %v\n", refDir, err)
			}
		} else {
			fmt.Fprintf(os.Stderr, "testkit: C reference outputs kept in %s\n", refDir)
		}
	}
	return code
}

// ReadFile reads a reference output.
func ReadFile(t testing.TB, dir, name string) []byte {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Float64s reads a file of little-endian doubles.
func Float64s(t testing.TB, dir, name string) []float64 {
	b := ReadFile(t, dir, name)
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

// Int64s reads a file of little-endian int64s.
func Int64s(t testing.TB, dir, name string) []int64 {
	b := ReadFile(t, dir, name)
	out := make([]int64, len(b)/8)
	for i := range out {
		out[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

// SameBits reports the first index where got and want differ in their bits
// (NaN included), or -1.
func SameBits(got, want []float64) int {
	if len(got) != len(want) {
		return min(len(got), len(want))
	}
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			return i
		}
	}
	return -1
}

// GoldenRGBA decodes the committed tests/golden/<name>.png (with Go's own
// PNG decoder) into tight RGBA8 rows.
func GoldenRGBA(t testing.TB, name string) (pix []byte, width, height int) {
	b := ReadFile(t, filepath.Join(RepoRoot(t), "tests", "golden"), name+".png")
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s.png: %v", name, err)
	}
	r := img.Bounds()
	pix = make([]byte, 0, 4*r.Dx()*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			pix = append(pix, c.R, c.G, c.B, c.A)
		}
	}
	return pix, r.Dx(), r.Dy()
}

// GoldenHash is tests/golden/hashes.txt's recorded hash of a case's frame.
func GoldenHash(t testing.TB, name string) string {
	b := ReadFile(t, filepath.Join(RepoRoot(t), "tests", "golden"), "hashes.txt")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == name {
			return f[1]
		}
	}
	t.Fatalf("hashes.txt has no %s", name)
	return ""
}

// PixelHash is tests/test_support.cc's PixelHash: FNV-1a over 64 bits with
// that file's offset basis (1469598103934665603).
func PixelHash(data []byte) string {
	h := uint64(1469598103934665603)
	for _, b := range data {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return fmt.Sprintf("%016x", h)
}

// TightRGBA copies an image's pixels into tight rows.
func TightRGBA(img *image.RGBA) []byte {
	r := img.Bounds()
	out := make([]byte, 0, 4*r.Dx()*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := img.PixOffset(r.Min.X, y)
		out = append(out, img.Pix[off:off+4*r.Dx()]...)
	}
	return out
}

// RSS is the process's resident set size in bytes (/proc/self/statm).
func RSS(t testing.TB) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip("no /proc/self/statm")
	}
	var size, resident int64
	fmt.Sscan(string(b), &size, &resident)
	return resident * int64(os.Getpagesize())
}

// Open is what open makes (a chart, a renderer, a context, a Stats), closed
// when the test ends; an error from open fails the test.
func Open[T io.Closer](t testing.TB, open func() (T, error)) T {
	t.Helper()
	v, err := open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

// NewChart is a chart with options o, closed when the test ends.
func NewChart(t testing.TB, o candlewick.Options) *candlewick.Chart {
	t.Helper()
	return Open(t, func() (*candlewick.Chart, error) { return candlewick.NewChart(o) })
}

// NewRenderer is a renderer with options o, closed when the test ends.
func NewRenderer(t testing.TB, o candlewick.RendererOptions) *candlewick.Renderer {
	t.Helper()
	return Open(t, func() (*candlewick.Renderer, error) { return candlewick.NewRenderer(o) })
}

// NewStats is a Stats with the default options, closed when the test ends.
func NewStats(t testing.TB) *candlewick.Stats {
	t.Helper()
	return Open(t, func() (*candlewick.Stats, error) { return candlewick.NewStats(candlewick.StatsOptions{}) })
}

// Attach attaches stats to owner (a chart, a renderer, an indicator or bar
// context); an error fails the test.
func Attach(t testing.TB, owner interface{ AttachStats(*candlewick.Stats) error }, stats *candlewick.Stats) {
	t.Helper()
	if err := owner.AttachStats(stats); err != nil {
		t.Fatal(err)
	}
}

// Render is chart.Render(f, content); an error fails the test.
func Render(t testing.TB, chart *candlewick.Chart, f candlewick.Format, content candlewick.Content) []byte {
	t.Helper()
	b, err := chart.Render(f, content)
	if err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	return b
}

// Concurrently runs f(g, i) for i from 0 to times-1 in each of goroutines
// goroutines g, and waits for them; a goroutine stops at f's first error,
// which fails the test.  For tests run under -race.
func Concurrently(t testing.TB, goroutines, times int, f func(g, i int) error) {
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < times; i++ {
				if err := f(g, i); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
