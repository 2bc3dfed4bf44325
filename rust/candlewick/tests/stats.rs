//! Statistics through the safe crate: what charts, contexts and samples
//! record, the window under a caller's clock, and the text forms.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use candlewick::{
    BarContext, BarOptions, Chart, ChartOptions, Column, Indicator, IndicatorContext, Sample,
    SimdTarget, Stats, StatsKind, StatsOptions,
};

#[test]
fn renders_indicators_and_bars_record_themselves() {
    let stats = Stats::new(&StatsOptions::new()).unwrap();
    let s = common::series(80);
    let mut chart = Chart::new(&ChartOptions::new().size(200, 100)).unwrap();
    chart.attach_stats(Some(&stats)).unwrap();
    let png = chart.render_png(&s.view()).unwrap();
    let frame = chart.render_rgba_buffer(&s.view()).unwrap();
    let _ = chart.render_png(&candlewick::Ohlcv::new(&s.open, &s.low, &s.high, &s.close)); // fails: high < low
    let mut ctx = IndicatorContext::new().unwrap();
    ctx.attach_stats(Some(&stats)).unwrap();
    ctx.compute_to_vec(Indicator::Sma, &[Column::new(&s.close)], &[]).unwrap();
    let mut bars = BarContext::new().unwrap();
    bars.attach_stats(Some(&stats)).unwrap();
    bars.from_ohlcv(&s.view(), &BarOptions::tick(8)).unwrap();

    let snap = stats.read().unwrap();
    let encode = snap.kind(StatsKind::Encode).unwrap();
    assert_eq!((encode.name(), encode.count(), encode.errors()), ("encode", 2, 1));
    assert_eq!(encode.bytes(), png.len() as u64);
    assert_eq!(encode.items(), 160);
    assert_eq!(encode.count_on(SimdTarget::active()), 1);
    assert_eq!(encode.count_on(SimdTarget::NONE), 1, "the failed render");
    let render = snap.kind(StatsKind::Render).unwrap();
    assert_eq!((render.count(), render.bytes()), (1, frame.len() as u64));
    assert_eq!(snap.kind(StatsKind::Indicator).unwrap().items(), 80);
    assert_eq!(snap.kind(StatsKind::Aggregate).unwrap().count(), 2, "size query and fill");
    assert!(snap.kind(StatsKind::Batch).is_some_and(|b| b.count() == 0));
    assert!(snap.kind(StatsKind::Label(0)).is_none());
    assert_eq!(snap.kinds().count(), 5);
    assert!(SimdTarget::active().name().is_some());
}

#[test]
fn the_window_follows_the_callers_clock() {
    let now = Arc::new(AtomicI64::new(1_000_000_000));
    let clock = Arc::clone(&now);
    let stats = Stats::new(
        &StatsOptions::new()
            .capacity(4)
            .retention(Duration::from_secs(10))
            .labels(["fetch", "parse"])
            .clock(move || clock.load(Ordering::SeqCst)),
    )
    .unwrap();
    assert_eq!(stats.now(), 1_000_000_000);
    for (i, d) in [100, 200, 300, 400, 500].iter().enumerate() {
        let end = stats.now() + i as i64;
        stats
            .record(&Sample::new(StatsKind::Label(1), end, *d).bytes(10).items(2).failed(i == 0))
            .unwrap();
    }
    let snap = stats.read().unwrap();
    assert_eq!((snap.capacity(), snap.retention_ns()), (4, 10_000_000_000));
    let parse = snap.kind(StatsKind::Label(1)).unwrap();
    assert_eq!(parse.name(), "parse");
    assert_eq!((parse.count(), parse.errors(), parse.bytes(), parse.items()), (5, 1, 50, 10));
    assert_eq!(parse.duration_ns(), 1500);
    // The window holds the last 4 records.
    assert_eq!((parse.window_count(), parse.window_errors()), (4, 0));
    assert_eq!(
        (parse.window_min_ns(), parse.window_max_ns(), parse.window_mean_ns()),
        (200, 500, 350)
    );
    assert!(parse.window_p50_ns() >= 300 && parse.window_p50_ns() <= 400);
    assert_eq!(snap.kind(StatsKind::Label(0)).unwrap().count(), 0);

    // Eleven seconds later the window is empty; the totals remain.
    now.fetch_add(11_000_000_000, Ordering::SeqCst);
    let snap = stats.read().unwrap();
    let parse = snap.kind(StatsKind::Label(1)).unwrap();
    assert_eq!((parse.count(), parse.window_count(), parse.window_p99_ns()), (5, 0, 0));

    stats.reset().unwrap();
    assert_eq!(stats.read().unwrap().count(), 0);
}

#[test]
fn json_and_prometheus_text() {
    let stats = Stats::new(&StatsOptions::new().labels(["jobs"])).unwrap();
    stats.record(&Sample::new(StatsKind::Label(0), stats.now(), 1234).items(1)).unwrap();
    let json = stats.read_json().unwrap();
    let json = json.as_str().unwrap();
    assert!(json.starts_with('{') && json.trim_end().ends_with('}'), "{json}");
    assert!(json.contains("\"jobs\""), "{json}");
    let text = stats.read_prometheus(Some("svc_charts")).unwrap();
    let text = text.as_str().unwrap();
    assert!(text.lines().any(|l| l.starts_with("# TYPE svc_charts_")), "{text}");
    assert!(text.contains("kind=\"jobs\""), "{text}");
    assert!(
        text.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .all(|l| l.starts_with("svc_charts_"))
    );
    let default = stats.read_prometheus(None).unwrap();
    assert!(default.as_str().unwrap().contains("candlewick_"));
}
