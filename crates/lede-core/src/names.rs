//! Words, names and noun phrases around speech cues.
//!
//! A small toolkit: split text into word and punctuation tokens (the body blocks and captions
//! once per article, in [`BlockTokens`], shared by the quote and speaker stages), tell titles
//! from names, and read the noun phrase that names a speaker ("Secretary of State John Kerry",
//! "a spokesperson", "the Russian Foreign Ministry", "she") into a role and a name, without
//! allocating.

use crate::Span;

/// A word or a single punctuation character, in 8 bytes: its start, and its end with the top
/// bit set for a word. (Offsets fit in 31 bits: see [`Tok::new`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    from: u32,
    end_word: u32,
}

const WORD_BIT: u32 = 1 << 31;

/// Whether every offset into a text of `len` bytes fits a [`Tok`].
fn fits(len: usize) -> bool {
    u32::try_from(len).is_ok_and(|n| n < WORD_BIT)
}

impl Tok {
    /// The token `start..end`, a word or not. Offsets must be below 2^31: [`tokenize`] panics
    /// on a longer text.
    #[inline]
    pub fn new(start: usize, end: usize, word: bool) -> Tok {
        debug_assert!(start <= end && fits(end));
        Tok {
            from: start as u32,
            end_word: end as u32 | if word { WORD_BIT } else { 0 },
        }
    }
    #[inline]
    pub fn start(self) -> usize {
        self.from as usize
    }
    #[inline]
    pub fn end(self) -> usize {
        (self.end_word & !WORD_BIT) as usize
    }
    /// A word, not punctuation.
    #[inline]
    pub fn word(self) -> bool {
        self.end_word & WORD_BIT != 0
    }
    pub fn text(self, text: &str) -> &str {
        &text[self.start()..self.end()]
    }
    pub fn span(self) -> Span {
        Span::new(self.start(), self.end())
    }
    /// The same token ending at `end`.
    #[inline]
    fn with_end(self, end: usize) -> Tok {
        Tok::new(self.start(), end, self.word())
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&')
}

/// Tokens of `text[start..end]`: words (letters and digits, with inner hyphens, apostrophes
/// and dots as in "al-Zoubi", "O'Neil", "U.S") and single punctuation characters. Spaces are
/// dropped. Appends to `out`.
///
/// Panics on a text of 2 GB or more (the parser reads at most 16 MB).
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    assert!(fits(text.len()), "text too long to tokenise");
    each_token(text, start, end, |start, end, word| {
        out.push(Tok::new(start, end, word))
    });
}

/// The tokenizer: calls `push(start, end, word)` for each token of `text[start..end]`.
#[inline(always)]
fn each_token(text: &str, start: usize, end: usize, mut push: impl FnMut(usize, usize, bool)) {
    let bytes = &text.as_bytes()[..end];
    let mut i = start;
    while i < end {
        // ASCII by table; a non-ASCII character is decoded.
        let b = bytes[i];
        let (class, len) = if b < 0x80 {
            (ASCII_CLASSES[usize::from(b)], 1)
        } else {
            class_at(text, i)
        };
        match class {
            Class::Space => i += len,
            Class::Word => {
                let e = word_end(text, i + len, end);
                push(i, e, true);
                // The space after a word, most often one.
                i = if e < end && bytes[e] == b' ' {
                    e + 1
                } else {
                    e
                };
            }
            Class::Joiner | Class::Other => {
                push(i, i + len, false);
                i += len;
            }
        }
    }
}

/// The tokens of the body blocks and captions, read once and shared by the quote and speaker
/// stages: 8 bytes a token, about 1.6 bytes per byte of English text.
pub struct BlockTokens {
    toks: Vec<Tok>,
    /// For each block: its span and its tokens' range in `toks` (empty for blocks not read).
    blocks: Vec<(usize, usize, usize, usize)>,
}

impl BlockTokens {
    /// Tokenise the body blocks and captions of `text`. (A text too long for 31-bit offsets
    /// keeps no tokens, and [`tokenize`] refuses it.)
    pub fn new(text: &str, blocks: &[crate::Block]) -> BlockTokens {
        let fits = fits(text.len());
        let read = |b: &crate::Block| b.kind.is_body() || b.kind == crate::BlockKind::Caption;
        // News text has about one token for five bytes: room for one in four, so that the
        // vector rarely grows (each growth copies it), trimmed to size at the end.
        let bytes: usize = blocks
            .iter()
            .filter(|b| read(b))
            .map(|b| b.span.len())
            .sum();
        let mut toks = Vec::with_capacity(if fits { bytes / 4 } else { 0 });
        let blocks = blocks
            .iter()
            .map(|b| {
                let (s, e) = (b.span.start as usize, b.span.end as usize);
                let lo = toks.len();
                if fits && read(b) {
                    each_token(text, s, e, |start, end, word| {
                        toks.push(Tok::new(start, end, word))
                    });
                }
                (s, e, lo, toks.len())
            })
            .collect();
        toks.shrink_to_fit();
        BlockTokens { toks, blocks }
    }

    /// The heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.toks.capacity() * std::mem::size_of::<Tok>()
            + self.blocks.capacity() * std::mem::size_of::<(usize, usize, usize, usize)>()
    }

    /// The tokens of `text[start..end]`, a stretch of block `block`, exactly as [`tokenize`]
    /// gives them: the block's own tokens when no word crosses either end of the stretch;
    /// otherwise (or for a stretch outside the block) the stretch tokenised anew into `buf`.
    #[must_use]
    pub fn stretch<'a>(
        &'a self,
        text: &str,
        block: usize,
        start: usize,
        end: usize,
        buf: &'a mut Vec<Tok>,
    ) -> &'a [Tok] {
        if let Some(&(bs, be, lo, hi)) = self.blocks.get(block) {
            let toks = &self.toks[lo..hi];
            if lo < hi && bs <= start && end <= be {
                // The first token ending after `start`; the first starting at `end` or later.
                let a = toks.partition_point(|t| t.end() <= start);
                let b = a + toks[a..].partition_point(|t| t.start() < end);
                if a == b || toks[a].start() >= start && toks[b - 1].end() <= end {
                    return &toks[a..b];
                }
            }
        }
        buf.clear();
        tokenize(text, start, end, buf);
        buf
    }

    /// The tokens of block `block` (tokenised into `buf` if it was not read).
    #[must_use]
    pub fn block<'a>(&'a self, text: &str, block: usize, buf: &'a mut Vec<Tok>) -> &'a [Tok] {
        match self.blocks.get(block) {
            // A block read whole: its tokens lie inside it, as the stretch's test would find.
            Some(&(_, _, lo, hi)) if lo < hi => &self.toks[lo..hi],
            Some(&(s, e, _, _)) => self.stretch(text, block, s, e, buf),
            None => {
                buf.clear();
                buf
            }
        }
    }
}

/// Where a word that goes on at byte `e` ends (at most `end`): after its letters and digits,
/// and joiners with a word character after them.
#[inline(always)]
fn word_end(text: &str, mut e: usize, end: usize) -> usize {
    let bytes = &text.as_bytes()[..end];
    loop {
        // A run of ASCII letters and digits, most of a word: eight bytes at a time, the rest
        // by table.
        e = alnum_run_end(bytes, e);
        if e >= end {
            return end;
        }
        let (d, dl) = class_at(text, e);
        // A joiner stays in the word only when a word character follows it.
        if d == Class::Word
            || (d == Class::Joiner && e + dl < end && class_at(text, e + dl).0 == Class::Word)
        {
            e += dl;
        } else {
            return e;
        }
    }
}

/// Where the run of ASCII letters and digits from byte `e` of `bytes` ends.
#[inline(always)]
fn alnum_run_end(bytes: &[u8], mut e: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    // The high bit of each byte of `y` (bytes below 0x80) that lies in `lo..=hi`: adding
    // `0x80 - lo` sets it from `lo` up, adding `0x7f - hi` from `hi + 1` up, with no carry
    // between bytes.
    let in_range = |y: u64, lo: u8, hi: u8| {
        (y + ONES * u64::from(0x80 - lo)) & !(y + ONES * u64::from(0x7f - hi)) & HIGH
    };
    while let Some(chunk) = bytes.get(e..e + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let y = x & !HIGH;
        let alnum = (in_range(y, b'0', b'9') | in_range(y | (ONES * 0x20), b'a', b'z')) & !x;
        let other = !alnum & HIGH;
        if other != 0 {
            // The first byte that is not one (little-endian: the lowest).
            return e + (other.trailing_zeros() / 8) as usize;
        }
        e += 8;
    }
    e + bytes[e..]
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len() - e)
}

/// ASCII letters and digits; false for every other byte, non-ASCII ones included.
const ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 128 {
        table[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    table
};

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    Joiner,
    Other,
}

