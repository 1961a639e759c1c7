//! What the reading view shows, derived once per analysed document: speaker groups and their
//! colours, quote marks in text order, and the facts sidebar's lists. No `html!` here.

use crate::state::{AppState, Input};
use lede_core::{
    BlockKind, CivilDate, Document, EntityKind, Quote, QuoteId, QuoteKind, SectionId, Span,
    SpeakerId,
};
use std::rc::Rc;

/// How many speakers get their own colour; the others share the neutral one.
pub const PALETTE: u8 = 6;

/// The analysed article with everything the panels need to look up quickly.
pub struct Reading {
    pub doc: Rc<Document>,
    /// (quotation id, its index in `doc.quotes`), sorted.
    quote_pos: Vec<(u64, u32)>,
    /// Speakers with direct or partial quotations, most quoted first.
    pub groups: Vec<Group>,
    /// Direct and partial quotations without a known speaker.
    pub unattributed: Vec<QuoteId>,
    /// Reported (indirect) speech.
    pub reported: Vec<QuoteId>,
    colours: Vec<(SpeakerId, u8)>,
    /// Where quotations are marked in the text: in text order, never overlapping.
    pub regions: Vec<Region>,
    /// Entity mentions, underlined in the text: in text order, never overlapping.
    pub mentions: Vec<Span>,
    pub facts: FactLists,
    /// Where each quotation starts, sorted: for counting the quotations of a section.
    quote_starts: Vec<u32>,
    /// Words in the text.
    pub words: usize,
    /// How long the parse took, in whole milliseconds, when it was timed.
    pub parse_ms: Option<u32>,
    /// What was parsed, with the reader's date: while the parsing worker reads newer text the
    /// page keeps showing this reading and says it is analysing.
    pub made_from: Option<(Input, Option<CivilDate>)>,
    /// The analysis of a long text's first part, shown while the worker reads the whole.
    pub first_part: bool,
    /// Parsed by the parsing worker (rather than on the page's thread).
    pub in_worker: bool,
}

impl PartialEq for Reading {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
    }
}

/// One speaker's quotations.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub speaker: SpeakerId,
    pub quotes: Vec<QuoteId>,
}

/// A marked stretch of the text belonging to one quotation (an interrupted quotation has one
/// region per quoted part).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub span: Span,
    pub quote: QuoteId,
    pub first: bool,
}

/// One line of the facts sidebar.
#[derive(Clone, Debug, PartialEq)]
pub struct FactItem {
    /// Stable within one document: the view state and share links refer to facts by it.
    pub key: String,
    pub label: String,
    pub detail: Option<String>,
    pub spans: Vec<Span>,
    /// The speaker a person fact links to.
    pub speaker: Option<SpeakerId>,
    /// For dates: the resolved date.
    pub date: Option<CivilDate>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactLists {
    pub people: Vec<FactItem>,
    pub organisations: Vec<FactItem>,
    pub places: Vec<FactItem>,
    /// Resolved dates in time order.
    pub dates: Vec<FactItem>,
    /// Relative dates that could not be resolved (no article date).
    pub unresolved: Vec<FactItem>,
    pub figures: Vec<FactItem>,
    pub sources: Vec<FactItem>,
}

impl FactLists {
    pub fn all(&self) -> impl Iterator<Item = &FactItem> {
        self.people
            .iter()
            .chain(&self.organisations)
            .chain(&self.places)
            .chain(&self.dates)
            .chain(&self.unresolved)
            .chain(&self.figures)
            .chain(&self.sources)
    }

