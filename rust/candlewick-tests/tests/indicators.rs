//! Every indicator, through the safe crate, equals the C++ reference
//! computed through the C API in this run bit for bit: with default and
//! other parameters, over contiguous, strided, reversed and packed columns,
//! in batches and bar by bar in streams.

use candlewick::{Column, Indicator, IndicatorContext, IndicatorStream, indicator_count};
use candlewick_tests::{Series, c, make_series};

const N: usize = 300;
const SEED: u32 = 77;

fn anchors(n: usize) -> Vec<f64> {
    (0..n).map(|i| if i % 17 == 0 { 1.0 } else { 0.0 }).collect()
}

/// The input named `name` (as the C reference maps names to columns).
fn column<'a>(s: &'a Series, anchor: &'a [f64], name: &str) -> &'a [f64] {
    match name {
        "input" | "close" => &s.close,
        "open" => &s.open,
        "high" => &s.high,
        "low" => &s.low,
        "volume" => &s.volume,
        "anchor" => anchor,
        other => panic!("an input this test does not know: {other}"),
    }
}

/// Parameters other than the defaults: whole-number parameters halved
/// (within their range), others scaled by 1.25 (within their range).
fn varied_params(ind: Indicator) -> Vec<f64> {
    ind.info()
        .params
        .iter()
        .map(|p| {
            let v = if p.integer { (p.default / 2.0).floor() } else { p.default * 1.25 };
            v.clamp(p.min, p.max)
        })
        .collect()
}

fn c_compute(ind: Indicator, params: &[f64], outputs: usize, stream: bool) -> Vec<Vec<f64>> {
    let mut out = vec![vec![f64::NAN; N]; outputs];
    let pointers: Vec<*mut f64> = out.iter_mut().map(|o| o.as_mut_ptr()).collect();
    // SAFETY: each output has N doubles.
    let status = unsafe {
        c::cwref_indicator(
            ind.id(),
            stream,
            N,
            SEED,
            params.as_ptr(),
            params.len(),
            pointers.as_ptr(),
            outputs,
        )
    };
    assert_eq!(status, 0, "C reference of {ind} {params:?} (stream: {stream})");
    out
}

fn assert_bits_equal(what: &str, got: &[Vec<f64>], want: &[Vec<f64>]) {
    assert_eq!(got.len(), want.len(), "{what}: output count");
    for (j, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g.len(), w.len(), "{what}: output {j} length");
        for (i, (a, b)) in g.iter().zip(w).enumerate() {
            assert!(a.to_bits() == b.to_bits(), "{what}: output {j} row {i}: {a:?} != {b:?} (C)");
        }
    }
}

#[test]
fn the_enum_covers_every_indicator_of_the_library_and_names_round_trip() {
    assert_eq!(Indicator::ALL.len(), indicator_count());
    for id in 1..=indicator_count() as i32 {
        let ind = Indicator::from_id(id).unwrap_or_else(|| panic!("id {id} has no variant"));
        assert_eq!(ind.id(), id);
        assert_eq!(Indicator::from_name(ind.name()).unwrap(), ind);
        assert_eq!(ind.name().parse::<Indicator>().unwrap(), ind);
        assert_eq!(ind.to_string(), ind.name());
        let info = ind.info();
        assert!(
            !info.inputs.is_empty() && !info.outputs.is_empty() && !info.title.is_empty(),
            "{info:?}"
        );
    }
    assert_eq!(Indicator::from_name("bbands").unwrap(), Indicator::Bbands);
    assert_eq!(Indicator::Macd.info().outputs, ["macd", "signal", "hist"]);
}

#[test]
fn every_indicator_equals_the_c_reference_bit_for_bit() {
    let s = make_series(N, SEED);
    let anchor = anchors(N);
    let mut ctx = IndicatorContext::new().unwrap();
    for &ind in Indicator::ALL {
        let info = ind.info();
        let inputs: Vec<Column<f64>> =
            info.inputs.iter().map(|n| Column::new(column(&s, &anchor, n))).collect();
        for params in [vec![], varied_params(ind)] {
            let got = ctx
                .compute_to_vec(ind, &inputs, &params)
                .unwrap_or_else(|e| panic!("{ind} {params:?}: {e}"));
            let want = c_compute(ind, &params, info.outputs.len(), false);
            assert_bits_equal(&format!("{ind} {params:?}"), &got, &want);
            // The first defined value sits at the lookback.
            let lookback = ind.lookback(&params).unwrap();
            let first = got[0].iter().position(|v| !v.is_nan());
            assert!(
                first.is_none_or(|f| f >= lookback),
                "{ind} {params:?}: defined before its lookback {lookback}"
            );
        }
    }
}

