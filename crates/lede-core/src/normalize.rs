//! Normalisation with an offset map back to the pasted text.
//!
//! The parser works on a cleaned copy of the paste: line endings unified, odd spaces and tabs
//! made plain, invisible characters dropped, and the commonest mojibake (UTF-8 read as
//! Windows-1252, such as `â€œ` for `“`) repaired. Every change is recorded in an [`OffsetMap`]
//! so a span in the cleaned text can always be mapped back to the bytes the reader pasted.
//!
//! A second pass un-wraps hard-wrapped text: a line break that only exists because the text
//! was broken at a fixed width (~70 columns, e-mail style) or that runs a sentence on into a
//! lower-case line becomes a space. That edit keeps every byte offset, so the offset map is
//! untouched, and after it **every remaining line break separates two blocks** (see
//! [`crate::blocks`]).

use crate::Span;

/// The cleaned text and the way back to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
    /// What the reader may want to know about the cleaning ("Repaired 12 garbled
    /// characters"), for [`crate::Document::diagnostics`].
    pub notes: Vec<String>,
}

/// Sparse map from offsets in the normalised text to offsets in the original text.
///
/// One checkpoint per edit: `(normalised offset, original offset)` where the two texts are
/// aligned again after the edit. Text without edits costs nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    checkpoints: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// The original byte offset for a normalised byte offset. An offset inside a replaced
    /// sequence maps to the end of that sequence's original bytes' start, i.e. the checkpoint.
    pub fn to_original(&self, offset: usize) -> usize {
        let offset = offset as u32;
        let i = self.checkpoints.partition_point(|&(n, _)| n <= offset);
        if i == 0 {
            return offset as usize;
        }
        let (n, o) = self.checkpoints[i - 1];
        (o + (offset - n)) as usize
    }

    pub fn span_to_original(&self, span: Span) -> Span {
        Span::new(
            self.to_original(span.start as usize),
            self.to_original(span.end as usize),
        )
    }

    /// Whether the normalised text is byte-identical to the original.
    pub fn is_identity(&self) -> bool {
        self.checkpoints.is_empty()
    }
}

