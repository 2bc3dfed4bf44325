//! The C golden test's charts, rendered through the safe crate, equal byte
//! for byte: the frames the C++ golden code renders in this run, the
//! committed images under tests/golden/ (decoded as the C test decodes
//! them), and the hashes in tests/golden/hashes.txt; and the encoded files
//! equal the C++ ones byte for byte.

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_char};

use candlewick::{Chart, ChartData, Format};
use candlewick_sys as sys;
use candlewick_tests::{
    GoldenData, c, c_name, golden_cases, golden_dir, make_series, pixel_hash, render_golden,
};

fn c_render(i: usize, format: Format) -> Vec<u8> {
    let (mut data, mut size) = (std::ptr::null_mut(), 0);
    // SAFETY: out-pointers are ours; the reference mallocs the result.
    let status = unsafe { c::cwref_golden_render(i, format.code(), &mut data, &mut size) };
    assert_eq!(status, 0, "C RenderGolden of case {i} in {format:?}");
    // SAFETY: size bytes from the reference.
    unsafe { c::take(data, size) }
}

fn decode_golden(name: &str) -> (Vec<u8>, u32, u32) {
    let path = CString::new(golden_dir().join(format!("{name}.png")).to_str().unwrap()).unwrap();
    let (mut data, mut size, mut w, mut h) = (std::ptr::null_mut(), 0, 0, 0);
    // SAFETY: out-pointers are ours.
    let ok =
        unsafe { c::cwref_decode_png_file(path.as_ptr(), &mut data, &mut size, &mut w, &mut h) };
    assert_eq!(ok, 1, "decode {path:?}");
    // SAFETY: size bytes from the reference.
    (unsafe { c::take(data, size) }, w, h)
}

fn recorded_hashes() -> HashMap<String, String> {
    let text =
        std::fs::read_to_string(golden_dir().join("hashes.txt")).expect("tests/golden/hashes.txt");
    text.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(name, hash)| (name.to_owned(), hash.trim().to_owned()))
        .collect()
}

/// The C golden cases this crate does not port yet, in the C list's order:
/// none. Listed by name (when there are some) so that a new C case fails
/// here until it is ported.
const NOT_PORTED: [&str; 0] = [];

/// The C list's case `i`: name, options, candles, seed and data kind.
fn c_case(i: usize) -> (String, sys::cw_chart_options, usize, u32, i32) {
    let mut name = [0 as c_char; 64];
    let mut options = sys::cw_chart_options::default();
    let (mut candles, mut seed, mut data) = (0, 0, 0);
    // SAFETY: out-pointers are ours.
    let ok = unsafe {
        c::cwref_golden_case(
            i,
            name.as_mut_ptr(),
            name.len(),
            &mut options,
            &mut candles,
            &mut seed,
            &mut data,
        )
    };
    assert_eq!(ok, 1);
    (c_name(&name), options, candles, seed, data)
}

/// The names of the C list's cases, in its order.
fn c_names() -> Vec<String> {
    // SAFETY: no arguments.
    let count = unsafe { c::cwref_golden_count() };
    (0..count).map(|i| c_case(i).0).collect()
}

/// The C list's index of the case named `name`.
fn c_index(names: &[String], name: &str) -> usize {
    names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no C golden case {name}"))
}

#[test]
fn the_ported_cases_are_the_c_cases_but_the_listed_ones() {
    let names = c_names();
    let ported: Vec<String> = golden_cases().into_iter().map(|c| c.name).collect();
    let want: Vec<&String> = names.iter().filter(|n| !NOT_PORTED.contains(&n.as_str())).collect();
    assert_eq!(
        ported.iter().collect::<Vec<_>>(),
        want,
        "C golden cases neither ported (in the C order) nor listed in NOT_PORTED"
    );
    for name in NOT_PORTED {
        assert!(names.iter().any(|n| n == name), "NOT_PORTED lists {name}, no C case");
    }
    assert_eq!(ported.len() + NOT_PORTED.len(), names.len());
}

/// The ported generators (make_series, and data/synthetic.cc's series) give
/// the very series the C cases draw, ported or not.
#[test]
fn the_series_of_every_c_case_equal_the_ported_generators_ones() {
    let names = c_names();
    for (i, name) in names.iter().enumerate() {
        let (_, _, candles, seed, data) = c_case(i);
        let rust = GoldenData::from_c(data).series(candles, seed);
        let mut c_series = rust.clone();
        c_series.close.iter_mut().for_each(|x| *x = 0.0);
        let s = &mut c_series;
        // SAFETY: each column has capacity elements.
        let n = unsafe {
            c::cwref_golden_series(
                i,
                s.close.len(),
                s.time.as_mut_ptr(),
                s.open.as_mut_ptr(),
                s.high.as_mut_ptr(),
                s.low.as_mut_ptr(),
                s.close.as_mut_ptr(),
                s.volume.as_mut_ptr(),
            )
        };
        assert_eq!(n, rust.close.len(), "{name}: series length");
        assert_eq!(rust, c_series, "{name}: series");
    }
}

