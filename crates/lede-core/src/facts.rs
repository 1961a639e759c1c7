//! Dates, figures and cited sources.
//!
//! Read from the body, title and caption text (not from photo credits). Relative dates
//! resolve against the article's own date; when it is unknown they stay unresolved.

use crate::dates;
use crate::figures;
use crate::tokens::{self, Tok, TokKind, Tokenized, LOWER};
use crate::{Block, BlockKind, Entity, EntityId, EntityKind, Span};
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
    sentences: &[Span],
    entities: &[Entity],
    article_date: Option<CivilDate>,
) -> Facts {
    extract_tokenized(
        text,
        blocks,
        sentences,
        entities,
        article_date,
        &Tokenized::default(),
    )
}

/// [`extract`] reusing the tokens the entity reader made: a block range found in `tokenized`
/// is not tokenised again.
pub fn extract_tokenized(
    text: &str,
    blocks: &[Block],
    _sentences: &[Span],
    entities: &[Entity],
    article_date: Option<CivilDate>,
    tokenized: &Tokenized,
) -> Facts {
    let mut facts = Facts::default();
    let mut own: Vec<Tok> = Vec::new();
    // Entity mentions, sorted, for sources.
    let mut mentions: Vec<(Span, EntityId, EntityKind)> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (*m, e.id, e.kind)))
        .collect();
    mentions.sort_unstable_by_key(|m| m.0);
    let ranges: Vec<(usize, usize)> = if blocks.is_empty() {
        vec![(0, text.len())]
    } else {
        blocks
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
            })
            .collect()
    };
    for (a, b) in ranges {
        if a >= b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let toks = match tokenized.get(a, b) {
            Some(shared) => shared,
            None => {
                own.clear();
                tokens::tokenize(text, a, b, &mut own);
                &own
            }
        };
        let found = dates::find(text, toks, article_date);
        let mut skip = Vec::with_capacity(found.len());
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
        for f in figures::find(text, toks, &skip) {
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
        find_sources(text, toks, &mentions, entities, &mut facts.sources);
    }
    facts.sources.sort_by_key(|s| s.span);
    facts.sources.dedup_by(|a, b| a.span == b.span);
    facts
}

fn span_of(toks: &[Tok], a: usize, b: usize) -> Span {
    Span::new(toks[a].start as usize, toks[b - 1].end as usize)
}

/// Function words left out of labels.
const LABEL_SKIP: &[&str] = &[
    "the", "a", "an", "of", "to", "by", "on", "in", "at", "for", "and", "that", "this", "its",
    "their", "his", "her", "was", "were", "is", "are", "be", "been", "has", "have", "had", "which",
    "who", "as", "but", "while", "with", "from", "during", "after", "before", "since", "it",
    "they", "he", "she", "we", "all", "other", "own", "said", "until", "till", "about", "around",
    "nearly", "almost", "some", "would", "will", "could", "should", "might", "can", "may", "than",
    "more", "less", "million", "billion", "thousand", "hundred", "per", "cent", "percent",
];

/// Speech verbs end a label: what was said matters, not who said it.
const SPEECH: &[&str] = &["said", "says", "told", "announced", "added", "stated"];

/// What happened at the date: up to four content words of its clause before it, else after.
fn date_label(text: &str, toks: &[Tok], a: usize, b: usize) -> Option<String> {
    let is_boundary = |t: &Tok| {
        (t.kind == TokKind::Punct
            && matches!(t.text(text), "," | "." | ";" | ":" | "?" | "!" | "(" | ")"))
            || (t.kind == TokKind::Word && SPEECH.contains(&t.text(text)))
    };
    let mut words: Vec<&str> = Vec::new();
    let mut k = a;
    while k > 0 && words.len() < 4 {
        let t = &toks[k - 1];
        if is_boundary(t) {
            break;
        }
        let w = t.text(text);
        if t.kind == TokKind::Word && !LABEL_SKIP.contains(&w.to_ascii_lowercase().as_str()) {
            words.push(w);
        }
        k -= 1;
    }
    words.reverse();
    if words.len() < 2 {
        let mut after = Vec::new();
        let mut k = b;
        // "Over the weekend, the death toll rose": the clause after an opening date.
        if words.is_empty() && toks.get(k).is_some_and(|t| t.text(text) == ",") {
            k += 1;
        }
        while k < toks.len() && after.len() < 4 {
            let t = &toks[k];
            if is_boundary(t) {
                break;
            }
            let w = t.text(text);
            if t.kind == TokKind::Word && !LABEL_SKIP.contains(&w.to_ascii_lowercase().as_str()) {
                after.push(w);
            }
            k += 1;
        }
        if after.len() > words.len() {
            words = after;
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
    let i = mentions.partition_point(|m| (m.0.start as usize) < start);
    mentions[i..]
        .iter()
        .find(|m| (m.0.start as usize) < end)
        .copied()
}

fn find_sources(
    text: &str,
    toks: &[Tok],
    mentions: &[(Span, EntityId, EntityKind)],
    entities: &[Entity],
    out: &mut Vec<Source>,
) {
    let w = |i: usize| toks.get(i).map(|t| t.text(text)).unwrap_or("");
    // Lower case without allocating for words that are lower case already.
    let lw = |i: usize| -> std::borrow::Cow<'_, str> {
        let s = w(i);
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(s.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    };
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
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        if t.kind != TokKind::Word {
            i += 1;
            continue;
        }
        let word = lw(i);
        // "according to X", "citing X", "a report by X"
        let phrase_start = match word.as_ref() {
            "according" if lw(i + 1) == "to" => Some((i + 2, "according to")),
            "citing" => Some((i + 1, "citing")),
            "report" | "reports" | "statement" | "study" | "survey" | "analysis"
                if matches!(lw(i + 1).as_ref(), "by" | "from") =>
            {
                Some((
                    i + 2,
                    if word == "statement" {
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
                while a < e && matches!(lw(a).as_ref(), "the" | "a" | "an") {
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
                i = e;
                continue;
            }
        }
        // "X told Y": Y an organisation (an outlet).
        if word == "told" {
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
        if matches!(word.as_ref(), "reported" | "reports") && t.is(LOWER) && i > 0 {
            let prev = &toks[i - 1];
            let k = mentions.partition_point(|m| m.0.end < prev.end);
            if let Some(m) = mentions.get(k).copied().filter(|m| m.0.end == prev.end) {
                if m.2 == EntityKind::Organization {
                    out.push(Source {
                        span: m.0,
                        name: name_of(m.1),
                        cue: word.to_string(),
                        entity: Some(m.1),
                    });
                }
            }
        }
        if word == "in"
            && matches!(lw(i + 1).as_ref(), "a" | "its" | "his" | "her" | "their")
            && lw(i + 2) == "statement"
            || (word == "in"
                && lw(i + 1) == "its"
                && lw(i + 2) == "own"
                && lw(i + 3) == "statement")
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
                let cue_end = if lw(i + 2) == "own" {
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
        i += 1;
    }
}
