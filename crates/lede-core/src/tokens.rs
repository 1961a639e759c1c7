//! Word tokens with byte spans, shared by the entity, date and figure readers.
//!
//! One linear pass, no allocation per token. A word keeps internal hyphens, apostrophes,
//! periods and ampersands ("al-Nusra", "O'Brien", "U.S.", "AT&T"); a possessive "'s" is its own
//! token; numbers keep their separators ("1,200", "2016-02-18", "3.5").

use crate::gazetteer::WordFilter;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
}

/// First letter upper case (or a lower-case Arabic particle before a capital: "al-Nusra").
pub const CAP: u8 = 1;
/// Every letter upper case, at least one letter.
pub const ALLCAPS: u8 = 2;
/// First token of a sentence.
pub const SENT_START: u8 = 4;
/// First token of a line or block.
pub const LINE_START: u8 = 8;
/// Every letter lower case.
pub const LOWER: u8 = 16;
/// A byte of the token is not ASCII (words and punctuation; numbers are always ASCII).
pub const NON_ASCII: u8 = 32;
/// A word with a hyphen in it ("al-Nusra", "Anti-war").
pub const HYPHEN: u8 = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    pub flags: u8,
    /// For a word, the [`WordFilter::hash`] of its bytes with the 0x20 bit set: of its
    /// lower-case form when the word is ASCII (not [`NON_ASCII`]). Zero for other tokens.
    pub hash: u16,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }
    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
}

/// Tokens of several byte ranges of one text, tokenised once and shared by the entity, date
/// and figure readers.
#[derive(Clone, Debug, Default)]
pub struct Tokenized {
    pub toks: Vec<Tok>,
    /// (range start, range end, first token, token end), sorted by range.
    ranges: Vec<(usize, usize, usize, usize)>,
}

impl Tokenized {
    pub fn with_capacity(toks: usize) -> Tokenized {
        Tokenized {
            toks: Vec::with_capacity(toks),
            ranges: Vec::new(),
        }
    }

    /// Tokenise `text[a..b]` and record it as a range.
    pub fn push_range(&mut self, text: &str, a: usize, b: usize) {
        let first = self.toks.len();
        tokenize(text, a, b, &mut self.toks);
        self.ranges.push((a, b, first, self.toks.len()));
    }

    /// The tokens of exactly `text[a..b]` when that range was tokenised.
    pub fn get(&self, a: usize, b: usize) -> Option<&[Tok]> {
        let mut from = self.ranges.partition_point(|r| (r.0, r.1) < (a, b));
        self.get_from(a, b, &mut from)
    }

    /// [`Tokenized::get`] for ranges asked in text order: `from` (0 at first) keeps the place
    /// of the last answer, so asking for every block's range is one walk over the ranges. A
    /// range asked out of order is not found.
    pub fn get_from(&self, a: usize, b: usize, from: &mut usize) -> Option<&[Tok]> {
        while self.ranges.get(*from).is_some_and(|r| (r.0, r.1) < (a, b)) {
            *from += 1;
        }
        let &(ra, rb, first, end) = self.ranges.get(*from)?;
        (ra == a && rb == b).then(|| &self.toks[first..end])
    }
}

/// Whether `word` is an abbreviation whose period does not end a sentence.
fn is_abbreviation(word: &[u8]) -> bool {
    matches!(
        word,
        b"Mr"
            | b"Mrs"
            | b"Ms"
            | b"Dr"
            | b"Gov"
            | b"Sen"
            | b"Rep"
            | b"Gen"
            | b"Col"
            | b"Lt"
            | b"Capt"
            | b"Sgt"
            | b"St"
            | b"Jan"
            | b"Feb"
            | b"Mar"
            | b"Apr"
            | b"Aug"
            | b"Sep"
            | b"Sept"
            | b"Oct"
            | b"Nov"
            | b"Dec"
            | b"No"
            | b"Nos"
            | b"Prof"
            | b"Rev"
            | b"Jr"
            | b"Sr"
            | b"Mt"
            | b"Ft"
            | b"Adm"
            | b"Cmdr"
            | b"Maj"
            | b"vs"
            | b"Vs"
            | b"v"
            | b"etc"
            | b"approx"
    )
}

/// The dashes, quotation marks, bullets and ellipsis of general punctuation (U+2010 to
/// U+2027), frequent in news text: none is a letter, a digit or white space.
fn is_dash_or_quote(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c)
}