#[test]
fn the_cases_and_their_options_equal_the_c_golden_cases() {
    let names = c_names();
    for case in golden_cases() {
        let (name, options, candles, seed, data) = c_case(c_index(&names, &case.name));
        assert_eq!(case.name, name);
        // The time zone by its text, every other field through bindgen's
        // Debug of the C struct.
        let zone = |o: &sys::cw_chart_options| {
            // SAFETY: NULL or the options' NUL-terminated zone name.
            (!o.time_zone.is_null()).then(|| unsafe { CStr::from_ptr(o.time_zone) }.to_owned())
        };
        let rust = *case.options.as_raw();
        assert_eq!(zone(&rust), zone(&options), "{}: time zone", case.name);
        let no_zone = |o| sys::cw_chart_options { time_zone: std::ptr::null(), ..o };
        assert_eq!(
            format!("{:?}", no_zone(rust)),
            format!("{:?}", no_zone(options)),
            "{}",
            case.name
        );
        assert_eq!(
            (case.candles, case.seed, case.data),
            (candles, seed, GoldenData::from_c(data)),
            "{}",
            case.name
        );
    }
}

#[test]
fn every_golden_frame_equals_the_c_frame_the_committed_image_and_its_hash() {
    let hashes = recorded_hashes();
    let names = c_names();
    for case in golden_cases() {
        let frame =
            render_golden(&case, Format::Rgba8).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let c_frame = c_render(c_index(&names, &case.name), Format::Rgba8);
        assert!(frame == c_frame, "{}: Rust and C frames differ", case.name);
        let (golden, w, h) = decode_golden(&case.name);
        assert_eq!((w, h), (case.options.as_raw().width, case.options.as_raw().height));
        let differ = frame.iter().zip(&golden).filter(|(a, b)| a != b).count();
        assert!(
            frame == golden,
            "{}: {differ} bytes differ from tests/golden/{}.png",
            case.name,
            case.name
        );
        assert_eq!(Some(&pixel_hash(&frame)), hashes.get(&case.name), "{}", case.name);
    }
}

#[test]
fn encoded_and_other_raw_formats_equal_the_c_bytes() {
    let cases = golden_cases();
    let names = c_names();
    // One crisp and one antialiased chart with everything on, and a plain one.
    for name in ["axes_tradingview", "axes_antialiased_light", "candlestick_classic"] {
        let case = cases.iter().find(|c| c.name == name).unwrap();
        for format in [
            Format::Png,
            Format::WebpLossless,
            Format::WebpLossy,
            Format::Svg,
            Format::Rgb8,
            Format::Indexed8,
        ] {
            if format == Format::Indexed8 && case.options.as_raw().antialias != 0 {
                continue;
            }
            let rust =
                render_golden(case, format).unwrap_or_else(|e| panic!("{name} {format:?}: {e}"));
            let c_bytes = c_render(c_index(&names, name), format);
            assert!(rust == c_bytes, "{name}: {format:?} bytes differ from C's");
        }
    }
}

#[test]
fn every_render_entry_point_gives_the_same_pixels() {
    let cases = golden_cases();
    let case = cases.iter().find(|c| c.name == "candlestick_tradingview").unwrap();
    let want = render_golden(case, Format::Rgba8).unwrap();
    let s = make_series(case.candles, case.seed);
    let series = s.view();
    let mut chart = Chart::new(&case.options).unwrap();
    let info = chart.frame_info();
    assert_eq!(info.min_buffer_size, want.len());

    // Caller-owned, tight.
    let mut tight = vec![0u8; info.min_buffer_size];
    chart.render_rgba(&series, &mut tight, info.min_row_stride).unwrap();
    assert!(tight == want);
    // Caller-owned, with padding between rows, which is left alone.
    let stride = info.min_row_stride + 13;
    let mut padded = vec![0xA5u8; stride * info.height as usize];
    chart.render_rgba(&series, &mut padded, stride).unwrap();
    for (row, want_row) in padded.chunks(stride).zip(want.chunks(info.min_row_stride)) {
        assert!(&row[..info.min_row_stride] == want_row);
        assert!(row[info.min_row_stride..].iter().all(|&b| b == 0xA5));
    }
    // Library-owned.
    assert!(&chart.render_rgba_buffer(&series).unwrap()[..] == want.as_slice());
    // The image feature.
    let image = chart.render_image(&ChartData::new(&series)).unwrap();
    assert_eq!(image.dimensions(), (info.width, info.height));
    assert!(image.as_raw() == &want);
    // Into a larger image: the chart in the top-left corner, the rest kept.
    let mut big =
        image::RgbaImage::from_pixel(info.width + 3, info.height + 2, image::Rgba([1, 2, 3, 4]));
    chart.render_into_image(&ChartData::new(&series), &mut big).unwrap();
    for y in 0..info.height + 2 {
        for x in 0..info.width + 3 {
            let got = big.get_pixel(x, y).0;
            if x < info.width && y < info.height {
                assert_eq!(got, image.get_pixel(x, y).0);
            } else {
                assert_eq!(got, [1, 2, 3, 4]);
            }
        }
    }
    // Into a smaller image: refused, untouched.
    let mut small = image::RgbaImage::new(info.width - 1, info.height);
    let e = chart.render_into_image(&ChartData::new(&series), &mut small).unwrap_err();
    assert_eq!(e.status(), candlewick::Status::BufferTooSmall);
    assert!(small.as_raw().iter().all(|&b| b == 0));

    // The PNG shorthand equals the C++ PNG of the same chart.
    let i = c_index(&c_names(), &case.name);
    assert!(&chart.render_png(&series).unwrap()[..] == c_render(i, Format::Png).as_slice());
}