#[test]
fn strided_reversed_and_packed_columns_give_the_same_bits() {
    #[derive(Clone, Copy)]
    struct Row {
        _time: i64,
        open: f64,
        high: f64,
        low: f64,
        close: f64,
        volume: f64,
        anchor: f64,
        _flag: u8,
    }
    #[repr(C, packed)]
    #[derive(Clone, Copy)]
    struct Packed {
        _flag: u8,
        close: f64,
        high: f64,
    }
    let s = make_series(N, SEED);
    let anchor = anchors(N);
    let rows: Vec<Row> = (0..N)
        .map(|i| Row {
            _time: s.time[i],
            open: s.open[i],
            high: s.high[i],
            low: s.low[i],
            close: s.close[i],
            volume: s.volume[i],
            anchor: anchor[i],
            _flag: 1,
        })
        .collect();
    let reversed: Vec<Row> = rows.iter().rev().copied().collect();
    // One interleaved array: 6 values per row.
    let interleaved: Vec<f64> =
        rows.iter().flat_map(|r| [r.open, r.high, r.low, r.close, r.volume, r.anchor]).collect();
    let packed: Vec<Packed> =
        rows.iter().map(|r| Packed { _flag: 0, close: r.close, high: r.high }).collect();

    let mut ctx = IndicatorContext::new().unwrap();
    for &ind in Indicator::ALL {
        let info = ind.info();
        let want = c_compute(ind, &[], info.outputs.len(), false);
        fn field<'r>(records: &'r [Row], name: &str) -> Column<'r, f64> {
            match name {
                "input" | "close" => Column::field(records, |r| &r.close),
                "open" => Column::field(records, |r| &r.open),
                "high" => Column::field(records, |r| &r.high),
                "low" => Column::field(records, |r| &r.low),
                "volume" => Column::field(records, |r| &r.volume),
                "anchor" => Column::field(records, |r| &r.anchor),
                other => panic!("unknown input {other}"),
            }
        }
        let of_records: Vec<Column<f64>> = info.inputs.iter().map(|n| field(&rows, n)).collect();
        let of_reversed: Vec<Column<f64>> =
            info.inputs.iter().map(|n| field(&reversed, n).reversed()).collect();
        let strided: Vec<Column<f64>> = info
            .inputs
            .iter()
            .map(|n| {
                let k = ["open", "high", "low", "close", "volume", "anchor"]
                    .iter()
                    .position(|c| *c == if *n == "input" { "close" } else { *n })
                    .unwrap();
                Column::strided(&interleaved, k, 6)
            })
            .collect();
        for (layout, inputs) in [
            ("records", &of_records),
            ("reversed records", &of_reversed),
            ("interleaved", &strided),
        ] {
            let got = ctx.compute_to_vec(ind, inputs, &[]).unwrap();
            assert_bits_equal(&format!("{ind} over {layout}"), &got, &want);
        }
        if info.inputs.iter().all(|n| ["input", "close", "high"].contains(n)) {
            // SAFETY: N packed records of 17 bytes, close at offset 1 and
            // high at offset 9 of each, alive for this iteration.
            let packed_inputs: Vec<Column<f64>> = info
                .inputs
                .iter()
                .map(|n| unsafe {
                    let first = if *n == "high" {
                        &raw const packed[0].high
                    } else {
                        &raw const packed[0].close
                    };
                    Column::from_raw_parts(first, N, std::mem::size_of::<Packed>() as isize)
                })
                .collect();
            let got = ctx.compute_to_vec(ind, &packed_inputs, &[]).unwrap();
            assert_bits_equal(&format!("{ind} over packed records"), &got, &want);
        }
    }
}

#[test]
fn a_batch_equals_each_series_computed_alone() {
    let series = [make_series(120, 1), make_series(260, 2), make_series(75, 3)];
    let mut ctx = IndicatorContext::new().unwrap();
    for ind in
        [Indicator::Sma, Indicator::Macd, Indicator::Atr, Indicator::Bbands, Indicator::Stoch]
    {
        let info = ind.info();
        let inputs: Vec<Column<f64>> = series
            .iter()
            .flat_map(|s| info.inputs.iter().map(move |n| Column::new(column(s, &[], n))))
            .collect();
        let mut outs: Vec<Vec<f64>> = series
            .iter()
            .flat_map(|s| std::iter::repeat_n(vec![0.0; s.close.len()], info.outputs.len()))
            .collect();
        let mut slices: Vec<&mut [f64]> = outs.iter_mut().map(|o| o.as_mut_slice()).collect();
        ctx.compute_batch(ind, &inputs, &[], &mut slices).unwrap();
        for (k, s) in series.iter().enumerate() {
            let one: Vec<Column<f64>> =
                info.inputs.iter().map(|n| Column::new(column(s, &[], n))).collect();
            let alone = ctx.compute_to_vec(ind, &one, &[]).unwrap();
            let batch = &outs[k * info.outputs.len()..(k + 1) * info.outputs.len()];
            assert_bits_equal(&format!("{ind} batch series {k}"), batch, &alone);
        }
    }
}

#[test]
fn every_streamable_indicator_streams_as_the_c_stream_does() {
    let s = make_series(N, SEED);
    let anchor = anchors(N);
    let mut streamed = 0;
    for &ind in Indicator::ALL {
        if !ind.streamable() {
            assert!(
                IndicatorStream::new(ind, &[]).is_err(),
                "{ind} is not streamable but a stream was made"
            );
            continue;
        }
        streamed += 1;
        let info = ind.info();
        let want = c_compute(ind, &[], info.outputs.len(), true);
        let mut stream = IndicatorStream::new(ind, &[]).unwrap();
        assert_eq!(stream.lookback(), ind.lookback(&[]).unwrap());
        let mut got = vec![vec![0.0; N]; info.outputs.len()];
        let mut bar = vec![0.0; info.inputs.len()];
        let mut out = vec![0.0; info.outputs.len()];
        for i in 0..N {
            for (k, name) in info.inputs.iter().enumerate() {
                bar[k] = column(&s, &anchor, name)[i];
            }
            stream.push(&bar, &mut out).unwrap();
            for (column, value) in got.iter_mut().zip(&out) {
                column[i] = *value;
            }
        }
        assert_bits_equal(&format!("{ind} stream"), &got, &want);
    }
    assert!(streamed > 0, "no indicator can be streamed");
}
