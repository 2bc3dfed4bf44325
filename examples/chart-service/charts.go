package main

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/candlewick/candlewick/swig/go/candlewick"
	"github.com/candlewick/candlewick/swig/go/candlewick/indicators"
)

// ParamError is a bad request: the query parameter (or path part) at fault
// and what is wrong with it.  The server answers 400 with it as JSON.
type ParamError struct {
	Parameter string `json:"parameter"`
	Message   string `json:"error"`
}

func (e *ParamError) Error() string { return e.Parameter + ": " + e.Message }

func bad(param, format string, args ...any) *ParamError {
	return &ParamError{Parameter: param, Message: fmt.Sprintf(format, args...)}
}

// Limits of one request, beyond the library's own.
const (
	minSide, maxSide = 64, 4096
	defaultBars      = 300
	maxIndicators    = 4 // overlays, and panels, per request
)

// ChartRequest is a parsed GET /v1/charts/{symbol}.{ext}.
type ChartRequest struct {
	Symbol   string
	Format   candlewick.Format
	Options  candlewick.Options
	From, To int64 // Unix seconds, To exclusive
	Bars     int   // the most recent bars drawn
	Overlays []IndicatorSpec
	Panels   []IndicatorSpec
}

// IndicatorSpec is "name" or "name:p1:p2..." (parameters in the library's
// order; missing ones take its defaults).
type IndicatorSpec struct {
	Name   string
	Params []float64
}

var formatsByExt = map[string]candlewick.Format{
	"png": candlewick.FormatPNG, "webp": candlewick.FormatWebP, "svg": candlewick.FormatSVG,
}

var contentTypes = map[candlewick.Format]string{
	candlewick.FormatPNG: "image/png", candlewick.FormatWebP: "image/webp", candlewick.FormatSVG: "image/svg+xml",
}

var chartTypes = map[string]candlewick.ChartType{
	"candlestick": candlewick.ChartCandlestick, "candle": candlewick.ChartCandlestick,
	"hollow": candlewick.ChartHollow, "ohlc": candlewick.ChartOHLC, "line": candlewick.ChartLine,
	"area": candlewick.ChartArea, "heikin-ashi": candlewick.ChartHeikinAshi,
	"heikin_ashi": candlewick.ChartHeikinAshi, "renko": candlewick.ChartRenko,
	"pnf": candlewick.ChartPointFigure, "point_figure": candlewick.ChartPointFigure,
}

var themes = map[string]candlewick.Theme{
	"classic": candlewick.ThemeClassic, "modern": candlewick.ThemeModern,
	"tradingview": candlewick.ThemeTradingView, "light": candlewick.ThemeLight,
}

// ParseChartRequest reads the path's file name ("AAPL.png") and the query.
// Every problem is a *ParamError naming its parameter; unknown parameters
// are refused too (a typo would otherwise be silently ignored).
func ParseChartRequest(file string, q url.Values, maxBars int) (*ChartRequest, error) {
	dot := strings.LastIndexByte(file, '.')
	if dot <= 0 {
		return nil, bad("symbol", "the path must be /v1/charts/{symbol}.{png|webp|svg}, got %q", file)
	}
	req := &ChartRequest{Symbol: strings.ToUpper(file[:dot]), From: math.MinInt64, To: math.MaxInt64,
		Bars: min(defaultBars, maxBars)}
	for _, r := range req.Symbol {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') || len(req.Symbol) > 32 {
			return nil, bad("symbol", "%q is not a symbol (letters, digits, - _ . and at most 32)", file[:dot])
		}
	}
	f, ok := formatsByExt[strings.ToLower(file[dot+1:])]
	if !ok {
		return nil, bad("format", "unknown format %q (png, webp or svg)", file[dot+1:])
	}
	req.Format = f
	req.Options = candlewick.Options{Width: 800, Height: 600, Axes: true}
	for key, values := range q {
		if len(values) != 1 {
			return nil, bad(key, "given %d times", len(values))
		}
		v := values[0]
		var err *ParamError
		switch key {
		case "type":
			t, ok := chartTypes[strings.ToLower(v)]
			if !ok {
				err = bad(key, "unknown chart type %q (candlestick, hollow, ohlc, line, area, heikin-ashi, renko, pnf)", v)
			}
			req.Options.Type = t
		case "theme":
			t, ok := themes[strings.ToLower(v)]
			if !ok {
				err = bad(key, "unknown theme %q (classic, modern, tradingview, light)", v)
			}
			req.Options.Theme = t
		case "size":
			req.Options.Width, req.Options.Height, err = parseSize(v)
		case "from":
			req.From, err = parseBound(key, v)
		case "to":
			req.To, err = parseBound(key, v)
		case "bars":
			n, e := strconv.Atoi(v)
			if e != nil || n < 1 || n > maxBars {
				err = bad(key, "%q is not a bar count in 1..%d", v, maxBars)
			}
			req.Bars = n
		case "overlays":
			req.Overlays, err = parseIndicators(key, v)
		case "panels":
			req.Panels, err = parseIndicators(key, v)
		case "axes", "volume", "antialias":
			b, e := strconv.ParseBool(v)
			if e != nil {
				err = bad(key, "%q is not a boolean (true, false, 1, 0)", v)
			}
			switch key {
			case "axes":
				req.Options.Axes = b
			case "volume":
				req.Options.NoVolume = !b
			default:
				req.Options.Antialias = b
			}
		default:
			err = bad(key, "unknown parameter (type, theme, size, from, to, bars, overlays, panels, axes, volume, antialias)")
		}
		if err != nil {
			return nil, err
		}
	}
	if req.From >= req.To {
		return nil, bad("to", "the range is empty: from must be before to")
	}
	return req, nil
}