/// What a run of original bytes becomes.
enum Edit {
    Keep,
    Replace(usize, &'static str),
}

pub fn normalize(original: &str) -> Normalized {
    let bytes = original.as_bytes();
    let mut text = String::with_capacity(original.len());
    let mut map = OffsetMap::default();
    let mut i = 0;
    let mut kept_from = 0;
    let mut repaired = 0;
    while i < bytes.len() {
        // Fast path: plain printable ASCII and newlines need nothing. Skip them sixteen at a
        // time, each chunk giving the place of its first other byte, then byte by byte in the
        // last few bytes.
        while let Some(chunk) = bytes[i..].first_chunk::<16>() {
            let at = first_not_plain(chunk);
            i += at;
            if at < 16 {
                break;
            }
        }
        while i < bytes.len() && is_plain(bytes[i]) {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        // Curly quotes, dashes and the ellipsis (E2 80 90..=A7 except the line and paragraph
        // separators) are common and stay as they are.
        if b == 0xe2
            && bytes.get(i + 1) == Some(&0x80)
            && bytes
                .get(i + 2)
                .is_some_and(|&c| (0x90..=0xa6).contains(&c))
        {
            i += 3;
            continue;
        }
        let edit = classify(original, i);
        match edit {
            Edit::Keep => {
                i += utf8_len(b);
            }
            Edit::Replace(len, with) => {
                if b == 0xc3 && matches!(bytes.get(i + 1), Some(0xa2 | 0x82 | 0x83)) {
                    repaired += 1;
                }
                text.push_str(&original[kept_from..i]);
                text.push_str(with);
                i += len;
                kept_from = i;
                if text.len() != i {
                    map.checkpoints.push((text.len() as u32, i as u32));
                }
            }
        }
    }
    text.push_str(&original[kept_from..]);
    let joined = unwrap_lines(&mut text);
    let mut notes = Vec::new();
    if repaired > 0 {
        notes.push(format!(
            "Repaired {repaired} garbled character{} (text decoded with the wrong encoding).",
            if repaired == 1 { "" } else { "s" }
        ));
    }
    if joined > 0 {
        notes.push(format!(
            "Joined {joined} line{} broken in mid-paragraph.",
            if joined == 1 { "" } else { "s" }
        ));
    }
    Normalized { text, map, notes }
}

/// A byte that normalisation keeps as it is without looking further: printable ASCII or a
/// newline.
fn is_plain(b: u8) -> bool {
    (0x20..0x7f).contains(&b) || b == b'\n'
}

/// A byte that is not [`is_plain`], as 1 (or 0 for a plain byte): written with comparisons
/// cast to bytes, not combined as booleans, so that a test over a chunk compiles to a few
/// vector comparisons and no per-byte branches.
fn not_plain(b: u8) -> u8 {
    (u8::from(b < 0x20) & u8::from(b != b'\n')) | u8::from(b >= 0x7f)
}

/// The index of the first byte of a chunk that is not [`is_plain`], 16 when all are: each
/// byte becomes 0xFF or 0 and the lowest marked byte of the 128-bit word is found.
fn first_not_plain(chunk: &[u8; 16]) -> usize {
    if chunk.iter().fold(0, |seen, &b| seen | not_plain(b)) == 0 {
        return 16;
    }
    let marks = chunk.map(|b| not_plain(b).wrapping_neg());
    (u128::from_le_bytes(marks).trailing_zeros() / 8) as usize
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

fn classify(s: &str, i: usize) -> Edit {
    let rest = &s[i..];
    let c = rest.chars().next().expect("in bounds");
    let len = c.len_utf8();
    match c {
        '\r' => {
            if rest.as_bytes().get(1) == Some(&b'\n') {
                Edit::Replace(2, "\n")
            } else {
                Edit::Replace(1, "\n")
            }
        }
        '\u{2028}' | '\u{2029}' | '\u{85}' => Edit::Replace(len, "\n"),
        '\t' => Edit::Replace(1, " "),
        // Other C0/C1 controls (NUL, form feed, ...) become spaces so nothing downstream trips.
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' => {
            Edit::Replace(len, " ")
        }
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Edit::Replace(len, " ")
        }
        // Zero-width space, word joiner, BOM and soft hyphen carry no text. ZWJ/ZWNJ stay:
        // they shape emoji and scripts.
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => Edit::Replace(len, ""),
        'â' => mojibake(rest),
        // A Latin-1 letter or sign read as two Windows-1252 characters: "Ã©" for "é",
        // "Â£" for "£", "Â " for a no-break space.
        'Â' | 'Ã' => {
            let next = rest[len..].chars().next();
            match next {
                // Only glued to the word before it ("10Â km"): a lone "Â" is a word.
                Some(' ')
                    if c == 'Â'
                        && s[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|p| !p.is_whitespace()) =>
                {
                    Edit::Replace(len, "")
                }
                Some(n @ '\u{a0}'..='\u{bf}') => {
                    let code = ((u32::from(c) & 0x1f) << 6) | (u32::from(n) & 0x3f);
                    match char::from_u32(code) {
                        Some('\u{a0}') => Edit::Replace(len + n.len_utf8(), " "),
                        Some(fixed) => Edit::Replace(len + n.len_utf8(), latin1(fixed)),
                        None => Edit::Keep,
                    }
                }
                // "Ã‰" for "É": the second byte (0x80..0x9f) shows as a Windows-1252 sign.
                Some(n) if c == 'Ã' => match CP1252_HIGH.iter().position(|&h| h == n) {
                    Some(i) => match char::from_u32(0xc0 + i as u32) {
                        Some(fixed) => Edit::Replace(len + n.len_utf8(), latin1(fixed)),
                        None => Edit::Keep,
                    },
                    None => Edit::Keep,
                },
                _ => Edit::Keep,
            }
        }
        _ => Edit::Keep,
    }
}

/// What Windows-1252 shows for the bytes 0x80..=0x9f (undefined bytes stay C1 controls).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The repaired Latin-1 character as a static string.
fn latin1(c: char) -> &'static str {
    const LATIN1: &str = "\u{a0}¡¢£¤¥¦§¨©ª«¬\u{ad}®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ";
    let i = (u32::from(c) - 0xa0) as usize;
    let start = LATIN1.char_indices().nth(i).map(|(b, _)| b).unwrap_or(0);
    &LATIN1[start..start + c.len_utf8()]
}

