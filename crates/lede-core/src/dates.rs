//! Dates in running text: absolute ("Feb. 18, 2016", "18 February 2016", "2016-02-18",
//! "February 2016") and relative ("today", "last Friday", "this Saturday", "two days ago",
//! "over the weekend"), resolved against the article's date when it is known.
//!
//! Weekdays: "this X" is X of the anchor's Monday-to-Sunday week; "last X" the latest X
//! strictly before the anchor; "next X" the first strictly after; a bare X looks forward when
//! the clause speaks of the future ("will", "beginning", "due"), else back (the anchor's own
//! weekday counts as that day).

use crate::facts::{fact_word, lower_bytes, CivilDate, DatePrecision, FactWord, FactWords, Lower};
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

/// Month number (1-12) of a month name or its news abbreviation, with or without a period.
pub fn month_of(word: &str) -> Option<u32> {
    let mut buf = [0u8; 16];
    let mut lower = lower_bytes(word, &mut buf)?;
    while let [rest @ .., b'.'] = lower {
        lower = rest;
    }
    match fact_word(lower) {
        FactWord::Month(m) => Some(u32::from(m)),
        _ => None,
    }
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

/// Words before a date that say the clause speaks of the future.
fn is_future_cue(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"will"
            | b"'ll"
            | b"shall"
            | b"beginning"
            | b"begins"
            | b"starting"
            | b"starts"
            | b"due"
            | b"expected"
            | b"expect"
            | b"expects"
            | b"forecast"
            | b"forecasts"
            | b"intend"
            | b"intends"
            | b"scheduled"
            | b"planned"
            | b"plans"
            | b"until"
            | b"next"
            | b"upcoming"
            | b"going"
            | b"set"
            | b"would"
    )
}

fn is_part_of_day(lower: &[u8]) -> bool {
    matches!(lower, b"morning" | b"afternoon" | b"evening" | b"night")
}

struct Scan<'a> {
    text: &'a str,
    toks: &'a [Tok],
    words: &'a FactWords,
    anchor: Option<NaiveDate>,
}

impl Scan<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.text(self.text)).unwrap_or("")
    }
    fn lw(&self, i: usize) -> Lower<'_> {
        Lower::of_tok(self.text, self.toks, i)
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
            if is_future_cue(self.lw(k).bytes()) {
                return true;
            }
        }
        false
    }
}

/// Find the dates in `toks` (a run of one block's tokens).
pub fn find(text: &str, toks: &[Tok], anchor: Option<CivilDate>) -> Vec<Found> {
    let mut out = Vec::new();
    find_with(text, toks, &FactWords::read(text, toks), anchor, &mut out);
    out
}

