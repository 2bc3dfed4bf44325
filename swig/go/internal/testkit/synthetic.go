package testkit

import (
	"testing"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/candlewick/indicators"
)

// The golden cases of tests/golden_cases.cc that label the time axis in a
// zone and draw a legend: data/synthetic.cc's series (ported bit for bit:
// integer arithmetic only) with tests/test_support.cc's IndicatorExtras
// (named SMA 20, a named BBANDS band on the daily series, an RSI 14 panel)
// computed by the library, and the "SYNTH" title.

const day = 86400

// daysFromCivil is data/synthetic.cc's DaysFromCivil (Howard Hinnant's).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := m + 9
	if m > 2 {
		mp = m - 3
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// walker is data/synthetic.cc's Walker: a random walk in integer ticks.
type walker struct {
	state uint32
	price int64
	tick  float64
	s     candlewick.Series
}

func newWalker(seed uint32, start int64, tick float64) *walker {
	return &walker{state: seed*2654435761 + 1, price: start, tick: tick}
}

func (w *walker) next() int64 {
	w.state ^= w.state << 13
	w.state ^= w.state >> 17
	w.state ^= w.state << 5
	return int64(w.state)
}

func (w *walker) bar(time, swing, wick, drift, base, spread, shape int64) {
	open := w.price
	cl := max(1, open+w.next()%(2*swing+1)-swing+drift)
	high := max(open, cl) + w.next()%(wick+1)
	low := max(1, min(open, cl)-w.next()%(wick+1))
	s := &w.s
	s.Time = append(s.Time, time)
	s.Open = append(s.Open, float64(open)*w.tick)
	s.High = append(s.High, float64(high)*w.tick)
	s.Low = append(s.Low, float64(low)*w.tick)
	s.Close = append(s.Close, float64(cl)*w.tick)
	s.Volume = append(s.Volume, float64((base+w.next()%(spread+1))*shape/100))
	w.price = cl
}

func sessionShape(minute, length int64) int64 {
	edge := min(minute, length-1-minute)
	return 60 + max(0, 180-edge*6)
}

// IntradayNewYork is three sessions of 5-minute bars in New York time.
func IntradayNewYork() candlewick.Series {
	w := newWalker(11, 17250, 0.01)
	for _, open := range []int64{daysFromCivil(2024, 3, 8)*day + 14*3600 + 1800,
		daysFromCivil(2024, 3, 11)*day + 13*3600 + 1800, daysFromCivil(2024, 3, 12)*day + 13*3600 + 1800} {
		for k := int64(0); k < 78; k++ {
			w.bar(open+k*300, 18, 9, 0, 40000, 60000, sessionShape(k*5, 390))
		}
	}
	return w.s
}

// DailyThreeMonths is daily bars on the weekdays of 2024-01-02..2024-03-28
// without two market holidays.
func DailyThreeMonths() candlewick.Series {
	w := newWalker(41, 18520, 0.01)
	holidays := []int64{daysFromCivil(2024, 1, 15), daysFromCivil(2024, 2, 19)}
	for d := daysFromCivil(2024, 1, 2); d <= daysFromCivil(2024, 3, 28); d++ {
		weekday := (d + 4) % 7 // 0 = Sunday
		if weekday == 0 || weekday == 6 || d == holidays[0] || d == holidays[1] {
			continue
		}
		w.bar(d*day, 250, 160, 12, 45000000, 50000000, 100)
	}
	return w.s
}

// LegendCases are the golden cases with a time zone or legend names the Go
// binding renders; names false leaves every name out (the frame then
// differs from the golden image).
func LegendCases(t testing.TB, names bool) []Case {
	compute := func(name string, s candlewick.Series, params ...float64) [][]float64 {
		out, err := indicators.Compute(name, [][]float64{s.Close}, params)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	name := func(n string) string {
		if names {
			return n
		}
		return ""
	}
	data := func(s candlewick.Series, bollinger bool) candlewick.Data {
		d := candlewick.Data{
			Series:   s,
			Overlays: []candlewick.Line{{Values: compute("sma", s, 20)[0], Color: 0xFFB300FF, Name: name("SMA 20")}},
			Panels: []candlewick.Panel{{Weight: 0.25, Lines: []candlewick.Line{{Values: compute("rsi", s, 14)[0],
				Color: 0xAB47BCFF}}, Levels: []float64{30, 70}, Min: 0, Max: 100, Title: "RSI 14"}},
			Title: "SYNTH",
		}
		if bollinger {
			bb := compute("bbands", s, 20, 2, 2)
			d.Bands = []candlewick.Band{{Upper: bb[0], Lower: bb[2], Fill: 0x7E57C240, Line: 0x7E57C2FF, Width: 1,
				Name: name("BBANDS 20 2 2")}}
		}
		return d
	}
	light := candlewick.ThemeLight
	return []Case{
		{"time_intraday_ny_light", candlewick.Options{Width: 560, Height: 360, Theme: light, Axes: true,
			TimeZone: "America/New_York"}, data(IntradayNewYork(), false)},
		{"time_daily_3m_light", candlewick.Options{Width: 560, Height: 360, Theme: light, Axes: true},
			data(DailyThreeMonths(), true)},
		{"axes_candlestick_light", candlewick.Options{Width: 480, Height: 300, Theme: light, Axes: true},
			data(DailyThreeMonths(), true)},
	}
}
