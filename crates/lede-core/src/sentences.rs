//! Sentence boundaries inside body blocks.
//!
//! A hand-written splitter for news prose. A sentence ends at `.`, `?`, `!` or an ellipsis,
//! together with any closing quotes and brackets (`."`, `?”`, `.)`), when white space and then
//! the start of a new sentence follow: a capital letter, a digit, an opening quote or bracket,
//! or a letter of a script without case. It does not end:
//! - before a lower-case word: `?" he asked.` goes on;
//! - after a title or other abbreviation that precedes a name or number: `Mr.`, `Gov.`, `Sen.`,
//!   `St.`, `No.`, `Feb. 22`, `Inc.`, initials such as `J. R. Smith`;
//! - after an abbreviation that can also end a sentence (`U.S.`, `a.m.`, `Inc.`, `Jr.`, `etc.`),
//!   unless the next word is a common sentence opener (`The`, `He`, `But`, ...);
//! - inside a decimal (`3.5`) or a web address, since no space follows the point.
//!
//! Spans are trimmed, non-empty, in text order and inside their block.

use crate::gazetteer::FastSet;
use crate::{Block, Span};
use std::sync::OnceLock;

/// Sentence spans of every body block, in text order.
pub fn split(text: &str, blocks: &[Block]) -> Vec<Span> {
    let mut out = Vec::new();
    for block in blocks.iter().filter(|b| b.kind.is_body()) {
        split_block(text, block.span, &mut out);
    }
    out
}

/// A byte that starts something the splitter looks at: a terminator, a straight quote, or the
/// lead byte of a curly quote, the ellipsis or full-width punctuation. Written as comparisons
/// (not a table) so that a test over a chunk of bytes vectorises.
fn is_interesting(b: u8) -> bool {
    (b == b'.') | (b == b'?') | (b == b'!') | (b == b'"') | (b == 0xe2) | (b == 0xe3) | (b == 0xef)
}

/// The index of the first [`is_interesting`] byte of a chunk, 16 when there is none. Each
/// byte becomes 0xFF or 0 and the lowest marked byte of the 128-bit word is found: written
/// this way (comparisons cast to bytes, not combined as booleans) the marks compile to a few
/// vector comparisons and no per-byte branches.
fn first_interesting(chunk: &[u8; 16]) -> usize {
    let marks = chunk.map(|b| {
        (u8::from(b == b'.')
            | u8::from(b == b'?')
            | u8::from(b == b'!')
            | u8::from(b == b'"')
            | u8::from(b == 0xe2)
            | u8::from(b == 0xe3)
            | u8::from(b == 0xef))
        .wrapping_neg()
    });
    (u128::from_le_bytes(marks).trailing_zeros() / 8) as usize
}