const fn ascii_classes() -> [Class; 128] {
    let mut table = [Class::Other; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        table[i] = if matches!(b, b' ' | b'\t'..=b'\r') {
            Class::Space
        } else if b.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(b, b'-' | b'\'' | b'.' | b'&') {
            Class::Joiner
        } else {
            Class::Other
        };
        i += 1;
    }
    table
}

const ASCII_CLASSES: [Class; 128] = ascii_classes();

/// The class of the character at byte `i` (a character boundary) and its length; ASCII by
/// table, without decoding.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
    let x = bytes[i];
    if x < 0x80 {
        return (ASCII_CLASSES[usize::from(x)], 1);
    }
    // The commonest non-ASCII characters of news text, without decoding: the general
    // punctuation block U+2000 to U+203F (curly quotes, dashes, ellipses, wide spaces; bytes
    // E2 80 xx) and the Latin-1 letters U+00C0 to U+00FF (C3 xx).
    match (x, bytes.get(i + 1)) {
        (0xE2, Some(0x80)) => {
            if let Some(&z) = bytes.get(i + 2) {
                return (general_punctuation_class(z & 0x3f), 3);
            }
        }
        (0xC3, Some(&y)) => {
            // All letters but "×" (U+00D7) and "÷" (U+00F7).
            let class = if y & 0xdf == 0x97 {
                Class::Other
            } else {
                Class::Word
            };
            return (class, 2);
        }
        _ => {}
    }
    char_class(text[i..].chars().next().unwrap_or(' '))
}

/// The class of U+2000 + `low` (`low` below 0x40): wide spaces and the line and paragraph
/// separators are spaces, the right single quotation mark is a joiner, the rest punctuation.
#[inline(always)]
fn general_punctuation_class(low: u8) -> Class {
    match low {
        0x00..=0x0a | 0x28 | 0x29 | 0x2f => Class::Space,
        0x19 => Class::Joiner,
        _ => Class::Other,
    }
}

/// The class of any character, and its length.
fn char_class(c: char) -> (Class, usize) {
    let class = if c.is_whitespace() {
        Class::Space
    } else if is_word_char(c) {
        Class::Word
    } else if is_joiner(c) {
        Class::Joiner
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// ASCII-lowercase a short word for lexicon look-ups, without allocating: a word already in
/// lower case is borrowed, one with capitals is copied into a stack buffer. Words longer than
/// the buffer, or with non-ASCII letters, come back empty (they match no lexicon entry).
pub struct Lower<'a>(LowerForm<'a>);

enum LowerForm<'a> {
    Same(&'a str),
    Copied([u8; 32], usize),
    Unfit,
}

impl<'a> Lower<'a> {
    pub fn new(word: &'a str) -> Lower<'a> {
        let b = word.as_bytes();
        if b.len() > 32 {
            return Lower(LowerForm::Unfit);
        }
        // Eight bytes at a time in the zero-padded copy: their high bits tell a non-ASCII
        // byte, and lower-casing them changes something only when there is a capital.
        let mut buf = [0u8; 32];
        buf[..b.len()].copy_from_slice(b);
        let (mut high, mut upper) = (0, false);
        for chunk in buf.chunks_exact_mut(8).take(b.len().div_ceil(8)) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            let lower = lower_ascii8(x);
            high |= x;
            upper |= lower != x;
            chunk.copy_from_slice(&lower.to_le_bytes());
        }
        if high & 0x8080_8080_8080_8080 != 0 {
            Lower(LowerForm::Unfit)
        } else if !upper {
            Lower(LowerForm::Same(word))
        } else {
            Lower(LowerForm::Copied(buf, b.len()))
        }
    }
    /// The lowercased bytes; empty when the word is not short ASCII.
    pub fn bytes(&self) -> &[u8] {
        match &self.0 {
            LowerForm::Same(w) => w.as_bytes(),
            LowerForm::Copied(buf, len) => &buf[..*len],
            LowerForm::Unfit => &[],
        }
    }
    pub fn as_str(&self) -> &str {
        match &self.0 {
            LowerForm::Same(w) => w,
            LowerForm::Copied(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or(""),
            LowerForm::Unfit => "",
        }
    }
}

#[inline]
pub fn is_capitalized(word: &str) -> bool {
    match word.as_bytes().first() {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
        Some(_) => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// "RCMP", "U.S", "CBC": two or more letters, all capitals.
pub fn is_acronym(word: &str) -> bool {
    // ASCII byte by byte (a lower-case letter ends it), the rest by characters.
    let mut letters = 0;
    for (k, &b) in word.as_bytes().iter().enumerate() {
        if b >= 0x80 {
            return acronym_letters(&word[k..], letters);
        }
        if b.is_ascii_lowercase() {
            return false;
        }
        letters += usize::from(b.is_ascii_uppercase());
    }
    letters >= 2
}

/// [`is_acronym`] of `rest`, after `letters` capitals.
fn acronym_letters(rest: &str, mut letters: usize) -> bool {
    for c in rest.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Words that end a place's or an event's name: such a run is neither a person nor a
/// speaking organisation.
const NOT_PERSON: &str = "\
highway
street
road
avenue
boulevard
bridge
park
river
lake
mountain
mountains
island
islands
valley
bay
beach
creek
falls
day
eve
christmas
easter
thanksgiving
halloween
week
month
security
affairs
relations
square
plaza
tower
towers
coast
sea
ocean
gulf
peninsula
county
forest
canyon
desert
airport
station
stadium
arena
centre
center
building
hospital
school
college
";

const TITLE: u16 = 1;
const PLACE: u16 = 256;
const ORG_HEAD: u16 = 2;
const GROUP: u16 = 4;
const NOT_NAME_F: u16 = 8;
const PARTICLE: u16 = 16;
const FILLER: u16 = 32;
const MALE: u16 = 64;
const FEMALE: u16 = 128;

/// A word of at most 16 ASCII bytes, lowercased and packed into two integers: compared and
/// hashed without a byte loop or a call to `memcmp`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    lo: u64,
    hi: u64,
    len: u8,
}

impl Key {
    /// The key of `word` in lower case; None when it is longer than 16 bytes or not ASCII
    /// (no lexicon entry is).
    #[inline]
    pub(crate) fn new(word: &[u8]) -> Option<Key> {
        let (lo, hi) = pack16(word)?;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        if (lo | hi) & HIGH != 0 {
            return None;
        }
        Some(Key {
            lo: lower_ascii8(lo),
            hi: lower_ascii8(hi),
            len: word.len() as u8,
        })
    }

    /// Whether the word holds a hyphen: a test of the packed bytes, without a byte loop.
    #[inline]
    fn has_hyphen(self) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        // A byte of `x` is zero where the word has a hyphen (the padding's zero bytes turn
        // into hyphens' codes, not zeros); `zero` marks some byte exactly when one is zero.
        let zero = |v: u64| {
            let x = v ^ (ONES * u64::from(b'-'));
            x.wrapping_sub(ONES) & !x & (ONES * 0x80)
        };
        zero(self.lo) | zero(self.hi) != 0
    }

    #[inline]
    pub(crate) fn hash(self) -> u64 {
        (self.lo ^ self.hi.rotate_left(29) ^ u64::from(self.len))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// The bytes of a word of at most 16 bytes, little-endian and zero-padded, in two integers;
/// None for a longer word. Overlapping loads instead of a byte loop or a copy.
#[inline]
fn pack16(w: &[u8]) -> Option<(u64, u64)> {
    let n = w.len();
    // Each load reads a slice of a fixed length: one bounds check, no byte loop.
    let u32_at = |k: usize| u32::from_le_bytes(w[k..k + 4].try_into().unwrap_or_default());
    let u64_at = |k: usize| u64::from_le_bytes(w[k..k + 8].try_into().unwrap_or_default());
    Some(match n {
        0 => (0, 0),
        1..=3 => {
            // The first, middle and last bytes cover a word of one to three bytes.
            let (a, b, c) = (w[0], w[n / 2], w[n - 1]);
            let lo = u64::from(a) | u64::from(b) << (8 * (n / 2)) | u64::from(c) << (8 * (n - 1));
            (lo, 0)
        }
        4..=7 => {
            let lo = u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << (8 * (n - 4));
            (lo, 0)
        }
        8 => (u64_at(0), 0),
        9..=16 => (u64_at(0), u64_at(n - 8) >> (8 * (16 - n))),
        _ => return None,
    })
}

/// Lowercase eight ASCII bytes at once: each byte in 'A'..='Z' gains the 0x20 bit. A byte of
/// 0x80 or more (outside ASCII) gives unspecified bytes, the same ones each time: callers
/// that may pass one either drop the result or only compare it with another such result.
#[inline]
pub(crate) fn lower_ascii8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // The high bit of a byte is set when the byte is at least 'A', and at least 'Z' + 1
    // (no byte carries into the next while every byte is below 0x80).
    let ge_a = x.wrapping_add(ONES * u64::from(0x80 - b'A'));
    let gt_z = x.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
    let upper = ge_a & !gt_z & (ONES * 0x80);
    x | (upper >> 2)
}

/// A fixed set of short lowercase words with a value each, looked up in any letter case: an
/// open-addressing table of packed keys, built once.
pub(crate) struct Lexicon<V> {
    slots: Vec<Option<(Key, V)>>,
    shift: u32,
}

impl<V: Copy> Lexicon<V> {
    /// A table for `words`, each with its value; a word listed twice gets `merge(old, new)`.
    /// Panics on a word that can't be a key (longer than 16 bytes or not ASCII): such an entry
    /// could never match.
    pub(crate) fn build<'w>(
        words: impl IntoIterator<Item = (&'w str, V)>,
        merge: impl Fn(V, V) -> V,
    ) -> Lexicon<V> {
        let words: Vec<(&str, V)> = words.into_iter().collect();
        // At most half full, so a miss ends within a probe or two; fuller tables save memory
        // the page keeps for as long as it is open.
        let size = (words.len() * 2).next_power_of_two().max(16);
        let mut table = Lexicon {
            slots: vec![None; size],
            shift: 64 - size.trailing_zeros(),
        };
        for (w, v) in words {
            let key = Key::new(w.as_bytes())
                .unwrap_or_else(|| panic!("lexicon word {w:?} is no short ASCII word"));
            let mut k = table.slot_of(key);
            loop {
                match &mut table.slots[k] {
                    Some((old, value)) if *old == key => {
                        *value = merge(*value, v);
                        break;
                    }
                    Some(_) => k = (k + 1) & (size - 1),
                    empty => {
                        *empty = Some((key, v));
                        break;
                    }
                }
            }
        }
        table
    }

    /// How many words the table holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.is_some()).count()
    }

    #[inline]
    fn slot_of(&self, key: Key) -> usize {
        (key.hash() >> self.shift) as usize
    }

    /// The value of `word` in any letter case.
    #[inline]
    pub(crate) fn get(&self, word: &[u8]) -> Option<V> {
        self.get_key(Key::new(word)?)
    }

    #[inline]
    pub(crate) fn get_key(&self, key: Key) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut k = self.slot_of(key);
        loop {
            match self.slots[k] {
                Some((old, v)) if old == key => return Some(v),
                Some(_) => k = (k + 1) & mask,
                None => return None,
            }
        }
    }
}

/// Every lexicon word with the lists it belongs to, built once.
fn lexicon() -> &'static Lexicon<u16> {
    static MAP: std::sync::OnceLock<Lexicon<u16>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let lists = [
            (TITLES, TITLE),
            (ORG_HEADS, ORG_HEAD),
            (GROUP_NOUNS, GROUP),
            (NOT_NAME, NOT_NAME_F),
            (PARTICLES, PARTICLE),
            (CUE_FILLERS, FILLER),
            (MALE_NAMES, MALE),
            (FEMALE_NAMES, FEMALE),
            (NOT_PERSON, PLACE),
        ];
        Lexicon::build(
            lists
                .iter()
                // One word a line, or several to a line separated by spaces.
                .flat_map(|&(list, flag)| list.split_ascii_whitespace().map(move |w| (w, flag)))
                // "café": a word with a non-ASCII letter never matches (see `flags`).
                .filter(|(w, _)| w.is_ascii()),
            |a, b| a | b,
        )
    })
}

