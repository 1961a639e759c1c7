//! Dates, figures and cited sources.
//!
//! Read from the body, title and caption text (not from photo credits). Relative dates
//! resolve against the article's own date; when it is unknown they stay unresolved.

use crate::dates;
use crate::figures;
use crate::gazetteer::WordFilter;
use crate::tokens::{self, Tok, TokKind, Tokenized, HYPHEN, LOWER, NON_ASCII};
use crate::{Block, BlockKind, Entity, EntityId, EntityKind, Span};
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// A calendar date without time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for CivilDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    /// A month: `date` is its first day, `end` its last.
    Month,
    /// A week, weekend, month or year named relative to the article ("this month").
    Period,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateFact {
    pub span: Span,
    /// Whether the text names the date outright ("Feb. 18, 2016") or relative to the article.
    pub relative: bool,
    /// The resolved date; `None` when relative and the article's date is unknown.
    pub date: Option<CivilDate>,
    /// The last day of a period ("this month", "over the weekend").
    pub end: Option<CivilDate>,
    pub precision: DatePrecision,
    /// What happened then, in the clause's own words ("cessation of hostilities beginning").
    pub label: Option<String>,
}

/// What kind of quantity a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Count,
    Ordinal,
    /// "twice", "three times".
    Times,
    Percent,
    Money,
    Age,
    Measure,
    /// "dozens of", "hundreds of".
    Vague,
}

/// How a figure is hedged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// about, around, some, roughly
    About,
    /// more than, over, at least
    AtLeast,
    /// up to, nearly, almost, less than
    AtMost,
    /// dozens of, hundreds of
    Vague,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub span: Span,
    pub value: f64,
    pub unit: Option<String>,
    /// What the number counts ("death toll", "explosions").
    pub counts: Option<String>,
    pub kind: FigureKind,
    /// Upper end of a range ("10 to 15").
    pub value_high: Option<f64>,
    pub approx: Option<Approx>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub span: Span,
    /// Who or what is cited.
    pub name: String,
    /// How ("according to", "told", "in a statement").
    pub cue: String,
    /// The person or organisation cited, when it is one of the article's entities.
    pub entity: Option<EntityId>,
}

#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub dates: Vec<DateFact>,
    pub figures: Vec<Figure>,
    pub sources: Vec<Source>,
}

/// Lower-case a short ASCII word into `buf`, without allocating. `None` when the word is
/// longer than the buffer or not ASCII: no word the readers look up is.
pub fn lower_bytes<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !bytes.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    for (d, s) in out.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    Some(out)
}

/// [`lower_bytes`] as a `str`.
pub fn lower_small<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    std::str::from_utf8(lower_bytes(word, buf)?).ok()
}

/// A short word lower-cased without allocating, to compare with short ASCII words: borrowed
/// when the token is lower case already (most words), else copied to the stack. Empty when
/// the word is longer than 16 bytes or, from [`Lower::of`], not ASCII. A token's bytes
/// outside ASCII are kept as they are: they match no ASCII word.
#[derive(Clone, Copy)]
pub(crate) enum Lower<'a> {
    Same(&'a [u8]),
    Copied([u8; 16], usize),
}

impl<'a> Lower<'a> {
    pub(crate) fn of(word: &str) -> Lower<'a> {
        let mut buf = [0u8; 16];
        let len = lower_bytes(word, &mut buf).map_or(0, <[u8]>::len);
        Lower::Copied(buf, len)
    }

    /// Token `i` of `toks`, lower-cased; empty past the end.
    pub(crate) fn of_tok(text: &'a str, toks: &[Tok], i: usize) -> Lower<'a> {
        match toks.get(i) {
            Some(t) => Lower::of_token(text, t),
            None => Lower::Same(&[]),
        }
    }

    fn of_token(text: &'a str, t: &Tok) -> Lower<'a> {
        let bytes = &text.as_bytes()[t.start as usize..t.end as usize];
        if bytes.len() > 16 {
            return Lower::Same(&[]);
        }
        if t.is(LOWER) {
            return Lower::Same(bytes);
        }
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        Lower::Copied(buf, bytes.len())
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Lower::Same(b) => b,
            Lower::Copied(buf, len) => &buf[..*len],
        }
    }
}

