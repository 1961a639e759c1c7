//! The whole parse on arbitrary text, with and without an article date: it must not panic and
//! the document must keep every invariant.
//!
//! Input layout: byte 0 bit 0 set and at least 7 bytes: bytes 1..5 are the year (i32, little
//! endian), byte 5 the month and byte 6 the day (folded into the ranges the app's date field
//! accepts, 1..=12 and 1..=31, so impossible dates like 31 February are tried too); the rest is
//! the text. Otherwise the whole input is the text. Invalid UTF-8 is replaced, as a paste would.
#![no_main]

use lede_core::{CivilDate, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (date, bytes) = match data {
        [flags, y0, y1, y2, y3, m, d, rest @ ..] if flags & 1 == 1 => (
            Some(CivilDate {
                year: i32::from_le_bytes([*y0, *y1, *y2, *y3]),
                month: m % 12 + 1,
                day: d % 31 + 1,
            }),
            rest,
        ),
        _ => (None, data),
    };
    let text = String::from_utf8_lossy(bytes);
    let doc = lede_core::parse_with(&text, &Options { article_date: date });
    if let Err(e) = lede_core::check_invariants(&doc) {
        panic!("invariant broken: {e}\ninput: {text:?}\ndate: {date:?}");
    }
    if date.is_some() {
        assert_eq!(doc.article_date, date, "the reader's date must win");
    }
});