/// The lexicon flags of `word` in any letter case; none for a word with a non-ASCII letter or
/// longer than 32 bytes.
fn flags(word: &str) -> u16 {
    let w = word.as_bytes();
    if w.len() <= 16 {
        let Some(key) = Key::new(w) else {
            return 0;
        };
        if let Some(f) = lexicon().get_key(key) {
            return f;
        }
        if !key.has_hyphen() {
            return 0;
        }
    } else if w.len() > 32 || !w.is_ascii() {
        return 0;
    }
    // "Sergeant-at-Arms", "Lieutenant-Governor": a hyphenated title.
    let Some(k) = w.iter().position(|&b| b == b'-') else {
        return 0;
    };
    lexicon().get(&w[..k]).unwrap_or(0) & TITLE
}

fn in_flag(flag: u16, word: &str) -> bool {
    flags(word) & flag != 0
}

/// Titles, honorifics and office words: stripped from names into roles.
const TITLES: &str = "\
mr
mrs
ms
miss
mx
dr
prof
professor
sir
dame
lord
lady
rev
reverend
father
sister
brother
rabbi
imam
bishop
archbishop
cardinal
pope
king
queen
prince
princess
sheikh
president
vice
prime
minister
ministers
secretary
senator
sen
rep
representative
congressman
congresswoman
gov
governor
mayor
deputy
premier
chancellor
ambassador
chief
director
coach
judge
justice
attorney
general
lieutenant
lt
col
colonel
capt
captain
sgt
sergeant
cpl
corporal
const
constable
det
detective
insp
inspector
supt
superintendent
officer
commissioner
councillor
councilor
coun
alderman
chair
chairman
chairwoman
chairperson
speaker
leader
spokesperson
spokesman
spokeswoman
mp
mpp
mla
mna
ceo
cfo
coo
cto
founder
co-founder
executive
manager
dean
provost
principal
sheriff
marshal
admiral
adm
gen
maj
major
sgt.
pte
private
hon
honourable
honorable
state
foreign
interior
defence
defense
finance
health
public
safety
treasury
attorney-general
emeritus
assistant
associate
senior
junior
jr
sr
head
acting
interim
former
late
then
commander
organizer
organiser
coordinator
reporter
correspondent
editor
columnist
analyst
economist
lawyer
defenceman
defender
forward
goalie
goaltender
quarterback
pitcher
striker
midfielder
winger
centre
rookie
veteran
candidate
mla
researcher
scientist
geologist
doctor
physician
nurse
teacher
student
author
writer
historian
activist
advocate
owner
partner
dr.
st
saint
elder
chief-of-staff
member
novelist
poet
artist
actor
actress
singer
musician
journalist
photographer
pastor
priest
farmer
volunteer
chef
architect
engineer
surgeon
psychologist
lecturer
curator
librarian
firefighter
paramedic
pilot
";

/// Honorific gender: 'm', 'f' or none.
pub fn honorific_gender(word: &str) -> Option<Gender> {
    // No honorific is shorter than "mr" or longer than "congresswoman".
    if !(2..=13).contains(&word.len()) {
        return None;
    }
    let l = Lower::new(word);
    match l.bytes() {
        b"mr" | b"sir" | b"lord" | b"king" | b"prince" | b"father" | b"brother"
        | b"congressman" | b"chairman" | b"spokesman" | b"sheikh" => Some(Gender::Male),
        b"mrs" | b"ms" | b"miss" | b"dame" | b"lady" | b"queen" | b"princess" | b"sister"
        | b"congresswoman" | b"chairwoman" | b"spokeswoman" => Some(Gender::Female),
        _ => None,
    }
}

pub fn is_title(word: &str) -> bool {
    in_flag(TITLE, word)
}

/// Words that end an organisation's name.
const ORG_HEADS: &str = "\
ministry
department
dept
house
office
council
police
service
services
agency
association
union
inc
corp
corporation
company
co
ltd
llc
group
committee
commission
board
university
college
school
hospital
bank
court
government
party
institute
foundation
hydro
observatory
network
news
times
journal
post
press
herald
tribune
globe
reuters
associated
administration
authority
authorities
force
forces
army
navy
military
centre
center
society
federation
organization
organisation
coalition
alliance
club
league
team
airlines
airline
motors
pharmaceuticals
partners
holdings
trust
fund
cabinet
parliament
senate
congress
assembly
embassy
consulate
command
fire
rescue
rcmp
fbi
cia
nasa
un
nato
who
city
county
province
state
region
district
municipality
kremlin
pentagon
statistics
canada
tribunal
secretariat
bureau
unit
division
branch
communications
media
magazine
channel
radio
tv
television
studio
studios
labs
technologies
systems
energy
power
airport
port
authority
chamber
guard
patrol
squad
zone
international
global
skytrain
line
nation
nations
hall
church
mosque
temple
cafe
café
restaurant
hotel
mall
market
store
shop
program
programme
project
plan
act
bill
assessment
award
prize
cup
games
tournament
championship
series
festival
images
photo
photos
getty
creative
stock
wire
centre
institution
ministries
departments
councils
associates
enterprises
industries
brands
foods
stores
markets
capital
ventures
solutions
consulting
research
laboratory
clinic
health
care
airways
railway
rail
transit
transport
union
office
mobile
talos
twitter
facebook
instagram
google
apple
microsoft
amazon
tesla
netflix
";

/// A word that ends a place's or an event's name ("Lake", "Day", "Street").
pub fn is_place_head(word: &str) -> bool {
    in_flag(PLACE, word)
}