/// [`find`] with the tokens' [`FactWords`] read already, into `out` (cleared first).
pub(crate) fn find_with(
    text: &str,
    toks: &[Tok],
    words: &FactWords,
    anchor: Option<CivilDate>,
    out: &mut Vec<Found>,
) {
    out.clear();
    let s = Scan {
        text,
        toks,
        words,
        anchor: anchor.and_then(to_naive),
    };
    // The first token not read yet: a date is not read again from inside.
    let mut next = 0;
    // Numbers and a few words start a date: the other tokens are not visited.
    for (i, word) in words.iter() {
        if i < next || !may_start_date(word) {
            continue;
        }
        if let Some(mut f) = at(&s, i, word) {
            // "Wednesday, March 3, 2021": the weekday belongs to the date after it.
            if f.relative && f.a == i && f.b == i + 1 && s.w(i + 1) == "," {
                if let Some(g) =
                    at(&s, i + 2, s.words.at(i + 2)).filter(|g| !g.relative && g.date.is_some())
                {
                    f = Found { a: i, ..g };
                }
            }
            next = f.b.max(i + 1);
            out.push(f);
        }
    }
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

/// Whether a token may begin a date.
fn may_start_date(word: FactWord) -> bool {
    match word {
        FactWord::Number
        | FactWord::Month(_)
        | FactWord::Weekday(_)
        | FactWord::Today
        | FactWord::DayOffset(_)
        | FactWord::Shift(_)
        | FactWord::Over
        | FactWord::Article => true,
        FactWord::Cardinal(n) => (1..=12).contains(&n),
        _ => false,
    }
}

/// A date starting at token i, whose fact word is `word`.
fn at(s: &Scan, i: usize, word: FactWord) -> Option<Found> {
    let t = *s.toks.get(i)?;
    match t.kind {
        TokKind::Num => return iso(s, i).or_else(|| day_month_year(s, i)),
        TokKind::Punct => return None,
        TokKind::Word => {}
    }
    // "two days ago": the many articles and numbers without "ago" two tokens on are out.
    if matches!(word, FactWord::Article | FactWord::Cardinal(_))
        && !s.w(i + 2).eq_ignore_ascii_case("ago")
    {
        return None;
    }
    let w = s.w(i);
    let capital = w.starts_with(|c: char| c.is_ascii_uppercase());
    match word {
        FactWord::Month(month) => {
            if !capital || (w.eq_ignore_ascii_case("may") && !s.is_num(i + 1)) {
                return None;
            }
            return month_date(s, i, u32::from(month));
        }
        FactWord::Weekday(day) => {
            if !capital {
                return None;
            }
            return Some(weekday_date(s, i, day));
        }
        _ => {}
    }
    if !t.is(LOWER) && !capital {
        return None;
    }
    let anchor = s.anchor;
    let add = |n: i64| anchor.and_then(|d| shift(d, n));
    match word {
        FactWord::Today => Some(relative(s, i, i + 1, anchor, None)),
        FactWord::DayOffset(n) => {
            let mut b = i + 1;
            if is_part_of_day(s.lw(b).bytes()) {
                b += 1;
            }
            Some(relative(s, i, b, add(i64::from(n)), None))
        }
        FactWord::Shift(offset) => {
            let offset = i64::from(offset);
            let unit = s.lw(i + 1);
            let unit = unit.bytes();
            // "this morning"
            if offset == 0 && is_part_of_day(unit) {
                return Some(relative(s, i, i + 2, anchor, None));
            }
            let period = anchor.and_then(|d| period_of(d, unit, offset));
            if period.is_some() || matches!(unit, b"week" | b"month" | b"year" | b"weekend") {
                let (a, b) = period.unzip();
                let mut f = relative(s, i, i + 2, a, b);
                f.precision = DatePrecision::Period;
                return Some(f);
            }
            None
        }
        FactWord::Over if s.lw(i + 1).bytes() == b"the" && s.lw(i + 2).bytes() == b"weekend" => {
            let period = anchor.and_then(|d| period_of(d, b"weekend", -1));
            let (a, b) = period.unzip();
            let mut f = relative(s, i, i + 3, a, b);
            f.precision = DatePrecision::Period;
            Some(f)
        }
        // "two days ago", "three weeks ago".
        FactWord::Article | FactWord::Cardinal(1..=12) => {
            let n = match word {
                FactWord::Cardinal(n) => u32::from(n),
                _ => 1,
            };
            let unit = Lower::of(s.w(i + 1).trim_end_matches(['s', 'S']));
            let unit = unit.bytes();
            let d = anchor.and_then(|d| match unit {
                b"day" => shift(d, -(n as i64)),
                b"week" => shift(d, -7 * n as i64),
                b"month" => d.checked_sub_months(Months::new(n)),
                b"year" => d.checked_sub_months(Months::new(12 * n)),
                _ => None,
            });
            if matches!(unit, b"day" | b"week" | b"month" | b"year") {
                return Some(relative(s, i, i + 3, d, None));
            }
            None
        }
        _ => None,
    }
}

/// Month [.] Day [,] [Year] | Month Year, the month at token i.
fn month_date(s: &Scan, i: usize, month: u32) -> Option<Found> {
    let t = s.toks[i];
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
    None
}

/// Weekday [part of day] at token i, with "this", "last", "next" or "coming" before it.
fn weekday_date(s: &Scan, i: usize, day: Weekday) -> Found {
    let prev = i.checked_sub(1).map(|p| s.lw(p));
    let (a, dir) = match prev.as_ref().map_or(&b""[..], Lower::bytes) {
        b"this" => (i - 1, Direction::This),
        b"last" => (i - 1, Direction::Last),
        b"next" | b"coming" => (i - 1, Direction::Next),
        _ if s.future_clause(i) => (i, Direction::BareFuture),
        _ => (i, Direction::BarePast),
    };
    let mut b = i + 1;
    if is_part_of_day(s.lw(b).bytes()) {
        b += 1;
    }
    let d = s
        .anchor
        .and_then(|anchor| resolve_weekday(anchor, day, dir));
    relative(s, a, b, d, None)
}

/// The first and last day of the week, weekend, month or year `offset` units from the anchor.
fn period_of(anchor: NaiveDate, unit: &[u8], offset: i64) -> Option<(NaiveDate, NaiveDate)> {
    match unit {
        b"week" => {
            let monday = shift(anchor, -(anchor.weekday().num_days_from_monday() as i64))?;
            let start = shift(monday, 7 * offset)?;
            Some((start, shift(start, 6)?))
        }
        b"weekend" => {
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
        b"month" => {
            let first = NaiveDate::from_ymd_opt(anchor.year(), anchor.month(), 1)?;
            let first = if offset >= 0 {
                first.checked_add_months(Months::new(offset as u32))?
            } else {
                first.checked_sub_months(Months::new(offset.unsigned_abs() as u32))?
            };
            Some((first, last_of_month(first.year(), first.month())?))
        }
        b"year" => {
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
    if w.len() != 10 {
        return None;
    }
    let sep = if w.contains('-') { '-' } else { '/' };
    let mut parts = w.split(sep);
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=2999).contains(&y) {
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
    // The month is capitalised: most numbers are out before any parsing.
    if !s.w(i + 1).starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let day = s.num(i).filter(|d| (1..=31).contains(d))?;
    let month = month_of(s.w(i + 1))?;
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
            "The vote will take place Friday. The vote took place Monday. \
             Crews expect strong winds on Thursday.",
            wednesday,
        );
        assert_eq!(found[0].1, d(2020, 7, 17));
        assert_eq!(found[1].1, d(2020, 7, 13));
        assert_eq!(found[2].1, d(2020, 7, 16));
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
