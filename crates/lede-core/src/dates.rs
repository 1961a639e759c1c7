//! Dates in running text: absolute ("Feb. 18, 2016", "18 February 2016", "2016-02-18",
//! "February 2016") and relative ("today", "last Friday", "this Saturday", "two days ago",
//! "over the weekend"), resolved against the article's date when it is known.
//!
//! Weekdays: "this X" is X of the anchor's Monday-to-Sunday week; "last X" the latest X
//! strictly before the anchor; "next X" the first strictly after; a bare X looks forward when
//! the clause speaks of the future ("will", "beginning", "due"), else back (the anchor's own
//! weekday counts as that day).

use crate::facts::{CivilDate, DatePrecision};
use crate::tokens::{Tok, TokKind, LOWER};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// One date found in the tokens `a..b`.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub a: usize,
    pub b: usize,
    pub relative: bool,
    pub date: Option<CivilDate>,
    /// Last day, for a period ("this month", "over the weekend").
    pub end: Option<CivilDate>,
    pub precision: DatePrecision,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Lower-case a short ASCII word into `buf`, without allocating.
pub fn lower_small<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// Month number (1-12) of a month name or its news abbreviation.
pub fn month_of(word: &str) -> Option<u32> {
    let mut buf = [0u8; 16];
    month_lower(lower_small(word, &mut buf)?)
}

fn month_lower(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    let short = match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(short)
}

fn weekday_of(lower: &str) -> Option<Weekday> {
    Some(match lower {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

pub fn to_naive(d: CivilDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year, u32::from(d.month), u32::from(d.day))
}

pub fn from_naive(d: NaiveDate) -> CivilDate {
    CivilDate {
        year: d.year(),
        month: d.month() as u8,
        day: d.day() as u8,
    }
}

/// A valid calendar date.
pub fn civil(year: i32, month: u32, day: u32) -> Option<CivilDate> {
    NaiveDate::from_ymd_opt(year, month, day).map(from_naive)
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.checked_add_months(Months::new(1))?.pred_opt()
}

/// Which way a weekday points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    This,
    Last,
    Next,
    BarePast,
    BareFuture,
}

/// Resolve a weekday against the anchor.
pub fn resolve_weekday(anchor: NaiveDate, day: Weekday, dir: Direction) -> Option<NaiveDate> {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let d = day.num_days_from_monday() as i64;
    let delta = match dir {
        Direction::This => d - a,
        Direction::Last => {
            let back = (a - d).rem_euclid(7);
            -(if back == 0 { 7 } else { back })
        }
        Direction::Next => {
            let fwd = (d - a).rem_euclid(7);
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Direction::BarePast => -((a - d).rem_euclid(7)),
        Direction::BareFuture => (d - a).rem_euclid(7),
    };
    shift(anchor, delta)
}

fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        d.checked_add_days(Days::new(days as u64))
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// Small cardinal number words, for "two days ago".
pub fn small_number(word: &str) -> Option<u32> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return word.parse().ok(),
    })
}

const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "beginning",
    "begins",
    "starting",
    "starts",
    "due",
    "expected",
    "scheduled",
    "planned",
    "plans",
    "until",
    "next",
    "upcoming",
    "going",
    "set",
    "would",
];

const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
    anchor: Option<NaiveDate>,
}

impl Scan<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.text(self.text)).unwrap_or("")
    }
    fn lw(&self, i: usize) -> String {
        self.w(i).to_ascii_lowercase()
    }
    fn is_num(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Num)
    }
    fn num(&self, i: usize) -> Option<u32> {
        if self.is_num(i) {
            self.w(i).parse().ok()
        } else {
            None
        }
    }
    /// Whether the clause around token i speaks of the future.
    fn future_clause(&self, i: usize) -> bool {
        let lo = i.saturating_sub(8);
        for k in (lo..i).rev() {
            let t = &self.toks[k];
            if t.kind == TokKind::Punct && matches!(self.w(k), "." | ";" | "?" | "!") {
                break;
            }
            if FUTURE_CUES.contains(&self.lw(k).as_str()) {
                return true;
            }
        }
        false
    }
}