pub fn is_org_head(word: &str) -> bool {
    in_flag(ORG_HEAD, word)
}

/// Nouns for unnamed speakers and groups ("a spokesperson", "officials", "police").
const GROUP_NOUNS: &str = "\
crowd
audience
crew
panel
jury
public
community
mob
choir
chorus
fans
spectators
delegation
opposition
spokesperson
spokesman
spokeswoman
spokespeople
spokespersons
official
officials
police
authorities
expert
experts
analyst
analysts
critic
critics
resident
residents
officer
officers
investigator
investigators
prosecutor
prosecutors
researcher
researchers
scientist
scientists
staff
source
sources
witness
witnesses
neighbour
neighbours
neighbor
neighbors
aide
aides
advocate
advocates
organizer
organizers
organiser
organisers
representative
representatives
leader
leaders
lawyer
lawyers
attorney
attorneys
doctor
doctors
economist
economists
observers
activists
activist
protesters
protestors
demonstrators
supporters
opponents
members
member
workers
employees
parents
students
teachers
voters
people
person
man
woman
men
women
family
friends
friend
statement
report
study
release
documents
letter
survey
poll
ministry
department
company
government
agency
utility
city
province
group
organization
organisation
council
committee
commission
board
union
association
firm
club
team
coach
chief
minister
mayor
president
premier
director
manager
founder
owner
chair
chairman
chairwoman
secretary
governor
senator
judge
diplomat
diplomats
agent
agents
insiders
insider
consultant
consultants
academic
academics
owners
farmers
guards
soldiers
rescuers
paramedics
firefighters
medics
nurses
nurse
officials.
regulators
regulator
lawmakers
legislators
politicians
ministers
executives
executive
organizers
authors
author
historians
historian
professor
professors
economists
observer
participants
victims
survivors
survivor
relatives
sister
brother
mother
father
son
daughter
wife
husband
partner
couple
judges
court
filing
filings
records
data
research
findings
memo
email
note
post
tweet
analysis
website
campaign
party
administration
officer.
";

pub fn is_group_noun(word: &str) -> bool {
    in_flag(GROUP, word)
}

/// Words that never start or continue a name although capitalised: sentence-initial function
/// words, months, days.
const NOT_NAME: &str = "\
the
a
an
and
but
or
if
when
while
after
before
as
at
in
on
of
for
to
from
with
by
this
that
these
those
it
its
he
she
they
we
i
you
his
her
their
our
my
your
there
here
then
so
yet
still
also
however
though
although
because
since
until
meanwhile
instead
indeed
now
today
yesterday
tomorrow
monday
tuesday
wednesday
thursday
friday
saturday
sunday
january
february
march
april
may
june
july
august
september
october
november
december
jan
feb
mar
apr
jun
jul
aug
sep
sept
oct
nov
dec
what
who
why
how
where
which
not
no
yes
all
some
many
most
more
one
two
every
each
both
either
neither
said
says
say
according
photo
watch
play
read
more:
asked
is
was
are
were
will
would
can
could
should
do
does
did
has
have
had
being
been
last
next
other
another
such
even
just
only
about
over
under
into
through
despite
without
within
during
like
unlike
i'm
it's
that's
there's
we're
they're
let
lets
mr.
our
";

pub fn is_not_name(word: &str) -> bool {
    in_flag(NOT_NAME_F, word)
}

/// Lowercase particles inside names: "Omran al-Zoubi" needs none, "Ben van der Pluijm" does.
const PARTICLES: &str = "\
van von der den de da di du del della la le bin ibn
al el ben dos das st. y
";

pub fn is_particle(word: &str) -> bool {
    let w = word.as_bytes();
    // "al-Zoubi", "el-Sisi", "bin-Salman" glue their particle with a hyphen.
    if w.len() > 3 && (w.starts_with(b"al-") || w.starts_with(b"el-")) {
        return true;
    }
    in_flag(PARTICLE, word)
}

/// Words that could sit between a speaker and a cue: "Kerry also said", "she has said".
const CUE_FILLERS: &str = "\
also
later
then
has
have
had
previously
earlier
again
once
further
recently
repeatedly
often
frequently
would
will
could
may
might
simply
only
just
even
still
quickly
flatly
later
bluntly
angrily
calmly
quietly
softly
firmly
publicly
privately
emphatically
immediately
finally
initially
first
once
has
long
reportedly
allegedly
openly
proudly
happily
sadly
jokingly
never
always
recently
subsequently
since
yet
already
had
";

pub fn is_cue_filler(word: &str) -> bool {
    in_flag(FILLER, word)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

/// Pronoun classes for speaker mentions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    They,
    It,
    /// "I", "we": the writer or a quoted speaker, not resolved.
    First,
}

/// The pronoun a word is, if any. Inlined: a word of more than four bytes, or one that starts
/// with another letter than a pronoun's, is turned away where it is asked about.
#[inline]
pub fn pronoun(word: &str) -> Option<Pronoun> {
    if word.len() > 4
        || !matches!(
            word.as_bytes().first(),
            Some(b'h' | b'H' | b's' | b'S' | b't' | b'T' | b'i' | b'I' | b'w' | b'W')
        )
    {
        return None;
    }
    pronoun_word(word)
}

/// [`pronoun`] of a short word that starts as a pronoun does.
#[inline(never)]
fn pronoun_word(word: &str) -> Option<Pronoun> {
    let l = Lower::new(word);
    match l.bytes() {
        b"he" => Some(Pronoun::He),
        b"she" => Some(Pronoun::She),
        b"they" => Some(Pronoun::They),
        b"it" => Some(Pronoun::It),
        b"i" | b"we" => Some(Pronoun::First),
        _ => None,
    }
}

/// A tiny forename table for gender: the commonest English forenames. Unknown names have no
/// gender and are compatible with both pronouns.
const MALE_NAMES: &str = "\
john
james
robert
michael
william
david
richard
joseph
thomas
charles
christopher
daniel
matthew
anthony
mark
donald
steven
paul
andrew
joshua
kenneth
kevin
brian
george
edward
ronald
timothy
jason
jeffrey
ryan
jacob
gary
nicholas
eric
jonathan
stephen
larry
justin
scott
brandon
benjamin
samuel
frank
gregory
raymond
alexander
patrick
jack
dennis
jerry
tyler
aaron
jose
henry
adam
douglas
nathan
peter
zachary
kyle
walter
harold
jeremy
ethan
carl
keith
roger
gerald
christian
terry
sean
arthur
austin
noah
lawrence
jesse
joe
bryan
billy
jordan
albert
dylan
bruce
willie
gabriel
alan
juan
logan
wayne
ralph
roy
eugene
randy
vincent
russell
louis
philip
bobby
johnny
bradley
vladimir
bill
tom
jim
bob
mike
dave
steve
tim
doug
ben
sam
dan
rob
greg
ken
jeff
chris
nick
matt
tony
pete
jon
justin
pierre
jean
francois
andre
luc
marc
mohammad
mohamed
mahmoud
khaled
sergey
sergei
ivan
dmitry
mohammed
muhammad
ahmed
ali
omar
hassan
xi
boris
emmanuel
angela
recep
benjamin
doug
andrew
stephen
brian
jason
blake
craig
graham
ian
neil
colin
martin
simon
hugh
stuart
ross
duncan
fraser
";

const FEMALE_NAMES: &str = "\
mary
patricia
jennifer
linda
elizabeth
barbara
susan
jessica
sarah
karen
nancy
lisa
betty
margaret
sandra
ashley
kimberly
emily
donna
michelle
dorothy
carol
amanda
melissa
deborah
stephanie
rebecca
sharon
laura
cynthia
kathleen
amy
shirley
angela
helen
anna
brenda
pamela
nicole
emma
samantha
katherine
christine
debra
rachel
catherine
carolyn
janet
ruth
maria
heather
diane
virginia
julie
joyce
victoria
olivia
kelly
christina
lauren
joan
evelyn
judith
megan
cheryl
andrea
hannah
martha
jacqueline
frances
gloria
ann
anne
teresa
kathryn
sara
janice
jean
alice
madison
doris
abigail
julia
judy
grace
denise
amber
marilyn
beverly
danielle
theresa
sophia
marie
diana
brittany
natalie
isabella
charlotte
rose
alexis
kayla
hillary
nancy
theresa
kathleen
rachel
jody
catherine
francine
sophie
chloe
claire
fiona
louise
jane
kate
katie
liz
beth
jenny
meg
sue
kim
erin
elena
olga
natalia
fatima
aisha
mariam
maryam
leila
layla
yasmin
priya
marina
irina
svetlana
tatiana
ingrid
greta
annette
monique
isabelle
celine
valerie
nathalie
genevieve
melanie
caroline
lucy
";