/// `char::is_alphabetic`, without the Unicode tables for ASCII and [`is_dash_or_quote`].
#[inline]
fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        !is_dash_or_quote(c) && c.is_alphabetic()
    }
}

/// `char::is_alphanumeric`, without the Unicode tables for ASCII and [`is_dash_or_quote`].
#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_dash_or_quote(c) && c.is_alphanumeric()
    }
}

/// The character at byte `i` of `text[..end]`, read without decoding when it is ASCII.
#[inline]
fn char_at(text: &str, i: usize, end: usize) -> Option<char> {
    let b = *text.as_bytes().get(i).filter(|_| i < end)?;
    if b < 0x80 {
        Some(char::from(b))
    } else {
        text[i..end].chars().next()
    }
}

/// Tokenise `text[start..end]`, appending to `out`. The first token is marked as a line and
/// sentence start.
///
/// One pass over the bytes, dispatched on their [`BYTE_CLASS`]: white space is skipped, a word
/// of ASCII letters and digits followed by a byte that cannot continue a word (most words) is
/// found and classified with the table alone; words that may go on (a period, hyphen,
/// apostrophe, ampersand or non-ASCII character after them) and non-ASCII text take the
/// general path.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    // Sliced to the range's end: every index below `end` is in bounds.
    let bytes = &text.as_bytes()[..end];
    let first = out.len();
    let mut i = start;
    // The start flags of the next token: a line start is always a sentence start too.
    let mut flags = LINE_START | SENT_START;
    while i < bytes.len() {
        let b = bytes[i];
        let cls = BYTE_CLASS[usize::from(b)];
        if cls & SPACE_BIT != 0 {
            if b == b'\n' {
                flags = LINE_START | SENT_START;
            }
            i += 1;
            continue;
        }
        if cls & LETTER_BITS != 0 {
            // An ASCII letter: the run of ASCII letters and digits, and the classes of its bytes.
            let mut j = i + 1;
            let mut class = cls;
            while j < bytes.len() {
                let c = BYTE_CLASS[usize::from(bytes[j])];
                if c & ALNUM_BIT == 0 {
                    break;
                }
                class |= c;
                j += 1;
            }
            // The byte after the word; at the end of the range a zero, whose class (none) it
            // shares with any zero byte of the text.
            let next = bytes.get(j).copied().unwrap_or(0);
            // A period goes on a word only after a single letter ("U.S."): after two or more,
            // as at the end of most sentences, the word ends here.
            let continues =
                BYTE_CLASS[usize::from(next)] & JOIN_BIT != 0 && !(next == b'.' && j - i >= 2);
            if continues {
                i = push_word(text, i, end, flags, out);
            } else {
                // A glued label needs one of the labels' first letters and six bytes.
                if j - i >= 6 && may_start_label(b) && glued_label(&text[i..j]).is_some() {
                    push_word(text, i, end, flags, out);
                } else {
                    out.push(Tok {
                        start: i as u32,
                        end: j as u32,
                        kind: TokKind::Word,
                        flags: flags
                            | ASCII_WORD_FLAGS[usize::from(cls & UPPER_BIT) << 2
                                | usize::from(class & LETTER_BITS)],
                        hash: word_hash(&bytes[i..j]),
                    });
                }
                // The space after a word (the usual gap) is skipped here.
                i = if next == b' ' { j + 1 } else { j };
            }
            flags = 0;
        } else if cls & ALNUM_BIT != 0 {
            // A digit.
            let j = scan_number(bytes, i, end);
            out.push(Tok {
                start: i as u32,
                end: j as u32,
                kind: TokKind::Num,
                flags,
                hash: 0,
            });
            i = j;
            flags = 0;
        } else if b < 0x80 {
            // ASCII punctuation.
            out.push(Tok {
                start: i as u32,
                end: (i + 1) as u32,
                kind: TokKind::Punct,
                flags,
                hash: 0,
            });
            i += 1;
            let sent_start = flags & SENT_START != 0;
            flags = match b {
                b'.' => {
                    // A period glued to an abbreviation or a single capital ("J.") ends no
                    // sentence.
                    let abbrev = out.len() >= first + 2 && {
                        let p = out[out.len() - 2];
                        p.kind == TokKind::Word
                            && p.end as usize == i - 1
                            && (is_abbreviation(&bytes[p.start as usize..p.end as usize])
                                || (p.end - p.start == 1 && p.is(CAP)))
                    };
                    if abbrev {
                        flags & SENT_START
                    } else {
                        SENT_START
                    }
                }
                b'?' | b'!' => SENT_START,
                b':' | b';' if text.as_bytes().get(i) == Some(&b'\n') => SENT_START,
                // Opening quotes and brackets keep a sentence start for the word after them.
                b'"' | b'\'' | b'(' | b'[' | b'-' if sent_start => SENT_START,
                _ => 0,
            };
        } else {
            let Some(c) = text[i..end].chars().next() else {
                break;
            };
            let clen = c.len_utf8();
            if c.is_whitespace() {
                i += clen;
                continue;
            }
            if is_alphabetic(c) {
                i = push_word(text, i, end, flags, out);
                flags = 0;
                continue;
            }
            out.push(Tok {
                start: i as u32,
                end: (i + clen) as u32,
                kind: TokKind::Punct,
                flags: flags | NON_ASCII,
                hash: 0,
            });
            i += clen;
            flags = match c {
                // Opening quotes keep a sentence start for the word after them.
                '\u{201C}' | '\u{2018}' => flags & SENT_START,
                _ => 0,
            };
        }
    }
}

