//! The thread-safe renderer: every output byte for byte what a `Chart` with
//! the same options renders (the charts are compared with the C++ golden
//! code by golden.rs), from one thread, from many sharing one `Renderer`,
//! and job by job in batches with bad jobs mixed in.

mod common;

use std::sync::Arc;
use std::thread;

use candlewick::{
    Band, Chart, ChartData, ChartOptions, ChartType, Color, Format, Line, Ohlcv, RenderJob,
    Renderer, RendererOptions, Stats, StatsKind, StatsOptions, Status, Theme,
};

/// (options, format, with an overlay) covering every format.
fn cases() -> Vec<(ChartOptions<'static>, Format, bool)> {
    vec![
        (ChartOptions::new().size(320, 200), Format::Png, false),
        (
            ChartOptions::new().size(480, 300).theme(Theme::Light).axes(true).antialias(true),
            Format::Png,
            true,
        ),
        (
            ChartOptions::new().size(300, 220).chart_type(ChartType::Ohlc),
            Format::WebpLossless,
            false,
        ),
        (ChartOptions::new().size(300, 220).theme(Theme::TradingView), Format::WebpLossy, true),
        (
            ChartOptions::new().size(400, 300).chart_type(ChartType::Line).axes(true),
            Format::Svg,
            true,
        ),
        (ChartOptions::new().size(256, 160).chart_type(ChartType::Renko), Format::Rgba8, false),
        (
            ChartOptions::new().size(200, 120).chart_type(ChartType::PointFigure),
            Format::Rgb8,
            false,
        ),
        (ChartOptions::new().size(240, 180).theme(Theme::Modern), Format::Indexed8, true),
        (
            ChartOptions::new().size(400, 260).axes(true).time_zone("America/New_York"),
            Format::Rgba8,
            true,
        ),
    ]
}

fn sma(values: &[f64], n: usize) -> Vec<f64> {
    (0..values.len())
        .map(|i| {
            if i + 1 < n { f64::NAN } else { values[i + 1 - n..=i].iter().sum::<f64>() / n as f64 }
        })
        .collect()
}

fn chart_bytes(options: &ChartOptions<'_>, data: &ChartData<'_>, format: Format) -> Vec<u8> {
    Chart::new(options).unwrap().render(data, format).unwrap()[..].to_vec()
}

#[test]
fn renders_match_charts_cold_and_warm() {
    let s = common::series(150);
    let series = s.view();
    let average = sma(&s.close, 10);
    let lines = [Line::new(&average[..], Color(0xFFCC00FF)).name("SMA 10")];
    let renderer = Renderer::new(&RendererOptions::new().max_cache_bytes(32 << 20)).unwrap();
    for (options, format, overlay) in cases() {
        let data = if overlay {
            ChartData::new(&series).overlays(&lines)
        } else {
            ChartData::new(&series)
        };
        let expected = chart_bytes(&options, &data, format);
        for _ in 0..2 {
            assert!(
                renderer.render(&options, &data, format).unwrap()[..] == expected[..],
                "{format:?}"
            );
        }
        let job = RenderJob::new(&options, &data, format);
        assert!(renderer.render_job(&job).unwrap()[..] == expected[..]);
    }
    let info = renderer.info();
    assert!(info.hits >= 8 && info.misses >= 8 && info.cached_bytes <= 32 << 20, "{info:?}");
    renderer.clear_cache();
    assert_eq!(renderer.info().cached_charts, 0);
}

#[test]
fn webp_quality_per_job() {
    let s = common::series(100);
    let series = s.view();
    let data = ChartData::new(&series);
    let options = ChartOptions::new().size(300, 200);
    let renderer = Renderer::new(&RendererOptions::new()).unwrap();
    let mut chart = Chart::new(&options).unwrap();
    chart.set_webp_quality(10.0).unwrap();
    let low = renderer
        .render_job(&RenderJob::new(&options, &data, Format::WebpLossy).webp_quality(10.0))
        .unwrap();
    assert!(low[..] == chart.render(&data, Format::WebpLossy).unwrap()[..]);
    let default = renderer.render(&options, &data, Format::WebpLossy).unwrap();
    assert!(low[..] != default[..]);
    let err = renderer
        .render_job(&RenderJob::new(&options, &data, Format::WebpLossy).webp_quality(101.0))
        .unwrap_err();
    assert_eq!(err.status(), Status::InvalidArgument);
}