pub fn forename_gender(word: &str) -> Option<Gender> {
    // `flags` reads the word in any letter case.
    let f = flags(word);
    let male = f & MALE != 0;
    let female = f & FEMALE != 0;
    match (male, female) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

/// What a noun phrase next to a cue names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    Person,
    Organization,
    /// "a spokesperson", "officials", "the ministry".
    Group,
    Pronoun(Pronoun),
}

/// A speaker mention: where the name is, the role given with it, and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The name ("John Kerry"), the pronoun, or the group phrase ("a spokesperson").
    pub name: Span,
    pub role: Option<Span>,
    pub kind: MentionKind,
    /// A gender read off an honorific next to the name ("Ms. Bennett").
    pub gender: Option<Gender>,
}

/// Read a noun phrase made of the tokens `toks` (in text order, words and inner punctuation
/// such as the dot of "Mr." or the hyphen tokens) into a mention. Returns None when the phrase
/// names no one.
pub fn read_phrase(text: &str, toks: &[Tok]) -> Option<Mention> {
    if toks.iter().all(|t| t.word()) {
        return read_phrase_words(text, toks);
    }
    // The words of a phrase next to a cue fit on the stack.
    const ON_STACK: usize = 16;
    let mut buf = [Tok::new(0, 0, false); ON_STACK];
    let mut n = 0;
    for t in toks.iter().filter(|t| t.word()) {
        if n == ON_STACK {
            let words: Vec<Tok> = toks.iter().copied().filter(|t| t.word()).collect();
            return read_phrase_words(text, &words);
        }
        buf[n] = *t;
        n += 1;
    }
    read_phrase_words(text, &buf[..n])
}

/// [`read_phrase`] on the phrase's words alone.
fn read_phrase_words(text: &str, words: &[Tok]) -> Option<Mention> {
    let first = *words.first()?;
    if words.len() == 1 {
        if let Some(p) = pronoun(first.text(text)) {
            return Some(Mention {
                name: first.span(),
                role: None,
                kind: MentionKind::Pronoun(p),
                gender: None,
            });
        }
    }
    read_words(text, words)
}

/// The word `t` without a possessive "'s" or "’s" (when something is left before it). Most
/// words do not end in "s" and are returned after one byte test.
#[inline]
fn strip_possessive(text: &str, t: Tok) -> Tok {
    let s = &text.as_bytes()[t.start()..t.end()];
    if s.last() != Some(&b's') {
        return t;
    }
    for suffix in ["'s", "’s"] {
        if s.len() > suffix.len() && s.ends_with(suffix.as_bytes()) {
            return t.with_end(t.end() - suffix.len());
        }
    }
    t
}