    pub fn len(&self) -> usize {
        self.all().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Reading {
    /// Whether this reading shows what the state asks for: the analysed input, with the
    /// reader's date. (Readings made without a record of their input count as current.)
    pub fn is_current(&self, state: &AppState) -> bool {
        !self.first_part
            && self
                .made_from
                .as_ref()
                .is_none_or(|(input, date)| *date == state.date && *input == state.analysed)
    }

    pub fn new(doc: Rc<Document>) -> Reading {
        let mut quote_pos: Vec<(u64, u32)> = doc
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (u64::from(q.id.0), i as u32))
            .collect();
        lede_core::order::sort_keyed(&mut quote_pos);
        let first = first_of_each(doc.quotes.iter().map(|q| u64::from(q.id.0)).collect());
        let mut by_speaker: Vec<Group> = Vec::new();
        let mut unattributed = Vec::new();
        let mut reported = Vec::new();
        // Each quotation once: the panels key their cards by id.
        for (q, _) in doc.quotes.iter().zip(&first).filter(|(_, &f)| f) {
            match (q.kind, q.speaker) {
                (QuoteKind::Indirect, _) => reported.push(q.id),
                (_, Some(s)) if doc.speaker(s).is_some() => {
                    match by_speaker.iter_mut().find(|g| g.speaker == s) {
                        Some(g) => g.quotes.push(q.id),
                        None => by_speaker.push(Group {
                            speaker: s,
                            quotes: vec![q.id],
                        }),
                    }
                }
                _ => unattributed.push(q.id),
            }
        }
        // Most quoted first; ties keep the order of first appearance (the sort is stable).
        sort_by_num(&mut by_speaker, |g| u64::MAX - g.quotes.len() as u64);
        let colours = by_speaker
            .iter()
            .take(PALETTE as usize)
            .enumerate()
            .map(|(i, g)| (g.speaker, i as u8 + 1))
            .collect();
        let regions = regions(&doc);
        let mentions = non_overlapping(
            doc.entities
                .iter()
                .flat_map(|e| e.mentions.iter().copied())
                .collect(),
            &doc.text,
        );
        let facts = fact_lists(&doc);
        let mut quote_starts: Vec<u32> = doc.quotes.iter().map(|q| q.span.start).collect();
        sort_by_num(&mut quote_starts, |&s| u64::from(s));
        // Words as runs between ASCII spaces: the normalised text has no other kind of space,
        // and a byte loop is several times quicker than a Unicode split on a long article.
        let words = doc
            .text
            .as_bytes()
            .split(u8::is_ascii_whitespace)
            .filter(|w| !w.is_empty())
            .count();
        Reading {
            doc,
            quote_pos,
            groups: by_speaker,
            unattributed,
            reported,
            colours,
            regions,
            mentions,
            facts,
            quote_starts,
            words,
            parse_ms: None,
            made_from: None,
            first_part: false,
            in_worker: false,
        }
    }

    /// How many quotations start inside `span`.
    pub fn quotes_in(&self, span: Span) -> usize {
        let a = self.quote_starts.partition_point(|&s| s < span.start);
        let b = self.quote_starts.partition_point(|&s| s < span.end);
        b.saturating_sub(a)
    }

    pub fn quote(&self, id: QuoteId) -> Option<&Quote> {
        // The last quotation with this id, as a map built in order would keep.
        let id = u64::from(id.0);
        let i = self.quote_pos.partition_point(|p| p.0 <= id);
        let &(found, pos) = self.quote_pos.get(i.checked_sub(1)?)?;
        (found == id).then(|| self.doc.quotes.get(pos as usize))?
    }

    /// The palette slot of a speaker: 1..=PALETTE, or 0 for the neutral colour.
    pub fn colour(&self, speaker: Option<SpeakerId>) -> u8 {
        speaker
            .and_then(|s| self.colours.iter().find(|c| c.0 == s))
            .map_or(0, |c| c.1)
    }

    pub fn quote_colour(&self, id: QuoteId) -> u8 {
        self.colour(self.quote(id).and_then(|q| q.speaker))
    }

    /// The section holding a position of the text.
    pub fn section_at(&self, offset: u32) -> Option<SectionId> {
        let sections = &self.doc.sections;
        let i = sections.partition_point(|s| s.span.end <= offset);
        sections
            .get(i)
            .filter(|s| s.span.start <= offset)
            .map(|s| s.id)
    }

    pub fn section_of_quote(&self, id: QuoteId) -> Option<SectionId> {
        self.quote(id).and_then(|q| self.section_at(q.span.start))
    }

    pub fn fact(&self, key: &str) -> Option<&FactItem> {
        self.facts.all().find(|f| f.key == key)
    }

    /// The sections holding a fact's mentions.
    pub fn sections_of_fact(&self, key: &str) -> Vec<SectionId> {
        let mut ids: Vec<SectionId> = self
            .fact(key)
            .map(|f| {
                f.spans
                    .iter()
                    .filter_map(|s| self.section_at(s.start))
                    .collect()
            })
            .unwrap_or_default();
        ids.dedup();
        ids
    }

    /// The quotation as its card shows it: the quoted words, an interruption shown as "…".
    pub fn quote_text(&self, q: &Quote) -> String {
        let text = |s: Span| self.doc.text.get(s.range()).unwrap_or("").trim();
        if q.fragments.is_empty() {
            return text(q.span).to_string();
        }
        let parts: Vec<&str> = q.fragments.iter().map(|&f| text(f)).collect();
        let last = parts.len() - 1;
        let joined = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i < last {
                    p.trim_end_matches([',', ' '])
                } else {
                    p
                }
            })
            .collect::<Vec<_>>()
            .join(" … ");
        if q.kind == QuoteKind::Direct {
            format!("“{joined}”")
        } else {
            joined
        }
    }