/// `â€` followed by the Windows-1252 reading of a punctuation byte: the UTF-8 bytes of a
/// curly quote, dash or ellipsis decoded as Windows-1252.
fn mojibake(rest: &str) -> Edit {
    const TABLE: &[(&str, &str)] = &[
        ("â€œ", "“"),
        ("â€\u{9d}", "”"),
        ("â€˜", "‘"),
        ("â€™", "’"),
        ("â€”", "—"),
        ("â€“", "–"),
        ("â€¦", "…"),
        ("â€¢", "•"),
        ("â€\u{a0}", "†"),
        ("â€ž", "„"),
        ("â€š", "‚"),
        ("â€¹", "‹"),
        ("â€º", "›"),
    ];
    for (bad, good) in TABLE {
        if rest.starts_with(bad) {
            return Edit::Replace(bad.len(), good);
        }
    }
    // A closing double quote whose last byte (0x9d) was lost in transit: "â€" then a space,
    // punctuation or the end.
    if let Some(after) = rest.strip_prefix("â€") {
        match after.chars().next() {
            None | Some(' ' | '\n' | ',' | '.' | ';' | ':' | ')' | '?' | '!') => {
                return Edit::Replace("â€".len(), "”");
            }
            _ => {}
        }
    }
    Edit::Keep
}

/// Un-wrap hard-wrapped lines in place: a soft line break becomes a space (same byte length,
/// so offsets do not move). Linear in the text length.
fn unwrap_lines(text: &mut String) -> usize {
    // One pass over the lines: each line's trimmed content and the end of the line (where
    // its newline is), and the length statistics [`wrap_width`] needs.
    let mut lines: Vec<Line> = Vec::new();
    let mut stats = WidthStats::default();
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let end = crate::blocks::memchr_newline(&bytes[start..]).map_or(bytes.len(), |p| start + p);
        let raw = &text[start..end];
        let t = raw.trim();
        let s = start + (raw.len() - raw.trim_start().len());
        let line = Line {
            start: s,
            end: s + t.len(),
            newline: end,
        };
        if !t.is_empty() {
            stats.add(t);
        }
        lines.push(line);
        if end == bytes.len() {
            break;
        }
        start = end + 1;
    }
    if lines.len() < 2 {
        return 0;
    }
    let width = stats.width();
    let mut soft = Vec::new();
    for pair in lines.windows(2) {
        let a = &text[pair[0].start..pair[0].end];
        let b = &text[pair[1].start..pair[1].end];
        if !a.is_empty() && !b.is_empty() && is_soft_break(a, b, width) {
            soft.push(pair[0].newline);
        }
    }
    let joined = soft.len();
    if joined == 0 {
        return 0;
    }
    // Replace the newline bytes in place: an ASCII byte for an ASCII byte keeps the text valid
    // UTF-8, and the check below is one linear pass.
    let mut bytes = std::mem::take(text).into_bytes();
    for at in soft {
        bytes[at] = b' ';
    }
    *text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    joined
}

/// One line of the text: its trimmed content `start..end` and the offset of the line feed
/// that ends it (the text's length for the last line).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    newline: usize,
}

/// The widest column a hard-wrapped text can have been wrapped at; longer lines all count as
/// one longer length.
const MAX_WRAP: usize = 110;