/// [`HYPHEN`] when `w` has a hyphen. (Words of ASCII letters and digits alone, read on the
/// fast path of [`tokenize`], have none.)
fn hyphen_flag(w: &str) -> u8 {
    if w.contains('-') {
        HYPHEN
    } else {
        0
    }
}

/// [`Tok::hash`] of a word's bytes (not empty).
#[inline]
fn word_hash(w: &[u8]) -> u16 {
    WordFilter::hash(
        w[0] | 0x20,
        w[w.len() / 2] | 0x20,
        w[w.len() - 1] | 0x20,
        w.len(),
    )
}

/// [`word_flags`] of a word of ASCII letters and digits, by whether its first letter is upper
/// case (4) and whether it has upper-case (1) and lower-case (2) letters.
const ASCII_WORD_FLAGS: [u8; 8] = {
    let mut t = [0u8; 8];
    let mut k = 0;
    while k < 8 {
        let (first_upper, upper, lower) = (k & 4 != 0, k & 1 != 0, k & 2 != 0);
        let mut f = 0;
        if first_upper {
            f |= CAP;
        }
        if upper && !lower {
            f |= ALLCAPS;
        }
        if !upper && lower {
            f |= LOWER;
        }
        t[k] = f;
        k += 1;
    }
    t
};

/// The word starting at byte `i` (a letter) read in full, pushed to `out` with `flags` on its
/// first token: a glued label and its name become two tokens. Returns the word's end.
#[inline(never)]
fn push_word(text: &str, i: usize, end: usize, flags: u8, out: &mut Vec<Tok>) -> usize {
    let (j, class) = scan_word(text, i, end);
    let w = &text[i..j];
    // A glued label needs an upper-case ASCII first letter and six bytes.
    let glued = if class & UPPER_BIT != 0 && w.len() >= 6 {
        glued_label(w)
    } else {
        None
    };
    if let Some(label) = glued {
        // Both halves are ASCII letters first, so their flags are read the same way.
        let k = i + label;
        out.push(Tok {
            start: i as u32,
            end: k as u32,
            kind: TokKind::Word,
            flags: flags | word_flags(&text[i..k]) | hyphen_flag(&text[i..k]),
            hash: word_hash(&text.as_bytes()[i..k]),
        });
        out.push(Tok {
            start: k as u32,
            end: j as u32,
            kind: TokKind::Word,
            flags: word_flags(&text[k..j]) | hyphen_flag(&text[k..j]),
            hash: word_hash(&text.as_bytes()[k..j]),
        });
    } else {
        out.push(Tok {
            start: i as u32,
            end: j as u32,
            kind: TokKind::Word,
            flags: flags | word_flags_with(w, class) | hyphen_flag(w),
            hash: word_hash(w.as_bytes()),
        });
    }
    j
}