    /// "Name, Role" of a quote's speaker.
    pub fn attribution(&self, q: &Quote) -> Option<String> {
        let s = self.doc.speaker(q.speaker?)?;
        Some(match &s.role {
            Some(role) if !role.is_empty() => format!("{}, {}", s.name, role),
            _ => s.name.clone(),
        })
    }

    /// The text put on the clipboard when a reader copies a quotation.
    pub fn citation(&self, q: &Quote) -> String {
        match self.attribution(q) {
            Some(a) => format!("{} — {}", self.quote_text(q), a),
            None => self.quote_text(q),
        }
    }

    pub fn slice(&self, span: Span) -> &str {
        self.doc.text.get(span.range()).unwrap_or("")
    }
}

/// Quote regions: a direct quotation interrupted by its attribution is marked part by part
/// (each part with its quotation marks); anything else is marked whole.
fn regions(doc: &Document) -> Vec<Region> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for q in &doc.quotes {
        if q.kind == QuoteKind::Direct && q.fragments.len() > 1 {
            for (i, &f) in q.fragments.iter().enumerate() {
                let span = widen_to_marks(text, f).unwrap_or(f);
                out.push(Region {
                    span,
                    quote: q.id,
                    first: i == 0,
                });
            }
        } else {
            out.push(Region {
                span: q.span,
                quote: q.id,
                first: true,
            });
        }
    }
    out.retain(|r| valid(text, r.span));
    sort_by_num(&mut out, |r| span_key(r.span));
    let mut kept: Vec<Region> = Vec::with_capacity(out.len());
    for r in out {
        if kept.last().is_none_or(|k| k.span.end <= r.span.start) {
            kept.push(r);
        }
    }
    // A quotation whose first part was dropped still needs an anchor to scroll to.
    let first = first_of_each(kept.iter().map(|r| u64::from(r.quote.0)).collect());
    for (r, first) in kept.iter_mut().zip(first) {
        r.first = first;
    }
    kept
}

const OPENING: &[char] = &['"', '“', '‘', '\'', '«', '„'];
const CLOSING: &[char] = &['"', '”', '’', '\'', '»'];

fn widen_to_marks(text: &str, span: Span) -> Option<Span> {
    let (mut start, mut end) = (span.start as usize, span.end as usize);
    let before = text.get(..start)?;
    if let Some(c) = before.chars().next_back().filter(|c| OPENING.contains(c)) {
        start -= c.len_utf8();
    }
    let after = text.get(end..)?;
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if CLOSING.contains(&c) => end += c.len_utf8(),
        Some(c @ (',' | '.' | '?' | '!')) => {
            if let Some(d) = chars.next().filter(|d| CLOSING.contains(d)) {
                end += c.len_utf8() + d.len_utf8();
            }
        }
        _ => {}
    }
    Some(Span::new(start, end))
}

fn valid(text: &str, s: Span) -> bool {
    s.start < s.end && text.get(s.range()).is_some()
}

/// Sorted, in bounds, on char boundaries, without overlaps (the earlier, longer span wins).
pub fn non_overlapping(mut spans: Vec<Span>, text: &str) -> Vec<Span> {
    spans.retain(|&s| valid(text, s));
    sort_by_num(&mut spans, |&s| span_key(s));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if out.last().is_none_or(|k| k.end <= s.start) {
            out.push(s);
        }
    }
    out
}

