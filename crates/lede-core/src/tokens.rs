//! Word tokens with byte spans, shared by the entity, date and figure readers.
//!
//! One linear pass, no allocation per token. A word keeps internal hyphens, apostrophes,
//! periods and ampersands ("al-Nusra", "O'Brien", "U.S.", "AT&T"); a possessive "'s" is its own
//! token; numbers keep their separators ("1,200", "2016-02-18", "3.5").

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    pub flags: u8,
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
        let i = self.ranges.partition_point(|r| (r.0, r.1) < (a, b));
        let &(ra, rb, first, end) = self.ranges.get(i)?;
        (ra == a && rb == b).then(|| &self.toks[first..end])
    }
}

/// Words that are pasted button labels when glued to a following capitalised name
/// ("PlayJane Doe").
const GLUED_LABELS: &[&str] = &[
    "Play", "Watch", "Video", "Photo", "Listen", "Share", "Image",
];

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Capt", "Sgt", "St", "Jan",
    "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Prof", "Rev",
    "Jr", "Sr", "Mt", "Ft", "Adm", "Cmdr", "Maj", "vs", "Vs", "v", "etc", "approx",
];

/// Tokenise `text[start..end]`, appending to `out`. The first token is marked as a line and
/// sentence start.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut i = start;
    let mut line_start = true;
    let mut sent_start = true;
    while i < end {
        let b = bytes[i];
        // ASCII fast path for spaces.
        if b == b' ' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            match text[i..end].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        let clen = c.len_utf8();
        if c == '\n' {
            line_start = true;
            sent_start = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        let mut flags = 0;
        if line_start {
            flags |= LINE_START | SENT_START;
        } else if sent_start {
            flags |= SENT_START;
        }
        if c.is_alphabetic() {
            let j = scan_word(text, i, end);
            let (j, glued) = split_glued(text, i, j);
            let tok_flags = flags | word_flags(&text[i..j]);
            out.push(Tok {
                start: i as u32,
                end: j as u32,
                kind: TokKind::Word,
                flags: tok_flags,
            });
            if let Some(k) = glued {
                let f = word_flags(&text[j..k]);
                out.push(Tok {
                    start: j as u32,
                    end: k as u32,
                    kind: TokKind::Word,
                    flags: f,
                });
                i = k;
            } else {
                i = j;
            }
            line_start = false;
            sent_start = false;
        } else if c.is_ascii_digit() {
            let j = scan_number(text, i, end);
            out.push(Tok {
                start: i as u32,
                end: j as u32,
                kind: TokKind::Num,
                flags,
            });
            i = j;
            line_start = false;
            sent_start = false;
        } else {
            out.push(Tok {
                start: i as u32,
                end: (i + clen) as u32,
                kind: TokKind::Punct,
                flags,
            });
            i += clen;
            if matches!(c, '.' | '?' | '!') {
                let prev = out
                    .len()
                    .checked_sub(2)
                    .filter(|&p| p >= first)
                    .map(|p| out[p]);
                let abbrev = prev.is_some_and(|p| {
                    p.kind == TokKind::Word
                        && p.end as usize == i - 1
                        && c == '.'
                        && (ABBREVIATIONS.contains(&p.text(text))
                            || (p.end - p.start == 1 && p.is(CAP)))
                });
                if !abbrev {
                    sent_start = true;
                }
            } else if matches!(c, ':' | ';') && bytes.get(i).is_some_and(|b| *b == b'\n') {
                sent_start = true;
            } else if !(matches!(c, '"' | '\u{201C}' | '\'' | '\u{2018}' | '(' | '[' | '-')
                && sent_start)
            {
                // Opening quotes and brackets keep a sentence start for the word after them.
                sent_start = false;
            }
            line_start = false;
        }
    }
}

fn word_flags(w: &str) -> u8 {
    let mut upper = 0;
    let mut lower = 0;
    if w.is_ascii() {
        for b in w.bytes() {
            upper += usize::from(b.is_ascii_uppercase());
            lower += usize::from(b.is_ascii_lowercase());
        }
    } else {
        for c in w.chars() {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let mut f = 0;
    let first = w.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        f |= CAP;
    } else if let Some(rest) = has_particle_hyphen(w).then(|| particle_rest(w)).flatten() {
        if rest.chars().next().is_some_and(char::is_uppercase) {
            f |= CAP;
        }
    }
    if upper > 0 && lower == 0 {
        f |= ALLCAPS;
    }
    if upper == 0 && lower > 0 {
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

fn scan_word(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = start;
    let mut dots = 0;
    let mut single_letter_parts = true;
    let mut part_len = 0;
    while j < end {
        let b = bytes[j];
        if b.is_ascii_alphanumeric() {
            j += 1;
            part_len += 1;
            if part_len > 1 {
                single_letter_parts = false;
            }
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            match text[j..end].chars().next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_alphanumeric() {
            j += c.len_utf8();
            part_len += 1;
            continue;
        }
        let next = text[j + c.len_utf8()..end].chars().next();
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        match c {
            '\'' | '\u{2019}' => {
                // Possessive: stop before "'s" at the end of a word.
                let after = j + c.len_utf8();
                if matches!(bytes.get(after), Some(b's' | b'S'))
                    && !text[after + 1..end]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    break;
                }
                if !next_alnum {
                    break;
                }
                j += c.len_utf8();
            }
            '-' | '&' if next_alnum => j += 1,
            '.' if next.is_some_and(|n| n.is_alphabetic()) && part_len == 1 => {
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
    j
}

/// "PlayJane" -> split after "Play" when the word is a pasted label glued to a name.
fn split_glued(text: &str, start: usize, end: usize) -> (usize, Option<usize>) {
    let w = &text[start..end];
    // Labels start with a capital; most words do not.
    if !w.as_bytes().first().is_some_and(u8::is_ascii_uppercase) || w.len() < 6 {
        return (end, None);
    }
    for label in GLUED_LABELS {
        if let Some(rest) = w.strip_prefix(label) {
            let mut cs = rest.chars();
            if cs.next().is_some_and(char::is_uppercase)
                && cs.next().is_some_and(char::is_lowercase)
            {
                return (start + label.len(), Some(end));
            }
        }
    }
    (end, None)
}

fn scan_number(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
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
}