#[test]
fn a_batch_gives_each_job_its_own_result() {
    let s = common::series(120);
    let series = s.view();
    let good = ChartData::new(&series);
    let mut close = s.close.clone();
    close[3] = f64::INFINITY;
    let bad_series = Ohlcv::new(&s.open, &s.high, &s.low, &close);
    let bad_data = ChartData::new(&bad_series);
    let font = [0u8; 4];
    let tiny = ChartOptions::new().size(8, 600);
    let crisp = ChartOptions::new().size(320, 200);
    let smooth = ChartOptions::new().size(320, 200).antialias(true);
    let with_font = ChartOptions::new().font(&font);
    let no_zone = ChartOptions::new().size(320, 200).time_zone("Not/A_Zone");
    let nul_zone = ChartOptions::new().size(320, 200).time_zone("UTC\0");
    let nul_name = [Line::new(&s.close, Color(0xFFCC00FF)).name("SMA\0")];
    let nul_name_data = ChartData::new(&series).overlays(&nul_name);
    let bad = [
        (&tiny, &good, Format::Png, Status::SizeOutOfRange),
        (&crisp, &bad_data, Format::Png, Status::NonFinite),
        (&smooth, &good, Format::Indexed8, Status::InvalidArgument),
        (&with_font, &good, Format::Png, Status::InvalidArgument),
        (&no_zone, &good, Format::Png, Status::InvalidArgument),
        (&nul_zone, &good, Format::Png, Status::InvalidArgument),
        (&crisp, &nul_name_data, Format::Png, Status::InvalidArgument),
    ];
    let cases = cases();
    let mut jobs = Vec::new();
    let mut expected = Vec::new();
    for (i, (options, format, _)) in cases.iter().enumerate() {
        jobs.push(RenderJob::new(options, &good, *format));
        expected.push(Ok(chart_bytes(options, &good, *format)));
        // Bad jobs between the good ones.
        if let Some((options, data, format, status)) = bad.get(i) {
            jobs.push(RenderJob::new(options, data, *format));
            expected.push(Err(*status));
        }
    }
    let renderer = Renderer::new(&RendererOptions::new()).unwrap();
    for threads in [0, 1, 3] {
        let results = renderer.render_batch(&jobs, threads).unwrap();
        assert_eq!(results.len(), jobs.len());
        for (k, (result, want)) in results.iter().zip(&expected).enumerate() {
            match (result, want) {
                (Ok(bytes), Ok(reference)) => assert!(bytes[..] == reference[..], "job {k}"),
                (Err(e), Err(status)) => {
                    assert_eq!(e.status(), *status, "job {k}: {e}");
                    assert!(!e.message().is_empty());
                }
                _ => panic!("job {k}: {result:?} where {want:?} was expected"),
            }
        }
    }
    let err = renderer.render_batch(&jobs, 257).unwrap_err();
    assert_eq!(err.status(), Status::InvalidArgument);
    assert!(renderer.render_batch(&[], 0).unwrap().is_empty());
    let e = renderer.render(&tiny, &good, Format::Png).unwrap_err();
    assert_eq!(e.status(), Status::SizeOutOfRange);
    assert!(e.message().contains("8x600"), "{}", e.message());
    let e = renderer.render(&no_zone, &good, Format::Png).unwrap_err();
    assert_eq!(e.status(), Status::InvalidArgument);
    assert!(e.message().contains("Not/A_Zone"), "{}", e.message());
}