fn fact_lists(doc: &Document) -> FactLists {
    let mut lists = FactLists::default();
    let speaker_of = |e: &lede_core::Entity| {
        let mut mentions = e.mentions.clone();
        sort_by_num(&mut mentions, |m| {
            u64::from(m.start) << 32 | u64::from(m.end)
        });
        doc.speakers
            .iter()
            .find(|s| {
                s.name == e.name
                    || s.mentions.iter().any(|m| {
                        mentions
                            .binary_search_by_key(&(m.start, m.end), |x| (x.start, x.end))
                            .is_ok()
                    })
            })
            .map(|s| s.id)
    };
    let mut entities: Vec<&lede_core::Entity> = doc.entities.iter().collect();
    sort_by_num(&mut entities, |e| u64::MAX - e.mentions.len() as u64);
    for e in entities {
        let item = FactItem {
            key: format!("e{}", e.id.0),
            label: e.name.clone(),
            detail: e.role.clone().filter(|r| !r.is_empty()),
            spans: e.mentions.clone(),
            speaker: if e.kind == EntityKind::Person {
                speaker_of(e)
            } else {
                None
            },
            date: None,
        };
        match e.kind {
            EntityKind::Person => lists.people.push(item),
            EntityKind::Organization => lists.organisations.push(item),
            EntityKind::Place => lists.places.push(item),
        }
    }
    let mut words: Vec<Vec<Span>> = Vec::new();
    for d in &doc.dates {
        match d.date {
            Some(date) => {
                let label = format_period(d);
                match lists.dates.iter().position(|f| f.label == label) {
                    Some(i) => {
                        lists.dates[i].spans.push(d.span);
                        words[i].push(d.span);
                        if lists.dates[i].detail.is_none() {
                            lists.dates[i].detail = d.label.clone();
                        }
                    }
                    None => {
                        lists.dates.push(FactItem {
                            key: format!(
                                "d{}-{:02}-{:02}-{}",
                                date.year, date.month, date.day, d.span.start
                            ),
                            label,
                            detail: d.label.clone().filter(|l| !l.is_empty()),
                            spans: vec![d.span],
                            speaker: None,
                            date: Some(date),
                        });
                        words.push(vec![d.span]);
                    }
                }
            }
            None => lists.unresolved.push(FactItem {
                key: format!("u{}", d.span.start),
                label: slice(doc, d.span).to_string(),
                detail: d.label.clone().filter(|l| !l.is_empty()),
                spans: vec![d.span],
                speaker: None,
                date: None,
            }),
        }
    }
    for (f, spans) in lists.dates.iter_mut().zip(words) {
        let said = dedup_join(spans.iter().map(|&s| slice(doc, s)).collect());
        f.detail = Some(match f.detail.take() {
            Some(what) => format!("{said} · {what}"),
            None => said,
        });
    }
    sort_by_num(&mut lists.dates, |f| {
        f.date.map_or(0, |d| {
            let year = (i64::from(d.year) + (1 << 31)) as u64;
            1 << 48 | year << 16 | u64::from(d.month) << 8 | u64::from(d.day)
        })
    });

    for f in &doc.figures {
        lists.figures.push(FactItem {
            key: format!("f{}", f.span.start),
            label: slice(doc, f.span).to_string(),
            detail: f.counts.clone().filter(|c| !c.is_empty()),
            spans: vec![f.span],
            speaker: None,
            date: None,
        });
    }
    for s in &doc.sources {
        lists.sources.push(FactItem {
            key: format!("s{}", s.span.start),
            label: s.name.clone(),
            detail: Some(s.cue.clone()).filter(|c| !c.is_empty()),
            spans: vec![s.span],
            speaker: None,
            date: None,
        });
    }
    // Keys identify facts in the view state and key list items: make them unique.
    // The parser's own hash set of strings: its code is in the page already.
    let mut seen = lede_core::gazetteer::FastSet::<String>::default();
    for list in [
        &mut lists.people,
        &mut lists.organisations,
        &mut lists.places,
        &mut lists.dates,
        &mut lists.unresolved,
        &mut lists.figures,
        &mut lists.sources,
    ] {
        for f in list.iter_mut() {
            while !seen.insert(f.key.clone()) {
                f.key.push('+');
            }
        }
    }
    lists
}