/// Byte classes: upper-case ASCII letter, lower-case ASCII letter, ASCII digit, any byte of a
/// non-ASCII character; the first three are also `ALNUM_BIT`. `SPACE_BIT` marks ASCII white
/// space (tab, line feed, vertical tab, form feed, carriage return, space); `JOIN_BIT` marks
/// the bytes that may continue a word after its letters and digits: `'`, `-`, `&`, `.` and
/// every non-ASCII byte.
const UPPER_BIT: u8 = 1;
const LOWER_BIT: u8 = 2;
const NON_ASCII_BIT: u8 = 4;
const ALNUM_BIT: u8 = 8;
const SPACE_BIT: u8 = 16;
const JOIN_BIT: u8 = 32;
const LETTER_BITS: u8 = UPPER_BIT | LOWER_BIT;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER_BIT | ALNUM_BIT
        } else if c.is_ascii_lowercase() {
            LOWER_BIT | ALNUM_BIT
        } else if c.is_ascii_digit() {
            ALNUM_BIT
        } else if c >= 0x80 {
            NON_ASCII_BIT | JOIN_BIT
        } else if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            SPACE_BIT
        } else if matches!(c, b'\'' | b'-' | b'&' | b'.') {
            JOIN_BIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// [`word_flags`] of a word whose bytes' [`BYTE_CLASS`] bits or-ed together are `class`.
fn word_flags_with(w: &str, class: u8) -> u8 {
    if class & NON_ASCII_BIT != 0 {
        return word_flags(w);
    }
    let upper = class & UPPER_BIT != 0;
    let lower = class & LOWER_BIT != 0;
    let mut f = 0;
    if w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        f |= CAP;
    } else if let Some(rest) = has_particle_hyphen(w).then(|| particle_rest(w)).flatten() {
        if rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
            f |= CAP;
        }
    }
    if upper && !lower {
        f |= ALLCAPS;
    }
    if !upper && lower {
        f |= LOWER;
    }
    f
}

fn word_flags(w: &str) -> u8 {
    let bytes = w.as_bytes();
    let mut class = 0;
    for &b in bytes {
        class |= BYTE_CLASS[usize::from(b)];
    }
    let (mut upper, mut lower) = (class & UPPER_BIT != 0, class & LOWER_BIT != 0);
    let mut f = 0;
    if class & NON_ASCII_BIT != 0 {
        f |= NON_ASCII;
        (upper, lower) = (false, false);
        for c in w.chars() {
            if c.is_uppercase() {
                upper = true;
            } else if c.is_lowercase() {
                lower = true;
            }
        }
    }
    let first_upper = match bytes.first() {
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    };
    if first_upper {
        f |= CAP;
    } else if let Some(rest) = has_particle_hyphen(w).then(|| particle_rest(w)).flatten() {
        if rest.chars().next().is_some_and(char::is_uppercase) {
            f |= CAP;
        }
    }
    if upper && !lower {
        f |= ALLCAPS;
    }
    if !upper && lower {
        f |= LOWER;
    }
    f
}

/// A hyphen where a particle's would be (third or fourth byte): most words have none.
fn has_particle_hyphen(w: &str) -> bool {
    let b = w.as_bytes();
    b.get(2) == Some(&b'-') || b.get(3) == Some(&b'-')
}

/// The part after a lower-case Arabic particle: "al-Nusra" -> "Nusra".
fn particle_rest(w: &str) -> Option<&str> {
    for p in [
        "al-", "el-", "ad-", "an-", "as-", "ash-", "ar-", "at-", "az-", "bin-", "ibn-",
    ] {
        if let Some(rest) = w.strip_prefix(p) {
            return Some(rest);
        }
    }
    None
}