func parseSize(v string) (int, int, *ParamError) {
	w, h, ok := strings.Cut(strings.ToLower(v), "x")
	wi, e1 := strconv.Atoi(w)
	hi, e2 := strconv.Atoi(h)
	if !ok || e1 != nil || e2 != nil || wi < minSide || wi > maxSide || hi < minSide || hi > maxSide {
		return 0, 0, bad("size", "%q is not WIDTHxHEIGHT with each side in %d..%d", v, minSide, maxSide)
	}
	return wi, hi, nil
}

func parseBound(key, v string) (int64, *ParamError) {
	t, err := parseTime(v)
	if err != nil {
		return 0, bad(key, "%q is neither Unix seconds nor YYYY-MM-DD", v)
	}
	return t, nil
}

func parseDate(s string) (int64, error) {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, err
	}
	return d.Unix(), nil
}

// parseIndicators reads "sma:20,ema:50,bbands:20:2:2": each name must be an
// indicator of the library and its parameters numbers it accepts.
func parseIndicators(key, v string) ([]IndicatorSpec, *ParamError) {
	var out []IndicatorSpec
	for _, item := range strings.Split(v, ",") {
		parts := strings.Split(strings.TrimSpace(item), ":")
		info, err := indicators.Lookup(strings.ToLower(parts[0]))
		if err != nil {
			return nil, bad(key, "unknown indicator %q", parts[0])
		}
		spec := IndicatorSpec{Name: info.Name}
		if len(parts)-1 > len(info.Params) {
			return nil, bad(key, "%s takes at most %d parameters", info.Name, len(info.Params))
		}
		for _, p := range parts[1:] {
			x, err := strconv.ParseFloat(p, 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, bad(key, "%s: %q is not a number", info.Name, p)
			}
			spec.Params = append(spec.Params, x)
		}
		if _, err := indicators.Lookback(spec.Name, spec.Params); err != nil {
			return nil, bad(key, "%s: parameters %v out of range", info.Name, spec.Params)
		}
		out = append(out, spec)
	}
	if len(out) > maxIndicators {
		return nil, bad(key, "at most %d indicators", maxIndicators)
	}
	return out, nil
}

// BuildData computes the request's overlays and panels over the series.
// An indicator that cannot be computed over these bars (a period longer
// than the series) is a *ParamError naming its parameter.
func (req *ChartRequest) BuildData(s candlewick.Series) (candlewick.Data, error) {
	d := candlewick.Data{Series: s, Title: req.Symbol}
	for _, spec := range req.Overlays {
		outs, _, err := compute(spec, s)
		if err != nil {
			return d, bad("overlays", "%v", err)
		}
		for i := range outs {
			d.Overlays = append(d.Overlays, candlewick.Line{Values: outs[i]})
		}
	}
	for _, spec := range req.Panels {
		outs, names, err := compute(spec, s)
		if err != nil {
			return d, bad("panels", "%v", err)
		}
		p := candlewick.Panel{Title: strings.ToUpper(spec.Name)}
		for i := range outs {
			if strings.Contains(names[i], "hist") {
				p.Histogram = outs[i]
			} else {
				p.Lines = append(p.Lines, candlewick.Line{Values: outs[i]})
			}
		}
		d.Panels = append(d.Panels, p)
	}
	return d, nil
}

func compute(spec IndicatorSpec, s candlewick.Series) ([][]float64, []string, error) {
	info, err := indicators.Lookup(spec.Name)
	if err != nil {
		return nil, nil, err
	}
	inputs := make([][]float64, len(info.Inputs))
	for i, name := range info.Inputs {
		switch name {
		case "open":
			inputs[i] = s.Open
		case "high":
			inputs[i] = s.High
		case "low":
			inputs[i] = s.Low
		case "volume":
			inputs[i] = s.Volume
		default: // "close", "real", "price"
			inputs[i] = s.Close
		}
	}
	outs, err := indicators.Compute(spec.Name, inputs, spec.Params)
	if err != nil {
		var cwErr *candlewick.Error
		if errors.As(err, &cwErr) {
			return nil, nil, fmt.Errorf("%s: %s", spec.Name, cwErr.Message)
		}
		return nil, nil, err
	}
	return outs, info.Outputs, nil
}