fn dedup_join(mut words: Vec<&str>) -> String {
    let mut seen: Vec<String> = Vec::new();
    words.retain(|w| {
        let lower = w.to_lowercase();
        let new = !seen.contains(&lower);
        if new {
            seen.push(lower);
        }
        new
    });
    words
        .iter()
        .map(|w| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn slice(doc: &Document, span: Span) -> &str {
    doc.text.get(span.range()).unwrap_or("")
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Day of the week, 0 = Sunday (Sakamoto's method).
pub fn weekday(d: CivilDate) -> usize {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let m = d.month.clamp(1, 12) as usize;
    let y = if m < 3 { d.year - 1 } else { d.year };
    let w = y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + T[m - 1] + d.day as i32;
    w.rem_euclid(7) as usize
}

/// A date as precise as the text is: "Sat 27 Feb 2016", "Feb 2016", "2016", "27 Feb – 4 Mar 2016".
pub fn format_period(d: &lede_core::DateFact) -> String {
    use lede_core::facts::DatePrecision;
    let Some(start) = d.date else {
        return String::new();
    };
    let month = |c: CivilDate| MONTHS[(c.month.clamp(1, 12) - 1) as usize];
    let end = d.end.filter(|e| *e > start);
    if d.precision == DatePrecision::Day {
        return format_date(start);
    }
    if d.precision == DatePrecision::Month {
        return format!("{} {}", month(start), start.year);
    }
    let Some(e) = end else {
        return format_date(start);
    };
    let whole_year = start.month == 1 && start.day == 1 && e.month == 12 && e.day == 31;
    let whole_month = start.day == 1 && e.month == start.month && e.day >= 28;
    if whole_year && e.year == start.year {
        start.year.to_string()
    } else if whole_month && e.year == start.year {
        format!("{} {}", month(start), start.year)
    } else if e.year == start.year {
        format!(
            "{} {} – {} {} {}",
            start.day,
            month(start),
            e.day,
            month(e),
            e.year
        )
    } else {
        format!(
            "{} {} {} – {} {} {}",
            start.day,
            month(start),
            start.year,
            e.day,
            month(e),
            e.year
        )
    }
}

/// "Sat 27 Feb 2016".
pub fn format_date(d: CivilDate) -> String {
    let month = MONTHS[(d.month.clamp(1, 12) - 1) as usize];
    format!("{} {} {} {}", WEEKDAYS[weekday(d)], d.day, month, d.year)
}

/// The value of an `<input type=date>`: "2016-02-27".
pub fn iso_date(d: CivilDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

pub fn parse_iso_date(s: &str) -> Option<CivilDate> {
    let mut parts = s.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(CivilDate { year, month, day })
}

/// Sorts stably by a numeric key, through the parser's shared sort (each `sort_by_key` would
/// add its own copy of the standard sort to the page).
pub use lede_core::order::sort_by_u64 as sort_by_num;

/// For each key, whether no earlier key has its value.
pub fn first_of_each(keys: Vec<u64>) -> Vec<bool> {
    let mut pairs: Vec<(u64, u32)> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    lede_core::order::sort_keyed(&mut pairs);
    let mut first = vec![false; keys.len()];
    let mut previous = None;
    for (k, i) in pairs {
        if previous != Some(k) {
            first[i as usize] = true;
        }
        previous = Some(k);
    }
    first
}

/// Orders spans by start, the longer first.
fn span_key(s: Span) -> u64 {
    u64::from(s.start) << 32 | u64::from(u32::MAX - s.end)
}

/// Front matter: shown above the sections rather than inside them.
pub fn is_front_matter(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Title
            | BlockKind::Dek
            | BlockKind::Byline
            | BlockKind::Dateline
            | BlockKind::Timestamp
    )
}

pub fn kind_label(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "partial",
        QuoteKind::Indirect => "reported",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_format_with_weekday() {
        assert_eq!(
            format_date(CivilDate {
                year: 2016,
                month: 2,
                day: 27
            }),
            "Sat 27 Feb 2016"
        );
        assert_eq!(
            format_date(CivilDate {
                year: 2025,
                month: 3,
                day: 14
            }),
            "Fri 14 Mar 2025"
        );
        assert_eq!(
            parse_iso_date("2016-02-27"),
            Some(CivilDate {
                year: 2016,
                month: 2,
                day: 27
            })
        );
        assert_eq!(parse_iso_date("2016-13-01"), None);
        assert_eq!(parse_iso_date(""), None);
    }

    #[test]
    fn overlapping_spans_keep_the_first() {
        let text = "abcdefghij";
        let got = non_overlapping(
            vec![Span::new(4, 6), Span::new(0, 5), Span::new(8, 20)],
            text,
        );
        assert_eq!(got, vec![Span::new(0, 5)]);
    }

    #[test]
    fn the_shared_sort_is_stable_and_marks_first_occurrences() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_num(&mut v, |p| p.0);
        assert_eq!(v, vec![(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        assert_eq!(
            first_of_each(vec![7, 2, 7, 7, 2, 9]),
            vec![true, true, false, false, false, true]
        );
        let mut spans = vec![Span::new(4, 6), Span::new(4, 9), Span::new(1, 2)];
        sort_by_num(&mut spans, |&s| span_key(s));
        assert_eq!(
            spans,
            vec![Span::new(1, 2), Span::new(4, 9), Span::new(4, 6)]
        );
    }

    #[test]
    fn interrupted_quotes_are_widened_to_their_marks() {
        let text = "“If it holds,” Grant said, “we open.”";
        let a = text.find("If").unwrap();
        let b = text.find(',').unwrap() + 1;
        let got = widen_to_marks(text, Span::new(a, b)).unwrap();
        assert_eq!(&text[got], "“If it holds,”");
    }
}