/// Find the dates in `toks` (a run of one block's tokens).
pub fn find(text: &str, toks: &[Tok], anchor: Option<CivilDate>) -> Vec<Found> {
    let s = Scan {
        text,
        toks,
        anchor: anchor.and_then(to_naive),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(mut f) = at(&s, i) {
            // "Wednesday, March 3, 2021": the weekday belongs to the date after it.
            if f.relative && f.a == i && f.b == i + 1 && s.w(i + 1) == "," {
                if let Some(g) = at(&s, i + 2).filter(|g| !g.relative && g.date.is_some()) {
                    f = Found { a: i, ..g };
                }
            }
            i = f.b.max(i + 1);
            out.push(f);
        } else {
            i += 1;
        }
    }
    out
}

fn absolute(a: usize, b: usize, date: Option<CivilDate>, precision: DatePrecision) -> Found {
    Found {
        a,
        b,
        relative: false,
        date,
        end: None,
        precision,
    }
}

fn relative(
    s: &Scan,
    a: usize,
    b: usize,
    date: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> Found {
    let known = s.anchor.is_some();
    let precision = if end.is_some() {
        DatePrecision::Period
    } else {
        DatePrecision::Day
    };
    Found {
        a,
        b,
        relative: true,
        date: date.filter(|_| known).map(from_naive),
        end: end.filter(|_| known).map(from_naive),
        precision,
    }
}

/// A date starting at token i.
fn at(s: &Scan, i: usize) -> Option<Found> {
    let t = *s.toks.get(i)?;
    let w = s.w(i);
    // ISO date: 2016-02-18.
    if t.kind == TokKind::Num {
        return iso(s, i).or_else(|| day_month_year(s, i));
    }
    if t.kind != TokKind::Word {
        return None;
    }
    // Every word read below (months, weekdays, "today", "last", "two"...) has at most nine
    // letters and starts with one of these: most words are out at once.
    if w.len() > 9
        || !matches!(
            w.as_bytes().first().map(u8::to_ascii_lowercase),
            Some(
                b'a' | b'd'
                    | b'e'
                    | b'f'
                    | b'j'
                    | b'l'
                    | b'm'
                    | b'n'
                    | b'o'
                    | b'p'
                    | b's'
                    | b't'
                    | b'w'
                    | b'y'
            )
        )
    {
        return None;
    }
    let mut buf = [0u8; 16];
    let lw = lower_small(w, &mut buf)?;
    // Month [.] Day [,] [Year] | Month Year.
    if let Some(month) = month_lower(lw) {
        let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
        if !capital || (w.eq_ignore_ascii_case("may") && !s.is_num(i + 1)) {
            return None;
        }
        let mut j = i + 1;
        if s.w(j) == "." && s.toks[j].start == t.end {
            j += 1;
        }
        if let Some(day) = s.num(j).filter(|d| (1..=31).contains(d)) {
            let mut k = j + 1;
            if s.w(k) == "," {
                k += 1;
            }
            if let Some(year) = s.num(k).filter(|y| (1000..=2999).contains(y)) {
                let d = civil(year as i32, month, day);
                return Some(absolute(i, k + 1, d, DatePrecision::Day));
            }
            // No year: the anchor's year, moved to the nearest sensible side.
            let d = s.anchor.and_then(|anchor| {
                let future = s.future_clause(i);
                let mut y = anchor.year();
                let mut d = NaiveDate::from_ymd_opt(y, month, day)?;
                if !future && d > anchor {
                    y -= 1;
                    d = NaiveDate::from_ymd_opt(y, month, day)?;
                } else if future && d < anchor {
                    y += 1;
                    d = NaiveDate::from_ymd_opt(y, month, day)?;
                }
                Some(from_naive(d))
            });
            return Some(Found {
                a: i,
                b: j + 1,
                relative: false,
                date: d,
                end: None,
                precision: DatePrecision::Day,
            });
        }
        if let Some(year) = s.num(j).filter(|y| (1000..=2999).contains(y)) {
            let d = civil(year as i32, month, 1);
            let mut f = absolute(i, j + 1, d, DatePrecision::Month);
            f.end = last_of_month(year as i32, month).map(from_naive);
            return Some(f);
        }
        return None;
    }
    // Weekday [part of day], with "this/last/next/on" before it handled by the caller's
    // lookbehind below.
    if let Some(day) = weekday_of(lw) {
        if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let prev = i.checked_sub(1).map(|p| s.lw(p)).unwrap_or_default();
        let (a, dir) = match prev.as_str() {
            "this" => (i - 1, Direction::This),
            "last" => (i - 1, Direction::Last),
            "next" | "coming" => (i - 1, Direction::Next),
            _ if s.future_clause(i) => (i, Direction::BareFuture),
            _ => (i, Direction::BarePast),
        };
        let mut b = i + 1;
        if PARTS_OF_DAY.contains(&s.lw(b).as_str()) {
            b += 1;
        }
        let d = s
            .anchor
            .and_then(|anchor| resolve_weekday(anchor, day, dir));
        return Some(relative(s, a, b, d, None));
    }
    if !t.is(LOWER) && !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let anchor = s.anchor;
    let add = |n: i64| anchor.and_then(|d| shift(d, n));
    match lw {
        "today" => return Some(relative(s, i, i + 1, anchor, None)),
        "tonight" => return Some(relative(s, i, i + 1, anchor, None)),
        "yesterday" => {
            let mut b = i + 1;
            if PARTS_OF_DAY.contains(&s.lw(b).as_str()) {
                b += 1;
            }
            return Some(relative(s, i, b, add(-1), None));
        }
        "tomorrow" => {
            let mut b = i + 1;
            if PARTS_OF_DAY.contains(&s.lw(b).as_str()) {
                b += 1;
            }
            return Some(relative(s, i, b, add(1), None));
        }
        "this" | "last" | "next" | "past" => {
            let unit = s.lw(i + 1);
            let offset: i64 = match lw {
                "this" => 0,
                "next" => 1,
                _ => -1,
            };
            if lw == "this" && PARTS_OF_DAY.contains(&unit.as_str()) {
                return Some(relative(s, i, i + 2, anchor, None));
            }
            let period = anchor.and_then(|d| period_of(d, &unit, offset));
            if period.is_some() || matches!(unit.as_str(), "week" | "month" | "year" | "weekend") {
                let (a, b) = period.unzip();
                let mut f = relative(s, i, i + 2, a, b);
                f.precision = DatePrecision::Period;
                return Some(f);
            }
        }
        "over" | "during" if s.lw(i + 1) == "the" && s.lw(i + 2) == "weekend" => {
            let period = anchor.and_then(|d| period_of(d, "weekend", -1));
            let (a, b) = period.unzip();
            let mut f = relative(s, i, i + 3, a, b);
            f.precision = DatePrecision::Period;
            return Some(f);
        }
        _ => {}
    }
    // "two days ago", "three weeks ago".
    if let Some(n) = small_number(lw) {
        let unit = s.lw(i + 1);
        if s.lw(i + 2) == "ago" {
            let unit = unit.trim_end_matches('s');
            let d = anchor.and_then(|d| match unit {
                "day" => shift(d, -(n as i64)),
                "week" => shift(d, -7 * n as i64),
                "month" => d.checked_sub_months(Months::new(n)),
                "year" => d.checked_sub_months(Months::new(12 * n)),
                _ => None,
            });
            if matches!(unit, "day" | "week" | "month" | "year") {
                return Some(relative(s, i, i + 3, d, None));
            }
        }
    }
    None
}

/// The first and last day of the week, weekend, month or year `offset` units from the anchor.
fn period_of(anchor: NaiveDate, unit: &str, offset: i64) -> Option<(NaiveDate, NaiveDate)> {
    match unit {
        "week" => {
            let monday = shift(anchor, -(anchor.weekday().num_days_from_monday() as i64))?;
            let start = shift(monday, 7 * offset)?;
            Some((start, shift(start, 6)?))
        }
        "weekend" => {
            let wd = anchor.weekday().num_days_from_monday() as i64;
            // The weekend of the anchor's week, or the one before it ("last", "over the").
            let saturday = shift(anchor, 5 - wd)?;
            let sat = match offset {
                0 => saturday,
                1 => shift(saturday, if wd >= 5 { 7 } else { 0 })?,
                _ => shift(saturday, if wd >= 5 { 0 } else { -7 })?,
            };
            Some((sat, shift(sat, 1)?))
        }
        "month" => {
            let first = NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), 1)?;
            let first = if offset >= 0 {
                first.checked_add_months(Months::new(offset as u32))?
            } else {
                first.checked_sub_months(Months::new(offset.unsigned_abs() as u32))?
            };
            Some((first, last_of_month(first.year(), first.month())?))
        }
        "year" => {
            let y = anchor.year() + offset as i32;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        _ => None,
    }
}