/// What a token may begin for the date, figure and source readers: a number, a currency
/// sign or one of a few words. Read once per token ([`FactWords`]), a word by one `match` on
/// its lower-case bytes, so that the readers pass over the many tokens that are `Other`
/// without looking at their text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FactWord {
    Other,
    /// A number in digits.
    Number,
    /// "$", "£", "€", "¥".
    Currency,
    /// A month name or its news abbreviation, numbered 1-12.
    Month(u8),
    Weekday(Weekday),
    /// "today", "tonight": the article's own day.
    Today,
    /// "yesterday" (-1), "tomorrow" (+1).
    DayOffset(i8),
    /// "this" (0), "next" (1), "last" and "past" (-1) before a week, month, year or weekend.
    Shift(i8),
    /// "over" or "during", before "the weekend".
    Over,
    /// "a", "an": one day ago, or a million.
    Article,
    /// A number word below a hundred ("seven", "twenty-five").
    Cardinal(u8),
    /// "second" to "tenth".
    Ordinal(u8),
    /// "twice" (2), "thrice" (3).
    Times(u8),
    /// "dozens", "hundreds", "thousands", "millions" (of).
    Vague,
    /// A word that cites a source.
    Cue(SourceCue),
}

/// Words that cite a source: "according to", "told", "in a statement".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SourceCue {
    According,
    Citing,
    /// "report", "study", "survey", "analysis" (by, from).
    Report,
    /// "reports": a report by, or an outlet that reports.
    Reports,
    Statement,
    Told,
    Reported,
    In,
}

/// Every spelling [`fact_word`] knows (a test checks the list against the function).
const FACT_SPELLINGS: &[&[u8]] = &[
    b"january",
    b"jan",
    b"february",
    b"feb",
    b"march",
    b"mar",
    b"april",
    b"apr",
    b"may",
    b"june",
    b"jun",
    b"july",
    b"jul",
    b"august",
    b"aug",
    b"september",
    b"sep",
    b"sept",
    b"october",
    b"oct",
    b"november",
    b"nov",
    b"december",
    b"dec",
    b"monday",
    b"tuesday",
    b"wednesday",
    b"thursday",
    b"friday",
    b"saturday",
    b"sunday",
    b"today",
    b"tonight",
    b"yesterday",
    b"tomorrow",
    b"this",
    b"next",
    b"last",
    b"past",
    b"over",
    b"during",
    b"a",
    b"an",
    b"zero",
    b"one",
    b"two",
    b"three",
    b"four",
    b"five",
    b"six",
    b"seven",
    b"eight",
    b"nine",
    b"ten",
    b"eleven",
    b"twelve",
    b"thirteen",
    b"fourteen",
    b"fifteen",
    b"sixteen",
    b"seventeen",
    b"eighteen",
    b"nineteen",
    b"twenty",
    b"thirty",
    b"forty",
    b"fifty",
    b"sixty",
    b"seventy",
    b"eighty",
    b"ninety",
    b"second",
    b"third",
    b"fourth",
    b"fifth",
    b"sixth",
    b"seventh",
    b"eighth",
    b"ninth",
    b"tenth",
    b"twice",
    b"thrice",
    b"dozens",
    b"hundreds",
    b"thousands",
    b"millions",
    b"according",
    b"citing",
    b"report",
    b"study",
    b"survey",
    b"analysis",
    b"reports",
    b"statement",
    b"told",
    b"reported",
    b"in",
];

/// The first byte, length and last byte of [`FACT_SPELLINGS`], each byte by its low five bits
/// (the letter for lower-case letters): bit `last` of entry `first * 16 + length` is set when
/// a spelling has them.
static FACT_KEYS: [u32; 32 * 16] = {
    let mut keys = [0u32; 32 * 16];
    let mut i = 0;
    while i < FACT_SPELLINGS.len() {
        let w = FACT_SPELLINGS[i];
        assert!(!w.is_empty() && w.len() < 16);
        keys[(w[0] & 31) as usize * 16 + w.len()] |= 1 << (w[w.len() - 1] & 31);
        i += 1;
    }
    keys
};

/// The [`WordFilter`] slots of [`FACT_SPELLINGS`], read by a word token's [`Tok::hash`]: an
/// ASCII word whose slot is clear is no spelling.
static FACT_SLOTS: [u64; 256] = {
    let mut slots = [0u64; 256];
    let mut i = 0;
    while i < FACT_SPELLINGS.len() {
        let w = FACT_SPELLINGS[i];
        let h = WordFilter::hash(w[0], w[w.len() / 2], w[w.len() - 1], w.len());
        slots[(h >> 6) as usize] |= 1 << (h & 63);
        i += 1;
    }
    slots
};

/// False when an ASCII word whose [`Tok::hash`] is `hash` is no spelling of a fact word.
pub(crate) fn may_be_fact_word(hash: u16) -> bool {
    let (row, bit) = WordFilter::slot_of(hash);
    FACT_SLOTS[row] & bit != 0
}