/// Legend names and the time zone reach the library: a named overlay or
/// band adds a legend row, an empty name leaves it out, and a zone moves
/// the time labels; the renderer keys its charts by the zone's text.
#[test]
fn legend_names_and_time_zones_change_the_pixels() {
    let s = common::series(80);
    let series = s.view();
    let (fast, slow) = (sma(&s.close, 10), sma(&s.close, 30));
    let upper: Vec<f64> = slow.iter().map(|x| x + 2.0).collect();
    let lower: Vec<f64> = slow.iter().map(|x| x - 2.0).collect();
    let options = ChartOptions::new().size(400, 260).axes(true);
    let frame = |overlay: Option<&str>, band: Option<&str>, options: &ChartOptions<'_>| {
        let line = Line::new(&fast, Color(0xFFB300FF));
        let overlays = [overlay.map_or(line, |n| line.name(n))];
        let band_ = Band::new(&upper, &lower, Color(0x7E57C240), Color(0x7E57C2FF)).width(1.0);
        let bands = [band.map_or(band_, |n| band_.name(n))];
        let data = ChartData::new(&series).overlays(&overlays).bands(&bands);
        chart_bytes(options, &data, Format::Rgba8)
    };
    let plain = frame(None, None, &options);
    let named_line = frame(Some("SMA 10"), None, &options);
    let named_band = frame(None, Some("BB"), &options);
    assert!(named_line != plain && named_band != plain && named_line != named_band);
    assert!(frame(Some("SMA 10"), Some("BB"), &options) != named_line);
    assert!(frame(Some(""), Some(""), &options) == plain, "an empty name draws no row");
    assert!(frame(Some("SMA 10"), Some(""), &options) == named_line);

    let new_york = options.clone().time_zone("America/New_York");
    assert!(frame(None, None, &new_york) != plain);
    assert!(frame(None, None, &options.clone().time_zone("")) == plain, "\"\" is UTC");
    // A clone shares the zone's name with the original, which may go first.
    let clone = new_york.clone();
    let want = frame(None, None, &new_york);
    drop(new_york);
    assert!(frame(None, None, &clone) == want);
    let renderer = Renderer::new(&RendererOptions::new()).unwrap();
    let data = ChartData::new(&series);
    let outputs = ["America/New_York", "UTC", ""].map(|zone| {
        let zoned = options.clone().time_zone(zone);
        let bytes = renderer.render(&zoned, &data, Format::Rgba8).unwrap()[..].to_vec();
        assert!(bytes == chart_bytes(&zoned, &data, Format::Rgba8), "{zone}");
        bytes
    });
    assert!(outputs[0] != outputs[1] && outputs[1] == outputs[2]);
}

#[test]
fn threads_share_one_renderer_with_identical_output() {
    let s = Arc::new(common::series(90));
    let renderer =
        Arc::new(Renderer::new(&RendererOptions::new().max_cache_bytes(1 << 20)).unwrap());
    let expected: Vec<Vec<u8>> = {
        let series = s.view();
        let data = ChartData::new(&series);
        cases().iter().map(|(o, f, _)| chart_bytes(o, &data, *f)).collect()
    };
    let expected = Arc::new(expected);
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let (s, renderer, expected) =
                (Arc::clone(&s), Arc::clone(&renderer), Arc::clone(&expected));
            thread::spawn(move || {
                let series = s.view();
                let data = ChartData::new(&series);
                let cases = cases();
                for round in 0..6 {
                    if (t + round) % 3 == 0 {
                        let jobs: Vec<_> =
                            cases.iter().map(|(o, f, _)| RenderJob::new(o, &data, *f)).collect();
                        for (r, e) in
                            renderer.render_batch(&jobs, 2).unwrap().iter().zip(expected.iter())
                        {
                            assert!(r.as_ref().unwrap()[..] == e[..]);
                        }
                    } else {
                        let k = (t + round) % cases.len();
                        let (o, f, _) = &cases[k];
                        assert!(renderer.render(o, &data, *f).unwrap()[..] == expected[k][..]);
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let info = renderer.info();
    assert_eq!(info.charts_in_use, 0);
    assert!(info.cached_bytes <= 1 << 20);
}

#[test]
fn stats_record_renders_and_batch_jobs() {
    let s = common::series(60);
    let series = s.view();
    let data = ChartData::new(&series);
    let options = ChartOptions::new().size(200, 120);
    let stats = Stats::new(&StatsOptions::new()).unwrap();
    let mut renderer = Renderer::new(&RendererOptions::new()).unwrap();
    renderer.attach_stats(Some(&stats)).unwrap();
    renderer.render(&options, &data, Format::Png).unwrap();
    renderer.render(&options, &data, Format::Rgba8).unwrap();
    let job = RenderJob::new(&options, &data, Format::Png);
    renderer.render_batch(&[job, job, job], 2).unwrap();
    renderer.attach_stats(None).unwrap();
    renderer.render(&options, &data, Format::Png).unwrap();
    let snap = stats.read().unwrap();
    assert_eq!(snap.kind(StatsKind::Encode).unwrap().count(), 1);
    assert_eq!(snap.kind(StatsKind::Render).unwrap().count(), 1);
    assert_eq!(snap.kind(StatsKind::Batch).unwrap().count(), 3);
}

#[test]
fn a_renderer_font_is_every_charts_font() {
    let bad = RendererOptions::new().font(b"not a font");
    let err = Renderer::new(&bad).unwrap_err();
    assert_eq!(err.status(), Status::InvalidArgument);
    assert!(!err.message().is_empty());
}