/// Append the sentences of one span of text.
pub fn split_block(text: &str, span: Span, out: &mut Vec<Span>) {
    let base = span.start as usize;
    let s = &text[span];
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Whether a double quotation is open at `i`: straight quotes toggle, curly ones open and
    // close.
    let mut in_quote = false;
    while i < bytes.len() {
        // Skip the bytes that can neither end a sentence nor open or close a quotation:
        // sixteen at a time, each chunk giving the place of its first interesting byte, then
        // byte by byte in the last few bytes.
        while let Some(chunk) = bytes[i..].first_chunk::<16>() {
            let at = first_interesting(chunk);
            i += at;
            if at < 16 {
                break;
            }
        }
        while i < bytes.len() && !is_interesting(bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        match b {
            b'"' => in_quote = !in_quote,
            0xe2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x9c) => in_quote = true,
                Some(0x9d) => in_quote = false,
                _ => {}
            },
            _ => {}
        }
        // '.', '?', '!' or '…' (E2 80 A6); the ideographic full stop and full-width marks end
        // a sentence with no space after them.
        let wide = matches!(
            bytes.get(i..i + 3),
            Some([0xe3, 0x80, 0x82] | [0xef, 0xbc, 0x81] | [0xef, 0xbc, 0x9f])
        );
        if wide {
            let mut j = i + 3;
            while matches!(
                bytes.get(j..j + 3),
                Some([0xe2, 0x80, 0x9d | 0x99] | [0xe3, 0x80, 0x8d | 0x8f])
            ) {
                j += 3;
            }
            let (ss, se) = trim(s, start, j);
            if ss < se {
                out.push(Span::new(base + ss, base + se));
            }
            start = j;
            i = j;
            continue;
        }
        let term_len = match b {
            b'.' | b'?' | b'!' => 1,
            0xe2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xa6]) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        // Swallow repeated terminators ("?!", "...") and closing quotes/brackets.
        let mut j = i + term_len;
        loop {
            match bytes.get(j) {
                Some(b'"') => {
                    in_quote = !in_quote;
                    j += 1;
                }
                Some(b'.' | b'?' | b'!' | b'\'' | b')' | b']') => j += 1,
                // ” ’ » and … : E2 80 9D / E2 80 99 / C2 BB / E2 80 A6
                Some(0xe2)
                    if matches!(bytes.get(j + 1..j + 3), Some([0x80, 0x9d | 0x99 | 0xa6])) =>
                {
                    if bytes[j + 2] == 0x9d {
                        in_quote = false;
                    }
                    j += 3
                }
                Some(0xc2) if bytes.get(j + 1) == Some(&0xbb) => j += 2,
                _ => break,
            }
        }
        let at_end = j >= bytes.len();
        if !at_end && !matches!(bytes[j], b' ' | b'\n') {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < bytes.len() && matches!(bytes[k], b' ' | b'\n') {
            k += 1;
        }
        let boundary = at_end
            || k >= bytes.len()
            || (starts_sentence(&s[k..])
                && !(b == b'.'
                    && term_len == 1
                    && j == i + 1
                    && abbreviation_blocks(s, i, &s[k..]))
                && !(in_quote && quote_runs_on_to_attribution(&bytes[k..])));
        if boundary {
            let (ss, se) = trim(s, start, j);
            if ss < se {
                out.push(Span::new(base + ss, base + se));
            }
            start = k;
        }
        i = k.max(i + 1);
    }
    let (ss, se) = trim(s, start, s.len());
    if ss < se {
        out.push(Span::new(base + ss, base + se));
    }
}

/// Inside an open quotation, whether the quotation goes on to close with a comma before its
/// attribution (`"Will they agree? Not yet," she said.`): then the quoted question is part
/// of one sentence. Looks ahead a bounded distance.
fn quote_runs_on_to_attribution(rest: &[u8]) -> bool {
    let window = &rest[..rest.len().min(240)];
    for (p, &c) in window.iter().enumerate() {
        let close = c == b'"' || (c == 0xe2 && window.get(p + 1..p + 3) == Some(&[0x80, 0x9d]));
        let open = c == 0xe2 && window.get(p + 1..p + 3) == Some(&[0x80, 0x9c]);
        if open {
            return false;
        }
        if close {
            return p > 0 && window[p - 1] == b',';
        }
        if matches!(c, b'.' | b'?' | b'!') {
            // Another sentence inside the quotation first: split here as usual.
            return false;
        }
    }
    false
}

fn trim(s: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &s[start..end];
    let t = slice.trim_start();
    let ss = start + slice.len() - t.len();
    (ss, ss + t.trim_end().len())
}

/// Whether text can start a sentence: a capital, digit, opening quote or bracket, or a
/// letter without case (CJK, Arabic, ...).
fn starts_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else { return false };
    match c {
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '—' | '–' | '-' | '¿' | '¡' | '#' | '@'
        | '$' | '£' | '€' => {
            // The quoted word decides: `"we` after a period still starts a sentence.
            true
        }
        c if c.is_uppercase() || c.is_ascii_digit() => true,
        c if c.is_lowercase() => false,
        c => c.is_alphabetic() || !c.is_alphanumeric(),
    }
}

/// Abbreviations that are followed by a name or a number, never ending a sentence there.
const TITLES: &str = "\
Mr Mrs Ms Mx Dr Prof Gov Sen Sens Rep Reps Gen Lt Col
Sgt Capt Cmdr Adm Maj Cpl Pvt Rev Hon Pres Supt Insp Det
Atty Amb Fr Sr St Ste Mt Ft No Nos Vol Vols Art Fig
Figs Ch Sec Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct
Nov Dec vs v approx ca cf Op pp p Ave Blvd Rd Univ
Dept Gov't Ald Msgr Messrs Mme Mlle Dist Cong
";