/// Whether a spelling has the first byte, length and last byte of `w` (one below sixteen
/// bytes): when not, `w` is no spelling.
#[inline]
fn may_be_spelling(w: &[u8]) -> bool {
    match (w.first(), w.last()) {
        (Some(&f), Some(&l)) => FACT_KEYS[usize::from(f & 31) * 16 + w.len()] >> (l & 31) & 1 != 0,
        _ => false,
    }
}

/// The [`FactWord`] of a lower-case word.
#[inline]
pub(crate) fn fact_word(lower: &[u8]) -> FactWord {
    // Below nine bytes (where a hyphenated number starts), a word matches only when a spelling
    // has its first byte, length and last byte: most words have none, and are answered here.
    if lower.len() < 9 && !may_be_spelling(lower) {
        return FactWord::Other;
    }
    spelled_fact_word(lower)
}

#[inline(never)]
fn spelled_fact_word(lower: &[u8]) -> FactWord {
    use FactWord::*;
    match lower {
        b"january" | b"jan" => Month(1),
        b"february" | b"feb" => Month(2),
        b"march" | b"mar" => Month(3),
        b"april" | b"apr" => Month(4),
        b"may" => Month(5),
        b"june" | b"jun" => Month(6),
        b"july" | b"jul" => Month(7),
        b"august" | b"aug" => Month(8),
        b"september" | b"sep" | b"sept" => Month(9),
        b"october" | b"oct" => Month(10),
        b"november" | b"nov" => Month(11),
        b"december" | b"dec" => Month(12),
        b"monday" => Weekday(chrono::Weekday::Mon),
        b"tuesday" => Weekday(chrono::Weekday::Tue),
        b"wednesday" => Weekday(chrono::Weekday::Wed),
        b"thursday" => Weekday(chrono::Weekday::Thu),
        b"friday" => Weekday(chrono::Weekday::Fri),
        b"saturday" => Weekday(chrono::Weekday::Sat),
        b"sunday" => Weekday(chrono::Weekday::Sun),
        b"today" | b"tonight" => Today,
        b"yesterday" => DayOffset(-1),
        b"tomorrow" => DayOffset(1),
        b"this" => Shift(0),
        b"next" => Shift(1),
        b"last" | b"past" => Shift(-1),
        b"over" | b"during" => Over,
        b"a" | b"an" => Article,
        b"zero" => Cardinal(0),
        b"one" => Cardinal(1),
        b"two" => Cardinal(2),
        b"three" => Cardinal(3),
        b"four" => Cardinal(4),
        b"five" => Cardinal(5),
        b"six" => Cardinal(6),
        b"seven" => Cardinal(7),
        b"eight" => Cardinal(8),
        b"nine" => Cardinal(9),
        b"ten" => Cardinal(10),
        b"eleven" => Cardinal(11),
        b"twelve" => Cardinal(12),
        b"thirteen" => Cardinal(13),
        b"fourteen" => Cardinal(14),
        b"fifteen" => Cardinal(15),
        b"sixteen" => Cardinal(16),
        b"seventeen" => Cardinal(17),
        b"eighteen" => Cardinal(18),
        b"nineteen" => Cardinal(19),
        b"twenty" => Cardinal(20),
        b"thirty" => Cardinal(30),
        b"forty" => Cardinal(40),
        b"fifty" => Cardinal(50),
        b"sixty" => Cardinal(60),
        b"seventy" => Cardinal(70),
        b"eighty" => Cardinal(80),
        b"ninety" => Cardinal(90),
        b"second" => Ordinal(2),
        b"third" => Ordinal(3),
        b"fourth" => Ordinal(4),
        b"fifth" => Ordinal(5),
        b"sixth" => Ordinal(6),
        b"seventh" => Ordinal(7),
        b"eighth" => Ordinal(8),
        b"ninth" => Ordinal(9),
        b"tenth" => Ordinal(10),
        b"twice" => Times(2),
        b"thrice" => Times(3),
        b"dozens" | b"hundreds" | b"thousands" | b"millions" => Vague,
        b"according" => Cue(SourceCue::According),
        b"citing" => Cue(SourceCue::Citing),
        b"report" | b"study" | b"survey" | b"analysis" => Cue(SourceCue::Report),
        b"reports" => Cue(SourceCue::Reports),
        b"statement" => Cue(SourceCue::Statement),
        b"told" => Cue(SourceCue::Told),
        b"reported" => Cue(SourceCue::Reported),
        b"in" => Cue(SourceCue::In),
        // "twenty-one": a tens word (five to seven letters), a hyphen, a unit; nine letters
        // at least.
        _ if lower.len() >= 9 => hyphenated_cardinal(lower).map_or(Other, Cardinal),
        _ => Other,
    }
}