/// 2016-02-18 or 2016/02/18.
fn iso(s: &Scan, i: usize) -> Option<Found> {
    let w = s.w(i);
    let sep = if w.contains('-') { '-' } else { '/' };
    let mut parts = w.split(sep);
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=2999).contains(&y) || w.len() != 10 {
        return None;
    }
    Some(absolute(
        i,
        i + 1,
        Some(civil(y, m, d)?),
        DatePrecision::Day,
    ))
}

/// 18 February 2016 / 18 Feb.
fn day_month_year(s: &Scan, i: usize) -> Option<Found> {
    let day = s.num(i).filter(|d| (1..=31).contains(d))?;
    let month = month_of(s.w(i + 1))?;
    if !s.w(i + 1).starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let mut j = i + 2;
    if s.w(j) == "." {
        j += 1;
    }
    let year = s.num(j).filter(|y| (1000..=2999).contains(y))?;
    Some(absolute(
        i,
        j + 1,
        civil(year as i32, month, day),
        DatePrecision::Day,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn dates(text: &str, anchor: Option<CivilDate>) -> Vec<(String, Option<CivilDate>)> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        find(text, &toks, anchor)
            .into_iter()
            .map(|f| {
                let span = &text[toks[f.a].start as usize..toks[f.b - 1].end as usize];
                (span.to_string(), f.date)
            })
            .collect()
    }

    fn d(y: i32, m: u8, day: u8) -> Option<CivilDate> {
        Some(CivilDate {
            year: y,
            month: m,
            day,
        })
    }

    #[test]
    fn weekdays_against_a_monday() {
        let monday = d(2016, 2, 22);
        let found = dates(
            "The truce begins this Saturday. The deadline passed last Friday. \
             They spoke on Sunday evening.",
            monday,
        );
        assert_eq!(
            found,
            vec![
                ("this Saturday".to_string(), d(2016, 2, 27)),
                ("last Friday".to_string(), d(2016, 2, 19)),
                ("Sunday evening".to_string(), d(2016, 2, 21)),
            ]
        );
    }

    #[test]
    fn bare_weekday_follows_tense() {
        let wednesday = d(2020, 7, 15);
        let found = dates(
            "The vote will take place Friday. The vote took place Monday.",
            wednesday,
        );
        assert_eq!(found[0].1, d(2020, 7, 17));
        assert_eq!(found[1].1, d(2020, 7, 13));
    }

    #[test]
    fn relative_days_and_periods() {
        let anchor = d(2021, 3, 1);
        let found = dates(
            "today, yesterday, tomorrow, two days ago, this month",
            anchor,
        );
        let got: Vec<_> = found.iter().map(|f| f.1).collect();
        assert_eq!(
            got,
            vec![
                d(2021, 3, 1),
                d(2021, 2, 28),
                d(2021, 3, 2),
                d(2021, 2, 27),
                d(2021, 3, 1)
            ]
        );
    }

    #[test]
    fn weekend_before_a_weekday() {
        let mut toks = Vec::new();
        let text = "Over the weekend, it rained.";
        tokenize(text, 0, text.len(), &mut toks);
        let f = &find(text, &toks, d(2016, 2, 22))[0];
        assert_eq!((f.date, f.end), (d(2016, 2, 20), d(2016, 2, 21)));
    }

    #[test]
    fn absolute_forms() {
        let found = dates(
            "On Feb. 18, 2016 and 18 February 2016 and 2016-02-18 and in March 2015.",
            None,
        );
        let got: Vec<_> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(
            got,
            vec![
                ("Feb. 18, 2016", d(2016, 2, 18)),
                ("18 February 2016", d(2016, 2, 18)),
                ("2016-02-18", d(2016, 2, 18)),
                ("March 2015", d(2015, 3, 1)),
            ]
        );
    }

    #[test]
    fn no_anchor_leaves_relative_dates_unresolved() {
        let found = dates("It happened yesterday and again last Friday.", None);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.1.is_none()));
    }

    #[test]
    fn leap_years_and_month_ends() {
        let anchor = d(2024, 3, 31);
        let found = dates("last month, a month ago", anchor);
        assert_eq!(found[0].1, d(2024, 2, 1));
        assert_eq!(found[1].1, d(2024, 2, 29));
    }
}
