//! Quotations and reported speech.
//!
//! Detection works paragraph by paragraph, so one stray mark never spoils the rest of the
//! article:
//! 1. quotation marks are typed by shape and by the characters around them (an apostrophe
//!    between letters or in an elision such as '90s is no mark) and paired with a small stack;
//!    common slips are repaired locally: a quotation reopened instead of closed ("A. "B."), an
//!    opening mark missing after an attribution or a stray paragraph break;
//! 2. sentences are found with quotations kept whole (""Why?" Kim asked." stays one);
//! 3. each quotation is read with the text around it in its sentence: a quotation that fills
//!    its sentence apart from an attribution ("X said") is direct; one inside a clause that a
//!    speech cue governs is mixed, and the whole clause is the quote; a short quoted term with
//!    no cue is a term ("scare quotes"), not speech;
//! 4. an attribution that interrupts a quotation ("A," he said, "B.") joins both parts into one
//!    quote with two fragments;
//! 5. sentences without quotation marks are searched for reported speech (indirect quotes):
//!    "X said (that) ...", "..., X said.", "according to X, ...", "A, X said, that B", a
//!    second clause after ", saying ..." or ", and added ...", and "X did Y and said ...";
//!    a sentence with no reporting verb is passed over at once.
//!
//! Speakers are resolved afterwards (see [`crate::speakers`]): detection only records the
//! mention and the cue next to each quote.

use crate::cues;
use crate::names::{self, BlockTokens, Lexicon, Lower, Mention, MentionKind, Pronoun, Tok};
use crate::{Block, Span, SpeakerId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QuoteId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Wholly inside quotation marks.
    Direct,
    /// A quoted fragment inside reported speech.
    Mixed,
    /// Reported speech with no quotation marks.
    Indirect,
}

/// One quotation as a reader sees it: one card, even when its attribution interrupts it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    pub kind: QuoteKind,
    /// From the first to the last character of the quotation, marks included.
    pub span: Span,
    /// The quoted parts without the interruption ("A," he said, "B." gives A and B), without
    /// their marks. For a mixed or indirect quote: the reported clause.
    pub fragments: Vec<Span>,
    pub speaker: Option<SpeakerId>,
    /// The mention next to the quote that names the speaker ("Kerry", "he").
    pub mention: Option<Span>,
    /// The speech cue ("said", "told", "according to").
    pub cue: Option<Span>,
    /// Which rule attributed the speaker, for debugging and evaluation.
    #[serde(deserialize_with = "crate::span::static_name")]
    pub rule: RuleName,
    /// The role given with the mention ("Secretary of State", "a doctor at the clinic").
    pub role: Option<Span>,
    /// What the mention is (a name, a pronoun, a group), for attribution.
    #[serde(skip)]
    pub mention_kind: Option<MentionKind>,
}

/// The name of an attribution rule. An alias, so that reading a document back (serde) makes
/// the name with [`crate::span::static_name`] rather than borrowing it from the input.
pub type RuleName = &'static str;

/// What quote detection hands to attribution.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub terms: Vec<Span>,
}

// ---------------------------------------------------------------------------------------------
// Quotation marks

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
    Corner,
    WhiteCorner,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    pos: usize,
    len: usize,
    family: Family,
    open: bool,
    close: bool,
}

/// A paired quotation inside one paragraph: `open` is the opening mark's offset, `inner` the
/// text between the marks, `end` the offset after the closing mark. A quotation running on
/// into the next paragraph ends at the paragraph's end with `runs_on` set.
#[derive(Clone, Copy, Debug)]
struct Pair {
    open: usize,
    inner: Span,
    end: usize,
    family: Family,
    /// Continues a quotation left open at the end of the previous paragraph.
    continued: bool,
    /// Left open at the paragraph's end and reopened by the next paragraph.
    runs_on: bool,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '“'
                        | '‘'
                        | '«'
                        | '‹'
                        | '„'
                        | '"'
                        | '\''
                        | ':'
                )
        }
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '…'
                        | '”'
                        | '’'
                        | '»'
                        | '›'
                        | '"'
                        | '\''
                        | '/'
                )
        }
    }
}

/// Elisions that start with an apostrophe: 'em, 'n', 'til, 'cause, 'tis, '90s.
fn is_elision(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => return true,
        Some(_) => {}
        None => return false,
    }
    let word_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let word = &after[..word_end];
    let l = Lower::new(word);
    matches!(
        l.bytes(),
        b"em"
            | b"n"
            | b"til"
            | b"cause"
            | b"tis"
            | b"twas"
            | b"bout"
            | b"round"
            | b"kay"
            | b"nuff"
            | b"cos"
            | b"coz"
            | b"ello"
            | b"ere"
            | b"ow"
            | b"im"
            | b"er"
            | b"s"
    )
}

/// Find and type the quotation marks of one paragraph.
fn scan_marks(text: &str, para: Span, out: &mut Vec<Mark>) {
    let s = &text[para];
    let base = para.start as usize;
    let bytes = s.as_bytes();
    let mut i = 0;
    // Every mark is '"', '\'' or a non-ASCII character: skip the rest eight bytes at a time.
    while let Some(k) = find_byte(&bytes[i..], |x| {
        has_byte(x, b'"') | has_byte(x, b'\'') | x & HIGH_BITS
    }) {
        i += k;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let prev = s[..i].chars().next_back();
        let next = s[i + c.len_utf8()..].chars().next();
        // Doubled single marks stand for a double mark: ‘‘like this’’ (or ‘’ typed as one).
        if matches!(c, '\'' | '‘' | '’') && (next == Some(c) || c == '‘' && next == Some('’'))
        {
            let n = next.map_or(1, char::len_utf8);
            let after = s[i + c.len_utf8() + n..].chars().next();
            let open = is_open_context(prev) && !is_space(after) && c != '’';
            let close = !is_space(prev) && is_close_context(after) && c != '‘';
            if open || close {
                out.push(Mark {
                    pos: base + i,
                    len: c.len_utf8() + n,
                    family: Family::Double,
                    open,
                    close,
                });
            }
            i += c.len_utf8() + n;
            continue;
        }
        let family = match c {
            '"' | '“' | '”' | '„' | '‟' => Some(Family::Double),
            '\'' | '‘' | '’' | '‚' | '‛' => Some(Family::Single),
            '«' | '»' => Some(Family::Guillemet),
            '‹' | '›' => Some(Family::SingleGuillemet),
            '「' | '」' => Some(Family::Corner),
            '『' | '』' => Some(Family::WhiteCorner),
            _ => None,
        };
        if let Some(family) = family {
            let (open, close) = match c {
                '«' | '‹' | '「' | '『' => (true, false),
                '»' | '›' | '」' | '』' => (false, true),
                '„' | '‚' => (true, false),
                '“' | '‟' => (true, !is_space(prev) && is_close_context(next)),
                '”' => (is_open_context(prev) && is_alnum(next), true),
                '"' => {
                    let o = is_open_context(prev) && !is_space(next);
                    let cl = !is_space(prev) && is_close_context(next);
                    if !o && !cl && !is_space(prev) && !is_space(next) {
                        (true, true)
                    } else {
                        (o, cl)
                    }
                }
                _ => {
                    // Single marks: most are apostrophes.
                    if is_alnum(prev) && is_alnum(next)
                        || is_open_context(prev) && is_elision(&s[i + c.len_utf8()..])
                    {
                        (false, false)
                    } else {
                        let o = is_open_context(prev)
                            && (is_alnum(next) || next.is_some_and(|n| !n.is_whitespace()));
                        // "‚Wir sind bereit,‘ sagte er": a left mark after a word closes the
                        // low opening one.
                        let cl = !is_space(prev) && is_close_context(next) && c != '‚';
                        (o && (c != '’' || is_space(prev)), cl)
                    }
                }
            };
            if open || close {
                out.push(Mark {
                    pos: base + i,
                    len: c.len_utf8(),
                    family,
                    open,
                    close,
                });
            }
        }
        i += c.len_utf8();
    }
}

/// Pair the marks of one paragraph. `carried` is a quotation left open by the previous
/// paragraph that this one reopens.
fn pair_marks(
    text: &str,
    para: Span,
    marks: &[Mark],
    carried: bool,
    next_reopens: bool,
    out: &mut Vec<Pair>,
) {
    const MAX_DEPTH: usize = 12;
    let mut stack: [Option<Mark>; MAX_DEPTH] = [None; MAX_DEPTH];
    let mut depth = 0usize;
    // (open, open length, close, family, close length)
    let mut all: Vec<(usize, usize, usize, Family, usize)> = Vec::new();
    let mut first = true;
    let mut continued_open: Option<usize> = None;
    for m in marks {
        // The reopening mark of a quotation carried over from the previous paragraph.
        if first && carried && m.open && text[para.start as usize..m.pos].trim().is_empty() {
            first = false;
            continued_open = Some(m.pos);
            stack[0] = Some(*m);
            depth = 1;
            continue;
        }
        first = false;
        let mut matched = None;
        if m.close {
            // Search the top of the stack for an opener of the same family.
            let mut k = depth;
            while k > 0 && depth - k < 4 {
                k -= 1;
                if stack[k].is_some_and(|o| o.family == m.family) {
                    matched = Some(k);
                    break;
                }
            }
        }
        if let Some(k) = matched {
            let o = stack[k].take().unwrap_or(*m);
            depth = k;
            all.push((o.pos, o.len, m.pos, m.family, m.len));
        } else if m.open
            && depth > 0
            && m.family == Family::Double
            && stack[depth - 1].is_some_and(|o| {
                o.family == Family::Double
                    && text[o.pos + o.len..m.pos]
                        .trim_end()
                        .ends_with(['.', '?', '!'])
            })
        {
            // “A. “B.”: a quotation whose writer reopened it instead of closing it; the
            // second mark continues the first.
        } else if m.open && depth < MAX_DEPTH {
            stack[depth] = Some(*m);
            depth += 1;
        } else if m.close && depth == 0 && m.family == Family::Double {
            // A closing mark with nothing open: its opening mark may be missing.
            if let Some(open) = missing_open(text, para, &all, m.pos) {
                if carried && all.is_empty() && continued_open.is_none() {
                    // The quotation left open by the previous paragraph ends here.
                    continued_open = Some(open);
                }
                all.push((open, 0, m.pos, m.family, m.len));
            }
        }
    }
    // Keep the outermost pairs; nested ones are part of their quotation's text.
    crate::order::sort_by_u64(&mut all, |p| p.0 as u64);
    let mut last_end = para.start as usize;
    for (open, o_len, close, family, close_len) in all {
        if open < last_end {
            continue;
        }
        let inner = Span::new(open + o_len, close);
        if family == Family::Single && !has_words(&text[inner], 4) {
            // Single marks pair by accident too often (plural possessives, elisions); a
            // short pair stays part of the text.
            continue;
        }
        out.push(Pair {
            open,
            inner,
            end: close + close_len,
            family,
            continued: continued_open == Some(open),
            runs_on: false,
        });
        last_end = close + close_len;
    }
    // A quotation still open at the paragraph's end.
    let outer = (0..depth).find_map(|k| stack[k].filter(|o| o.family != Family::Single));
    if let Some(o) = outer {
        let para_end = para.end as usize;
        if o.pos >= last_end {
            let inner = Span::new(o.pos + o.len, para_end);
            let is_continued = continued_open == Some(o.pos);
            if next_reopens || is_continued || has_words(&text[inner], 4) {
                out.push(Pair {
                    open: o.pos,
                    inner,
                    end: para_end,
                    family: o.family,
                    continued: is_continued,
                    runs_on: next_reopens,
                });
            }
        }
    }
}

/// Where a quotation closed at `close` but never opened starts, when the text says so:
/// - after an attribution that follows a quotation: `"A," Jones said. B."` (B starts at the
///   sentence after the attribution);
/// - at the paragraph's start when it opens in lowercase, mid-sentence: a quotation broken
///   by a stray paragraph break.
fn missing_open(
    text: &str,
    para: Span,
    pairs: &[(usize, usize, usize, Family, usize)],
    close: usize,
) -> Option<usize> {
    let rest = text[close..para.end as usize].trim_start_matches(['"', '”']);
    let ends_paragraph = rest.trim().is_empty();
    // Pairs are recorded as they close, in text order.
    let prev_end = pairs.last().map(|p| p.2 + p.4);
    // Bounded look-backs keep a paragraph full of stray marks linear.
    const MAX_REACH: usize = 2000;
    let start = match prev_end {
        None if close - para.start as usize > MAX_REACH => return None,
        Some(e) if close.saturating_sub(e) > MAX_REACH => return None,
        None => {
            let s = text[para.start as usize..close].trim_start();
            let first = s.chars().next()?;
            if !first.is_lowercase() {
                return None;
            }
            close - s.len()
        }
        Some(_) if !ends_paragraph => return None,
        Some(e) => {
            // The attribution: a short clause ending a sentence, then the quoted sentences.
            let gap = &text[e..close];
            let dot = gap.find(". ")?;
            let attribution = &gap[..dot];
            if has_words(attribution, 7)
                || !attribution
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| cues::cue(w).is_some())
            {
                return None;
            }
            let from = e + dot + 2;
            let s = text[from..close].trim_start();
            if !s.starts_with(char::is_uppercase) {
                return None;
            }
            close - s.len()
        }
    };
    (has_words(&text[start..close], 4)).then_some(start)
}

/// The words of `s`: runs between white space that hold a letter or a digit.
#[cfg(test)]
fn word_count(s: &str) -> usize {
    word_count_max(s, usize::MAX)
}