/// Abbreviations that end a sentence when a typical sentence opener follows.
const MAYBE_END: &str = "\
Inc Corp Co Ltd Bros Jr etc al LLC Plc plc Assn Calif
Fla Ill Mass Mich Minn Pa Tex Va Wash Ariz Colo Conn Del
Ga Ind Kan Ky La Md Mo Mont Neb Nev Okla Ore Tenn Vt
Wis Wyo Ala Ark Miss Penn Mass Ont Que
";

const OPENERS: &str = "\
The
A
An
He
She
It
They
We
I
You
But
And
In
On
At
This
That
These
Those
His
Her
Their
Its
Our
There
Then
Now
So
Yet
Still
As
After
Before
When
While
If
Some
Many
Most
Officials
Police
According
Meanwhile
However
Asked
Last
Earlier
Later
Since
For
With
What
Why
How
Who
No
Yes
One
Two
";

/// Whether the word ending at the period `dot` is an abbreviation that does not end the
/// sentence before `next`.
fn abbreviation_blocks(s: &str, dot: usize, next: &str) -> bool {
    let before = &s[..dot];
    let word_start = word_start_before(before.as_bytes());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A list number at the start of the block: "1. Repair the roads".
    if word_start == 0 && word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // Whether the next word is a common sentence opener, looked up only when it decides.
    let next_is_opener = || {
        let next_word = next
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
            .next()
            .unwrap_or("");
        OPENER_LIST.contains(next_word)
    };
    // A single capital: an initial ("J. R. Smith"), unless an opener follows ("Plan B. The").
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() && first.is_uppercase() {
        return !next_is_opener();
    }
    // Every listed abbreviation is short; a longer word without a period is none of them.
    if word.len() > ABBREVIATION_MAX_LEN && !word.contains('.') {
        return false;
    }
    if TITLE_LIST.contains(word) {
        return true;
    }
    // Dotted initialisms and a.m./p.m.: "U.S", "D.C", "a.m", "p.m", "U.N".
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if dotted || MAYBE_END_LIST.contains(word) {
        return !next_is_opener();
    }
    false
}

/// Where the word that ends `before` starts: after the last space, line feed, `(`, `"`, `'`,
/// `/`, `“`, `‘` or `—`, or at 0. Read byte by byte from the end: a three-byte mark is
/// recognised by its last byte and the two before it (E2 80), which in UTF-8 can only be
/// that character.
fn word_start_before(before: &[u8]) -> usize {
    for p in (0..before.len()).rev() {
        match before[p] {
            b' ' | b'\n' | b'(' | b'"' | b'\'' | b'/' => return p + 1,
            // “ ‘ —: E2 80 9C / E2 80 98 / E2 80 94
            0x9c | 0x98 | 0x94 if p >= 2 && before[p - 2..p] == [0xe2, 0x80] => return p + 1,
            _ => {}
        }
    }
    0
}

/// The first bytes and lengths of a list's words (separated by ASCII whitespace): bit `n` of
/// entry `b` is set when a word of the list starts with byte `b` and is `n` bytes long (every
/// word is shorter than 16 bytes).
const fn first_bytes_and_lengths(words: &str) -> [u16; 256] {
    let w = words.as_bytes();
    let mut keys = [0u16; 256];
    let mut i = 0;
    while i < w.len() {
        if w[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < w.len() && !w[i].is_ascii_whitespace() {
            i += 1;
        }
        assert!(i - start < 16);
        keys[w[start] as usize] |= 1 << (i - start);
    }
    keys
}

static TITLE_LIST: WordList = WordList::new(TITLES);
static MAYBE_END_LIST: WordList = WordList::new(MAYBE_END);
static OPENER_LIST: WordList = WordList::new(OPENERS);

/// A list of words separated by ASCII whitespace, with its [`first_bytes_and_lengths`] and a
/// set of its words built on first use.
struct WordList {
    words: &'static str,
    keys: [u16; 256],
    set: OnceLock<FastSet<&'static str>>,
}

impl WordList {
    const fn new(words: &'static str) -> WordList {
        WordList {
            words,
            keys: first_bytes_and_lengths(words),
            set: OnceLock::new(),
        }
    }

    /// Whether `word` is in the list, matched exactly: the set is looked up only when a word
    /// of the list has the same first byte and length (most words have none).
    fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        match b.first() {
            Some(&f) if b.len() < 16 && self.keys[usize::from(f)] >> b.len() & 1 != 0 => self
                .set
                .get_or_init(|| self.words.split_ascii_whitespace().collect())
                .contains(word),
            _ => false,
        }
    }
}