/// The end of the word starting at `start`, and the [`BYTE_CLASS`] bits of its bytes or-ed
/// together.
fn scan_word(text: &str, start: usize, end: usize) -> (usize, u8) {
    let bytes = text.as_bytes();
    let mut j = start;
    let mut class = 0;
    let mut dots = 0;
    let mut single_letter_parts = true;
    let mut part_len = 0;
    while j < end {
        // A run of ASCII letters and digits.
        let mut run = 0;
        for &b in &bytes[j..end] {
            let c = BYTE_CLASS[usize::from(b)];
            if c & ALNUM_BIT == 0 {
                break;
            }
            class |= c;
            run += 1;
        }
        if run > 0 {
            j += run;
            part_len += run;
            if part_len > 1 {
                single_letter_parts = false;
            }
            continue;
        }
        let b = bytes[j];
        let c = if b < 0x80 {
            // Only these ASCII characters can continue a word.
            if !matches!(b, b'\'' | b'-' | b'&' | b'.') {
                break;
            }
            char::from(b)
        } else {
            match text[j..end].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if b >= 0x80 && is_alphanumeric(c) {
            class |= NON_ASCII_BIT;
            j += c.len_utf8();
            part_len += 1;
            continue;
        }
        let next = char_at(text, j + c.len_utf8(), end);
        let next_alnum = next.is_some_and(is_alphanumeric);
        match c {
            '\'' | '\u{2019}' => {
                // Possessive: stop before "'s" at the end of a word.
                let after = j + c.len_utf8();
                if matches!(bytes.get(after), Some(b's' | b'S'))
                    && !char_at(text, after + 1, end).is_some_and(is_alphanumeric)
                {
                    break;
                }
                if !next_alnum {
                    break;
                }
                if b >= 0x80 {
                    class |= NON_ASCII_BIT;
                }
                j += c.len_utf8();
            }
            '-' | '&' if next_alnum => j += 1,
            '.' if next.is_some_and(is_alphabetic) && part_len == 1 => {
                dots += 1;
                part_len = 0;
                j += 1;
            }
            '.' if dots > 0 && part_len == 1 && single_letter_parts => {
                // Final period of an initialism: "U.S."
                j += 1;
                break;
            }
            _ => break,
        }
        if part_len > 1 {
            single_letter_parts = false;
        }
    }
    (j, class)
}

/// Whether a word starting with byte `b` may start with a [`glued_label`]: `b` is the first
/// letter of one.
#[inline]
fn may_start_label(b: u8) -> bool {
    matches!(b, b'P' | b'W' | b'V' | b'L' | b'S' | b'I')
}

/// The length of a pasted button label glued to a following capitalised name ("PlayJane"
/// -> "Play"), if the word starts with one.
fn glued_label(w: &str) -> Option<usize> {
    let bytes = w.as_bytes();
    // Labels start with a capital; most words do not.
    if bytes.len() < 6 || !bytes[0].is_ascii_uppercase() {
        return None;
    }
    let label = match bytes {
        [b'P', b'l', b'a', b'y', ..] => 4,
        [b'W', b'a', b't', b'c', b'h', ..] => 5,
        [b'V', b'i', b'd', b'e', b'o', ..] => 5,
        [b'P', b'h', b'o', b't', b'o', ..] => 5,
        [b'L', b'i', b's', b't', b'e', b'n', ..] => 6,
        [b'S', b'h', b'a', b'r', b'e', ..] => 5,
        [b'I', b'm', b'a', b'g', b'e', ..] => 5,
        _ => return None,
    };
    // Then a capital and a lower-case letter.
    let mut cs = w[label..].chars();
    (cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_lowercase))
        .then_some(label)
}