fn hyphenated_cardinal(lower: &[u8]) -> Option<u8> {
    // The tens word is at most seven letters, so the hyphen is early.
    let k = lower.iter().take(8).position(|&b| b == b'-')?;
    let (FactWord::Cardinal(tens), FactWord::Cardinal(unit)) =
        (fact_word(&lower[..k]), fact_word(&lower[k + 1..]))
    else {
        return None;
    };
    (tens >= 20 && tens % 10 == 0 && (1..10).contains(&unit)).then_some(tens + unit)
}

/// The [`FactWord`]s of a run of tokens. Most tokens are [`FactWord::Other`]: only the others
/// are kept, with their positions.
#[derive(Clone, Debug, Default)]
pub(crate) struct FactWords {
    /// The tokens that are not [`FactWord::Other`], in order: the only ones a date, figure
    /// or source may begin at.
    pub marked: Vec<usize>,
    /// The fact word of each token of `marked`.
    pub words: Vec<FactWord>,
}

impl FactWords {
    /// The fact words of `toks`.
    pub fn read(text: &str, toks: &[Tok]) -> FactWords {
        let mut words = FactWords::default();
        words.fill(text, toks);
        words
    }

    /// Read the fact words of `toks`, reusing the buffers.
    pub fn fill(&mut self, text: &str, toks: &[Tok]) {
        self.marked.clear();
        self.words.clear();
        for (i, t) in toks.iter().enumerate() {
            let word = token_word(text, t);
            if word != FactWord::Other {
                self.marked.push(i);
                self.words.push(word);
            }
        }
    }

    /// The fact word of token `i` ([`FactWord::Other`] for a token not marked).
    pub fn at(&self, i: usize) -> FactWord {
        match self.marked.binary_search(&i) {
            Ok(k) => self.words[k],
            Err(_) => FactWord::Other,
        }
    }

    /// The marked tokens with their fact words, in order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, FactWord)> + '_ {
        self.marked.iter().copied().zip(self.words.iter().copied())
    }
}

fn token_word(text: &str, t: &Tok) -> FactWord {
    match t.kind {
        TokKind::Word => {
            // Every spelling is ASCII, and none has a hyphen: an ASCII word without one is a
            // spelling only when its hash has a spelling's slot. (A hyphenated number,
            // "twenty-one", is read below.)
            if t.is(NON_ASCII) {
                return FactWord::Other;
            }
            if !t.is(HYPHEN) && !may_be_fact_word(t.hash) {
                return FactWord::Other;
            }
            let bytes = &text.as_bytes()[t.start as usize..t.end as usize];
            if t.is(LOWER) {
                return fact_word(bytes);
            }
            // The filter of `fact_word` reads letters by their low five bits, the same in
            // either case: asked before the copy, it spares most words the copy.
            if bytes.len() < 9 && !may_be_spelling(bytes) {
                return FactWord::Other;
            }
            // No fact word is longer than sixteen letters.
            let mut buf = [0u8; 16];
            let Some(lower) = buf.get_mut(..bytes.len()) else {
                return FactWord::Other;
            };
            // Byte by byte: words are short, and a copy call costs more.
            for (l, &b) in lower.iter_mut().zip(bytes) {
                *l = b.to_ascii_lowercase();
            }
            fact_word(lower)
        }
        TokKind::Num => FactWord::Number,
        TokKind::Punct => {
            let sign = &text.as_bytes()[t.start as usize..t.end as usize];
            // "$" or one of the two-byte and three-byte signs.
            if sign == b"$" || (sign.len() > 1 && matches!(t.text(text), "£" | "€" | "¥")) {
                FactWord::Currency
            } else {
                FactWord::Other
            }
        }
    }
}