/// Character lengths of the non-empty trimmed lines, as counts per length from 0 to
/// `MAX_WRAP + 1` (every longer line counts as `MAX_WRAP + 1`): enough to find the wrap
/// width without keeping or sorting the lengths.
struct WidthStats {
    /// Lines of each length.
    lines: [u32; MAX_WRAP + 2],
    /// Lines of each length that end open: with a letter, digit, comma or hyphen.
    open: [u32; MAX_WRAP + 2],
    total: usize,
}

impl Default for WidthStats {
    fn default() -> Self {
        WidthStats {
            lines: [0; MAX_WRAP + 2],
            open: [0; MAX_WRAP + 2],
            total: 0,
        }
    }
}

impl WidthStats {
    /// Count one non-empty trimmed line.
    fn add(&mut self, line: &str) {
        // A character takes at most four bytes: a line of more than `4 * (MAX_WRAP + 1)`
        // bytes is longer than `MAX_WRAP` characters without counting them.
        let len = if line.len() > 4 * (MAX_WRAP + 1) {
            MAX_WRAP + 1
        } else {
            line.chars().count().min(MAX_WRAP + 1)
        };
        self.lines[len] += 1;
        if line.ends_with(|c: char| c.is_alphanumeric() || c == ',' || c == '-') {
            self.open[len] += 1;
        }
        self.total += 1;
    }

    /// The column width the text was hard-wrapped at, or 0 when it does not look wrapped:
    /// the 90th-percentile line length, when enough lines fill the band just below it and
    /// most of those end mid-sentence.
    fn width(&self) -> usize {
        if self.total < 3 {
            return 0;
        }
        // The length at sorted position `(total - 1) * 9 / 10`.
        let rank = (self.total - 1) * 9 / 10;
        let mut seen = 0;
        let mut width = MAX_WRAP + 1;
        for (len, &count) in self.lines.iter().enumerate() {
            seen += count as usize;
            if seen > rank {
                width = len;
                break;
            }
        }
        if !(35..=MAX_WRAP).contains(&width) {
            return 0;
        }
        // The band: lengths from `width - 20` to `width`.
        let band = width.saturating_sub(20)..=width;
        let in_band: usize = self.lines[band.clone()].iter().map(|&c| c as usize).sum();
        let open_ended: usize = self.open[band].iter().map(|&c| c as usize).sum();
        if in_band >= 2 && in_band * 10 >= self.total * 4 && open_ended * 2 >= in_band {
            width
        } else {
            0
        }
    }
}

/// Whether the break between lines `a` and `b` (both trimmed, non-empty) is a soft wrap.
fn is_soft_break(a: &str, b: &str, width: usize) -> bool {
    if starts_block_marker(b) || a.starts_with('#') || is_rule(a) {
        return false;
    }
    let first = b.chars().next().unwrap_or(' ');
    if first.is_lowercase() && !a.ends_with(':') {
        return true;
    }
    if width == 0 {
        return false;
    }
    let a_len = a.chars().count();
    let first_word = b.split(' ').next().map_or(0, |w| w.chars().count());
    if a_len * 10 < width * 6 || a_len + 1 + first_word <= width {
        return false;
    }
    // A full line that ends a sentence before a capital may be a paragraph's last line.
    let ends_sentence = a.ends_with(['.', '?', '!', '"', '”']);
    !(ends_sentence && first.is_uppercase() && a_len + 5 < width)
}

/// A line that starts a list item, heading, quote or interview turn: never a continuation.
pub(crate) fn starts_block_marker(line: &str) -> bool {
    let bytes = line.as_bytes();
    if line.starts_with(['#', '>', '•', '·', '▪', '►', '|']) || is_rule(line) {
        return true;
    }
    if matches!(bytes, [b'-' | b'*' | b'+', b' ', ..]) || line.starts_with("– ") {
        return true;
    }
    if matches!(bytes, [b'Q' | b'A', b':', ..]) {
        return true;
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=3).contains(&digits) && matches!(bytes.get(digits..digits + 2), Some([b'.' | b')', b' ']))
}