/// The longest entry of [`TITLES`] and [`MAYBE_END`], in bytes.
const ABBREVIATION_MAX_LEN: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_block(s, Span::new(0, s.len()), &mut out);
        out.into_iter().map(|sp| &s[sp]).collect()
    }

    /// The byte search for a word's start agrees with a search over characters.
    #[test]
    fn word_start_found_from_the_bytes() {
        for before in [
            "",
            "Mr",
            "said Mr",
            "(Gov",
            "“U.S",
            "‘Inc",
            "the—St",
            "a/b",
            "it's",
            "line\nNo",
            "naïve Dr",
            "x\u{2014}\u{201c}\u{2018}Jr",
            "\u{9c}\u{98}Sen",
            "€Co",
        ] {
            let expected = before
                .rfind([' ', '\n', '(', '"', '“', '‘', '\'', '—', '/'])
                .map_or(0, |p| {
                    p + before[p..].chars().next().map_or(1, char::len_utf8)
                });
            assert_eq!(word_start_before(before.as_bytes()), expected, "{before:?}");
        }
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "Mr. Lee met Gov. Ortiz on Feb. 22 in St. Paul. They spoke. J. R. Smith agreed."
            ),
            [
                "Mr. Lee met Gov. Ortiz on Feb. 22 in St. Paul.",
                "They spoke.",
                "J. R. Smith agreed."
            ]
        );
        assert_eq!(
            sentences("The U.S. Senate voted. It moved to the U.S. The bill passed at 5 p.m. Then it rained."),
            ["The U.S. Senate voted.", "It moved to the U.S.", "The bill passed at 5 p.m.", "Then it rained."]
        );
        assert_eq!(
            sentences("Acme Inc. said No. 3 was sold."),
            ["Acme Inc. said No. 3 was sold."]
        );
    }

    #[test]
    fn the_abbreviation_length_bound_covers_every_list_entry() {
        let longest = TITLES
            .split_ascii_whitespace()
            .chain(MAYBE_END.split_ascii_whitespace())
            .map(str::len)
            .max();
        assert_eq!(longest, Some(ABBREVIATION_MAX_LEN));
    }

    #[test]
    fn quotes_and_decimals() {
        assert_eq!(
            sentences("\"We will win,\" he said. \"Why not?\" she asked. Growth was 3.5 percent."),
            [
                "\"We will win,\" he said.",
                "\"Why not?\" she asked.",
                "Growth was 3.5 percent."
            ]
        );
        assert_eq!(
            sentences("“It is over.” Then silence."),
            ["“It is over.”", "Then silence."]
        );
        assert_eq!(
            sentences("Wait... Then go. Maybe… perhaps not."),
            ["Wait...", "Then go.", "Maybe… perhaps not."]
        );
    }

    #[test]
    fn quoted_question_before_attribution() {
        assert_eq!(
            sentences("\"Will they agree? Not yet,\" she said. \"Why? We wait.\" Then rain."),
            [
                "\"Will they agree? Not yet,\" she said.",
                "\"Why?",
                "We wait.\"",
                "Then rain."
            ]
        );
    }

    #[test]
    fn list_numbers_and_cjk() {
        assert_eq!(
            sentences("1. Repair the roads. Then paint them."),
            ["1. Repair the roads.", "Then paint them."]
        );
        assert_eq!(
            sentences("北京发布了新规定。新规定下月生效。"),
            ["北京发布了新规定。", "新规定下月生效。"]
        );
    }

    #[test]
    fn no_terminal_punctuation() {
        assert_eq!(sentences("no end here"), ["no end here"]);
        assert!(sentences("").is_empty());
        assert_eq!(sentences("..."), ["..."]);
    }
}
