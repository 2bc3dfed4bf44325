package candlewick_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/internal/testkit"
)

// The golden cases render to exactly the pixels of the committed
// tests/golden images (decoded by Go's image/png), to the hash recorded in
// hashes.txt, and to the C reference program's frame; the PNG, WebP and SVG
// files are byte for byte the C program's.
func TestGoldenCasesMatchC(t *testing.T) {
	ref := testkit.Reference(t)
	for _, c := range testkit.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			chart := testkit.NewChart(t, c.Options)
			img, err := chart.RenderImage(c.Data)
			if err != nil {
				t.Fatal(err)
			}
			golden, w, h := testkit.GoldenRGBA(t, c.Name)
			if gw, gh := chart.Size(); gw != w || gh != h {
				t.Fatalf("chart is %dx%d, golden %dx%d", gw, gh, w, h)
			}
			if !bytes.Equal(img.Pix, golden) {
				t.Errorf("frame differs from tests/golden/%s.png in %d bytes", c.Name, diff(img.Pix, golden))
			}
			if got, want := testkit.PixelHash(img.Pix), testkit.GoldenHash(t, c.Name); got != want {
				t.Errorf("pixel hash %s, hashes.txt %s", got, want)
			}
			if want := testkit.ReadFile(t, ref, c.Name+".rgba"); !bytes.Equal(img.Pix, want) {
				t.Errorf("frame differs from the C program's in %d bytes", diff(img.Pix, want))
			}
			raw, err := chart.Render(candlewick.FormatRGBA, c.Data)
			if err != nil || !bytes.Equal(raw, img.Pix) {
				t.Errorf("Render(FormatRGBA) differs from RenderImage (err %v)", err)
			}
			for _, f := range []struct {
				format candlewick.Format
				ext    string
			}{{candlewick.FormatPNG, "png"}, {candlewick.FormatWebP, "webp"}, {candlewick.FormatSVG, "svg"}} {
				got := testkit.Render(t, chart, f.format, c.Data)
				if want := testkit.ReadFile(t, ref, c.Name+"."+f.ext); !bytes.Equal(got, want) {
					t.Errorf("%s: %d bytes, the C program's %d, differing in %d", f.ext, len(got), len(want), diff(got, want))
				}
			}
		})
	}
}