/// A Markdown underline or thematic break: `===`, `---`, `***`.
pub(crate) fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && (t.bytes().all(|b| b == b'=')
            || t.bytes().all(|b| b == b'-' || b == b' ')
            || t.bytes().all(|b| b == b'*' || b == b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let n = normalize(input);
        assert_eq!(n.text, expected);
    }

    #[test]
    fn line_endings() {
        check("A\r\nB\rC\n", "A\nB\nC\n");
    }

    #[test]
    fn spaces_and_invisibles() {
        check("a\u{a0}b\u{200b}c\u{ad}d\u{feff}", "a bcd");
        check("emoji 👩\u{200d}💻 stays", "emoji 👩\u{200d}💻 stays");
    }

    #[test]
    fn mojibake_quotes() {
        check(
            "â€œHi,â€\u{9d} she said â€” itâ€™s",
            "“Hi,” she said — it’s",
        );
        check("â€œHi,â€ she said", "“Hi,” she said");
        check("costs Â£5", "costs £5");
        check("CafÃ© MontrÃ©al", "Café Montréal");
    }

    #[test]
    fn offsets_map_back() {
        let original = "x\r\n“â€œQuoteâ€\u{9d}”";
        let n = normalize(original);
        assert_eq!(n.text, "x\n““Quote””");
        let q = n.text.find('Q').unwrap();
        let back = n.map.to_original(q);
        assert_eq!(&original[back..back + 5], "Quote");
        assert_eq!(n.map.to_original(n.text.len()), original.len());
        assert_eq!(n.map.to_original(0), 0);
    }

    #[test]
    fn mojibake_capitals() {
        check("Ã‰cole", "École");
    }

    #[test]
    fn a_no_break_space_read_as_a_capital_a_is_dropped_only_after_a_word() {
        check("10Â km away", "10 km away");
        // A lone "Â" is a word of its own, kept.
        check("x Â ¡y", "x Â ¡y");
        check("Â tout", "Â tout");
    }

    #[test]
    fn notes_say_what_was_cleaned() {
        let n = normalize("CafÃ© â€œoneâ€\u{9d}\nplain");
        assert_eq!(n.notes.len(), 2, "{:?}", n.notes);
        assert!(
            n.notes[0].starts_with("Repaired 3 garbled characters"),
            "{:?}",
            n.notes
        );
        assert!(n.notes[1].starts_with("Joined 1 line"), "{:?}", n.notes);
        assert!(normalize("Clean text.\nAnother line.").notes.is_empty());
    }

    #[test]
    fn tabs_become_spaces() {
        check("a\tb", "a b");
    }

    #[test]
    fn unwraps_hard_wrapped_paragraphs() {
        let wrapped = "The council met on a grey morning to weigh the proposal for a new\n\
                       footbridge across the river, a plan that had stalled for years and\n\
                       divided the town.\n\
                       Supporters arrived early with banners and a brass band that played\n\
                       until the mayor asked for quiet and the clerk read out the motion.\n";
        let n = normalize(wrapped);
        let lines: Vec<&str> = n.text.lines().collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].ends_with("divided the town."));
        assert_eq!(n.text.len(), wrapped.len());
    }

    #[test]
    fn lower_case_continuation_joins() {
        check(
            "He said the plan\nwould fail.\nNext paragraph.",
            "He said the plan would fail.\nNext paragraph.",
        );
    }

    #[test]
    fn short_lines_are_not_joined() {
        check(
            "Title Here\nBy Ann Lee\nBody text.",
            "Title Here\nBy Ann Lee\nBody text.",
        );
        check("- one\n- two", "- one\n- two");
    }

    #[test]
    fn identity_when_clean() {
        let n = normalize("Plain text.\n\nTwo paragraphs, “curly” ok.");
        assert!(n.map.is_identity());
    }
}