/// The article's date from its dateline, timestamp or byline block, or from a line near the
/// top that is mostly a date ("Published Feb. 22, 2016 10:31 AM"). A date inside a caption or
/// a paragraph is not the article's date.
pub fn detect_article_date(text: &str, blocks: &[Block]) -> Option<CivilDate> {
    let mut toks = Vec::new();
    let preferred = blocks.iter().filter(|b| {
        matches!(
            b.kind,
            BlockKind::Dateline | BlockKind::Timestamp | BlockKind::Byline
        )
    });
    for b in preferred {
        toks.clear();
        tokens::tokenize(text, b.span.start as usize, b.span.end as usize, &mut toks);
        if let Some(d) = dates::find(text, &toks, None)
            .into_iter()
            .find_map(|f| full_date(&f))
        {
            return Some(d);
        }
    }
    // A short line near the top that is mostly a date.
    for b in blocks.iter().take(8) {
        if matches!(
            b.kind,
            BlockKind::Caption | BlockKind::Media | BlockKind::Credit
        ) {
            continue;
        }
        for line in text[b.span.range()].lines().take(3) {
            if line.len() > 80 {
                continue;
            }
            let start = line.as_ptr() as usize - text.as_ptr() as usize;
            toks.clear();
            tokens::tokenize(text, start, start + line.len(), &mut toks);
            let words = toks.iter().filter(|t| t.kind != TokKind::Punct).count();
            for f in dates::find(text, &toks, None) {
                if let Some(d) = full_date(&f) {
                    let date_words = toks[f.a..f.b]
                        .iter()
                        .filter(|t| t.kind != TokKind::Punct)
                        .count();
                    // The rest may be a weekday, a time, "Published", "Updated".
                    if date_words * 2 >= words || words <= date_words + 4 {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

fn full_date(f: &dates::Found) -> Option<CivilDate> {
    if f.relative || f.precision != DatePrecision::Day {
        return None;
    }
    f.date
}

/// Dates, figures and sources of the article's text blocks.
pub fn extract(
    text: &str,
    blocks: &[Block],
    entities: &[Entity],
    article_date: Option<CivilDate>,
) -> Facts {
    extract_tokenized(text, blocks, entities, article_date, &Tokenized::default())
}

/// [`extract`] reusing the tokens the entity reader made: a block range found in `tokenized`
/// is not tokenised again.
pub fn extract_tokenized(
    text: &str,
    blocks: &[Block],
    entities: &[Entity],
    article_date: Option<CivilDate>,
    tokenized: &Tokenized,
) -> Facts {
    let mut facts = Facts::default();
    let mut own: Vec<Tok> = Vec::new();
    let mut words = FactWords::default();
    // The dates' token ranges of a block, which no figure overlaps.
    let mut skip = Vec::new();
    // The dates and figures of a block, buffers reused from block to block.
    let mut found = Vec::new();
    let mut found_figures = Vec::new();
    // Entity mentions in text order, for sources (entities in their own order on equal spans).
    let mut mentions: Vec<(Span, EntityId, EntityKind)> =
        Vec::with_capacity(entities.iter().map(|e| e.mentions.len()).sum());
    mentions.extend(
        entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (*m, e.id, e.kind))),
    );
    crate::order::sort_by_u64(&mut mentions, |m| m.0.sort_key());
    // The whole text when there are no blocks, else the blocks' ranges.
    let whole = blocks.is_empty().then_some((0, text.len()));
    let ranges = blocks
        .iter()
        .filter(|b| {
            !matches!(
                b.kind,
                BlockKind::Credit
                    | BlockKind::Boilerplate
                    | BlockKind::Timestamp
                    | BlockKind::Byline
            )
        })
        .map(|b| {
            let end = match b.credit {
                Some(c) if b.span.contains(c) => c.start as usize,
                _ => b.span.end as usize,
            };
            (b.span.start as usize, end)
        });
    // The blocks come in text order, and so do the tokenised ranges.
    let mut cursor = 0;
    for (a, b) in whole.into_iter().chain(ranges) {
        if a >= b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let toks = match tokenized.get_from(a, b, &mut cursor) {
            Some(shared) => shared,
            None => {
                own.clear();
                tokens::tokenize(text, a, b, &mut own);
                &own
            }
        };
        words.fill(text, toks);
        dates::find_with(text, toks, &words, article_date, &mut found);
        // An article with dates or figures has a few in most blocks: room for two a block is
        // made at the first one, rather than growing the list one doubling at a time.
        if facts.dates.capacity() == 0 && !found.is_empty() {
            facts.dates.reserve(2 * blocks.len());
        }
        skip.clear();
        for f in &found {
            skip.push((f.a, f.b));
            facts.dates.push(DateFact {
                span: span_of(toks, f.a, f.b),
                relative: f.relative,
                date: f.date,
                end: f.end,
                precision: f.precision,
                label: date_label(text, toks, f.a, f.b),
            });
        }
        figures::find_with(text, toks, &words, &skip, &mut found_figures);
        if facts.figures.capacity() == 0 && !found_figures.is_empty() {
            facts.figures.reserve(2 * blocks.len());
        }
        for f in found_figures.drain(..) {
            facts.figures.push(Figure {
                span: span_of(toks, f.a, f.b),
                value: f.value,
                unit: f.unit,
                counts: f.counts,
                kind: f.kind,
                value_high: f.value_high,
                approx: f.approx,
            });
        }
        find_sources(text, toks, &words, &mentions, entities, &mut facts.sources);
    }
    crate::order::sort_by_u64(&mut facts.sources, |s| s.span.sort_key());
    facts.sources.dedup_by(|a, b| a.span == b.span);
    facts
}

fn span_of(toks: &[Tok], a: usize, b: usize) -> Span {
    Span::new(toks[a].start as usize, toks[b - 1].end as usize)
}

/// Function words left out of labels, lower case.
fn is_label_skip(lower: &[u8]) -> bool {
    matches!(
        lower,
        b"the"
            | b"a"
            | b"an"
            | b"of"
            | b"to"
            | b"by"
            | b"on"
            | b"in"
            | b"at"
            | b"for"
            | b"and"
            | b"that"
            | b"this"
            | b"its"
            | b"their"
            | b"his"
            | b"her"
            | b"was"
            | b"were"
            | b"is"
            | b"are"
            | b"be"
            | b"been"
            | b"has"
            | b"have"
            | b"had"
            | b"which"
            | b"who"
            | b"as"
            | b"but"
            | b"while"
            | b"with"
            | b"from"
            | b"during"
            | b"after"
            | b"before"
            | b"since"
            | b"it"
            | b"they"
            | b"he"
            | b"she"
            | b"we"
            | b"all"
            | b"other"
            | b"own"
            | b"said"
            | b"until"
            | b"till"
            | b"about"
            | b"around"
            | b"nearly"
            | b"almost"
            | b"some"
            | b"would"
            | b"will"
            | b"could"
            | b"should"
            | b"might"
            | b"can"
            | b"may"
            | b"than"
            | b"more"
            | b"less"
            | b"million"
            | b"billion"
            | b"thousand"
            | b"hundred"
            | b"per"
            | b"cent"
            | b"percent"
    )
}

/// Speech verbs end a label: what was said matters, not who said it.
fn is_speech(w: &str) -> bool {
    matches!(
        w.as_bytes(),
        b"said" | b"says" | b"told" | b"announced" | b"added" | b"stated"
    )
}

/// The end of a possessive or a contraction, glued to its apostrophe: "Thursday's", "he's",
/// "aren't" read as a word, a mark and this.
fn is_clitic(text: &str, toks: &[Tok], k: usize) -> bool {
    k > 0
        && matches!(
            toks[k].text(text),
            "s" | "t" | "d" | "m" | "ll" | "re" | "ve"
        )
        && toks[k - 1].end == toks[k].start
        && matches!(toks[k - 1].text(text), "'" | "\u{2019}")
}

/// What happened at the date: up to four content words of its clause before it, else after.
fn date_label(text: &str, toks: &[Tok], a: usize, b: usize) -> Option<String> {
    let is_boundary = |t: &Tok| {
        (t.kind == TokKind::Punct
            && matches!(t.text(text), "," | "." | ";" | ":" | "?" | "!" | "(" | ")"))
            || (t.kind == TokKind::Word && is_speech(t.text(text)))
    };
    // Up to four words, on the stack: most dates have a label.
    let mut before = [""; 4];
    let mut n = 0;
    let mut k = a;
    while k > 0 && n < 4 {
        let t = &toks[k - 1];
        if is_boundary(t) {
            break;
        }
        if t.kind == TokKind::Word
            && !is_label_skip(Lower::of_token(text, t).bytes())
            && !is_clitic(text, toks, k - 1)
        {
            before[n] = t.text(text);
            n += 1;
        }
        k -= 1;
    }
    before[..n].reverse();
    let mut words = &before[..n];
    let mut after = [""; 4];
    if words.len() < 2 {
        let mut m = 0;
        let mut k = b;
        // "Over the weekend, the death toll rose": the clause after an opening date.
        if words.is_empty() && toks.get(k).is_some_and(|t| t.text(text) == ",") {
            k += 1;
        }
        while k < toks.len() && m < 4 {
            let t = &toks[k];
            if is_boundary(t) {
                break;
            }
            if t.kind == TokKind::Word
                && !is_label_skip(Lower::of_token(text, t).bytes())
                && !is_clitic(text, toks, k)
            {
                after[m] = t.text(text);
                m += 1;
            }
            k += 1;
        }
        if m > words.len() {
            words = &after[..m];
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The first entity mention starting in `start..end`.
fn entity_at(
    mentions: &[(Span, EntityId, EntityKind)],
    start: usize,
    end: usize,
) -> Option<(Span, EntityId, EntityKind)> {
    // Sorted by start: the first at or after `start` is the only one to check.
    let i = mentions.partition_point(|m| (m.0.start as usize) < start);
    mentions
        .get(i)
        .filter(|m| (m.0.start as usize) < end)
        .copied()
}

fn find_sources(
    text: &str,
    toks: &[Tok],
    words: &FactWords,
    mentions: &[(Span, EntityId, EntityKind)],
    entities: &[Entity],
    out: &mut Vec<Source>,
) {
    let w = |i: usize| toks.get(i).map(|t| t.text(text)).unwrap_or("");
    // Lower case on the stack: every word compared below is short and ASCII.
    let lw = |i: usize| Lower::of_tok(text, toks, i);
    let n = toks.len();
    let is_clause_end = |t: &Tok| {
        t.kind == TokKind::Punct
            && matches!(
                t.text(text),
                "," | "." | ";" | ":" | "?" | "!" | "\"" | "\u{201C}" | "\u{201D}" | ")"
            )
    };
    let name_of = |id: EntityId| {
        entities
            .get(id.0 as usize)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    // The first token not read yet: a phrase read as a source is not read again.
    let mut next = 0;
    for (i, word) in words.iter() {
        if i < next {
            continue;
        }
        let FactWord::Cue(word) = word else {
            continue;
        };
        let t = &toks[i];
        // "according to X", "citing X", "a report by X"
        let phrase_start = match word {
            SourceCue::According if lw(i + 1).bytes() == b"to" => Some((i + 2, "according to")),
            SourceCue::Citing => Some((i + 1, "citing")),
            SourceCue::Report | SourceCue::Reports | SourceCue::Statement
                if matches!(lw(i + 1).bytes(), b"by" | b"from") =>
            {
                Some((
                    i + 2,
                    if word == SourceCue::Statement {
                        "statement"
                    } else {
                        "report by"
                    },
                ))
            }
            _ => None,
        };
        if let Some((s, cue)) = phrase_start {
            let mut e = s;
            while e < n && !is_clause_end(&toks[e]) && e < s + 12 {
                e += 1;
            }
            if e > s {
                let start = toks[s].start as usize;
                let end = toks[e - 1].end as usize;
                let ent = entity_at(mentions, start, end).filter(|m| m.2 != EntityKind::Place);
                let mut a = s;
                while a < e && matches!(lw(a).bytes(), b"the" | b"a" | b"an") {
                    a += 1;
                }
                if a < e {
                    let phrase = &text[toks[a].start as usize..end];
                    let name = match ent {
                        // A named source is its name: "a statement from X" cites X.
                        Some(m) => name_of(m.1),
                        _ => phrase.to_string(),
                    };
                    out.push(Source {
                        span: Span::new(start, end),
                        name,
                        cue: cue.to_string(),
                        entity: ent.map(|m| m.1),
                    });
                }
                next = e;
                continue;
            }
        }
        // "X told Y": Y an organisation (an outlet).
        if word == SourceCue::Told {
            if let Some(m) = entity_at(
                mentions,
                t.end as usize + 1,
                toks.get(i + 3)
                    .map(|t| t.end as usize)
                    .unwrap_or(t.end as usize + 1),
            ) {
                let between = &text[t.end as usize..m.0.start as usize];
                if m.2 == EntityKind::Organization
                    && between
                        .split_whitespace()
                        .all(|x| x.eq_ignore_ascii_case("the"))
                {
                    out.push(Source {
                        span: m.0,
                        name: name_of(m.1),
                        cue: "told".to_string(),
                        entity: Some(m.1),
                    });
                }
            }
        }
        // "X reported", "X reports"; "in a statement" with the sentence's named subject.
        if matches!(word, SourceCue::Reported | SourceCue::Reports) && t.is(LOWER) && i > 0 {
            let prev = &toks[i - 1];
            let k = mentions.partition_point(|m| m.0.end < prev.end);
            if let Some(m) = mentions.get(k).copied().filter(|m| m.0.end == prev.end) {
                if m.2 == EntityKind::Organization {
                    out.push(Source {
                        span: m.0,
                        name: name_of(m.1),
                        // All lower case already.
                        cue: t.text(text).to_string(),
                        entity: Some(m.1),
                    });
                }
            }
        }
        if word == SourceCue::In
            && matches!(
                lw(i + 1).bytes(),
                b"a" | b"its" | b"his" | b"her" | b"their"
            )
            && lw(i + 2).bytes() == b"statement"
            || (word == SourceCue::In
                && lw(i + 1).bytes() == b"its"
                && lw(i + 2).bytes() == b"own"
                && lw(i + 3).bytes() == b"statement")
        {
            // The subject: the nearest person or organisation in the sentence.
            let sent_start = (0..i)
                .rev()
                .find(|&k| toks[k].kind == TokKind::Punct && matches!(w(k), "." | "?" | "!"))
                .map(|k| k + 1)
                .unwrap_or(0);
            let sent_end = (i..n)
                .find(|&k| toks[k].kind == TokKind::Punct && matches!(w(k), "." | "?" | "!"))
                .unwrap_or(n);
            let lo = toks[sent_start].start as usize;
            let hi = toks[sent_end.min(n - 1)].end as usize;
            let here = t.start as usize;
            let k0 = mentions.partition_point(|m| (m.0.start as usize) < lo);
            let candidates = mentions[k0..]
                .iter()
                .take_while(|m| (m.0.end as usize) <= hi)
                .filter(|m| m.2 != EntityKind::Place);
            let best = candidates.min_by_key(|m| {
                let d = (m.0.start as usize).abs_diff(here);
                // Prefer the subject before the cue.
                if (m.0.start as usize) < here {
                    d
                } else {
                    d + 40
                }
            });
            if let Some(m) = best {
                let cue_end = toks[(i + 2).min(n - 1)].end as usize;
                let cue_end = if lw(i + 2).bytes() == b"own" {
                    toks[(i + 3).min(n - 1)].end as usize
                } else {
                    cue_end
                };
                out.push(Source {
                    span: Span::new(here, cue_end),
                    name: name_of(m.1),
                    cue: "in a statement".to_string(),
                    entity: Some(m.1),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first-byte-and-length filter of [`fact_word`] lets every listed spelling through,
    /// and the list holds every spelling the function matches.
    #[test]
    fn fact_spellings_list_every_spelling() {
        for w in FACT_SPELLINGS {
            assert!(
                !matches!(fact_word(w), FactWord::Other),
                "{}",
                String::from_utf8_lossy(w)
            );
        }
        let src = include_str!("facts.rs");
        let start = src.find("pub(crate) fn fact_word").unwrap();
        let end = start + src[start..].find("\nfn hyphenated_cardinal").unwrap();
        // Byte-string literals: `b"` after a character that is not part of a word.
        let body = &src[start..end];
        let mut found = 0;
        for (i, _) in body.match_indices("b\"") {
            if body[..i].ends_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let rest = &body[i + 2..];
            let spelling = &rest[..rest.find('"').unwrap()];
            assert!(FACT_SPELLINGS.contains(&spelling.as_bytes()), "{spelling}");
            found += 1;
        }
        assert_eq!(found, FACT_SPELLINGS.len());
        assert!(matches!(fact_word(b"twenty-one"), FactWord::Cardinal(21)));
    }

    /// A date's label leaves out the end of a possessive or a contraction.
    #[test]
    fn date_labels_leave_out_clitics() {
        let label = |text: &str, date: &str| {
            let mut toks = Vec::new();
            tokens::tokenize(text, 0, text.len(), &mut toks);
            let a = toks.iter().position(|t| t.text(text) == date).unwrap();
            date_label(text, &toks, a, a + 1)
        };
        assert_eq!(
            label("Thursday\u{2019}s storm felled the old pier.", "Thursday").as_deref(),
            Some("storm felled old pier")
        );
        assert_eq!(
            label("The mayor\u{2019}s office closed Friday.", "Friday").as_deref(),
            Some("mayor office closed")
        );
    }

    /// A word token's fact word, which its hash may settle, is the fact word of its lower-case
    /// text, in any case.
    #[test]
    fn token_words_are_the_fact_words_of_their_text() {
        let mut text = String::new();
        for w in FACT_SPELLINGS {
            let w = std::str::from_utf8(w).unwrap();
            let capitalised = w[..1].to_ascii_uppercase() + &w[1..];
            text.push_str(&format!("{w} {} {capitalised} ", w.to_ascii_uppercase()));
        }
        text.push_str(
            "twenty-one Twenty-One NINETY-NINE thirty-x x-ray Sept. Caf\u{e9} caf\u{e9}s \
             septembers Monday's said the report's",
        );
        let mut toks = Vec::new();
        tokens::tokenize(&text, 0, text.len(), &mut toks);
        let mut marked = 0;
        for t in toks.iter().filter(|t| t.is_word()) {
            let lower = t.text(&text).to_ascii_lowercase();
            let expected = fact_word(lower.as_bytes());
            assert_eq!(token_word(&text, t), expected, "{lower}");
            marked += usize::from(expected != FactWord::Other);
        }
        assert_eq!(marked, FACT_SPELLINGS.len() * 3 + 6);
    }
}
