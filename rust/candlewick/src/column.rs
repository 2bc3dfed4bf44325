//! `Column`: a borrowed, possibly strided view of `f64` or `i64` values, read
//! by the library in place.

use std::fmt;
use std::marker::PhantomData;
use std::mem::{align_of, offset_of, size_of};

use candlewick_sys as sys;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f64 {}
    impl Sealed for i64 {}
}

/// The element types a [`Column`] can view: `f64` (prices, volumes,
/// indicator inputs) and `i64` (Unix times in seconds).
pub trait Element: sealed::Sealed + Copy + 'static {}
impl Element for f64 {}
impl Element for i64 {}

/// A column of values the library reads in place, never copying them:
/// element `i` is at byte `data + i * stride`.
///
/// It borrows its memory for `'a`, so it cannot outlive the data it views,
/// and the data cannot change while it exists. Every way to build one checks
/// that each element it names lies inside the borrowed memory:
///
/// - [`Column::new`] (or `From<&[T]>`, `From<&Vec<T>>`, `From<&[T; N]>`):
///   a contiguous slice;
/// - [`Column::strided`]: every `step`-th element of a slice (one column of
///   an interleaved array);
/// - [`Column::field`]: one field of a slice of records (a column of a
///   row-major table);
/// - [`Column::reversed`]: any of these, last element first;
/// - [`Column::from_raw_parts`] (`unsafe`): any address and byte stride,
///   e.g. a field of `#[repr(packed)]` records, which Rust cannot borrow.
///
/// ```
/// use candlewick::Column;
///
/// struct Tick { time: i64, price: f64, size: f32 }
/// let ticks = [Tick { time: 1, price: 10.5, size: 2.0 }, Tick { time: 2, price: 10.25, size: 1.0 }];
/// let price = Column::field(&ticks, |t| &t.price);  // a 24-byte stride
/// assert_eq!(price.iter().collect::<Vec<_>>(), [10.5, 10.25]);
///
/// let ohlc = [1.0, 2.0, 0.5, 1.5, /* next row */ 1.5, 2.5, 1.0, 2.0];
/// let close = Column::strided(&ohlc, 3, 4);
/// assert_eq!(close.iter().collect::<Vec<_>>(), [1.5, 2.0]);
/// assert_eq!(close.reversed().get(0), Some(2.0));
/// ```
// Same layout as cw_f64_column / cw_i64_column (checked below), so a slice of
// columns is passed to the library as an array of them.
#[repr(C)]
pub struct Column<'a, T: Element> {
    data: *const T,
    length: usize,
    stride: isize,
    _borrow: PhantomData<&'a [T]>,
}