/// Whether `s` has at least `n` words, read only as far as the `n`-th.
fn has_words(s: &str, n: usize) -> bool {
    word_count_max(s, n) >= n
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;

/// Each ASCII byte's class for [`word_count_max`]: white space ([`char::is_whitespace`]), a
/// letter or digit, or another byte.
static WORD_CLASSES: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// How many words `s` has (runs between white space that hold a letter or a digit), counted
/// up to `max` at most.
fn word_count_max(s: &str, max: usize) -> usize {
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut i = 0;
    while i < bytes.len() && count < max {
        // ASCII by table; another character is decoded.
        let b = bytes[i];
        let (space, alnum, len) = if b < 0x80 {
            let class = WORD_CLASSES[usize::from(b)];
            (class == SPACE, class == ALNUM, 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
        };
        if space {
            counted = false;
        } else if !counted && alnum {
            count += 1;
            counted = true;
        }
        i += len;
    }
    count
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` that equals `b`, exact up to the first such byte (a
/// borrow may flag bytes after it, which [`find_byte`] never looks at).
#[inline(always)]
fn has_byte(x: u64, b: u8) -> u64 {
    let y = x ^ (ONES * u64::from(b));
    y.wrapping_sub(ONES) & !y & HIGH_BITS
}

/// The first byte of `bytes` that `hits` flags: `hits` maps eight bytes (little-endian) to
/// the high bit of each byte sought, exact up to the first one.
#[inline(always)]
fn find_byte(bytes: &[u8], hits: impl Fn(u64) -> u64) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let m = hits(x);
        if m != 0 {
            return Some(at + (m.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    // The last bytes, zero-padded; hits in the padding don't count.
    let rest = chunks.remainder();
    if rest.is_empty() {
        return None;
    }
    let mut last = [0u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    let m = hits(u64::from_le_bytes(last)) & (u64::MAX >> (8 * (8 - rest.len())));
    (m != 0).then(|| at + (m.trailing_zeros() / 8) as usize)
}

/// Whether a paragraph starts with an opening quotation mark.
fn starts_with_open_mark(text: &str, para: Span) -> bool {
    let s = text[para].trim_start();
    s.starts_with(['"', '“', '«', '„', '「', '『', '”'])
}

// ---------------------------------------------------------------------------------------------
// Sentences with quotations kept whole

const ABBREVIATIONS: &str = "\
mr mrs ms dr st sen rep gov lt gen col capt sgt cpl
pvt prof rev jr sr inc ltd co corp no vs jan feb mar
apr jun jul aug sep sept oct nov dec mt ft ave blvd
rd const insp supt det hon maj adm cmdr atty dept est
approx etc e.g i.e u.s u.k u.n d.c a.m p.m
";

fn is_abbreviation_before(text: &str, dot: usize, floor: usize) -> bool {
    let before = &text[floor..dot];
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // An initial: "J. Smith".
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    static LIST: std::sync::OnceLock<Lexicon<()>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        Lexicon::build(
            ABBREVIATIONS.split_ascii_whitespace().map(|w| (w, ())),
            |_, _| (),
        )
    })
    .get(word.as_bytes())
    .is_some()
}

/// Sentences of one paragraph (spans) with quotations kept whole.
fn sentences(text: &str, para: Span, pairs: &[Pair], out: &mut Vec<Span>) {
    let (ps, pe) = (para.start as usize, para.end as usize);
    let bytes = text.as_bytes();
    let mut start = ps;
    let mut i = ps;
    let mut q = 0;
    let boundary_after = |at: usize| -> bool {
        // White space, then a capital, a digit or an opening mark.
        let rest = &text[at..pe];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() && !rest.is_empty() {
            return false;
        }
        match trimmed.chars().next() {
            None => true,
            Some(c) => {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || matches!(
                        c,
                        '"' | '“' | '‘' | '\'' | '«' | '„' | '‚' | '‹' | '「' | '『' | '('
                    )
            }
        }
    };
    while i < pe {
        while q < pairs.len() && pairs[q].open < i {
            q += 1;
        }
        if q < pairs.len() && pairs[q].open == i {
            let p = pairs[q];
            q += 1;
            i = p.end.max(i + 1);
            let last = text[p.inner].trim_end().chars().last();
            if matches!(last, Some('.' | '?' | '!' | '…'))
                && i < pe
                && boundary_after(i)
                // ""Why now?" Kim asked.": the attribution belongs to the quotation.
                && !(matches!(last, Some('?' | '!' | '…')) && attribution_follows(&text[i..pe]))
            {
                out.push(Span::new(start, i));
                start = skip_spaces(text, i, pe);
                i = start;
            }
            continue;
        }
        // Jump to the next sentence mark before the next quotation.
        let limit = pairs.get(q).map_or(pe, |p| p.open.min(pe));
        match find_byte(&bytes[i..limit], |x| {
            has_byte(x, b'.') | has_byte(x, b'?') | has_byte(x, b'!')
        }) {
            Some(k) => i += k,
            None => {
                i = limit;
                continue;
            }
        }
        let b = bytes[i];
        if i + 1 < pe
            && boundary_after(i + 1)
            && !(b == b'.'
                && is_abbreviation_before(text, i, start)
                // "in the U.S. “Forget it,” he said": a quotation opens a new sentence.
                && !opens_quotation(&text[i + 1..pe]))
        {
            out.push(Span::new(start, i + 1));
            start = skip_spaces(text, i + 1, pe);
            i = start;
            continue;
        }
        // The mark is one ASCII byte.
        i += 1;
    }
    if start < pe {
        out.push(Span::new(start, pe));
    }
}

/// Whether `rest` starts with a short attribution ending its sentence: "Kim said.", "asked
/// the mayor.", "she added, laughing."
fn attribution_follows(rest: &str) -> bool {
    let end = rest
        .find(['.', '?', '!', '"', '“', '”'])
        .unwrap_or(rest.len());
    let clause = &rest[..end];
    let words = clause.split_whitespace().count();
    (1..=7).contains(&words)
        && clause
            .split(|c: char| !c.is_alphanumeric())
            .take(4)
            .any(|w| cues::cue(w).is_some_and(|c| c.reports) || cues::is_say(w))
}

/// Nothing but a time or a setting after an attribution: "", " Saturday.", " on Monday.",
/// " in a statement.".
fn only_time_after(rest: &str) -> bool {
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '.');
    rest.is_empty()
        || !has_words(rest, 5)
            && !rest.contains([',', ';', ':', '"', '“', '”'])
            && rest.split_whitespace().all(|w| {
                is_time_word(w)
                    || lower_is_str(
                        w,
                        &[
                            "on",
                            "in",
                            "at",
                            "a",
                            "an",
                            "the",
                            "last",
                            "this",
                            "week",
                            "month",
                            "statement",
                            "interview",
                            "release",
                            "email",
                            "night",
                            "day",
                        ],
                    )
            })
}

/// What may follow a reporting cue that ends a sentence, besides a time: where or how it
/// was said ("in a notice to boat owners", "at a news conference on Monday", "on social
/// media"). A preposition, then a medium within its next three words; no clause of its own.
fn setting_after(rest: &str) -> bool {
    const MEDIA: &[&str] = &[
        "statement",
        "statements",
        "notice",
        "release",
        "interview",
        "email",
        "e-mail",
        "letter",
        "post",
        "tweet",
        "video",
        "speech",
        "address",
        "briefing",
        "conference",
        "hearing",
        "court",
        "filing",
        "memo",
        "message",
        "call",
        "radio",
        "television",
        "podcast",
        "blog",
        "broadcast",
        "op-ed",
        "column",
        "media",
        "twitter",
        "facebook",
        "x",
        "instagram",
        "parliament",
        "committee",
    ];
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || c == '.');
    if rest.contains([',', ';', ':', '"', '“', '”']) || has_words(rest, 11) {
        return false;
    }
    let mut words = rest.split_whitespace();
    words.next().is_some_and(|w| {
        lower_is_str(
            w,
            &["in", "on", "at", "during", "via", "through", "over", "to"],
        )
    }) && words
        .take(3)
        .any(|w| lower_is_str(w.trim_end_matches(['.', '!', '?']), MEDIA))
}

/// White space, then an opening double mark and a capital.
fn opens_quotation(rest: &str) -> bool {
    let t = rest.trim_start();
    t.len() < rest.len()
        && t.strip_prefix(['“', '"'])
            .is_some_and(|q| q.starts_with(char::is_uppercase))
}

fn skip_spaces(text: &str, mut i: usize, end: usize) -> usize {
    while i < end && text.as_bytes()[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

// ---------------------------------------------------------------------------------------------
// Attribution patterns

/// A speaker mention and cue found next to a quotation.
#[derive(Clone, Copy, Debug, Default)]
struct Attr {
    mention: Option<Mention>,
    cue: Option<Span>,
    /// Where the attribution phrase ends (for an attribution after a quotation).
    end: usize,
    /// The cue takes a listener ("told").
    takes_object: bool,
}

/// `t` is a punctuation token in `set`.
#[inline]
fn is_punct(text: &str, t: Tok, set: &[&str]) -> bool {
    if t.word() {
        return false;
    }
    let w = &text.as_bytes()[t.start()..t.end()];
    // Most tokens differ in their first byte: compare that before the rest.
    set.iter()
        .any(|s| s.len() == w.len() && s.as_bytes().first() == w.first() && s.as_bytes() == w)
}

/// `t` is a word among `words` (lowercase ASCII) in any letter case.
#[inline]
fn lower_is(text: &str, t: Tok, words: &[&str]) -> bool {
    t.word() && lower_is_bytes(&text.as_bytes()[t.start()..t.end()], words)
}

/// Words that end a noun phrase read forward.
const PHRASE_STOPS: &str = "\
in
on
at
during
after
before
when
while
who
which
that
as
because
and
but
to
about
for
with
by
from
since
today
yesterday
tonight
monday
tuesday
wednesday
thursday
friday
saturday
sunday
last
this
earlier
later
recently
previously
then
also
again
told
said
says
added
adding
saying
noting
is
was
were
are
has
had
have
will
would
via
over
though
although
if
where
whose
whom
until
";

/// For each first letter and each last letter of a word (a-z in any case, or anything else as
/// a 27th), the lengths of the stop words that have it, one bit each: most words, names among
/// them, are turned away by two loads. Worked out from [`PHRASE_STOPS`] at compile time.
static STOP_SHAPES: ([u32; 27], [u32; 27]) = {
    const fn letter(b: u8) -> usize {
        if b.is_ascii_alphabetic() {
            (b.to_ascii_lowercase() - b'a') as usize
        } else {
            26
        }
    }
    let mut first = [0u32; 27];
    let mut last = [0u32; 27];
    let text = PHRASE_STOPS.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let start = i;
        while i < text.len() && text[i] != b'\n' {
            i += 1;
        }
        let n = i - start;
        if n > 0 {
            first[letter(text[start])] |= 1 << n;
            last[letter(text[i - 1])] |= 1 << n;
        }
        i += 1;
    }
    (first, last)
};

/// A word of [`PHRASE_STOPS`] in any letter case. Inlined: the shape test turns most words
/// away where they are asked about.
#[inline]
fn is_phrase_stop(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&f), Some(&l)) = (b.first(), b.last()) else {
        return false;
    };
    let letter = |x: u8| {
        if x.is_ascii_alphabetic() {
            usize::from(x.to_ascii_lowercase() - b'a')
        } else {
            26
        }
    };
    let bit = 1u32.checked_shl(b.len() as u32).unwrap_or(0);
    if STOP_SHAPES.0[letter(f)] & STOP_SHAPES.1[letter(l)] & bit == 0 {
        return false;
    }
    is_phrase_stop_word(w)
}

/// [`is_phrase_stop`]'s look-up in the table of stop words.
#[inline(never)]
fn is_phrase_stop_word(w: &str) -> bool {
    static STOPS: std::sync::OnceLock<Lexicon<()>> = std::sync::OnceLock::new();
    STOPS
        .get_or_init(|| Lexicon::build(PHRASE_STOPS.lines().map(|w| (w, ())), |_, _| ()))
        .get(w.as_bytes())
        .is_some()
}

/// Read a noun phrase forward from token `i`: up to punctuation or a stop word. When the
/// phrase stops on "and"/"of" before reaching a name ("oil and gas worker Jo Park"), it reads
/// on. An unnamed speaker keeps a short phrase after it: "a person familiar with the talks".
fn phrase_forward(text: &str, toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let (m, j) = phrase_forward_named(text, toks, i)?;
    if m.kind == MentionKind::Group
        && toks
            .get(j)
            .is_some_and(|t| lower_is(text, *t, &["with", "of", "for", "at", "from", "in", "on"]))
    {
        // "a spokesperson for Environment Canada", "an official at the Department of
        // Transportation": the group's organisation belongs to the phrase.
        if let Some((o, e)) = phrase_forward_stop(text, toks, j + 1, true) {
            if o.kind == MentionKind::Organization && o.role.is_none() && e > j + 1 {
                let name = Span::new(m.name.start as usize, toks[e - 1].end());
                return Some((Mention { name, ..m }, e));
            }
        }
        let mut k = j + 1;
        while k < toks.len()
            && k <= j + 4
            && toks[k].word()
            && (lower_is(text, toks[k], &["the", "a", "an"])
                || !names::is_capitalized(toks[k].text(text))
                    && !is_phrase_stop(toks[k].text(text))
                    && cues::cue(toks[k].text(text)).is_none())
        {
            k += 1;
        }
        let ends = toks.get(k).is_none_or(|t| {
            !t.word() || lower_is(text, *t, &["but", "who", "said", "says", "told", "and"])
        });
        if k > j + 1
            && ends
            && toks[k - 1].word()
            && !lower_is(text, toks[k - 1], &["the", "a", "an"])
        {
            let name = Span::new(m.name.start as usize, toks[k - 1].end());
            return Some((Mention { name, ..m }, k));
        }
    }
    Some((m, j))
}

fn phrase_forward_named(text: &str, toks: &[Tok], i: usize) -> Option<(Mention, usize)> {
    let short_end = phrase_end(text, toks, i, false);
    let short = phrase_at(text, toks, i, short_end);
    // Stopped on "and"/"of" before a role and a name: "Heart and Stroke senior manager Erin
    // Kim" names Erin Kim.
    let stopped_on_joiner = short.is_some_and(|(_, j)| {
        toks.get(j)
            .is_some_and(|t| lower_is(text, *t, &["and", "of", "for"]))
    });
    if short.is_none_or(|(m, _)| m.kind == MentionKind::Group) || stopped_on_joiner {
        // Reading on through "and", "of" and "for" gives another phrase only when the short
        // reading stopped on one of them.
        let long = if toks
            .get(short_end)
            .is_some_and(|t| lower_is(text, *t, &["and", "of", "for"]))
        {
            phrase_forward_stop(text, toks, i, true)
        } else {
            short
        };
        if let Some(long) = long {
            if long.0.kind == MentionKind::Person && (short.is_none() || long.0.role.is_some()) {
                return Some(long);
            }
            if long.0.kind == MentionKind::Person
                && short.is_some_and(|(m, _)| m.kind == MentionKind::Group)
            {
                return Some(long);
            }
            // "the Syrian Observatory for Human Rights": the organisation's whole name.
            let joiner = toks
                .get(short_end)
                .is_some_and(|t| lower_is(text, *t, &["of", "for"]));
            if joiner
                && long.0.kind == MentionKind::Organization
                && short.is_some_and(|(m, _)| {
                    m.kind == MentionKind::Organization
                        && m.name.start == long.0.name.start
                        && m.name.end < long.0.name.end
                })
            {
                return Some(long);
            }
        }
    }
    short
}

fn phrase_forward_stop(
    text: &str,
    toks: &[Tok],
    i: usize,
    through_and: bool,
) -> Option<(Mention, usize)> {
    phrase_at(text, toks, i, phrase_end(text, toks, i, through_and))
}

/// Where a noun phrase read forward from token `i` stops: at punctuation, a stop word (not
/// "and", "of" or "for" when `through_and`), a pronoun or a verb cue, after ten tokens at most.
fn phrase_end(text: &str, toks: &[Tok], i: usize, through_and: bool) -> usize {
    let mut j = i;
    let limit = (i + 10).min(toks.len());
    while j < limit {
        let t = toks[j];
        if !t.word() {
            let s = t.text(text);
            // Keep the dot of "Sen." and "J." and the hyphen of "co-founder".
            if s == "."
                && j > i
                && toks[j - 1].end() == t.start()
                && j + 1 < toks.len()
                && toks[j + 1].word()
                && names::is_capitalized(toks[j + 1].text(text))
            {
                j += 1;
                continue;
            }
            // "the lanky, bespectacled professor": a comma between two modifiers.
            if s == ","
                && j == i + 2
                && lower_is(text, toks[i], &["the", "a", "an"])
                && plain_modifier(text, toks[i + 1])
                && toks.get(j + 1).is_some_and(|n| plain_modifier(text, *n))
            {
                j += 1;
                continue;
            }
            break;
        }
        // A word (punctuation has gone on or stopped above), sliced once for the tests below.
        let w = t.text(text);
        if j > i && is_phrase_stop(w) && !(through_and && lower_is(text, t, &["and", "of", "for"]))
        {
            // "Secretary of State": "of" inside a title before a capital.
            break;
        }
        if j > i && names::pronoun(w).is_some() {
            break;
        }
        if j > i && !names::is_capitalized(w) && is_verb_cue(w) {
            break;
        }
        if j == i && names::pronoun(w).is_some() {
            j += 1;
            break;
        }
        j += 1;
    }
    j
}

/// The noun phrase of tokens `i..j` (see [`phrase_end`]) and where it ends.
fn phrase_at(text: &str, toks: &[Tok], i: usize, j: usize) -> Option<(Mention, usize)> {
    if j == i {
        return None;
    }
    let m = names::read_phrase(text, &toks[i..j]).or_else(|| {
        // "the rookie defenceman": a determiner and a common noun still name a speaker here.
        let first = toks[i];
        (j > i + 1 && lower_is(text, first, &["the", "a", "an"]) && toks[j - 1].word()).then(|| {
            Mention {
                name: Span::new(first.start(), toks[j - 1].end()),
                role: None,
                kind: MentionKind::Group,
                gender: None,
            }
        })
    })?;
    // "a statement from press secretary Josh Earnest": the source is the one after "from".
    if m.kind == MentionKind::Group
        && j + 1 < toks.len()
        && lower_is(text, toks[j], &["from", "by"])
    {
        if let Some((inner, k)) = phrase_forward_stop(text, toks, j + 1, false) {
            // "a report by the state transport department": an unnamed body is the source
            // too, when its head word is an organisation's.
            let body = inner.kind == MentionKind::Group
                && text[inner.name]
                    .rsplit(' ')
                    .next()
                    .is_some_and(names::is_org_head);
            if body || matches!(inner.kind, MentionKind::Person | MentionKind::Organization) {
                return Some((inner, k));
            }
        }
    }
    Some((m, j))
}

/// `w` is one of `words` (lowercase ASCII) in any letter case.
fn lower_is_str(w: &str, words: &[&str]) -> bool {
    lower_is_bytes(w.as_bytes(), words)
}

#[inline]
fn lower_is_bytes(w: &[u8], words: &[&str]) -> bool {
    words
        .iter()
        .any(|x| x.len() == w.len() && x.as_bytes().eq_ignore_ascii_case(w))
}

/// Where a sentence's subject starts: after an opening phrase such as "In a statement," or
/// "On Monday,".
fn subject_start(text: &str, toks: &[Tok]) -> usize {
    let opener = toks.first().is_some_and(|t| {
        lower_is(
            text,
            *t,
            &[
                "in",
                "on",
                "at",
                "after",
                "before",
                "during",
                "since",
                "while",
                "when",
                "as",
                "last",
                "earlier",
                "later",
                "meanwhile",
                "however",
                "also",
                "still",
                "yet",
            ],
        )
    });
    if opener {
        if let Some(c) = (1..toks.len().min(14)).find(|&k| is_punct(text, toks[k], &[","])) {
            return c + 1;
        }
    }
    0
}

/// The subject at token `s`: a capitalised name (after an article) or else a short noun
/// phrase.
fn subject_phrase(text: &str, toks: &[Tok], s: usize) -> Option<Mention> {
    let mut j = s;
    if j < toks.len() && lower_is(text, toks[j], &["the", "a", "an"]) {
        j += 1;
    }
    let first = j;
    while j < toks.len()
        && j < first + 6
        && toks[j].word()
        && names::is_capitalized(toks[j].text(text))
    {
        j += 1;
    }
    if j > first && names::pronoun(toks[first].text(text)).is_none() {
        return names::read_phrase(text, &toks[s..j]);
    }
    phrase_forward(text, toks, s).map(|(m, _)| m)
}

/// "And from the harbour master:": in a lead-in that ends with a colon, the speaker named
/// after its last "from", up to the colon.
fn source_after_from(text: &str, toks: &[Tok]) -> Option<Mention> {
    let colon = toks.len().checked_sub(1)?;
    if !is_punct(text, toks[colon], &[":"]) {
        return None;
    }
    let from = toks[..colon]
        .iter()
        .rposition(|t| lower_is(text, *t, &["from"]))?;
    if from + 1 >= colon || colon - from > 8 || !toks[from + 1..colon].iter().all(|t| t.word()) {
        return None;
    }
    phrase_at(text, toks, from + 1, colon)
        .filter(|&(m, end)| end == colon && !matches!(m.kind, MentionKind::Pronoun(_)))
        .map(|(m, _)| m)
}

/// The first personal name in a lead-in without a cue ("The gallery owner, Jonas Weber, put
/// it simply:").
fn first_name_in(text: &str, toks: &[Tok]) -> Option<(Mention, usize)> {
    let mut i = 0;
    while i < toks.len() {
        if toks[i].word() && names::is_name_word(toks[i].text(text)) {
            let mut j = i + 1;
            while j < toks.len()
                && toks[j].word()
                && (names::is_name_word(toks[j].text(text))
                    || names::is_particle(toks[j].text(text)))
            {
                j += 1;
            }
            if j - i >= 2 {
                if let Some(m) =
                    names::read_phrase(text, &toks[i..j]).filter(|m| m.kind == MentionKind::Person)
                {
                    return Some((m, j));
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

/// The last subject of a clause in a lead-in without a cue: a personal name or "he"/"she"
/// that is not the object of a preposition and is followed by a lowercase word (its verb).
fn subject_in(text: &str, toks: &[Tok]) -> Option<Mention> {
    let mut best = None;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let w = t.text(text);
        let pron = t.word() && matches!(names::pronoun(w), Some(Pronoun::He | Pronoun::She));
        if !(t.word() && (names::is_name_word(w) || pron)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while !pron && j < toks.len() && toks[j].word() && names::is_name_word(toks[j].text(text)) {
            j += 1;
        }
        let object = i > 0
            && (!toks[i - 1].word() && !is_punct(text, toks[i - 1], &[","])
                || lower_is(
                    text,
                    toks[i - 1],
                    &[
                        "to", "with", "of", "for", "by", "at", "on", "in", "from", "about", "the",
                        "a", "an", "and", "into", "via", "than", "like",
                    ],
                ));
        let verb_next = toks.get(j).is_some_and(|n| {
            n.word() && !names::is_capitalized(n.text(text)) && !is_phrase_stop(n.text(text))
                || n.word() && names::is_cue_filler(n.text(text))
        });
        if !object && verb_next {
            if let Some(m) = names::read_phrase(text, &toks[i..j])
                .filter(|m| matches!(m.kind, MentionKind::Person | MentionKind::Pronoun(_)))
            {
                best = Some(m);
            }
        }
        i = j;
    }
    best
}

/// A cue in a verb form ("said", "adds", "went"): ends a noun phrase read forward, where a
/// bare form such as "report" may be a noun.
fn is_verb_cue(w: &str) -> bool {
    if cues::cue(w).is_none() {
        return false;
    }
    let l = Lower::new(w);
    let w = l.bytes();
    w.ends_with(b"ed")
        || w.ends_with(b"s") && !w.ends_with(b"ss")
        || matches!(
            w,
            b"said"
                | b"told"
                | b"wrote"
                | b"went"
                | b"thought"
                | b"felt"
                | b"sang"
                | b"began"
                | b"swore"
        )
}

/// Read a noun phrase backward from token `end` (exclusive).
/// Whether the words are a place of the gazetteer ("Oslo", "New York").
fn is_place_phrase(text: &str, toks: &[Tok]) -> bool {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return false;
    };
    names::with_folded(&text[first.start()..last.end()], |k| {
        crate::gazetteer::lists().is_place(k)
    })
}

/// Where a subject ends when a short parenthesis closes it: "the Border Agency (CBSA)
/// said" reads the phrase before the parenthesis.
fn before_parenthesis(text: &str, toks: &[Tok], end: usize) -> usize {
    if end < 3 || !is_punct(text, toks[end - 1], &[")"]) {
        return end;
    }
    (end.saturating_sub(6)..end - 1)
        .rev()
        .find(|&k| is_punct(text, toks[k], &["(", ")"]))
        .filter(|&k| is_punct(text, toks[k], &["("]) && k + 1 < end - 1)
        .unwrap_or(end)
}

fn phrase_backward(text: &str, toks: &[Tok], end: usize) -> Option<(Mention, usize)> {
    if end == 0 {
        return None;
    }
    let last = toks[end - 1];
    if last.word() && names::pronoun(last.text(text)).is_some() {
        let m = names::read_phrase(text, &toks[end - 1..end])?;
        return Some((m, end - 1));
    }
    let mut i = end;
    let mut lower_run = 0;
    while i > 0 && end - i < 10 {
        let t = toks[i - 1];
        if !t.word() {
            if t.text(text) == "."
                && i >= 2
                && toks[i - 2].word()
                && toks[i - 2].end() == t.start()
                && i < end
            {
                i -= 1;
                continue;
            }
            // "the lanky, bespectacled professor": a comma between two modifiers.
            if t.text(text) == ","
                && lower_run > 0
                && i >= 3
                && plain_modifier(text, toks[i - 2])
                && lower_is(text, toks[i - 3], &["the", "a", "an"])
            {
                i -= 3;
                break;
            }
            break;
        }
        let w = t.text(text);
        if lower_is(text, t, &["the", "a", "an"])
            || lower_run > 0 && lower_is(text, t, &["one", "another"])
        {
            i -= 1;
            // "the former clerk of the House said": the person, by their post.
            if i >= 3 && lower_is(text, toks[i - 1], &["of", "at", "for", "from", "with"]) {
                let h = i - 2;
                let hw = toks[h].text(text);
                if toks[h].word() && !names::is_capitalized(hw) && names::is_title(hw) {
                    let mut k = h;
                    while k > 0 && h - k < 2 && plain_modifier(text, toks[k - 1]) {
                        k -= 1;
                    }
                    if k > 0 && lower_is(text, toks[k - 1], &["the", "a", "an"]) {
                        i = k - 1;
                    }
                }
            }
            break;
        }
        if names::is_capitalized(w) {
            // "April Castellano said": a word that is also a forename, before a name.
            let forename = i < end && names::is_word_forename(w) && {
                let prev = (i >= 2 && toks[i - 2].word()).then(|| toks[i - 2].text(text));
                names::opens_name_as_forename(prev, toks[i].text(text))
            };
            let month_surname =
                i == end && i >= 2 && names::is_month_surname(toks[i - 2].text(text), w);
            let may_name = !names::is_not_name(w) || names::is_title(w);
            if !(may_name || forename || month_surname) {
                break;
            }
            lower_run = 0;
            i -= 1;
            continue;
        }
        if names::is_particle(w) || (lower_is(text, t, &["of"]) && i < end) {
            i -= 1;
            continue;
        }
        // Lowercase words: a head noun or title, or up to two modifiers before one.
        let head_like = names::is_group_noun(w) || names::is_title(w);
        if head_like
            && lower_run == 0
            && (i == end
                || names::is_capitalized(toks[i].text(text))
                || names::is_title(toks[i].text(text))
                || names::is_group_noun(toks[i].text(text)))
        {
            i -= 1;
            lower_run = 1;
            continue;
        }
        if lower_run > 0
            && lower_run < 3
            && !names::is_not_name(w)
            && !(t.word() && is_phrase_stop(t.text(text)))
            && cues::cue(w).is_none()
        {
            i -= 1;
            lower_run += 1;
            continue;
        }
        break;
    }
    // Drop a leading "of" or particle left dangling.
    while i < end && toks[i].word() && lower_is(text, toks[i], &["of"]) {
        i += 1;
    }
    // "The military said", ", the ferocious brawler who": a determiner and plain words
    // opening the clause.
    if i == end && end >= 2 && plain_modifier(text, toks[end - 1]) {
        let mut d = end - 1;
        while d > 0 && end - d < 4 && plain_modifier(text, toks[d - 1]) {
            d -= 1;
        }
        if d > 0 && lower_is(text, toks[d - 1], &["the"]) && (d == 1 || !toks[d - 2].word()) {
            i = d - 1;
        }
    }
    if i == end {
        return None;
    }
    // "the government in Oslo said", "police in Tromsø said": the place says where the
    // speaker is; it does not speak. After "at" or "from" only a known place is one ("analysts
    // at Lumen Bank said").
    if i >= 2
        && (lower_is(text, toks[i - 1], &["in"])
            || lower_is(text, toks[i - 1], &["at", "from"]) && is_place_phrase(text, &toks[i..end]))
    {
        if let Some((m, k)) = phrase_backward(text, toks, i - 1) {
            if matches!(
                m.kind,
                MentionKind::Person | MentionKind::Group | MentionKind::Organization
            ) {
                return Some((m, k));
            }
        }
    }
    let m = names::read_phrase(text, &toks[i..end]).or_else(|| {
        // "the lanky, bespectacled professor": a determiner and a common noun.
        (end - i >= 2 && lower_is(text, toks[i], &["the"]) && toks[end - 1].word()).then(|| {
            Mention {
                name: Span::new(toks[i].start(), toks[end - 1].end()),
                role: None,
                kind: MentionKind::Group,
                gender: None,
            }
        })
    })?;
    // "Tore Lind and Ada Berg said": two people speaking together.
    if m.kind == MentionKind::Person && i >= 2 && lower_is(text, toks[i - 1], &["and"]) {
        if let Some((a, b)) = names::name_run_before(text, toks, i - 1) {
            let first = names::read_phrase(text, &toks[a..b]).filter(|f| {
                f.kind == MentionKind::Person && f.name.end as usize == toks[b - 1].end()
            });
            if let Some(f) = first {
                let place = b - a == 1
                    && names::with_folded(&text[f.name], |k| crate::gazetteer::lists().is_place(k));
                if !place {
                    let joint = Mention {
                        name: Span::new(f.name.start as usize, m.name.end as usize),
                        role: f.role.or(m.role),
                        ..m
                    };
                    return Some((joint, a));
                }
            }
        }
    }
    Some((m, i))
}

/// A lowercase word that can modify a noun ("lanky", "soft-spoken"): not a function word, a
/// stop word or a cue.
fn plain_modifier(text: &str, t: Tok) -> bool {
    let w = t.text(text);
    t.word()
        && !names::is_capitalized(w)
        && !names::is_not_name(w)
        && !is_phrase_stop(w)
        && cues::cue(w).is_none()
}

/// Whether [`cue_at`] may find a cue at token `t`: a word of the cue lexicon, or "according".
#[inline]
fn may_be_cue(text: &str, t: Tok) -> bool {
    let w = &text.as_bytes()[t.start()..t.end()];
    t.word() && (cues::cue_bytes(w).is_some() || lower_is_bytes(w, &["according"]))
}

/// The cue at token `i`: one word, or "according to", or "went on".
fn cue_at(text: &str, toks: &[Tok], i: usize) -> Option<(Span, usize, cues::Cue)> {
    let t = *toks.get(i)?;
    if !t.word() {
        return None;
    }
    if lower_is(text, t, &["according"]) {
        let n = *toks.get(i + 1)?;
        if lower_is(text, n, &["to"]) {
            return Some((
                Span::new(t.start(), n.end()),
                i + 2,
                cues::Cue {
                    takes_object: false,
                    reports: true,
                },
            ));
        }
        return None;
    }
    let c = cues::cue_bytes(&text.as_bytes()[t.start()..t.end()])?;
    // A capitalised word inside a sentence is a name ("U.S. State Department"), never a
    // speech verb; only at the start of a clause can a cue be capitalised.
    if i > 0
        && names::is_capitalized(t.text(text))
        && !is_punct(text, toks[i - 1], &["“", "\"", "”", ":", "—", "–", "("])
    {
        return None;
    }
    // "Grant said", "Hope says": a capitalised word that a speech verb follows is the
    // speaker's name, not a cue.
    if names::is_capitalized(t.text(text))
        && toks.get(i + 1).is_some_and(|n| {
            n.word()
                && !names::is_capitalized(n.text(text))
                && cues::cue_bytes(&text.as_bytes()[n.start()..n.end()]).is_some()
        })
    {
        return None;
    }
    if lower_is(text, t, &["go", "goes", "went", "going"]) {
        let n = *toks.get(i + 1)?;
        if lower_is(text, n, &["on"]) {
            return Some((Span::new(t.start(), n.end()), i + 2, c));
        }
        return None;
    }
    // A particle belongs to the verb: "points out", "spoke up", "shot back", "went on".
    // The next word is one of the particles before the verb is read.
    if let Some(&n) = toks
        .get(i + 1)
        .filter(|n| lower_is(text, **n, &["out", "up", "back", "in", "on"]))
    {
        let particle = match Lower::new(t.text(text)).bytes() {
            b"point" | b"points" | b"pointed" | b"pointing" => &["out"][..],
            b"speak" | b"speaks" | b"spoke" | b"speaking" => &["up", "out"][..],
            b"shoot" | b"shoots" | b"shot" | b"fire" | b"fires" | b"fired" | b"hit" | b"hits"
            | b"snap" | b"snaps" | b"snapped" | b"write" | b"writes" | b"wrote" | b"answer"
            | b"answered" => &["back"][..],
            b"sum" | b"sums" | b"summed" | b"chime" | b"chimes" | b"chimed" | b"pipe"
            | b"piped" | b"open" | b"opened" => &["up", "in"][..],
            b"add" | b"adds" | b"added" | b"continue" | b"continues" | b"continued" | b"carry"
            | b"carried" => &["on"][..],
            _ => &[][..],
        };
        if lower_is(text, n, particle) {
            return Some((Span::new(t.start(), n.end()), i + 2, c));
        }
    }
    Some((t.span(), i + 1, c))
}

fn mention_ok(m: &Mention) -> bool {
    !matches!(m.kind, MentionKind::Pronoun(Pronoun::First))
}

/// An attribution right after a quotation: `, X said`, `, said X`, `, X, a Y, said`,
/// `— X`. `toks` are the gap's tokens.
fn trailing_attr(text: &str, toks: &[Tok]) -> Option<Attr> {
    let mut i = 0;
    while i < toks.len() && is_punct(text, toks[i], &[",", "\u{2026}"]) {
        i += 1;
    }
    let t0 = *toks.get(i)?;
    // A dash sign-off.
    if is_punct(text, t0, &["—", "–", "-"]) {
        let (m, j) = phrase_forward(text, toks, i + 1)?;
        let (m, j) = with_trailing_appositive(text, toks, m, j);
        return Some(Attr {
            mention: Some(m),
            cue: None,
            end: toks[j - 1].end(),
            takes_object: false,
        });
    }
    // Cue first: "said Kerry", "according to the ministry".
    if let Some((cue, j, c)) = cue_at(text, toks, i) {
        let (mut m, mut k) = phrase_forward(text, toks, j)?;
        if !mention_ok(&m) {
            return None;
        }
        // "says Campbell's partner, Jo Park": a role, then the name.
        if m.kind == MentionKind::Group && k + 1 < toks.len() && is_punct(text, toks[k], &[","]) {
            if let Some((n, e)) = phrase_forward(text, toks, k + 1) {
                let ends = toks
                    .get(e)
                    .is_none_or(|t| is_punct(text, *t, &[".", ",", ";", "!", "?"]));
                if n.kind == MentionKind::Person && n.role.is_none() && ends {
                    m = Mention {
                        role: Some(m.name),
                        ..n
                    };
                    k = e;
                }
            }
        }
        let (m, k) = with_trailing_appositive(text, toks, m, k);
        return Some(Attr {
            mention: Some(m),
            cue: Some(cue),
            end: toks[k - 1].end(),
            takes_object: c.takes_object,
        });
    }
    // Mention first: "Kerry said", "she added", "X, a doctor, said". The cue comes after the
    // mention: with no cue word after `i` there is no attribution, and the phrase is not read.
    if !toks[i + 1..].iter().any(|&t| may_be_cue(text, t)) {
        return None;
    }
    let (m, j) = phrase_forward(text, toks, i)?;
    let mut k = j;
    let mut m = m;
    let mut appositive_role = None;
    if k < toks.len() && is_punct(text, toks[k], &[","]) {
        // An appositive between commas, then the cue.
        let mut e = k + 1;
        while e < toks.len()
            && e < k + 16
            && (!is_punct(text, toks[e], &[",", ".", ";", ":"])
                // The dot of an abbreviation: "Associates Inc., said".
                || toks[e].text(text) == "." && toks[e - 1].word() && toks[e - 1].end() == toks[e].start()
                    && toks.get(e + 1).is_some_and(|t| t.text(text) == ","))
        {
            e += 1;
        }
        if e < toks.len() && is_punct(text, toks[e], &[","]) && e > k + 1 {
            let mut f = e + 1;
            while f < toks.len() && names::is_cue_filler(toks[f].text(text)) && toks[f].word() {
                f += 1;
            }
            if cue_at(text, toks, f).is_some() {
                let inner = &toks[k + 1..e];
                let app = names::read_phrase(text, inner);
                match (m.kind, app) {
                    (MentionKind::Group, Some(a)) if a.kind == MentionKind::Person => {
                        // "Syria's information minister, Omran al-Zoubi, told"
                        appositive_role = Some(m.name);
                        m = a;
                    }
                    _ => {
                        appositive_role =
                            Some(Span::new(inner[0].start(), inner[inner.len() - 1].end()));
                    }
                }
                k = f;
            }
        }
    }
    // The dot of an abbreviation before the cue: "Coastline Ferries Ltd. said".
    if k > 0
        && k + 1 < toks.len()
        && toks[k].text(text) == "."
        && toks[k - 1].word()
        && toks[k - 1].end() == toks[k].start()
        && cue_at(text, toks, k + 1).is_some()
    {
        k += 1;
    }
    while k < toks.len() && toks[k].word() && names::is_cue_filler(toks[k].text(text)) {
        k += 1;
    }
    // "he was quoted as saying"
    if k + 2 < toks.len()
        && lower_is(text, toks[k], &["was", "is", "were", "has", "had", "have"])
        && lower_is(
            text,
            toks[k + 1],
            &["quoted", "heard", "been", "recorded", "overheard"],
        )
    {
        k += 2;
        while k < toks.len()
            && lower_is(text, toks[k], &["as", "quoted", "saying", "telling"])
            && !lower_is(text, toks[k], &["saying", "telling"])
        {
            k += 1;
        }
    }
    let (cue, e, c) = cue_at(text, toks, k)?;
    if !mention_ok(&m) {
        return None;
    }
    if m.role.is_none() {
        m.role = appositive_role;
    }
    Some(Attr {
        mention: Some(m),
        cue: Some(cue),
        end: toks[e - 1].end(),
        takes_object: c.takes_object,
    })
}

/// "said Jane Roe, a lawyer for the family": the appositive after the name is the role.
fn with_trailing_appositive(
    text: &str,
    toks: &[Tok],
    mut m: Mention,
    k: usize,
) -> (Mention, usize) {
    // A role that is only an honorific ("Dr.") leaves room for the appositive.
    let honorific_only = m.role.is_some_and(|r| {
        let r = text[r].trim_end_matches('.');
        !r.contains(' ') && names::is_title(r)
    });
    if m.kind != MentionKind::Person || m.role.is_some() && !honorific_only {
        return (m, k);
    }
    let det = k + 2 < toks.len() && lower_is(text, toks[k + 1], &["a", "an", "the"]);
    let lower = k + 1 < toks.len()
        && toks[k + 1].word()
        && !names::is_capitalized(toks[k + 1].text(text))
        && !lower_is(
            text,
            toks[k + 1],
            &["who", "which", "whose", "that", "as", "and", "but"],
        )
        && cues::cue(toks[k + 1].text(text)).is_none();
    if k + 1 < toks.len() && is_punct(text, toks[k], &[","]) && (det || lower) {
        let from = if det { k + 2 } else { k + 1 };
        let mut e = from;
        while e < toks.len() && e < k + 14 && toks[e].word() {
            e += 1;
        }
        if e > from {
            m.role = Some(Span::new(toks[from].start(), toks[e - 1].end()));
            return (m, e);
        }
    }
    (m, k)
}

/// How many embedded quotations of one sentence look for a governing cue.
const MAX_EMBEDDED_CUE_LOOKS: usize = 12;

/// The last cue in `toks` with a speaker mention: "Kerry said", "said Kerry", "according to
/// X". Returns the attribution and the index of the token after the cue.
///
/// With `reporting`, only a verb that reports speech on its own (or "according to") counts:
/// `reporting[i]` tells whether token `i` is such a verb or "according" ([`is_reporting`]).
fn cue_with_mention(text: &str, toks: &[Tok], reporting: Option<&[bool]>) -> Option<(Attr, usize)> {
    let only_reports = reporting.is_some();
    // The last cue with a mention wins, so the cues are read from the end and the first one
    // with a mention is the answer. One reading holds only when no earlier cue has a mention
    // (", and said" with the sentence's subject as the speaker): such a cue is kept aside as
    // `pending` (the earliest one) and is the answer when no cue before it has a mention.
    let mut pending = None;
    for i in (0..toks.len()).rev() {
        if reporting.is_some_and(|r| !r[i]) {
            continue;
        }
        let Some((cue, after, c)) = cue_at(text, toks, i) else {
            continue;
        };
        if only_reports && !c.reports {
            continue;
        }
        // Not an infinitive or a noun use: "to say", "the report".
        if i > 0
            && lower_is(
                text,
                toks[i - 1],
                &[
                    "to", "the", "a", "an", "his", "her", "their", "its", "this", "that",
                ],
            )
        {
            continue;
        }
        let is_according = lower_is(text, toks[i], &["according"]);
        // The mention holds only when no earlier cue has one.
        let mut first_only = false;
        let mention = if is_according {
            phrase_forward(text, toks, after).map(|(m, _)| m)
        } else {
            // Mention before the cue, skipping fillers; or an appositive "X, a Y, said".
            let mut k = i;
            while k > 0
                && toks[k - 1].word()
                && names::is_cue_filler(toks[k - 1].text(text))
                // "Elizabeth May has said": a capitalised "May" is a name.
                && !names::is_capitalized(toks[k - 1].text(text))
            {
                k -= 1;
            }
            let gerund = toks[i].text(text).ends_with("ing");
            let before = if gerund {
                // ", saying ...": the speaker is the sentence's subject.
                if k > 0 && is_punct(text, toks[k - 1], &[","]) {
                    phrase_forward(text, toks, 0)
                        .map(|(m, _)| m)
                        .filter(|m| m.kind != MentionKind::Pronoun(Pronoun::First))
                } else {
                    None
                }
            } else if k > 0 && is_punct(text, toks[k - 1], &[","]) {
                appositive_before(text, toks, k - 1)
            } else if k > 1 && lower_is(text, toks[k - 1], &["who", "which"]) {
                // "Nunes, the brawler who calls herself ...": the relative pronoun's
                // antecedent speaks.
                let mut a = k - 1;
                if is_punct(text, toks[a - 1], &[","]) {
                    a -= 1;
                }
                phrase_backward(text, toks, a).map(|(m, f)| {
                    // "Nunes, the ferocious brawler who ...": the name before the
                    // appositive.
                    if m.kind == MentionKind::Group && f >= 2 && is_punct(text, toks[f - 1], &[","])
                    {
                        if let Some((n, _)) = phrase_backward(text, toks, f - 1).filter(|(n, _)| {
                            matches!(n.kind, MentionKind::Person | MentionKind::Organization)
                        }) {
                            return Mention {
                                role: n.role.or(Some(m.name)),
                                ..n
                            };
                        }
                    }
                    m
                })
            } else if k > 1
                && lower_is(text, toks[k - 1], &["and", "but"])
                && (cues::is_say(toks[i].text(text))
                    || lower_is(
                        text,
                        toks[i],
                        &[
                            "added", "adds", "noted", "notes", "insisted", "insists", "warned",
                            "warns", "argued", "argues", "suggested", "suggests",
                        ],
                    ))
                // Not a passive: "X had been diagnosed and told ..." was told.
                && !toks[..k].iter().any(|t| lower_is(text, *t, &["been"]))
            {
                // "Authorities described it as a carjacking and said ...": the subject of
                // the sentence said it, when no earlier cue has a speaker.
                phrase_backward(text, toks, k).map(|(m, _)| m).or_else(|| {
                    first_only = true;
                    subject_phrase(text, toks, subject_start(text, toks)).filter(|m| match m.kind {
                        MentionKind::Pronoun(p) => p != Pronoun::First,
                        MentionKind::Group => !has_words(&text[m.name], 5),
                        _ => true,
                    })
                })
            } else {
                phrase_backward(text, toks, before_parenthesis(text, toks, k)).map(|(m, _)| m)
            };
            before.or_else(|| {
                // "said Kerry" (cue first), only when the cue opens the clause; a closing
                // parenthesis ends a subject ("the Border Agency (CBSA) said").
                let opens = i == 0 || !toks[i - 1].word() && !is_punct(text, toks[i - 1], &[")"]);
                if opens && !gerund {
                    phrase_forward(text, toks, after).map(|(m, _)| m)
                } else {
                    None
                }
            })
        };
        if let Some(m) = mention.filter(mention_ok) {
            let found = Some((
                Attr {
                    mention: Some(m),
                    cue: Some(cue),
                    end: toks[after - 1].end(),
                    takes_object: c.takes_object,
                },
                after,
            ));
            if !first_only {
                return found;
            }
            pending = found;
        }
    }
    pending
}

/// "X, a doctor at the clinic, said": `comma` is the comma before the cue.
fn appositive_before(text: &str, toks: &[Tok], comma: usize) -> Option<Mention> {
    let mut s = comma;
    while s > 0 && comma - s < 16 && !is_punct(text, toks[s - 1], &[",", ".", ";", ":", "\""]) {
        s -= 1;
    }
    if s == 0 || !is_punct(text, toks[s - 1], &[","]) || s == comma {
        return None;
    }
    let inner = &toks[s..comma];
    let (outer, _) = phrase_backward(text, toks, s - 1)?;
    let app = names::read_phrase(text, inner);
    let inner_span = Span::new(inner[0].start(), inner[inner.len() - 1].end());
    match (outer.kind, app) {
        (MentionKind::Group, Some(a)) if a.kind == MentionKind::Person => {
            let mut a = a;
            a.role = Some(outer.name);
            Some(a)
        }
        (MentionKind::Person | MentionKind::Organization, _) => {
            let mut o = outer;
            // "X, who has worked there since 1990, said": a relative clause is no role.
            if o.role.is_none() && !lower_is(text, inner[0], &["who", "which", "whose", "that"]) {
                o.role = Some(inner_span);
            }
            Some(o)
        }
        _ => Some(outer),
    }
}

// ---------------------------------------------------------------------------------------------
// Cards

#[derive(Clone, Debug)]
struct Card {
    kind: QuoteKind,
    span: Span,
    fragments: Vec<Span>,
    attr: Option<Attr>,
    rule: &'static str,
    /// Where text belonging to the card ends (last mark or its attribution), for joining an
    /// interrupted quotation's next part.
    tail: usize,
    /// Accepts a following quotation as its next part.
    open_for_more: bool,
    block: usize,
}

/// The parts of a direct quotation that may take more: its first, with room for the second
/// that follows an interrupting attribution ("A," he said, "B.").
fn first_part(inner: Span) -> Vec<Span> {
    let mut parts = Vec::with_capacity(2);
    parts.push(inner);
    parts
}

fn inner_trimmed(text: &str, s: Span) -> Span {
    let t = &text[s];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail >= t.len() {
        return s;
    }
    Span::new(s.start as usize + lead, s.end as usize - trail)
}

/// The reported clause after a cue: skip a listener ("told reporters"), a time or a
/// "in a statement" phrase when "that" follows, and "that" itself.
fn clause_start(text: &str, toks: &[Tok], mut i: usize, takes_object: bool) -> usize {
    // "said in a statement that", "told reporters Monday that": jump to a near "that".
    let look = (i + 8).min(toks.len());
    let adverbial = i < toks.len()
        && (takes_object
            || is_time_word(toks[i].text(text))
            || lower_is(
                text,
                toks[i],
                &[
                    "in", "on", "at", "during", "to", "from", "through", "via", "over", "after",
                    "before", "last", "this", "earlier", "late",
                ],
            ));
    if let Some(k) = (i..look).find(|&k| lower_is(text, toks[k], &["that"])) {
        if (k == i || adverbial)
            && (i..k).all(|j| {
                toks[j].word() || is_punct(text, toks[j], &[",", ".", "\"", "“", "”", "’"])
            })
        {
            return k + 1;
        }
    }
    if takes_object {
        // One listener: "reporters", "CBC News", "the Wall Street Journal", "him".
        let mut j = i;
        if j < toks.len() && lower_is(text, toks[j], &["the", "a", "an"]) {
            j += 1;
        }
        let cap = j < toks.len()
            && names::is_capitalized(toks[j].text(text))
            && names::pronoun(toks[j].text(text)).is_none();
        if cap {
            while j < toks.len() && toks[j].word() && names::is_capitalized(toks[j].text(text)) {
                j += 1;
            }
        } else if j < toks.len() && toks[j].word() {
            j += 1;
        }
        i = j;
    }
    while i < toks.len() && toks[i].word() && is_time_word(toks[i].text(text)) {
        i += 1;
    }
    if i < toks.len() && is_punct(text, toks[i], &[","]) {
        i += 1;
    }
    i
}

fn is_time_word(w: &str) -> bool {
    let l = Lower::new(w);
    matches!(
        l.bytes(),
        b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"today"
            | b"yesterday"
            | b"tonight"
            | b"earlier"
            | b"recently"
            | b"previously"
            | b"later"
            | b"then"
            | b"also"
            | b"again"
            | b"repeatedly"
            | b"publicly"
            | b"privately"
            | b"afterward"
            | b"afterwards"
            | b"morning"
            | b"evening"
            | b"night"
            | b"afternoon"
    )
}

/// Find quotations in body blocks.
pub fn extract(text: &str, blocks: &[Block]) -> Extraction {
    extract_with(text, blocks, &BlockTokens::new(text, blocks))
}

/// [`extract`] with the blocks' tokens already read (`tokens` must come from the same text and
/// blocks).
pub fn extract_with(text: &str, blocks: &[Block], tokens: &BlockTokens) -> Extraction {
    let body: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].kind.is_body())
        .collect();
    let mut out = Extraction::default();
    // Sized for a typical paragraph or sentence (and a few quotes a paragraph), so that most
    // articles never grow them.
    let mut cards: Vec<Card> = Vec::with_capacity(body.len() * 2 + 8);
    let mut marks = Vec::with_capacity(32);
    let mut pairs = Vec::with_capacity(16);
    let mut sents = Vec::with_capacity(16);
    // Tokens tokenised afresh, for a stretch a word crosses.
    let mut buf = Vec::new();
    let mut scratch = IndirectScratch {
        reporting: Vec::with_capacity(64),
        attr_memo: Vec::with_capacity(4),
    };
    // Per-sentence buffers, reused: for each quotation of the sentence, whether it is direct
    // speech, its attribution after and before it; the sentence's tokens outside quotations;
    // reported speech found around a quotation.
    let mut direct_flags: Vec<bool> = Vec::with_capacity(8);
    let mut trails: Vec<Option<Attr>> = Vec::with_capacity(8);
    let mut leads: Vec<Option<Attr>> = Vec::with_capacity(8);
    let mut outside: Vec<Tok> = Vec::with_capacity(64);
    let mut reported: Vec<Card> = Vec::new();
    let mut carried = false;
    let mut carried_card: Option<usize> = None;
    // A lead-in ending the previous paragraph ("And from the committee chair:").
    let mut pending_lead: Option<Attr> = None;
    for (bi, &b) in body.iter().enumerate() {
        let para = blocks[b].span;
        marks.clear();
        pairs.clear();
        sents.clear();
        scan_marks(text, para, &mut marks);
        // The next paragraph reopens the quotation, or carries on its sentence in lowercase
        // (a stray paragraph break inside a quotation).
        let next_reopens = body.get(bi + 1).is_some_and(|&n| {
            starts_with_open_mark(text, blocks[n].span)
                || text[blocks[n].span]
                    .trim_start()
                    .starts_with(char::is_lowercase)
        });
        pair_marks(text, para, &marks, carried, next_reopens, &mut pairs);
        carried = pairs.last().is_some_and(|p| p.runs_on);
        sentences(text, para, &pairs, &mut sents);
        let lead_in = pending_lead.take();
        // A pull quote: "Words of the speaker. Full Name" with no marks at all.
        if pairs.is_empty() && sents.len() >= 2 {
            if let Some(card) = pull_quote(text, &sents, bi, (tokens, b), &mut buf) {
                cards.push(card);
                continue;
            }
        }
        let mut q = 0;
        for (si, &sent) in sents.iter().enumerate() {
            let (ss, se) = (sent.start as usize, sent.end as usize);
            while q < pairs.len() && pairs[q].open < ss {
                q += 1;
            }
            let q0 = q;
            while q < pairs.len() && pairs[q].open < se {
                q += 1;
            }
            let sp = &pairs[q0..q];
            if sp.is_empty() {
                // A paragraph ending with a colon hands its attribution to the next one.
                if si + 1 == sents.len() && text[sent].trim_end().ends_with(':') {
                    let toks = tokens.stretch(text, b, ss, se, &mut buf);
                    pending_lead =
                        cue_with_mention(text, toks, None)
                            .map(|(a, _)| a)
                            .or_else(|| {
                                let n = toks.len().saturating_sub(1);
                                phrase_backward(text, toks, n)
                                    .map(|(m, _)| m)
                                    .or_else(|| source_after_from(text, toks))
                                    .map(|m| Attr {
                                        mention: Some(m),
                                        ..Attr::default()
                                    })
                            });
                    continue;
                }
                indirect(
                    text,
                    sent,
                    bi,
                    (tokens, b),
                    &mut buf,
                    &mut scratch,
                    &mut cards,
                );
                continue;
            }
            let terms_before = out.terms.len();
            // Gaps around each quotation.
            let mut gap_start = ss;
            direct_flags.clear();
            trails.clear();
            leads.clear();
            for (k, p) in sp.iter().enumerate() {
                let gap_end = sp.get(k + 1).map_or(se, |n| n.open);
                // Lead: the text between the previous item and this quote.
                let toks = tokens.stretch(text, b, gap_start, p.open, &mut buf);
                let lead_empty = toks.iter().all(|t| !t.word())
                    && !toks.iter().any(|t| is_punct(text, *t, &[","]) && k == 0)
                    && (k == 0 || direct_flags[k - 1]);
                let lead_colon = toks
                    .last()
                    .is_some_and(|t| is_punct(text, *t, &[":", ",", "—"]));
                let mut lead = None;
                let mut lead_ok = lead_empty;
                if k > 0
                    && trails[k - 1].is_some_and(|a| {
                        a.end <= p.open
                            && text[a.end..p.open]
                                .trim_matches(|c: char| {
                                    c.is_whitespace()
                                        || c == ','
                                        || c == '.'
                                        || c == ':'
                                        || c == ';'
                                })
                                .is_empty()
                    })
                {
                    lead_ok = true;
                }
                if !lead_ok && lead_colon {
                    if let Some((a, after)) = cue_with_mention(text, toks, None) {
                        let words_after = toks[after..].iter().filter(|t| t.word()).count();
                        if words_after <= 8 {
                            lead = Some(a);
                            lead_ok = true;
                        }
                    } else if toks.last().is_some_and(|t| is_punct(text, *t, &[":"]))
                        && toks.iter().filter(|t| t.word()).count() <= 8
                    {
                        lead_ok = true;
                        let n = toks.len() - 1;
                        lead = phrase_backward(text, toks, n)
                            .filter(|(m, _)| {
                                m.kind != MentionKind::Group
                                    || names::is_group_noun(
                                        text[m.name].rsplit(' ').next().unwrap_or(""),
                                    )
                            })
                            .or_else(|| first_name_in(text, toks))
                            .map(|(m, _)| m)
                            .or_else(|| source_after_from(text, toks))
                            .map(|m| Attr {
                                mention: Some(m),
                                ..Attr::default()
                            });
                    } else if toks.last().is_some_and(|t| is_punct(text, *t, &[":"]))
                        && !is_term(text, p.inner)
                    {
                        // A longer lead-in: "... when Musk took to the radio with this:".
                        lead_ok = true;
                        lead = subject_in(text, toks).map(|m| Attr {
                            mention: Some(m),
                            ..Attr::default()
                        });
                    }
                }
                if k == 0 && si == 0 && lead_empty && lead.is_none() {
                    lead = lead_in;
                }
                leads.push(lead);
                // Trail: the text after the quote up to the next quote or the sentence end.
                let toks = tokens.stretch(text, b, p.end, gap_end, &mut buf);
                let trail_empty = toks.iter().all(|t| !t.word());
                let trail = if trail_empty {
                    None
                } else {
                    trailing_attr(text, toks)
                };
                // The attribution must follow a quote that ends as a clause does.
                let last_inner = text[p.inner].trim_end().chars().last();
                let ends_clause = matches!(
                    last_inner,
                    Some(',' | '?' | '!' | '—' | '-' | '…' | '.' | ':')
                ) || toks
                    .first()
                    .is_some_and(|t| is_punct(text, *t, &[",", "—", "–"]));
                let trail = trail.filter(|a| ends_clause || a.cue.is_some());
                let tail_ok = trail_empty
                    || trail.is_some_and(|a| {
                        // After the attribution: the end, another quote, or a new clause.
                        let rest = text[a.end..gap_end].trim();
                        rest.is_empty()
                            || rest.starts_with([',', '.', ';', ':', '!', '?'])
                            || !has_words(rest, 7)
                    });
                trails.push(trail);
                // "Dunn pressed on. "Then why ...?"": when nothing else names the speaker,
                // the sentence before (same paragraph, no quotation of its own) opens with
                // them.
                if k == 0 && si > 0 && lead_empty && lead.is_none() && trail.is_none() {
                    let before = sents[si - 1];
                    let quoted = q0 > 0 && pairs[q0 - 1].open >= before.start as usize;
                    if !quoted {
                        let prev = tokens.stretch(
                            text,
                            b,
                            before.start as usize,
                            before.end as usize,
                            &mut buf,
                        );
                        leads[k] = subject_in(text, prev)
                            .filter(|m| {
                                prev.first()
                                    .is_some_and(|t| t.start() == m.name.start as usize)
                            })
                            .map(|m| Attr {
                                mention: Some(m),
                                ..Attr::default()
                            });
                    }
                }
                direct_flags.push(
                    lead_ok
                        && tail_ok
                        && !(p.family == Family::Single && !lead_empty && lead.is_none()),
                );
                gap_start = p.end;
            }
            // Embedded quotations: the sentence is reported speech around them (mixed), or
            // they are quoted terms.
            let any_embedded = direct_flags.iter().any(|d| !d);
            let mut mixed_done = false;
            let mut embedded_tries = 0usize;
            for (k, p) in sp.iter().enumerate() {
                let inner = inner_trimmed(text, p.inner);
                if direct_flags[k]
                    && p.family == Family::Single
                    && sents.len() == 1
                    && leads[k].is_none()
                    && trails[k].is_none()
                    && text[para].trim().len() == p.end - p.open
                {
                    // A paragraph that is only a single-quoted line is a subhead.
                    out.terms.push(inner);
                    continue;
                }
                if direct_flags[k] {
                    // A cue next to the quote beats a cue-less lead-in ("Also on X:").
                    let attr = match (leads[k], trails[k]) {
                        (Some(l), Some(t)) if l.cue.is_none() && t.cue.is_some() => Some(t),
                        (l, t) => l.or(t),
                    };
                    // An interruption: the previous card's attribution sits right before.
                    let joins = cards.last_mut().filter(|c| {
                        c.open_for_more
                            && c.kind == QuoteKind::Direct
                            && c.block == bi
                            && (leads[k].is_none() && trails[k].is_none()
                                || k > 0
                                    && leads[k].is_none()
                                    && trails[k - 1].is_some()
                                    && trails[k].is_none())
                            && c.tail <= p.open
                            && {
                                // Across a sentence end only a brief attribution ("Kerry
                                // said.") keeps one card; a longer one starts a new card.
                                let gap = &text[(c.span.end as usize).min(p.open)..p.open];
                                !gap.contains(['.', '!', '?']) || !has_words(gap, 4)
                            }
                            && text[c.tail..p.open]
                                .trim_matches(|ch: char| {
                                    ch.is_whitespace() || matches!(ch, ',' | '.' | ';' | ':')
                                })
                                .is_empty()
                    });
                    if let (Some(c), false) = (joins, p.continued) {
                        c.fragments.push(inner);
                        c.span = c.span.cover(Span::new(p.open, p.end));
                        c.tail = trails[k].map_or(p.end, |a| a.end.max(p.end));
                        if c.attr.is_none() && attr.is_some() {
                            c.attr = attr;
                            c.rule = "cue-after";
                        }
                        continue;
                    }
                    if p.continued {
                        if let Some(ci) = carried_card {
                            if let Some(c) = cards.get_mut(ci) {
                                c.fragments.push(inner);
                                c.span = c.span.cover(Span::new(p.open, p.end));
                                c.tail = trails[k].map_or(p.end, |a| a.end.max(p.end));
                                c.block = bi;
                                if c.attr.is_none() && attr.is_some() {
                                    c.attr = attr;
                                    c.rule = "cue-after";
                                }
                                c.open_for_more = true;
                                if p.runs_on {
                                    carried_card = Some(ci);
                                }
                                continue;
                            }
                        }
                    }
                    let rule = match (leads[k].is_some(), trails[k].is_some()) {
                        (true, _) if attr.and_then(|a| a.cue).is_none() => "lead-in",
                        (true, _) => "cue-before",
                        (false, true) if attr.and_then(|a| a.cue).is_none() => "dash-sign-off",
                        (false, true) => "cue-after",
                        _ => "",
                    };
                    cards.push(Card {
                        kind: QuoteKind::Direct,
                        span: Span::new(p.open, p.end),
                        fragments: first_part(inner),
                        attr,
                        rule,
                        tail: trails[k].map_or(p.end, |a| a.end.max(p.end)),
                        open_for_more: true,
                        block: bi,
                    });
                    if p.runs_on {
                        carried_card = Some(cards.len() - 1);
                    }
                    continue;
                }
                if mixed_done {
                    continue;
                }
                // Embedded: find the governing cue in the sentence outside the quotes. Each
                // look reads the whole sentence, so a sentence packed with quoted fragments (a
                // list, or a hostile paste) gets it for its first few only: the rest are read
                // below without a cue, which keeps the pass linear.
                embedded_tries += 1;
                if embedded_tries <= MAX_EMBEDDED_CUE_LOOKS {
                    // Embedded: find the governing cue in the sentence outside the quotes.
                    let toks = tokens.stretch(text, b, ss, se, &mut buf);
                    // Tokens outside every quotation: one sweep, as both lists are in order.
                    outside.clear();
                    let mut pi = 0;
                    for &t in toks.iter() {
                        while pi < sp.len() && sp[pi].end <= t.start() {
                            pi += 1;
                        }
                        if !(pi < sp.len() && t.start() >= sp[pi].open) {
                            outside.push(t);
                        }
                    }
                    // A cue before the first embedded quote governs the clause after it.
                    let first_open = p.open;
                    let before = &outside[..outside.partition_point(|t| t.end() <= first_open)];
                    // The first attribution after one of the sentence's quotations closes the
                    // clause: "... are "very exciting," says Kim, who leads the "Activate" ...".
                    let (last_q, trail_last) = match (k..sp.len()).find(|&j| trails[j].is_some()) {
                        Some(j) => (sp[j], trails[j]),
                        None => (sp[sp.len() - 1], None),
                    };
                    let clause_end = sentence_end_trimmed(text, ss, se);
                    let governing = cue_with_mention(text, before, None).filter(|(a, after)| {
                        // A short quoted term under a cue is speech only after a say-verb or a
                        // naming verb right before it ("called it "a stark choice"").
                        let short = sp
                            .iter()
                            .zip(&direct_flags)
                            .filter(|(_, d)| !**d)
                            .all(|(p, _)| !has_words(&text[p.inner], 4));
                        let cue_text = a.cue.map_or("", |c| &text[c]);
                        let naming = lower_is_str(
                            cue_text,
                            &[
                                "call",
                                "calls",
                                "called",
                                "calling",
                                "describe",
                                "describes",
                                "described",
                                "describing",
                                "dub",
                                "dubbed",
                                "label",
                                "labelled",
                                "labeled",
                                "term",
                                "termed",
                                "brand",
                                "branded",
                            ],
                        );
                        let adjacent = before[*after..].iter().filter(|t| t.word()).count() <= 3;
                        // "said on "Face the Nation."": a short title after a preposition.
                        let title =
                            short
                                && sp.iter().zip(&direct_flags).filter(|(_, d)| !**d).all(
                                    |(p, _)| {
                                        is_term(text, p.inner)
                                            && text[p.inner].starts_with(char::is_uppercase)
                                            && before.last().is_some_and(|t| {
                                                lower_is(text, *t, &["on", "in", "at", "to"])
                                            // "CBS' "Face the Nation."": a possessive.
                                            || t.text(text).ends_with(['\'', '’'])
                                            || t.text(text).ends_with("'s")
                                            || t.text(text).ends_with("’s")
                                            })
                                    },
                                );
                        !title && (!short || cues::is_say(cue_text) || naming && adjacent)
                    });
                    if let Some((a, after)) = governing {
                        let cs = clause_start(text, before, after, a.takes_object);
                        // "calls herself "The Comet"", "called it "a stark choice"": after a
                        // naming verb the quotation itself is the quote.
                        let naming_cue = a.cue.is_some_and(|c| {
                            lower_is_str(
                                &text[c],
                                &[
                                    "call", "calls", "called", "calling", "dub", "dubs", "dubbed",
                                    "label", "labels", "labelled", "labeled", "term", "termed",
                                    "brand", "branded",
                                ],
                            )
                        });
                        let start = if naming_cue
                            && before[after..].iter().filter(|t| t.word()).count() <= 3
                        {
                            first_open
                        } else {
                            before
                                .get(cs)
                                .map_or(first_open, |t| t.start().min(first_open))
                        };
                        let mut end = clause_end.max(start);
                        if let Some(t) = trail_last {
                            // "..., she said." closes the clause.
                            let comma = text[last_q.end..t.end].find(',').map(|i| last_q.end + i);
                            if let Some(c) = comma {
                                if c >= start {
                                    end = c.max(last_q.end).min(end);
                                }
                            }
                        }
                        // ", noting that ..." or ", and that ..." after a quotation ends the
                        // clause; a second "that" clause with its own quotation is a second
                        // quote.
                        let mut second = None;
                        for (j, t) in outside.iter().enumerate() {
                            if t.start() < p.end || t.start() >= end {
                                continue;
                            }
                            let gerund = lower_is(
                                text,
                                *t,
                                &["noting", "saying", "adding", "arguing", "explaining"],
                            );
                            let and_that = lower_is(text, *t, &["and"])
                                && outside
                                    .get(j + 1)
                                    .is_some_and(|n| lower_is(text, *n, &["that"]));
                            if !(gerund || and_that) {
                                continue;
                            }
                            let before_t = text[..t.start()].trim_end();
                            let cut = if j > 0 && is_punct(text, outside[j - 1], &[","]) {
                                Some(outside[j - 1].start())
                            } else if before_t.ends_with([',', '"', '”'])
                                && before_t.trim_end_matches(['"', '”']).ends_with(',')
                            {
                                Some(before_t.len())
                            } else {
                                None
                            };
                            if let Some(c) = cut.filter(|&c| c > start) {
                                if gerund {
                                    // The gerund reports a clause of its own.
                                    let mut f = j + 1;
                                    if outside
                                        .get(f)
                                        .is_some_and(|n| lower_is(text, *n, &["that"]))
                                    {
                                        f += 1;
                                    }
                                    if let Some(n) = outside.get(f).filter(|n| n.start() < end) {
                                        let clause = Span::new(n.start(), end);
                                        if has_words(&text[clause], 3)
                                            && !sp.iter().any(|q| q.open >= n.start())
                                        {
                                            let g = Attr {
                                                cue: Some(t.span()),
                                                ..a
                                            };
                                            push_indirect(
                                                &mut cards,
                                                bi,
                                                clause,
                                                g,
                                                "reported-gerund",
                                            );
                                        }
                                    }
                                }
                                if and_that {
                                    if let Some(n) = outside.get(j + 2) {
                                        if sp.iter().any(|q| q.open >= n.start()) {
                                            second = Some(Span::new(n.start(), end.max(n.start())));
                                        }
                                    }
                                }
                                end = c;
                                break;
                            }
                        }
                        for span in std::iter::once(Span::new(start, end.max(start))).chain(second)
                        {
                            cards.push(Card {
                                kind: QuoteKind::Mixed,
                                span,
                                fragments: vec![span],
                                attr: Some(a),
                                rule: "mixed-cue-before",
                                tail: span.end as usize,
                                open_for_more: false,
                                block: bi,
                            });
                        }
                        mixed_done = true;
                        continue;
                    }
                    if let Some(a) = trail_last {
                        // "Her time has been "hard," she said."
                        let start = ss;
                        let end = text[last_q.end..a.end]
                            .find(',')
                            .map_or(last_q.end, |i| last_q.end + i)
                            .max(last_q.end);
                        let span = Span::new(start, end);
                        cards.push(Card {
                            kind: QuoteKind::Mixed,
                            span,
                            fragments: vec![span],
                            attr: Some(a),
                            rule: "mixed-cue-after",
                            tail: a.end,
                            open_for_more: false,
                            block: bi,
                        });
                        mixed_done = true;
                        continue;
                    }
                }
                if embedded_tries <= MAX_EMBEDDED_CUE_LOOKS {
                    // "A plan to make "small, healthy choices" easier, Kim says.": reported
                    // speech around the quotation, attributed at the sentence's end.
                    reported.clear();
                    indirect(
                        text,
                        sent,
                        bi,
                        (tokens, b),
                        &mut buf,
                        &mut scratch,
                        &mut reported,
                    );
                    if let Some(mut c) = reported.drain(..).find(|c| {
                        (matches!(c.rule, "reported-cue-after" | "according-to")
                            // "he warns that it is going to "explode."": a clause after "that".
                            || c.rule == "reported-cue-before"
                                && text[..c.span.start as usize].trim_end().ends_with(" that"))
                            && c.span.start as usize <= p.open
                            && p.end <= c.span.end as usize + 2
                    }) {
                        c.kind = QuoteKind::Mixed;
                        c.rule = "mixed-reported";
                        let end = c.span.end.max(p.end as u32);
                        c.span = Span::new(c.span.start as usize, end as usize);
                        c.fragments = vec![c.span];
                        cards.push(c);
                        mixed_done = true;
                        continue;
                    }
                }
                // No cue: a short or title-like quoted term; a longer quotation is speech
                // whose speaker comes from the context.
                let _ = any_embedded;
                // Mid-sentence with no cue: a phrase of a few words that does not end a
                // clause ("trucks of "all shapes and sizes"") is quoted wording, not speech.
                let inner_text = text[inner].trim_end();
                let lead = text[ss..p.open].trim();
                let phrase = !lead.is_empty()
                    && (!has_words(inner_text, 9) && !inner_text.ends_with(['.', '?', '!'])
                        // "... and $198 million of "internal debt approved for the plan.""
                        || !has_words(inner_text, 13)
                            && inner_text.starts_with(char::is_lowercase)
                            && !lead.ends_with([':', ',']));
                if phrase || is_term(text, inner) {
                    out.terms.push(inner);
                } else {
                    cards.push(Card {
                        kind: QuoteKind::Direct,
                        span: Span::new(p.open, p.end),
                        fragments: first_part(inner),
                        attr: None,
                        rule: "",
                        tail: p.end,
                        open_for_more: true,
                        block: bi,
                    });
                }
            }
            if out.terms.len() - terms_before == sp.len() {
                // Every quotation here was a quoted term: the sentence may still report speech
                // ("After she heard "rumblings" of a run, she said the two had talked.").
                indirect(
                    text,
                    sent,
                    bi,
                    (tokens, b),
                    &mut buf,
                    &mut scratch,
                    &mut cards,
                );
            }
        }
        // Cards of earlier paragraphs take no more parts.
        for c in cards.iter_mut().rev() {
            if c.block != bi {
                break;
            }
            if !(c.block == bi && carried) {
                c.open_for_more = false;
            }
        }
        if !carried {
            carried_card = None;
        }
    }
    crate::order::sort_by_u64(&mut cards, |c| u64::from(c.span.start));
    out.quotes = cards
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let m = c.attr.and_then(|a| a.mention);
            Quote {
                id: QuoteId(i as u32),
                kind: c.kind,
                span: c.span,
                fragments: c.fragments,
                speaker: None,
                mention: m.map(|m| m.name),
                cue: c.attr.and_then(|a| a.cue),
                rule: if m.is_some() { c.rule } else { "" },
                role: m.and_then(|m| m.role),
                mention_kind: m.map(|m| m.kind),
            }
        })
        .collect();
    crate::order::sort_by_u64(&mut out.terms, |s| s.sort_key());
    out
}

fn starts_clause(text: &str, t: Tok) -> bool {
    let w = t.text(text);
    if !t.word() {
        return false;
    }
    if names::is_capitalized(w) || w.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    lower_is(
        text,
        t,
        &[
            "he",
            "she",
            "it",
            "they",
            "we",
            "i",
            "you",
            "there",
            "this",
            "these",
            "those",
            "the",
            "a",
            "an",
            "his",
            "her",
            "its",
            "their",
            "our",
            "my",
            "your",
            "some",
            "many",
            "most",
            "all",
            "no",
            "one",
            "two",
            "three",
            "several",
            "few",
            "more",
            "less",
            "both",
            "each",
            "every",
            "any",
            "nobody",
            "nothing",
            "everyone",
            "everybody",
            "someone",
            "people",
            "police",
            "officials",
            "if",
            "while",
            "when",
            "because",
            "although",
            "though",
            "without",
            "in",
            "after",
            "before",
            "despite",
            "only",
            "once",
        ],
    )
}

/// A quoted term rather than speech: three words or fewer, or every word capitalised (a
/// title).
fn is_term(text: &str, inner: Span) -> bool {
    let s = &text[inner];
    let n = word_count_max(s, 9);
    if n <= 3 {
        return true;
    }
    if n > 8 {
        return false;
    }
    let all_caps = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
                || w.len() <= 3
        });
    all_caps
}

/// "It was the hardest year of my life. Jo Park": a paragraph of sentences signed by a bare
/// name.
fn pull_quote(
    text: &str,
    sents: &[Span],
    block: usize,
    (tokens, b): (&BlockTokens, usize),
    buf: &mut Vec<Tok>,
) -> Option<Card> {
    let last = *sents.last()?;
    let body_end = sents[sents.len() - 2].end as usize;
    if !text[..body_end].ends_with(['.', '?', '!']) {
        return None;
    }
    let toks = tokens.stretch(text, b, last.start as usize, last.end as usize, buf);
    if !(2..=4).contains(&toks.len())
        || !toks.iter().all(|t| {
            t.word() && (names::is_name_word(t.text(text)) || names::is_particle(t.text(text)))
        })
    {
        return None;
    }
    let m = names::read_phrase(text, toks)
        .filter(|m| m.kind == MentionKind::Person && m.role.is_none())?;
    let body = Span::new(sents[0].start as usize, body_end);
    // Speech, not a photo caption with its credit: the words speak in the first or second
    // person.
    let toks = tokens.stretch(text, b, body.start as usize, body.end as usize, buf);
    let personal = toks.iter().any(|t| {
        lower_is(
            text,
            *t,
            &[
                "i", "we", "my", "our", "me", "us", "you", "your", "i'm", "i’m", "we're", "we’re",
                "i've", "i’ve",
            ],
        )
    });
    if !personal {
        return None;
    }
    Some(Card {
        kind: QuoteKind::Direct,
        span: body,
        fragments: vec![body],
        attr: Some(Attr {
            mention: Some(m),
            cue: None,
            end: last.end as usize,
            takes_object: false,
        }),
        rule: "pull-quote",
        tail: last.end as usize,
        open_for_more: false,
        block,
    })
}

/// The sentence's end without its final punctuation.
fn sentence_end_trimmed(text: &str, ss: usize, se: usize) -> usize {
    let s = text[ss..se]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | ';' | ':'));
    ss + s.len()
}

/// Buffers [`indirect`] reuses from sentence to sentence.
#[derive(Default)]
struct IndirectScratch {
    /// Whether each token is a reporting verb or "according" ([`is_reporting`]).
    reporting: Vec<bool>,
    /// The attributions read after commas: (comma's token, attribution).
    attr_memo: Vec<(usize, Option<Attr>)>,
}

/// Reported speech in a sentence without quotation marks.
/// The sentence is a stretch of block `b` of `tokens`; `buf` and `scratch` are buffers reused
/// from sentence to sentence.
fn indirect(
    text: &str,
    sent: Span,
    block: usize,
    (tokens, b): (&BlockTokens, usize),
    buf: &mut Vec<Tok>,
    scratch: &mut IndirectScratch,
    cards: &mut Vec<Card>,
) {
    let IndirectScratch {
        reporting,
        attr_memo,
    } = scratch;
    let (ss, se) = (sent.start as usize, sent.end as usize);
    let toks = tokens.stretch(text, b, ss, se, buf);
    let n = toks.len();
    if n < 4 {
        return;
    }
    // Every pattern below needs a reporting verb or "according to": most sentences have
    // neither and stop here. An attribution after a comma needs one after that comma.
    reporting.clear();
    reporting.resize(n, false);
    let mut last_report = None;
    for (k, t) in toks.iter().enumerate() {
        if is_reporting(text, *t) {
            reporting[k] = true;
            last_report = Some(k);
        }
    }
    let reporting: &[bool] = reporting;
    let Some(last_report) = last_report else {
        return;
    };
    let end = sentence_end_trimmed(text, ss, se);
    // The attribution after a comma, read once for the patterns below that each try it.
    attr_memo.clear();
    let mut attr_after = |comma: usize| -> Option<Attr> {
        if let Some(&(_, a)) = attr_memo.iter().find(|(k, _)| *k == comma) {
            return a;
        }
        let a = trailing_attr(text, &toks[comma..]);
        attr_memo.push((comma, a));
        a
    };
    // "According to X, CLAUSE."
    if lower_is(text, toks[0], &["according"]) && n > 2 && lower_is(text, toks[1], &["to"]) {
        if let Some(comma) = (2..n.min(20)).find(|&k| is_punct(text, toks[k], &[","])) {
            if let Some((m, _)) = phrase_forward(text, toks, 2) {
                if comma + 1 < n {
                    let start = toks[comma + 1].start();
                    push_indirect(
                        cards,
                        block,
                        Span::new(start, end.max(start)),
                        Attr {
                            mention: Some(m),
                            cue: Some(Span::new(toks[0].start(), toks[1].end())),
                            end,
                            takes_object: false,
                        },
                        "according-to",
                    );
                }
            }
        }
        return;
    }
    // "CLAUSE, according to X." / "CLAUSE, X said." / "CLAUSE, said X."
    // The attribution may hold a comma of its own: "..., said Jo Park, a nurse."
    for comma in (1..n)
        .rev()
        .take(16)
        .filter(|&k| is_punct(text, toks[k], &[","]))
        .take(2)
    {
        if comma >= last_report {
            continue;
        }
        let tail = &toks[comma..];
        let tail_end_ok = tail
            .iter()
            .skip(1)
            .all(|t| t.word() || is_punct(text, *t, &[".", "!", "?", "-", ","]));
        if tail_end_ok {
            let attr = if lower_is(text, toks[comma + 1.min(n - comma - 1)], &["according"]) {
                let t = &toks[comma + 1..];
                if t.len() > 2 && lower_is(text, t[1], &["to"]) {
                    // The source ends the sentence ("..., according to the survey of
                    // 2,000 farms."), not a clause it interrupts ("X, according to Y, is").
                    phrase_forward(text, t, 2)
                        .filter(|&(_, k)| !text[t[k - 1].end()..se].contains(','))
                        .map(|(m, _)| Attr {
                            mention: Some(m),
                            cue: Some(Span::new(t[0].start(), t[1].end())),
                            end,
                            takes_object: false,
                        })
                } else {
                    None
                }
            } else {
                attr_after(comma).filter(|a| {
                    a.cue.is_some_and(|c| {
                        cues::cue(&text[c]).is_some_and(|c| c.reports)
                            || text[c].starts_with("according")
                    }) && (only_time_after(&text[a.end..se]) || setting_after(&text[a.end..se]))
                })
            };
            if let Some(a) = attr {
                let head = &toks[..comma];
                if let Some((inner, after)) =
                    cue_with_mention(text, head, Some(&reporting[..comma]))
                {
                    let cs = clause_start(text, head, after, inner.takes_object);
                    if cs < comma && !is_punct(text, head[after.min(comma - 1)], &[",", "."]) {
                        let clause = Span::new(head[cs].start(), toks[comma].start());
                        if has_words(&text[clause], 3) {
                            push_indirect(cards, block, clause, inner, "reported-cue-before");
                            return;
                        }
                    }
                }
                let clause = Span::new(ss, toks[comma].start());
                if has_words(&text[clause], 3) {
                    push_indirect(cards, block, clause, a, "reported-cue-after");
                }
                return;
            }
        }
    }
    // "CLAUSE, X said, adding that CLAUSE."
    let gerunds = [
        "adding",
        "saying",
        "noting",
        "explaining",
        "arguing",
        "stressing",
        "insisting",
        "warning",
    ];
    // The gerund follows a comma after the attribution.
    let has_gerund = toks
        .windows(2)
        .any(|w| is_punct(text, w[0], &[","]) && lower_is(text, w[1], &gerunds));
    for comma in (2..n.min(60)).filter(|&k| has_gerund && is_punct(text, toks[k], &[","])) {
        if comma >= last_report {
            break;
        }
        let Some(a) = attr_after(comma).filter(|a| {
            a.cue
                .is_some_and(|c| cues::cue(&text[c]).is_some_and(|c| c.reports))
        }) else {
            continue;
        };
        let g = toks[comma..]
            .iter()
            .position(|t| t.start() >= a.end)
            .map(|p| comma + p);
        let Some(g) = g else { break };
        if !(is_punct(text, toks[g], &[","])
            && toks
                .get(g + 1)
                .is_some_and(|t| lower_is(text, *t, &gerunds)))
        {
            continue;
        }
        let first = Span::new(ss, toks[comma].start());
        let mut cs = g + 2;
        if cs < n && lower_is(text, toks[cs], &["that"]) {
            cs += 1;
        }
        if cs < n && has_words(&text[first], 3) {
            push_indirect(cards, block, first, a, "reported-cue-after");
            let second = Span::new(toks[cs].start(), end.max(toks[cs].start()));
            let gerund = Attr {
                cue: Some(toks[g + 1].span()),
                ..a
            };
            push_indirect(cards, block, second, gerund, "reported-gerund");
            return;
        }
        break;
    }
    // "CLAUSE, X said, (that) CLAUSE.": reported speech interrupted by its attribution. Its
    // reporting cue opens the attribution ("..., said X, ...") or ends it right before the
    // second comma ("..., X said, ..."): past the last comma with either, the loop below
    // cannot find one, and stops.
    let mut reach = None;
    for comma in (2..n.min(30)).filter(|&k| is_punct(text, toks[k], &[","])) {
        if comma >= last_report
            || comma
                >= *reach
                    .get_or_insert_with(|| interrupted_reach(text, toks, reporting, last_report))
        {
            break;
        }
        let Some(a) = attr_after(comma).filter(|a| {
            a.cue.is_some_and(|c| {
                cues::cue(&text[c]).is_some_and(|c| c.reports) || text[c].starts_with("according")
            })
        }) else {
            continue;
        };
        let Some(c2) = toks[comma..]
            .iter()
            .position(|t| t.start() >= a.end)
            .map(|p| comma + p)
        else {
            break;
        };
        if !is_punct(text, toks[c2], &[","]) || c2 + 1 >= n {
            break;
        }
        let mut from = c2 + 1;
        if lower_is(text, toks[from], &["that"]) {
            from += 1;
        }
        let first = Span::new(ss, toks[comma].start());
        if from < n && toks[from].start() < end && has_words(&text[first], 3) {
            let second = Span::new(toks[from].start(), end);
            // "..., said Dr. Jo Park, a nurse.": an appositive, not a second clause.
            let appositive = from == c2 + 1
                && lower_is(text, toks[from], &["a", "an", "the"])
                && !has_words(&text[second], 9);
            // After "according to X," the sentence goes on with its verb: "Residents,
            // according to the survey, are ..." (a capital continues X's name).
            let according = a.cue.is_some_and(|c| text[c].starts_with("according"));
            let goes_on = if according {
                !names::is_capitalized(toks[from].text(text))
            } else {
                starts_clause(text, toks[from])
            };
            if has_words(&text[second], 3) && goes_on && !appositive {
                cards.push(Card {
                    kind: QuoteKind::Indirect,
                    span: Span::new(ss, end),
                    fragments: vec![first, second],
                    attr: Some(a),
                    rule: "reported-interrupted",
                    tail: end,
                    open_for_more: false,
                    block,
                });
                return;
            }
        }
        break;
    }
    // "X said (that) CLAUSE." The last cue with a mention is tried first; when what follows it
    // reports nothing ("The ministry said it would ask for talks": "ask for"), the cue before
    // it is tried, with the later one inside its clause.
    let mut limit = n;
    while let Some((a, after)) = cue_with_mention(text, &toks[..limit], Some(&reporting[..limit])) {
        let earlier = |a: &Attr| {
            a.cue
                .and_then(|c| {
                    toks[..limit]
                        .iter()
                        .position(|t| t.start() == c.start as usize)
                })
                .unwrap_or(0)
        };
        // Past the last cue, only "said" or "told" and their forms open a clause that holds
        // another cue ("They added yet another goal when ..." adds no report).
        if limit < n && !a.cue.is_some_and(|c| cues::is_say(&text[c])) {
            limit = earlier(&a);
            continue;
        }
        if after >= n
            || is_punct(text, toks[after], &[".", ",", ";", ":"])
                && !lower_is(text, toks[after.min(n - 1)], &["that"])
        {
            if after < n && is_punct(text, toks[after], &[","]) {
                // "X said, CLAUSE" is rare; an interrupted report is skipped.
            }
            return;
        }
        let cs = clause_start(text, toks, after, a.takes_object);
        if cs >= n {
            return;
        }
        // A reported clause starts with "that" (already skipped) or a subject: a name, a
        // pronoun, a determiner, a number. "claimed responsibility" reports nothing.
        let after_that = cs > 0 && lower_is(text, toks[cs - 1], &["that"]);
        // Only the plain reporting verbs drop "that"; "announced their plans", "estimated
        // 1,400", "recorded his first goal" report nothing.
        let core = a.cue.is_some_and(|c| {
            let l = Lower::new(&text[c]);
            let w = l.bytes();
            [
                "say",
                "said",
                "tell",
                "told",
                "add",
                "claim",
                "argue",
                "insist",
                "explain",
                "note",
                "state",
                "warn",
                "admit",
                "acknowledg",
                "confirm",
                "suggest",
                "believe",
                "think",
                "thought",
                "concede",
                "stress",
                "contend",
                "maintain",
                "wrote",
                "write",
                "according",
            ]
            .iter()
            .any(|p| w.starts_with(p.as_bytes()))
        });
        // "BC Ferries urged travellers to stay home", "told residents never to ...": a
        // directive and its infinitive.
        let infinitive = a.takes_object
            && (lower_is(text, toks[cs], &["to"])
                || lower_is(text, toks[cs], &["never", "not"])
                    && toks
                        .get(cs + 1)
                        .is_some_and(|t| lower_is(text, *t, &["to"])));
        if !after_that && !core && !infinitive {
            limit = earlier(&a);
            continue;
        }
        if !after_that
            && !infinitive
            && !starts_clause(text, toks[cs])
            && toks.get(cs + 1).is_none_or(|t| {
                !t.word()
                    || lower_is(
                        text,
                        *t,
                        &[
                            "for", "of", "to", "with", "on", "at", "from", "by", "about", "into",
                            "as", "and", "the", "a", "an", "his", "her", "their", "its", "that",
                        ],
                    )
            })
        {
            limit = earlier(&a);
            continue;
        }
        let start = toks[cs].start();
        let mut stop = end;
        // "The board, which said the course was safe, cancelled ...": a relative clause
        // between commas ends at its comma.
        let cue_idx = (0..after).rev().find(|&k| toks[k].word()).unwrap_or(0);
        let mut w = cue_idx;
        while w > 0 && toks[w - 1].word() && names::is_cue_filler(toks[w - 1].text(text)) {
            w -= 1;
        }
        if w >= 2
            && lower_is(text, toks[w - 1], &["who", "which"])
            && is_punct(text, toks[w - 2], &[","])
        {
            if let Some(c) = (cs..n).find(|&k| is_punct(text, toks[k], &[","])) {
                stop = toks[c].start();
            }
        }
        // A trailing ", saying ...", ", according to ..." or ", and added ..." ends the
        // clause; a gerund or a second verb reports a clause of its own.
        let mut second: Option<(usize, usize)> = None;
        for k in cs..n {
            let comma = is_punct(text, toks[k], &[","]);
            let gerund = comma
                && toks.get(k + 1).is_some_and(|t| {
                    lower_is(
                        text,
                        *t,
                        &[
                            "saying",
                            "adding",
                            "noting",
                            "according",
                            "explaining",
                            "arguing",
                        ],
                    )
                });
            let and_cue = lower_is(text, toks[k], &["and"])
                && k > cs
                && toks.get(k + 1).is_some_and(|t| {
                    lower_is(
                        text,
                        *t,
                        &[
                            "said", "added", "says", "adds", "noted", "argued", "insisted",
                        ],
                    )
                });
            if gerund || and_cue {
                stop = if and_cue && is_punct(text, toks[k - 1], &[","]) {
                    toks[k - 1].start()
                } else {
                    toks[k].start()
                };
                if !lower_is(text, toks[k + 1], &["according"]) {
                    second = Some((k + 1, k + 2));
                }
                break;
            }
        }
        let clause = Span::new(start, stop.max(start));
        if has_words(&text[clause], 3) {
            push_indirect(cards, block, clause, a, "reported-cue-before");
            if let Some((cue, mut from)) = second {
                if from < n && lower_is(text, toks[from], &["that"]) {
                    from += 1;
                }
                if from < n && toks[from].start() < end {
                    let clause2 = Span::new(toks[from].start(), end);
                    if has_words(&text[clause2], 3) {
                        let attr = Attr {
                            cue: Some(toks[cue].span()),
                            ..a
                        };
                        push_indirect(cards, block, clause2, attr, "reported-gerund");
                    }
                }
            }
        }
        return;
    }
}

/// For "CLAUSE, X said, (that) CLAUSE." in [`indirect`]: a bound past which no comma opens an
/// attribution with a reporting cue that a comma follows. Such an attribution
/// ([`trailing_attr`]) either opens with its cue, the first token after the comma (and any
/// further commas or ellipses), and a comma follows somewhere after the cue; or ends with it,
/// the comma coming right after the cue (after "according to" for that cue). Every comma from
/// the bound on has neither.
fn interrupted_reach(text: &str, toks: &[Tok], reporting: &[bool], last_report: usize) -> usize {
    let comma_at = |k: usize| toks.get(k).is_some_and(|t| is_punct(text, *t, &[","]));
    let Some(last_comma) = (0..toks.len()).rev().find(|&k| comma_at(k)) else {
        return 0;
    };
    for r in (0..=last_report.min(last_comma)).rev() {
        if !reporting[r] {
            continue;
        }
        // The cue ends the attribution: every comma before it may open one.
        if comma_at(r + 1) || comma_at(r + 2) && lower_is(text, toks[r], &["according"]) {
            return r;
        }
        // The cue opens the attribution: the comma before it (and any run of commas and
        // ellipses) may.
        let mut c = r;
        while c > 0 && is_punct(text, toks[c - 1], &["\u{2026}"]) {
            c -= 1;
        }
        if c > 0 && comma_at(c - 1) {
            return r;
        }
    }
    0
}

/// A verb that reports speech on its own ("said", "argued"), or "according".
fn is_reporting(text: &str, t: Tok) -> bool {
    // The word's bytes: a cue is a word of ASCII letters, read without slicing the text.
    t.word() && {
        let w = &text.as_bytes()[t.start()..t.end()];
        cues::cue_bytes(w).is_some_and(|c| c.reports) || lower_is_bytes(w, &["according"])
    }
}

fn push_indirect(cards: &mut Vec<Card>, block: usize, clause: Span, a: Attr, rule: &'static str) {
    cards.push(Card {
        kind: QuoteKind::Indirect,
        span: clause,
        fragments: vec![clause],
        attr: Some(a),
        rule,
        tail: clause.end as usize,
        open_for_more: false,
        block,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks_of(s: &str) -> Vec<(usize, bool, bool)> {
        let mut m = Vec::new();
        scan_marks(s, Span::new(0, s.len()), &mut m);
        m.iter().map(|m| (m.pos, m.open, m.close)).collect()
    }

    #[test]
    fn byte_search_and_word_count_match_plain_loops() {
        // Every length and position of a hit, over a mix of ASCII, marks and multi-byte text.
        let alphabet = [
            "a", " ", ".", "\"", "'", "?", "!", "1", "\u{b}", "é", "“", "\t", "-",
        ];
        let mut seed = 7u32;
        for len in 0..40 {
            for _ in 0..20 {
                let mut s = String::new();
                for _ in 0..len {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    s.push_str(alphabet[(seed >> 16) as usize % alphabet.len()]);
                }
                let b = s.as_bytes();
                let marks = find_byte(b, |x| {
                    has_byte(x, b'"') | has_byte(x, b'\'') | x & HIGH_BITS
                });
                assert_eq!(
                    marks,
                    b.iter().position(|&c| c == b'"' || c == b'\'' || c >= 0x80),
                    "{s:?}"
                );
                let stops = find_byte(b, |x| {
                    has_byte(x, b'.') | has_byte(x, b'?') | has_byte(x, b'!')
                });
                assert_eq!(
                    stops,
                    b.iter().position(|&c| matches!(c, b'.' | b'?' | b'!'))
                );
                let words = s
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
                assert_eq!(word_count(&s), words, "{s:?}");
                assert_eq!(has_words(&s, 3), words >= 3, "{s:?}");
            }
        }
    }

    #[test]
    fn the_stop_shapes_pass_every_stop_word() {
        for w in PHRASE_STOPS.lines() {
            assert!(is_phrase_stop(w), "{w}");
            assert!(is_phrase_stop(&w.to_uppercase()), "{w}");
        }
        for w in ["", "Smith", "inn", "said,", "Ministry", "été"] {
            assert!(!is_phrase_stop(w), "{w}");
        }
    }

    #[test]
    fn apostrophes_are_not_marks() {
        // None can open a quotation; a trailing one may close only an open single quote.
        let text = "the '90s, rock 'n' roll, don't, O'Neil, Dunkin' and the Joneses' car";
        assert!(marks_of(text).iter().all(|&(_, open, _)| !open));
        let doc = crate::parse(text);
        assert!(doc.quotes.is_empty() && doc.terms.is_empty());
        assert_eq!(marks_of("\"Hi,\" she said").len(), 2);
    }

    #[test]
    fn the_subject_speaks_for_an_and_cue_only_without_an_earlier_speaker() {
        // The cue and the speaker's name that `cue_with_mention` finds in `s`.
        fn attribution(s: &str) -> Option<(&str, &str)> {
            let mut toks = Vec::new();
            names::tokenize(s, 0, s.len(), &mut toks);
            let (a, _) = cue_with_mention(s, &toks, None)?;
            let cue = a.cue?;
            Some((&s[..cue.end as usize], &s[a.mention?.name]))
        }
        // An earlier cue has a speaker: it is the attribution, not the "and said" one.
        let s = "Dana Whitlock said the plan had failed and said it would return";
        assert_eq!(
            attribution(s),
            Some(("Dana Whitlock said", "Dana Whitlock"))
        );
        // No earlier cue has one: the sentence's subject speaks through "and said".
        let s = "The harbour board met on Monday and said it would return";
        assert_eq!(
            attribution(s),
            Some((
                "The harbour board met on Monday and said",
                "The harbour board met"
            ))
        );
    }

    #[test]
    fn a_capitalised_cue_word_before_a_speech_verb_is_a_name() {
        // The cue and the speaker's name that `trailing_attr` finds after a quotation.
        fn trailing(s: &str) -> Option<(&str, &str)> {
            let mut toks = Vec::new();
            names::tokenize(s, 0, s.len(), &mut toks);
            let a = trailing_attr(s, &toks)?;
            Some((&s[a.cue?], &s[a.mention?.name]))
        }
        // "grant" and "hope" are cues ("he granted", "she hoped"), but not capitalised before "said".
        assert_eq!(trailing(" Grant said."), Some(("said", "Grant")));
        assert_eq!(trailing(" Hope says, smiling."), Some(("says", "Hope")));
        // A cue still opens the attribution: "said Grant".
        assert_eq!(trailing(" said Grant."), Some(("said", "Grant")));
    }
}