fn scan_number(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut j = start;
    while j < end {
        let b = bytes[j];
        let separator = matches!(b, b',' | b'.' | b':' | b'/' | b'-')
            && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
            && j + 1 < end;
        if b.is_ascii_alphanumeric() || separator {
            j += 1;
        } else {
            break;
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_in_order_are_found_as_by_search() {
        let text = "One two. Three four five. Six.";
        let ranges = [(0, 8), (9, 25), (26, 30)];
        let mut tokenized = Tokenized::with_capacity(16);
        for &(a, b) in &ranges {
            tokenized.push_range(text, a, b);
        }
        let mut from = 0;
        for &(a, b) in &ranges {
            let walked = tokenized.get_from(a, b, &mut from).map(<[Tok]>::len);
            assert_eq!(walked, tokenized.get(a, b).map(<[Tok]>::len));
            assert!(walked.is_some_and(|n| n > 0));
        }
        // A range never tokenised, then one asked out of order: not found.
        let mut from = 0;
        assert!(tokenized.get_from(0, 5, &mut from).is_none());
        assert!(tokenized.get_from(9, 25, &mut from).is_some());
        assert!(tokenized.get_from(0, 8, &mut from).is_none());
    }

    fn words(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn words_numbers_and_glue() {
        assert_eq!(
            words("the U.S. and al-Nusra's"),
            ["the", "U.S.", "and", "al-Nusra", "'", "s"]
        );
        assert_eq!(
            words("rose to 1,200.5 on 2016-02-18."),
            ["rose", "to", "1,200.5", "on", "2016-02-18", "."]
        );
        assert_eq!(words("PlayJane Doe/AP"), ["Play", "Jane", "Doe", "/", "AP"]);
        assert_eq!(words("Dr. Who"), ["Dr", ".", "Who"]);
    }

    #[test]
    fn sentence_starts() {
        let s = "He left. Mr. Smith came. \"Then she";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        let starts: Vec<&str> = v
            .iter()
            .filter(|t| t.is(SENT_START))
            .map(|t| t.text(s))
            .collect();
        assert_eq!(starts, ["He", "Mr", "\"", "Then"]);
    }

    #[test]
    fn character_classes_agree_with_char_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            if is_dash_or_quote(c) {
                assert!(!c.is_whitespace(), "{c:?}");
            }
        }
    }

    #[test]
    fn plain_word_flags_as_word_flags_reads_them() {
        let s = "Apple apple APPLE aPPLE A1 x9 Q b Bb bB ZZ";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        assert_eq!(v.len(), 11);
        for t in &v {
            let case = t.flags & (CAP | ALLCAPS | LOWER);
            assert_eq!(case, word_flags(t.text(s)), "{}", t.text(s));
        }
    }

    /// The words read on the fast path are those the general reader ([`push_word`]) makes.
    #[test]
    fn fast_words_agree_with_the_general_reader() {
        let s = "He left. Mr. Smith came at 5 p.m. to the U.S. base, ABC. It's Obama's, \
                 e.g. www.example.com J. R. R. Tolkien's al-Nusra. Caf\u{e9}. x. Ab. PlayJane. \
                 Zo\u{eb}. end.\u{201D} a.b.c. Dr.Who 3.5 A1. 1a.";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        let mut checked = 0;
        for (k, t) in v.iter().enumerate() {
            // The second half of a glued label starts inside a word.
            if !t.is_word() || (k > 0 && v[k - 1].end == t.start && v[k - 1].is_word()) {
                continue;
            }
            let mut general = Vec::new();
            let end = push_word(
                s,
                t.start as usize,
                s.len(),
                t.flags & (LINE_START | SENT_START),
                &mut general,
            );
            assert_eq!(general[0], *t, "{}", t.text(s));
            assert_eq!(general.last().map(|g| g.end as usize), Some(end));
            checked += 1;
        }
        assert!(checked > 30);
    }

    /// Every label [`glued_label`] knows starts with a letter [`may_start_label`] lets through.
    #[test]
    fn label_first_letters() {
        for label in [
            "Play", "Watch", "Video", "Photo", "Listen", "Share", "Image",
        ] {
            let w = format!("{label}Jane");
            assert_eq!(glued_label(&w), Some(label.len()), "{w}");
            assert!(may_start_label(w.as_bytes()[0]), "{w}");
        }
        assert!(!may_start_label(b'J'));
    }

    #[test]
    fn hyphens_marked() {
        let s = "al-Nusra Anti-war PlayJean-Paul ad hoc x-ray 3-1 -";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        let marked: Vec<&str> = v
            .iter()
            .filter(|t| t.is(HYPHEN))
            .map(|t| t.text(s))
            .collect();
        assert_eq!(marked, ["al-Nusra", "Anti-war", "Jean-Paul", "x-ray"]);
    }

    #[test]
    fn word_hash_is_the_lower_case_words_filter_slot() {
        let s = "The U.S. and al-Nusra's PlayJane O'Brien AT&T x 3-1 Caf\u{e9}";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        let mut words = 0;
        for t in v.iter().filter(|t| t.is_word() && !t.is(NON_ASCII)) {
            let lower = t.text(s).to_ascii_lowercase();
            assert_eq!(
                Some(WordFilter::slot_of(t.hash)),
                WordFilter::slot(lower.as_bytes()),
                "{lower}"
            );
            words += 1;
        }
        assert_eq!(words, 10);
    }

    #[test]
    fn non_ascii_marked() {
        let s = "Caf\u{e9} cafe \u{2014} 12 PlayJos\u{e9} .";
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        let marked: Vec<(&str, bool)> = v.iter().map(|t| (t.text(s), t.is(NON_ASCII))).collect();
        assert_eq!(
            marked,
            [
                ("Caf\u{e9}", true),
                ("cafe", false),
                ("\u{2014}", true),
                ("12", false),
                ("Play", false),
                ("Jos\u{e9}", true),
                (".", false)
            ]
        );
    }
}