const _: () = {
    assert!(size_of::<Column<'static, f64>>() == size_of::<sys::cw_f64_column>());
    assert!(align_of::<Column<'static, f64>>() == align_of::<sys::cw_f64_column>());
    assert!(offset_of!(Column<'static, f64>, data) == offset_of!(sys::cw_f64_column, data));
    assert!(offset_of!(Column<'static, f64>, length) == offset_of!(sys::cw_f64_column, length));
    assert!(offset_of!(Column<'static, f64>, stride) == offset_of!(sys::cw_f64_column, stride));
    assert!(size_of::<Column<'static, i64>>() == size_of::<sys::cw_i64_column>());
    assert!(align_of::<Column<'static, i64>>() == align_of::<sys::cw_i64_column>());
    assert!(offset_of!(Column<'static, i64>, data) == offset_of!(sys::cw_i64_column, data));
    assert!(offset_of!(Column<'static, i64>, length) == offset_of!(sys::cw_i64_column, length));
    assert!(offset_of!(Column<'static, i64>, stride) == offset_of!(sys::cw_i64_column, stride));
};

// SAFETY: a Column is a shared borrow of `T` values (plain numbers): sending
// or sharing it is sending or sharing a `&[T]`.
unsafe impl<T: Element> Send for Column<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Element> Sync for Column<'_, T> {}

impl<T: Element> Clone for Column<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Element> Copy for Column<'_, T> {}

impl<T: Element> Default for Column<'_, T> {
    /// An empty column (what the library reads as "no column").
    fn default() -> Self {
        Column::empty()
    }
}

impl<'a, T: Element> Column<'a, T> {
    /// An empty column: no data, no rows. Where a column is optional (time,
    /// volume, a histogram) this means "none".
    pub const fn empty() -> Self {
        Column { data: std::ptr::null(), length: 0, stride: 0, _borrow: PhantomData }
    }

    /// A contiguous column over `values`.
    pub fn new(values: &'a [T]) -> Self {
        Column { data: values.as_ptr(), length: values.len(), stride: 0, _borrow: PhantomData }
    }

    /// Elements `start`, `start + step`, `start + 2 * step`, ... of
    /// `values`, as many as lie inside it: one column of an interleaved
    /// array (`step` values per row).
    ///
    /// # Panics
    /// If `step` is 0 or `start > values.len()` (as slicing would).
    pub fn strided(values: &'a [T], start: usize, step: usize) -> Self {
        assert!(step != 0, "Column::strided: step must be at least 1");
        let rest = &values[start..];
        let length = rest.len().div_ceil(step);
        let stride = isize::try_from(step * size_of::<T>()).expect("stride fits isize");
        Column { data: rest.as_ptr(), length, stride, _borrow: PhantomData }
    }

    /// One field of each record of `records`, read in place: a column of a
    /// row-major table. `field` must return a reference into the record it
    /// is given (`|r| &r.close`). (Fields of `#[repr(packed)]` records
    /// cannot be borrowed; see [`Column::from_raw_parts`].)
    ///
    /// # Panics
    /// If `field` returns a reference that is not inside its record, or not
    /// at the same offset in every record.
    pub fn field<R>(records: &'a [R], field: impl Fn(&R) -> &T) -> Self {
        let Some(first) = records.first() else {
            return Column::empty();
        };
        let offset_in = |record: &R| -> usize {
            let base = record as *const R as usize;
            let at = field(record) as *const T as usize;
            assert!(
                at >= base && at + size_of::<T>() <= base + size_of::<R>(),
                "Column::field: the closure must return a field of the record it is given"
            );
            at - base
        };
        let offset = offset_in(first);
        // Every record is checked, not just the first, so that no closure
        // (one picking different fields in different records, say) can name
        // bytes that are not a `T`. For `|r| &r.field` the compiler reduces
        // this to nothing.
        for record in &records[1..] {
            assert!(
                offset_in(record) == offset,
                "Column::field: the closure must return the same field of every record"
            );
        }
        let stride = isize::try_from(size_of::<R>()).expect("record size fits isize");
        // SAFETY: `offset` is inside the first record (checked above).
        let data = unsafe { (records.as_ptr() as *const u8).add(offset) } as *const T;
        Column { data, length: records.len(), stride, _borrow: PhantomData }
    }

    /// The same elements, last first (a negative stride; nothing is copied).
    pub fn reversed(self) -> Self {
        if self.length == 0 {
            return self;
        }
        let stride = self.byte_stride();
        let last = isize::try_from(self.length - 1).expect("length fits isize") * stride;
        // SAFETY: element length-1 lies inside the borrowed memory (an
        // invariant of every constructor).
        let data = unsafe { (self.data as *const u8).offset(last) } as *const T;
        Column { data, length: self.length, stride: -stride, _borrow: PhantomData }
    }

    /// A column over raw memory: element `i` at `data + i * stride_bytes`
    /// (`stride_bytes == 0`: contiguous), as the C API's column structs.
    ///
    /// # Safety
    /// For every `i < length`, the `size_of::<T>()` bytes at
    /// `data + i * stride_bytes` must be readable, initialised memory that
    /// nothing writes to during `'a`.
    pub unsafe fn from_raw_parts(data: *const T, length: usize, stride_bytes: isize) -> Self {
        Column { data, length, stride: stride_bytes, _borrow: PhantomData }
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.length
    }

    /// Whether the column has no elements.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    /// The distance between elements in bytes (never 0: contiguous columns
    /// give `size_of::<T>()`).
    pub fn byte_stride(&self) -> isize {
        if self.stride == 0 { size_of::<T>() as isize } else { self.stride }
    }

    /// Element `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<T> {
        if i >= self.length {
            return None;
        }
        // SAFETY: i < length, so the element is inside the borrowed memory;
        // strided elements may be unaligned, hence read_unaligned.
        Some(unsafe {
            ((self.data as *const u8).offset(i as isize * self.byte_stride()) as *const T)
                .read_unaligned()
        })
    }

    /// The elements in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = T> + '_ {
        (0..self.length).map(move |i| self.get(i).expect("index in range"))
    }
}

impl Column<'_, f64> {
    pub(crate) fn raw(&self) -> sys::cw_f64_column {
        sys::cw_f64_column { data: self.data, length: self.length, stride: self.stride }
    }
}

impl Column<'_, i64> {
    pub(crate) fn raw(&self) -> sys::cw_i64_column {
        sys::cw_i64_column { data: self.data, length: self.length, stride: self.stride }
    }
}

/// The library's view of a slice of f64 columns (same layout, checked above).
pub(crate) fn raw_columns(columns: &[Column<'_, f64>]) -> *const sys::cw_f64_column {
    columns.as_ptr() as *const sys::cw_f64_column
}

impl<'a, T: Element> From<&'a [T]> for Column<'a, T> {
    fn from(values: &'a [T]) -> Self {
        Column::new(values)
    }
}

impl<'a, T: Element> From<&'a Vec<T>> for Column<'a, T> {
    fn from(values: &'a Vec<T>) -> Self {
        Column::new(values)
    }
}

impl<'a, T: Element, const N: usize> From<&'a [T; N]> for Column<'a, T> {
    fn from(values: &'a [T; N]) -> Self {
        Column::new(values)
    }
}

impl<T: Element + fmt::Debug> fmt::Debug for Column<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Column")
            .field("len", &self.length)
            .field("byte_stride", &self.byte_stride())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_strided_reversed_and_field_views_name_the_right_elements() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        assert_eq!(Column::new(&v).iter().collect::<Vec<_>>(), v);
        assert_eq!(Column::strided(&v, 1, 3).iter().collect::<Vec<_>>(), [2.0, 5.0]);
        assert_eq!(Column::strided(&v, 0, 3).iter().collect::<Vec<_>>(), [1.0, 4.0, 7.0]);
        assert_eq!(Column::strided(&v, 7, 2).len(), 0);
        assert_eq!(
            Column::strided(&v, 0, 3).reversed().iter().collect::<Vec<_>>(),
            [7.0, 4.0, 1.0]
        );
        assert_eq!(Column::new(&v[..0]).reversed().len(), 0);
        assert_eq!(Column::new(&v).reversed().byte_stride(), -8);
        assert_eq!(Column::new(&v).get(7), None);

        struct Row {
            _tag: u8,
            value: i64,
        }
        let rows = [Row { _tag: 0, value: -5 }, Row { _tag: 1, value: 9 }];
        let col = Column::field(&rows, |r| &r.value);
        assert_eq!(col.byte_stride(), 16);
        assert_eq!(col.iter().collect::<Vec<_>>(), [-5, 9]);
        assert_eq!(col.reversed().iter().collect::<Vec<_>>(), [9, -5]);

        #[repr(C, packed)]
        struct Packed {
            _tag: u8,
            value: i64,
        }
        let packed = [Packed { _tag: 0, value: -5 }, Packed { _tag: 1, value: 9 }];
        // SAFETY: two records of 9 bytes, each with an i64 at offset 1.
        let col = unsafe { Column::from_raw_parts(&raw const packed[0].value, 2, 9) };
        assert_eq!(col.iter().collect::<Vec<_>>(), [-5, 9]);
        assert_eq!(col.reversed().iter().collect::<Vec<_>>(), [9, -5]);
        assert!(Column::<f64>::field(&[] as &[(f64, f64)], |r| &r.0).is_empty());
    }

    #[test]
    #[should_panic(expected = "step must be at least 1")]
    fn a_zero_step_panics() {
        let _ = Column::strided(&[1.0], 0, 0);
    }

    #[test]
    #[should_panic(expected = "field of the record")]
    fn a_closure_returning_memory_outside_the_record_panics() {
        static OTHER: f64 = 1.0;
        let _ = Column::field(&[(0.0f64, 1.0f64)], |_| &OTHER);
    }

    #[test]
    #[should_panic(expected = "same field of every record")]
    fn a_closure_picking_different_fields_panics() {
        let rows = [(1.0f64, 2.0f64), (3.0, 4.0)];
        let _ = Column::field(&rows, |r| if r.0 == 1.0 { &r.0 } else { &r.1 });
    }
}