func diff(a, b []byte) int {
	n := max(len(a), len(b)) - min(len(a), len(b))
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// The PNG the chart encodes decodes (with Go's decoder) to the RGBA frame.
func TestPNGDecodesToFrame(t *testing.T) {
	c := testkit.Cases()[2]
	chart := testkit.NewChart(t, c.Options)
	file := testkit.Render(t, chart, candlewick.FormatPNG, c.Data)
	img, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	frame, err := chart.RenderImage(c.Data)
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	if !bytes.Equal(rgba.Pix, frame.Pix) {
		t.Fatal("the PNG does not decode to the frame")
	}
}

// RenderInto a SubImage writes the frame in place and leaves the canvas
// around it alone.
func TestRenderIntoSubImage(t *testing.T) {
	c := testkit.Cases()[0]
	chart := testkit.NewChart(t, c.Options)
	w, h := chart.Size()
	canvas := image.NewRGBA(image.Rect(0, 0, w+30, h+20))
	for i := range canvas.Pix {
		canvas.Pix[i] = 0x5A
	}
	sub := canvas.SubImage(image.Rect(10, 7, 10+w, 7+h)).(*image.RGBA)
	if err := chart.RenderInto(sub, c.Data); err != nil {
		t.Fatal(err)
	}
	golden, _, _ := testkit.GoldenRGBA(t, c.Name)
	if got := testkit.TightRGBA(sub); !bytes.Equal(got, golden) {
		t.Errorf("sub-image differs from the golden frame in %d bytes", diff(got, golden))
	}
	for y := 0; y < h+20; y++ {
		for x := 0; x < w+30; x++ {
			if (image.Point{x, y}).In(sub.Rect) {
				continue
			}
			if off := canvas.PixOffset(x, y); !bytes.Equal(canvas.Pix[off:off+4], []byte{0x5A, 0x5A, 0x5A, 0x5A}) {
				t.Fatalf("pixel (%d,%d) outside the sub-image was written", x, y)
			}
		}
	}
}

// Raw formats: RGB is the RGBA frame without alpha; indexed frames expand
// through the palette to the RGBA frame.
func TestRawFormatsAndPalette(t *testing.T) {
	c := testkit.Cases()[2]
	chart := testkit.NewChart(t, c.Options)
	rgba := testkit.Render(t, chart, candlewick.FormatRGBA, c.Data)
	rgb := testkit.Render(t, chart, candlewick.FormatRGB, c.Data)
	indexed := testkit.Render(t, chart, candlewick.FormatIndexed, c.Data)
	palette, err := chart.Palette()
	if err != nil || len(palette) == 0 {
		t.Fatalf("palette %v, %v", palette, err)
	}
	w, h := chart.Size()
	if len(rgb) != 3*w*h || len(indexed) != w*h {
		t.Fatalf("rgb %d bytes, indexed %d bytes for %dx%d", len(rgb), len(indexed), w, h)
	}
	for i := 0; i < w*h; i++ {
		if !bytes.Equal(rgb[3*i:3*i+3], rgba[4*i:4*i+3]) {
			t.Fatalf("RGB pixel %d differs from RGBA", i)
		}
		p := palette[indexed[i]]
		if want := []byte{byte(p >> 24), byte(p >> 16), byte(p >> 8), byte(p)}; !bytes.Equal(want, rgba[4*i:4*i+4]) {
			t.Fatalf("indexed pixel %d expands to %x, RGBA has %x", i, want, rgba[4*i:4*i+4])
		}
	}
	// A caller-owned frame with a wider stride: rows land stride bytes apart.
	stride := 4*w + 12
	buf := make([]byte, stride*h)
	if err := chart.RenderFrame(candlewick.FormatRGBA, buf, stride, c.Data); err != nil {
		t.Fatal(err)
	}
	for y := 0; y < h; y++ {
		if !bytes.Equal(buf[y*stride:y*stride+4*w], rgba[y*4*w:(y+1)*4*w]) {
			t.Fatalf("row %d differs", y)
		}
	}
}

// Options reach the library field by field: a layout, a font and a WebP
// quality each change the picture, and the defaults are the library's.
func TestOptionsReachTheLibrary(t *testing.T) {
	c := testkit.Cases()[3] // axes: text is drawn
	render := func(o candlewick.Options) []byte {
		t.Helper()
		return testkit.Render(t, testkit.NewChart(t, o), candlewick.FormatRGBA, c.Data)
	}
	base := render(c.Options)
	d := candlewick.DefaultLayout()
	if d.PanelGap != 1 || d.Reversal != 3 || d.LabelSize != 11 || d.PriceWeight != 0.7 || d.VolumeWeight != 0.3 {
		t.Errorf("DefaultLayout %+v is not the documented default", d)
	}
	same := c.Options
	same.Layout = &d
	if !bytes.Equal(render(same), base) {
		t.Error("an explicit DefaultLayout changes the picture")
	}
	margin := d
	margin.Margin = 6
	o := c.Options
	o.Layout = &margin
	if bytes.Equal(render(o), base) {
		t.Error("Layout.Margin made no difference")
	}
	font, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
	if err != nil {
		t.Skip("no DejaVuSansMono.ttf (fonts-dejavu-core)")
	}
	o = c.Options
	o.Font = font
	if bytes.Equal(render(o), base) {
		t.Error("Options.Font made no difference")
	}
}

func TestWebPQuality(t *testing.T) {
	c := testkit.Cases()[2]
	chart := testkit.NewChart(t, c.Options)
	high := testkit.Render(t, chart, candlewick.FormatWebPLossy, c.Data)
	if err := chart.SetWebPQuality(5); err != nil {
		t.Fatal(err)
	}
	low := testkit.Render(t, chart, candlewick.FormatWebPLossy, c.Data)
	if len(low) >= len(high) {
		t.Errorf("quality 5 gives %d bytes, quality 90 %d", len(low), len(high))
	}
	if !bytes.HasPrefix(low, []byte("RIFF")) {
		t.Error("not a WebP file")
	}
}