fn read_words(text: &str, words: &[Tok]) -> Option<Mention> {
    // Drop a leading determiner.
    let mut ws = words;
    let mut determiner = None;
    if let Some(f) = ws.first() {
        let l = Lower::new(f.text(text));
        if matches!(
            l.bytes(),
            b"the" | b"a" | b"an" | b"another" | b"one" | b"some" | b"two" | b"three"
        ) {
            determiner = Some(l.bytes() == b"the");
            ws = &ws[1..];
        }
    }
    if ws.is_empty() {
        return None;
    }
    // Which words can be part of a name, worked out once per word (one bit each for the
    // first 64; a longer phrase asks again past them), as `is_name_word` does. The lexicon
    // flags of the capitalised words among them are kept for the rules below.
    let mut name_bits = 0u64;
    let mut known_flags = 0u64;
    let mut word_flags = [0u16; 64];
    for (k, t) in ws.iter().take(64).enumerate() {
        let w = t.text(text);
        let name = if is_capitalized(w) {
            word_flags[k] = flags(w);
            known_flags |= 1 << k;
            let f = word_flags[k];
            f & (TITLE | NOT_NAME_F | GROUP) == 0
                // "Stephen King", "Martin Luther King Jr.": a title after a forename is a
                // surname.
                || f & (NOT_NAME_F | GROUP) == 0
                    && k > 0
                    && name_bits >> (k - 1) & 1 != 0
                    && is_forename(ws[k - 1].text(text))
                // "Will Ostrander", "April Castellano": a word that is also a forename, before
                // a name.
                || is_word_forename(w)
                    && ws.get(k + 1).is_some_and(|n| {
                        let prev = k.checked_sub(1).map(|p| ws[p].text(text));
                        opens_name_as_forename(prev, n.text(text))
                    })
        } else {
            glued_particle_name(w)
        };
        name_bits |= u64::from(name) << k;
    }
    // The lexicon flags of word `k` without its possessive ending.
    let head_flags_at = |k: usize| {
        let t = ws[k];
        let bare = strip_possessive(text, t);
        if bare == t && k < 64 && known_flags >> k & 1 != 0 {
            word_flags[k]
        } else {
            flags(bare.text(text))
        }
    };
    let name_at = |k: usize| {
        if k < 64 {
            name_bits >> k & 1 != 0
        } else {
            is_name_word(ws[k].text(text))
        }
    };
    // Runs of name words: capitalised, not a title, not a function word; particles inside.
    let mut best: Option<(usize, usize)> = None; // [i, j) in ws
    let mut runs: [(usize, usize); 8] = [(0, 0); 8];
    let mut nruns = 0;
    let mut i = 0;
    while i < ws.len() {
        if name_at(i) {
            let mut j = i + 1;
            while j < ws.len() {
                let v = ws[j].text(text);
                if name_at(j)
                    || j == i + 1 && is_month_surname(ws[i].text(text), v)
                    || is_particle(v)
                        && j + 1 < ws.len()
                        && (name_at(j + 1) || is_particle(ws[j + 1].text(text)))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            if nruns < runs.len() {
                runs[nruns] = (i, j);
                nruns += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let last_lower = !name_at(ws.len() - 1) && !is_capitalized(ws[ws.len() - 1].text(text));
    // An organisation: "the Russian Foreign Ministry", "Department of Health": the whole
    // capitalised run ending on an organisation word, titles included.
    let last = ws[ws.len() - 1];
    // The head word without a possessive, and its lexicon flags, asked for by several rules.
    let head = strip_possessive(text, last);
    let head_flags = head_flags_at(ws.len() - 1);
    // Where the organisation's own word is: the last word ("the State Department"), or the
    // word before "of" or "for" when a name follows it to the end ("Department of
    // Transportation", "Ministry for the Environment").
    let org_word = if !is_capitalized(last.text(text)) {
        None
    } else if head_flags & ORG_HEAD != 0 {
        Some(ws.len() - 1)
    } else {
        org_word_before_of(text, ws, &head_flags_at)
    };
    if let Some(org_word) = org_word {
        let mut a = org_word;
        while a > 0 {
            let w = ws[a - 1].text(text);
            let l = Lower::new(w);
            if is_capitalized(w) && !matches!(l.bytes(), b"the" | b"a" | b"an")
                || matches!(l.bytes(), b"of" | b"for" | b"and" | b"on")
                    && a >= 2
                    && is_capitalized(ws[a - 2].text(text))
            {
                a -= 1;
            } else {
                break;
            }
        }
        // "the chair of the Harbour Board": skip the article before the organisation.
        let ap = before_article_after_preposition(text, ws, a);
        if ap >= 2 && determiner.is_some() && !is_capitalized(ws[ap - 2].text(text)) {
            let l = Lower::new(ws[ap - 1].text(text));
            if matches!(l.bytes(), b"of" | b"at" | b"for" | b"with" | b"from") {
                // "the founder of Northfield Press": a person, not the organisation.
                return Some(Mention {
                    name: Span::new(words[0].start(), ws[ap - 2].end()),
                    role: None,
                    kind: MentionKind::Group,
                    gender: None,
                });
            }
        }
        let role = if a > 0 {
            Some(Span::new(ws[0].start(), ws[a - 1].end()))
        } else {
            None
        };
        return Some(Mention {
            name: Span::new(ws[a].start(), strip_possessive(text, last).end()),
            role,
            kind: MentionKind::Organization,
            gender: None,
        });
    }
    // A group: "Officials", "police officers", "city staff" (no name before the head).
    if head_flags & GROUP != 0 && !(0..ws.len() - 1).any(name_at) {
        // Start at the last determiner: "out the laid-back resident" names "the ... resident".
        let from = words
            .iter()
            .rposition(|t| matches!(Lower::new(t.text(text)).bytes(), b"the" | b"a" | b"an"))
            .map_or(words[0].start(), |k| words[k].start());
        return Some(Mention {
            name: Span::new(from, head.end()),
            role: None,
            kind: MentionKind::Group,
            gender: None,
        });
    }
    // Choose the last run, unless a preposition puts it in a place ("Shelby of Alabama").
    for k in (0..nruns).rev() {
        let (a, _) = runs[k];
        let prep = a > 0 && {
            let l = Lower::new(ws[a - 1].text(text));
            matches!(
                l.bytes(),
                b"of" | b"from" | b"in" | b"at" | b"for" | b"with" | b"on"
            )
        };
        if prep && k > 0 {
            continue;
        }
        best = Some(runs[k]);
        break;
    }
    if last_lower {
        // The phrase ends on a common noun: "a spokesperson", "the ministry", "city staff".
        if head_flags & GROUP != 0 {
            let start = words[0].start();
            return Some(Mention {
                name: Span::new(start, last.end()),
                role: None,
                kind: MentionKind::Group,
                gender: None,
            });
        }
        // "Kerry, who ..." phrases never reach here; a name followed by a lowercase
        // modifier ("Smith herself") is rare.
        best?;
    }
    // "King said": a title that is also a surname, alone and without an article, names
    // someone ("the King said" is a title).
    if best.is_none() && ws.len() == 1 && determiner.is_none() && is_surname_title(last.text(text))
    {
        best = Some((0, 1));
    }
    let (a, mut b) = best?;
    // "the 39-year-old founder of Studiocomix Press", "the former clerk of the House": a
    // person described by their place in an organisation, not the organisation.
    let a_prep = before_article_after_preposition(text, ws, a);
    if a_prep >= 2 && determiner.is_some() && !is_capitalized(ws[a_prep - 2].text(text)) {
        let a = a_prep;
        let l = Lower::new(ws[a - 1].text(text));
        if matches!(l.bytes(), b"of" | b"at" | b"for" | b"with" | b"from") {
            return Some(Mention {
                name: Span::new(words[0].start(), ws[a - 2].end()),
                role: None,
                kind: MentionKind::Group,
                gender: None,
            });
        }
    }
    // The name: at most four words; a long run such as "Crown-Indigenous Relations Carolyn
    // Bennett" keeps its last two.
    let mut a = a;
    if b - a > 4 || (b - a > 3 && a > 0) {
        a = b - 2;
    }
    // A possessive ends the name ("Syria's information minister": a place, not a person),
    // unless a name follows it: "the IFSD's Azfar Ali Khan" names Azfar Ali Khan of the IFSD.
    if let Some(k) = (a..b).find(|&k| strip_possessive(text, ws[k]) != ws[k]) {
        if b - (k + 1) >= 2 && k + 1 < b {
            a = k + 1;
            determiner = None;
        } else {
            b = k + 1;
        }
    }
    let name_first = ws[a];
    let name_last = strip_possessive(text, ws[b - 1]);
    let name = Span::new(name_first.start(), name_last.end());
    let role = if a > 0 {
        Some(Span::new(ws[0].start(), ws[a - 1].end()))
    } else {
        None
    };
    let role = role.map(|r| trim_role(text, r));
    let gender = ws[..a]
        .iter()
        .rev()
        .find_map(|t| honorific_gender(t.text(text)));
    let name_words = &ws[a..b];
    let org = determiner == Some(true)
        || (a..b).any(|k| {
            // "Bill Smith": a forename that is also an organisation word opens a person's name.
            // ("Bill C-69" stays a bill).
            head_flags_at(k) & ORG_HEAD != 0
                && !(k == a
                    && b - a >= 2
                    && !ws[k + 1].text(text).contains(|c: char| c.is_ascii_digit())
                    && is_forename(ws[k].text(text)))
        })
        || name_words.iter().all(|t| is_acronym(t.text(text)))
        || (name_words.len() == 1 && is_acronym(name_words[0].text(text)));
    let possessive_only = strip_possessive(text, ws[b - 1]) != ws[b - 1];
    if possessive_only && b == ws.len() {
        // "Kerry's" alone names no speaker.
        return None;
    }
    if possessive_only && last_lower {
        // "Syria's information minister": an unnamed official of a place.
        return Some(Mention {
            name: Span::new(words[0].start(), ws[ws.len() - 1].end()),
            role: None,
            kind: MentionKind::Group,
            gender: None,
        });
    }
    Some(Mention {
        name,
        role,
        kind: if org {
            MentionKind::Organization
        } else {
            MentionKind::Person
        },
        gender,
    })
}

/// In "Department of Transportation" or "Ministry for the Environment", the organisation's
/// word: a capitalised organisation word followed by "of" or "for", then capitalised words (with
/// "and", "of", "for", "the" between them) to the end of the phrase. None when a title or a
/// possessive comes after it: "Bank of England Governor Andrew Bailey" and "Department of
/// Health's Jo Park" name people.
fn org_word_before_of(text: &str, ws: &[Tok], flags_at: &impl Fn(usize) -> u16) -> Option<usize> {
    // The first "of" or "for" after a capitalised organisation word ("the chair of the
    // Department of Education" passes over "chair of").
    let k = (1..ws.len().saturating_sub(1)).find(|&k| {
        matches!(Lower::new(ws[k].text(text)).bytes(), b"of" | b"for")
            && is_capitalized(ws[k - 1].text(text))
            && flags_at(k - 1) & ORG_HEAD != 0
    })?;
    let org = k - 1;
    let last = ws.len() - 1;
    let named = ws[k + 1..].iter().enumerate().all(|(i, &t)| {
        let w = t.text(text);
        if is_capitalized(w) {
            flags_at(k + 1 + i) & TITLE == 0
                && (k + 1 + i == last || strip_possessive(text, t) == t)
        } else {
            matches!(Lower::new(w).bytes(), b"and" | b"of" | b"for" | b"the") && k + 1 + i < last
        }
    });
    named.then_some(org)
}

/// Trim a trailing comma or possessive from a role ("the Harbour Institute's").
fn trim_role(text: &str, r: Span) -> Span {
    let s = &text[r];
    let t = s.trim_end_matches([',', ' ']);
    let t = t
        .strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t);
    Span::new(r.start as usize, r.start as usize + t.len())
}

/// The lexicon's reading of one word, looked up once for several questions about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordFlags(u16);

impl WordFlags {
    pub fn of(word: &str) -> WordFlags {
        WordFlags(flags(word))
    }
    /// [`is_org_head`].
    pub fn is_org_head(self) -> bool {
        self.0 & ORG_HEAD != 0
    }
    /// [`is_place_head`].
    pub fn is_place_head(self) -> bool {
        self.0 & PLACE != 0
    }
}

/// [`is_name_word`], with the lexicon flags of a capitalised word (looked up for the test).
pub fn name_word_flags(w: &str) -> (bool, Option<WordFlags>) {
    if is_capitalized(w) {
        let f = WordFlags::of(w);
        (f.0 & (TITLE | NOT_NAME_F | GROUP) == 0, Some(f))
    } else {
        (glued_particle_name(w), None)
    }
}

/// A capitalised word that can be part of a name (not a title, not a function word).
pub fn is_name_word(w: &str) -> bool {
    if is_capitalized(w) {
        flags(w) & (TITLE | NOT_NAME_F | GROUP) == 0
    } else {
        // A glued particle is lowercase.
        glued_particle_name(w)
    }
}

/// Calls `f` with the gazetteer key of `word` (as [`crate::gazetteer::fold_key`] gives it): a
/// short ASCII word is lowercased on the stack, and only another one is folded into a new
/// string.
pub fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let l = Lower::new(word);
    if word.is_empty() || !l.bytes().is_empty() {
        f(l.as_str())
    } else {
        f(&crate::gazetteer::fold_key(word))
    }
}

/// A month that is a surname after a known forename: "Elizabeth May", "Theresa May".
pub fn is_month_surname(prev: &str, w: &str) -> bool {
    matches!(w, "May" | "June" | "April" | "August") && is_forename(prev)
}

/// A title word that is also a common surname: alone before a speech verb ("King said") or
/// right after a forename ("Stephen King", "John Major") it names a person.
#[inline]
pub fn is_surname_title(w: &str) -> bool {
    // (Asked of most words that end a run of names: the first byte and the length turn nearly
    // all of them away.)
    matches!(w.as_bytes(), [b'B'..=b'S', ..])
        && (4..=10).contains(&w.len())
        && matches!(
            Lower::new(w).bytes(),
            b"king"
                | b"queen"
                | b"prince"
                | b"bishop"
                | b"cardinal"
                | b"pope"
                | b"judge"
                | b"justice"
                | b"marshal"
                | b"dean"
                | b"major"
                | b"sheriff"
                | b"chancellor"
                | b"constable"
                | b"elder"
                | b"lord"
        )
}

/// A word kept out of names as a function word or a month that is also a forename ("Will",
/// "June"): inside a sentence and before a name it opens one ("Council member Will Grant").
#[inline]
pub fn is_word_forename(w: &str) -> bool {
    matches!(w.as_bytes(), [b'W' | b'M' | b'J' | b'A', ..])
        && (3..=6).contains(&w.len())
        && matches!(
            Lower::new(w).bytes(),
            b"will" | b"may" | b"june" | b"april" | b"august"
        )
}

/// Whether a word that is also a forename ("Will", "June", see [`is_word_forename`]) opens a
/// name between `prev` and `next`: a name follows it that is not an acronym ("An August PBO
/// report" is a month), and the word before it does not make it a date.
pub fn opens_name_as_forename(prev: Option<&str>, next: &str) -> bool {
    is_name_word(next)
        && !is_word_forename(next)
        && !is_acronym(next)
        && prev.is_none_or(|p| !dates_a_month(p))
}

/// A word before a month that makes it a date, not a forename: "in June", "since May", "and
/// April", "an August report".
fn dates_a_month(w: &str) -> bool {
    matches!(
        Lower::new(w).bytes(),
        b"in"
            | b"on"
            | b"a"
            | b"an"
            | b"the"
            | b"every"
            | b"each"
            | b"that"
            | b"since"
            | b"until"
            | b"till"
            | b"by"
            | b"from"
            | b"through"
            | b"to"
            | b"of"
            | b"last"
            | b"next"
            | b"this"
            | b"early"
            | b"late"
            | b"mid"
            | b"during"
            | b"before"
            | b"after"
            | b"between"
            | b"and"
            | b"or"
    )
}

/// A capitalised word that is a known forename ("Stephen", "Carole").
pub(crate) fn is_forename(w: &str) -> bool {
    is_capitalized(w)
        && (forename_gender(w).is_some()
            || with_folded(w, |k| crate::gazetteer::lists().is_first_name(k)))
}

/// "al-Zoubi", "el-Sisi", "bin-Salman": a particle glued to a capitalised name.
fn glued_particle_name(w: &str) -> bool {
    // The particles have two or three letters: the hyphen is the third or the fourth byte.
    let k = match w.as_bytes() {
        [_, _, b'-', ..] => 2,
        [_, _, _, b'-', ..] => 3,
        _ => return false,
    };
    let (p, rest) = (&w[..k], &w[k + 1..]);
    // (Each starts with an "a", "b", "e" or "i": the speakers' name scan passes over words
    // that start with another small letter.)
    matches!(
        p,
        "al" | "el" | "bin" | "ibn" | "abu" | "ad" | "as" | "ash" | "an" | "at" | "az"
    ) && is_capitalized(rest)
}

/// The nearest name run (at most four words) ending exactly at token `end_idx` exclusive.
pub fn name_run_before(text: &str, toks: &[Tok], end_idx: usize) -> Option<(usize, usize)> {
    let mut i = end_idx;
    while i > 0 {
        let t = toks[i - 1];
        if !t.word() {
            // The dot of an initial or honorific belongs to the phrase.
            if t.text(text) == "." && i >= 2 && toks[i - 2].word() && toks[i - 2].end() == t.start()
            {
                i -= 1;
                continue;
            }
            break;
        }
        let w = t.text(text);
        if is_capitalized(w) || is_particle(w) {
            i -= 1;
        } else {
            break;
        }
        if end_idx - i > 9 {
            break;
        }
    }
    (i < end_idx).then_some((i, end_idx))
}

/// `a - 1` when the name at `a` follows "of the", "at the", "for the", "with the" or "from the"
/// (the article then belongs with the name), else `a`.
fn before_article_after_preposition(text: &str, ws: &[Tok], a: usize) -> usize {
    if a >= 3
        && Lower::new(ws[a - 1].text(text)).bytes() == b"the"
        && matches!(
            Lower::new(ws[a - 2].text(text)).bytes(),
            b"of" | b"at" | b"for" | b"with" | b"from"
        )
    {
        a - 1
    } else {
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(s: &str) -> Option<(String, Option<String>, MentionKind)> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        read_phrase(s, &toks).map(|m| {
            (
                s[m.name].to_string(),
                m.role.map(|r| s[r].to_string()),
                m.kind,
            )
        })
    }

    #[test]
    fn phrases() {
        assert_eq!(
            phrase("Secretary of State Dana Whitlock"),
            Some((
                "Dana Whitlock".into(),
                Some("Secretary of State".into()),
                MentionKind::Person
            ))
        );
        assert_eq!(
            phrase("Sen. Ada Morrow of Vermont").unwrap().0,
            "Ada Morrow"
        );
        assert_eq!(phrase("Hamid bin Rashid").unwrap().0, "Hamid bin Rashid");
        assert_eq!(
            phrase("the Coastal Water Board").unwrap().2,
            MentionKind::Organization
        );
        assert_eq!(
            phrase("a company spokesperson").unwrap().2,
            MentionKind::Group
        );
        assert_eq!(phrase("she").unwrap().2, MentionKind::Pronoun(Pronoun::She));
        assert_eq!(phrase("the weather"), None);
    }

    /// An organisation word, "of" or "for", then a name: the whole is the organisation,
    /// not a person named by its last words; a title or a possessive after it names a person.
    #[test]
    fn organisations_named_with_of() {
        let org = |s: &str| (s.to_string(), None, MentionKind::Organization);
        assert_eq!(
            phrase("the Department of Transportation"),
            Some(org("Department of Transportation"))
        );
        assert_eq!(
            phrase("the Harbor County Department of Education"),
            Some(org("Harbor County Department of Education"))
        );
        assert_eq!(
            phrase("Ministry for the Environment"),
            Some(org("Ministry for the Environment"))
        );
        assert_eq!(
            phrase("Office of Management and Budget"),
            Some(org("Office of Management and Budget"))
        );
        assert_eq!(
            phrase("a spokesman for the Department of Agriculture").map(|p| p.2),
            Some(MentionKind::Group)
        );
        assert_eq!(
            phrase("Bank of Westland Governor Ana Ruiz"),
            Some((
                "Ana Ruiz".into(),
                Some("Bank of Westland Governor".into()),
                MentionKind::Person
            ))
        );
        assert_eq!(
            phrase("the Department of Education's Jo Park").unwrap().0,
            "Jo Park"
        );
    }

    /// A title word after a forename is a surname; before a name it stays a title.
    #[test]
    fn titles_after_forenames_are_surnames() {
        let person = |s: &str, role: Option<&str>| {
            Some((s.to_string(), role.map(String::from), MentionKind::Person))
        };
        assert_eq!(phrase("Stephen King"), person("Stephen King", None));
        assert_eq!(phrase("Carole Bishop"), person("Carole Bishop", None));
        assert_eq!(phrase("King Charles"), person("Charles", Some("King")));
        assert_eq!(
            phrase("Judge Tomas Reyes"),
            person("Tomas Reyes", Some("Judge"))
        );
    }

    /// "Bill" opens a person's name before a surname, not before a bill's number.
    #[test]
    fn forenames_that_are_organisation_words() {
        assert_eq!(phrase("Bill Sims").map(|p| p.2), Some(MentionKind::Person));
        assert_eq!(
            phrase("Councillor Bill Grant"),
            Some((
                "Bill Grant".into(),
                Some("Councillor".into()),
                MentionKind::Person
            ))
        );
        assert_ne!(phrase("Bill C-69").map(|p| p.2), Some(MentionKind::Person));
    }

    /// The ASCII path of `is_acronym` agrees with the test by characters.
    #[test]
    fn acronyms_by_bytes_and_by_characters() {
        let by_chars = |w: &str| {
            !w.chars().any(char::is_lowercase)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        };
        for w in [
            "", "A", "AB", "RCMP", "U.S", "U.S.", "CBC's", "Cbc", "A1", "1A2B", "ÉU", "ÉTATS",
            "ÉTats", "UÉ", "Ué", "A-B", "ΑΒ", "αβ", "A.ß",
        ] {
            assert_eq!(is_acronym(w), by_chars(w), "{w:?}");
        }
    }

    #[test]
    fn word_flags_answer_as_the_word_tests_do() {
        for w in [
            "Ministry",
            "ministry",
            "Lake",
            "Street",
            "Senator",
            "Kerry",
            "al-Zoubi",
            "The",
            "the",
            "Vice-President",
            "Élodie",
            "U.S",
            "Bay",
            "Board",
            "",
            "x",
        ] {
            let (name, f) = name_word_flags(w);
            assert_eq!(name, is_name_word(w), "{w}");
            assert_eq!(f.is_some(), is_capitalized(w), "{w}");
            let f = WordFlags::of(w);
            assert_eq!(f.is_org_head(), is_org_head(w), "{w}");
            assert_eq!(f.is_place_head(), is_place_head(w), "{w}");
        }
        assert!(WordFlags::of("Ministry").is_org_head() && WordFlags::of("Lake").is_place_head());
    }

    /// `Lower` lower-cases short ASCII words and turns away the rest, as byte by byte.
    #[test]
    fn lower_agrees_with_ascii_lowercase() {
        let long = "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh";
        let mut words: Vec<&str> = (0..=long.len()).map(|n| &long[..n]).collect();
        words.extend([
            "said", "SAID", "Said", "café", "CAFÉ", "@[`{", "Z", "a-B'c.D", "\u{7f}",
        ]);
        for w in words {
            let l = Lower::new(w);
            let want = if w.len() > 32 || !w.is_ascii() {
                String::new()
            } else {
                w.to_ascii_lowercase()
            };
            assert_eq!(l.bytes(), want.as_bytes(), "{w:?}");
            assert_eq!(l.as_str(), want, "{w:?}");
        }
    }

    #[test]
    fn keys_are_lowercase_words() {
        // Every length up to 16 bytes, in mixed case: the key packs the lowercase bytes.
        let word = "aBcDeFgHiJkLmNoPq";
        for n in 0..=16 {
            let w = &word[..n];
            let lower = w.to_ascii_lowercase();
            let key = Key::new(w.as_bytes()).unwrap();
            assert!(key == Key::new(lower.as_bytes()).unwrap(), "{w}");
            let mut bytes = [0u8; 16];
            bytes[..n].copy_from_slice(lower.as_bytes());
            let lo = u64::from_le_bytes(bytes[..8].try_into().unwrap());
            let hi = u64::from_le_bytes(bytes[8..].try_into().unwrap());
            assert_eq!((key.lo, key.hi, usize::from(key.len)), (lo, hi, n), "{w}");
        }
        assert!(Key::new(word.as_bytes()).is_none());
        assert!(Key::new("café".as_bytes()).is_none());
        assert!(Key::new(b"ab\0") != Key::new(b"ab"));
        for w in [
            "-",
            "a-b",
            "abcdefg-",
            "abcdefgh-",
            "abcdefghijklmno-",
            "-bcdefghijklmnop",
        ] {
            assert!(Key::new(w.as_bytes()).unwrap().has_hyphen(), "{w}");
        }
        for w in [
            "",
            "a",
            "ab",
            "abcdefgh",
            "abcdefghijklmnop",
            "co.op",
            "o'neil",
        ] {
            assert!(!Key::new(w.as_bytes()).unwrap().has_hyphen(), "{w}");
        }
        assert!(is_title("Sergeant-at-Arms") && is_title("LIEUTENANT-GOVERNOR-GENERAL"));
        assert!(!is_org_head("Café"));
    }

    #[test]
    fn tokens_match_a_character_loop() {
        // The tokenizer as a plain loop over characters.
        fn reference(s: &str) -> Vec<Tok> {
            let class = |c: char| {
                if c.is_whitespace() {
                    Class::Space
                } else if c.is_alphanumeric() {
                    Class::Word
                } else if is_joiner(c) {
                    Class::Joiner
                } else {
                    Class::Other
                }
            };
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            let at = |k: usize| chars.get(k).map_or(s.len(), |&(i, _)| i);
            let mut out = Vec::new();
            let mut k = 0;
            while k < chars.len() {
                let c = class(chars[k].1);
                if c == Class::Space {
                    k += 1;
                    continue;
                }
                let mut j = k + 1;
                if c == Class::Word {
                    while j < chars.len() {
                        let d = class(chars[j].1);
                        let next_word = chars.get(j + 1).is_some_and(|n| class(n.1) == Class::Word);
                        if d == Class::Word || d == Class::Joiner && next_word {
                            j += 1;
                        } else {
                            break;
                        }
                    }
                }
                out.push(Tok::new(at(k), at(j), c == Class::Word));
                k = j;
            }
            out
        }
        let alphabet = [
            "a",
            "Z",
            "7",
            " ",
            "-",
            "'",
            ".",
            "&",
            "’",
            "é",
            "ß",
            "\u{a0}",
            ",",
            "\n",
            "“",
            "@",
            "[",
            "`",
            "{",
            "/",
            ":",
            "\u{7f}",
            "q",
            "abcdefghij",
            "ABC123xyz",
            "Mountain",
        ];
        let mut seed = 11u32;
        for len in 0..48 {
            for _ in 0..30 {
                let mut s = String::new();
                for _ in 0..len {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    s.push_str(alphabet[(seed >> 16) as usize % alphabet.len()]);
                }
                let mut toks = Vec::new();
                tokenize(&s, 0, s.len(), &mut toks);
                assert_eq!(toks, reference(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn non_ascii_classes_match_the_characters() {
        // The byte-level shortcuts of `class_at` agree with the characters' own properties.
        for c in ('\u{80}'..='\u{7ff}').chain('\u{2000}'..='\u{206f}') {
            let s = c.to_string();
            assert!(class_at(&s, 0) == char_class(c), "{c:?}");
        }
    }

    #[test]
    fn alnum_runs_end_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for at in 0..20 {
                for len in at..24 {
                    let mut bytes = b"aZ09zA9mQ0xYq7Lk3bC5dE8f".to_vec();
                    bytes.truncate(len + 1);
                    if at < bytes.len() {
                        bytes[at] = b;
                    }
                    let want = bytes
                        .iter()
                        .position(|x| !x.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len());
                    assert_eq!(alnum_run_end(&bytes, 0), want, "{b} at {at} of {len}");
                }
            }
        }
    }

    #[test]
    fn a_block_s_tokens_are_its_text_tokenised() {
        let s = "A rock'n'roll fan, al-Zoubi said.\n\n“U.S. plans” e.g.this O'Neil’s 3.5% café—ok.";
        let blocks = [
            crate::Block::new(crate::BlockKind::Paragraph, Span::new(0, 33)),
            crate::Block::new(crate::BlockKind::Paragraph, Span::new(35, s.len())),
            crate::Block::new(crate::BlockKind::Paragraph, Span::new(35, 35)),
        ];
        let tokens = BlockTokens::new(s, &blocks);
        let (mut buf, mut want) = (Vec::new(), Vec::new());
        for (b, block) in blocks.iter().enumerate() {
            want.clear();
            tokenize(
                s,
                block.span.start as usize,
                block.span.end as usize,
                &mut want,
            );
            assert_eq!(tokens.block(s, b, &mut buf), &want[..], "block {b}");
        }
        assert!(tokens.block(s, 3, &mut buf).is_empty());
    }

    #[test]
    fn a_stretch_of_block_tokens_is_tokenised_alike() {
        // Stretches starting or ending inside a word, or reaching out of the block, included.
        let s = "A rock'n'roll fan, al-Zoubi said. “U.S. plans” e.g.this O'Neil’s 3.5% café—ok.";
        let blocks = [
            crate::Block::new(crate::BlockKind::Paragraph, Span::new(0, 40)),
            crate::Block::new(crate::BlockKind::Paragraph, Span::new(41, s.len())),
        ];
        let tokens = BlockTokens::new(s, &blocks);
        let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
        let (mut buf, mut want) = (Vec::new(), Vec::new());
        for b in 0..blocks.len() {
            for &i in &bounds {
                for &j in bounds.iter().filter(|&&j| j >= i) {
                    let got = tokens.stretch(s, b, i, j, &mut buf);
                    want.clear();
                    tokenize(s, i, j, &mut want);
                    assert_eq!(got, &want[..], "block {b}, {i}..{j}");
                }
            }
        }
    }

    #[test]
    fn tokens() {
        let s = "al-Zoubi's “U.S. plan,” O'Neil";
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let words: Vec<&str> = toks
            .iter()
            .filter(|t| t.word())
            .map(|t| t.text(s))
            .collect();
        assert_eq!(words, ["al-Zoubi's", "U.S", "plan", "O'Neil"]);
    }

    #[test]
    fn forename_words_and_surname_titles() {
        // "Will", "June": a forename before a name, unless the word before makes a date.
        assert!(opens_name_as_forename(Some("member"), "Grant"));
        assert!(opens_name_as_forename(None, "Pellow"));
        assert!(!opens_name_as_forename(Some("in"), "Ostrander"));
        assert!(!opens_name_as_forename(Some("An"), "Ostrander"));
        assert!(!opens_name_as_forename(None, "PBO"));
        assert!(!opens_name_as_forename(None, "the"));
        assert!(is_word_forename("Will") && is_word_forename("April"));
        assert!(!is_word_forename("will") && !is_word_forename("Willow"));
        // A title that is also a surname, and one that is not.
        assert!(is_surname_title("King") && is_surname_title("Major"));
        assert!(!is_surname_title("king") && !is_surname_title("President"));
        // Alone before a cue it names someone; with an article it is a title.
        fn read(s: &str) -> Option<(&str, MentionKind)> {
            let mut toks = Vec::new();
            tokenize(s, 0, s.len(), &mut toks);
            read_phrase(s, &toks).map(|m| (&s[m.name], m.kind))
        }
        assert_eq!(read("King"), Some(("King", MentionKind::Person)));
        assert_eq!(read("the King"), None);
        assert!(read("President").is_none_or(|(_, k)| k != MentionKind::Person));
        assert_eq!(
            read("April Castellano"),
            Some(("April Castellano", MentionKind::Person))
        );
    }
}
