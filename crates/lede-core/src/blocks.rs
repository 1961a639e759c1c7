//! Blocks: the article split into paragraphs, headings and furniture.
//!
//! After [`crate::normalize`] every line break separates two blocks (hard-wrapped lines are
//! already joined), so plain text is read line by line, blank lines or not. Each line is then
//! recognised in two passes:
//!
//! 1. On its own: Markdown headings (`#`, setext `===`/`---` underlines), list items, block
//!    quotes (`>`), interview turns (`Q:` / `A:`), media lines (`PHOTO:`, `WATCH`, `Video:`),
//!    captions and photo credits (`Name/Agency/AP Photo`, a glued button label such as the
//!    `Play` of `PlayJane Roe/AP Photo` left out of the credit), bylines (`By A and B`),
//!    timestamps (`Updated 3:04 PM EST, Feb. 22, 2016`), boilerplate (`Advertisement`,
//!    `Read more`, newsletter prompts) and editor's notes (`X contributed to this report.`,
//!    corrections).
//! 2. In context: the first short, title-like line after nothing but page furniture is the
//!    [`BlockKind::Title`]; a short line right after it is the [`BlockKind::Dek`]; ALL-CAPS,
//!    Title-Case, numbered and live-blog time lines are headings when body text follows them,
//!    and so is a short sentence-case line between two body paragraphs ("What happens
//!    next"); a dateline (`WASHINGTON (AP) —`) at the start of one of the first paragraphs
//!    becomes its own [`BlockKind::Dateline`] block and the paragraph starts after it; a short
//!    paragraph right before a credit line is that photo's caption.
//!
//! Rich input ([`split_with_hints`]) keeps its headings, list items, quotes and captions, and
//! still runs the furniture tests on its paragraphs (a `<p>` byline, a contributor line).
//! [`caption_text`] gives a caption's words without its credit or a glued button label.
//!
//! Block spans are trimmed, in text order and never overlap. Markers that are not text
//! (`#`, `>`, bullets, setext underlines) are left outside the spans.

use crate::normalize::is_rule;
use crate::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Title,
    Dek,
    Byline,
    Dateline,
    Timestamp,
    Heading,
    Paragraph,
    ListItem,
    BlockQuote,
    Question,
    Answer,
    Media,
    Caption,
    Credit,
    Boilerplate,
    EditorNote,
}

impl BlockKind {
    /// Body text: what sections group and what quotes and facts are read from.
    pub fn is_body(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph
                | BlockKind::ListItem
                | BlockKind::BlockQuote
                | BlockKind::Question
                | BlockKind::Answer
        )
    }

    /// Article furniture that is neither body text nor a heading.
    pub fn is_furniture(self) -> bool {
        !self.is_body() && self != BlockKind::Heading
    }

    /// A short lowercase name (`paragraph`, `editor_note`), as serialised.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Dek => "dek",
            BlockKind::Byline => "byline",
            BlockKind::Dateline => "dateline",
            BlockKind::Timestamp => "timestamp",
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::BlockQuote => "block_quote",
            BlockKind::Question => "question",
            BlockKind::Answer => "answer",
            BlockKind::Media => "media",
            BlockKind::Caption => "caption",
            BlockKind::Credit => "credit",
            BlockKind::Boilerplate => "boilerplate",
            BlockKind::EditorNote => "editor_note",
        }
    }
}

/// One block of the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, trimmed of surrounding white space.
    pub span: Span,
    /// Heading level (1 = title-like) for headings; 0 otherwise.
    pub level: u8,
    /// The span of a credit inside a caption or media line ("Name/Agency/AP Photo").
    pub credit: Option<Span>,
}

impl Block {
    pub fn new(kind: BlockKind, span: Span) -> Block {
        Block {
            kind,
            span,
            level: 0,
            credit: None,
        }
    }
}

/// A structural hint from rich input (HTML paste or file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputBlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    BlockQuote,
    Caption,
}

/// One block of rich input: its kind and its plain text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputBlock {
    pub kind: InputBlockKind,
    pub text: String,
}

/// What the first pass knows of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Guess {
    /// Explicit Markdown heading (`#` or an underline), with its level.
    MarkedHeading(u8),
    /// ALL-CAPS, Title-Case, sentence-case short line, numbered or live-blog time line: a
    /// heading only when body text follows.
    MaybeHeading,
    /// A short line that may be a title, dek or heading depending on its place.
    Short,
    Block(BlockKind),
}

#[derive(Clone, Copy, Debug)]
struct Draft {
    guess: Guess,
    span: Span,
    credit: Option<Span>,
    /// From rich input whose structure we trust.
    hinted: bool,
}

/// Split plain (normalised) text into blocks.
pub fn split(text: &str) -> Vec<Block> {
    let mut drafts = Vec::new();
    let mut lines = LineIter { text, pos: 0 }.peekable();
    while let Some((start, end)) = lines.next() {
        let line = &text[start..end];
        // A setext underline under this line makes it a heading.
        if let Some(&(ns, ne)) = lines.peek() {
            let next = text[ns..ne].trim();
            let all = |c: u8| next.len() >= 3 && next.bytes().all(|b| b == c);
            if (all(b'=') || all(b'-')) && !is_rule(line) {
                let level = if all(b'=') { 1 } else { 2 };
                drafts.push(Draft {
                    guess: Guess::MarkedHeading(level),
                    span: Span::new(start, end),
                    credit: None,
                    hinted: false,
                });
                lines.next();
                continue;
            }
        }
        if is_rule(line) {
            continue;
        }
        drafts.push(first_pass(text, start, end));
    }
    second_pass(text, drafts)
}

/// Non-blank lines as trimmed `(start, end)` byte ranges.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for LineIter<'_> {
    type Item = (usize, usize);
    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        while self.pos < bytes.len() {
            let start = self.pos;
            let end = memchr_newline(&bytes[start..]).map_or(bytes.len(), |i| start + i);
            self.pos = end + 1;
            let (s, e) = trim_range(self.text, start, end);
            if s < e {
                return Some((s, e));
            }
        }
        None
    }
}

/// The first line feed: looked for sixteen bytes at a time while a chunk has none (that test
/// compiles to one vector comparison), then placed inside the chunk that has one: each byte
/// becomes 0xFF or 0 and the lowest marked byte of the 128-bit word is found, with no
/// per-byte branches. Byte by byte in the last few bytes.
pub(crate) fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = bytes[i..].first_chunk::<16>() {
        if chunk
            .iter()
            .fold(0u8, |seen, &b| seen | u8::from(b == b'\n'))
            != 0
        {
            let marks = chunk.map(|b| u8::from(b == b'\n').wrapping_neg());
            return Some(i + (u128::from_le_bytes(marks).trailing_zeros() / 8) as usize);
        }
        i += 16;
    }
    bytes[i..].iter().position(|&b| b == b'\n').map(|p| i + p)
}

fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let trimmed_start = slice.trim_start();
    let s = start + (slice.len() - trimmed_start.len());
    let e = s + trimmed_start.trim_end().len();
    (s, e)
}

/// Classify one trimmed line on its own.
fn first_pass(text: &str, start: usize, end: usize) -> Draft {
    let line = &text[start..end];
    let draft = |guess, s: usize, e: usize| Draft {
        guess,
        span: Span::new(s, e),
        credit: None,
        hinted: false,
    };
    let bytes = line.as_bytes();

    // Markdown heading.
    let hashes = bytes.iter().take_while(|&&b| b == b'#').count();
    if (1..=6).contains(&hashes) && bytes.get(hashes) == Some(&b' ') {
        let inner = line[hashes..].trim_end_matches('#');
        let (s, e) = trim_range(text, start + hashes, start + hashes + inner.len());
        if s < e {
            return draft(Guess::MarkedHeading(hashes as u8), s, e);
        }
    }
    // Block quote.
    if let Some(rest) = line.strip_prefix('>') {
        let (s, e) = trim_range(text, end - rest.len(), end);
        if s < e {
            let mut d = classify_text(text, s, e, false);
            if d.guess == Guess::Block(BlockKind::Paragraph)
                || matches!(d.guess, Guess::Short | Guess::MaybeHeading)
            {
                d.guess = Guess::Block(BlockKind::BlockQuote);
            }
            return d;
        }
        return draft(Guess::Block(BlockKind::BlockQuote), start, end);
    }
    // Bulleted list item: the marker stays outside the span.
    if let Some(marker) = bullet_len(line) {
        let (s, e) = trim_range(text, start + marker, end);
        if s < e {
            // A bulleted editor's note or page link keeps its kind.
            let inner = classify_text(text, s, e, true);
            if let Guess::Block(k @ (BlockKind::EditorNote | BlockKind::Boilerplate)) = inner.guess
            {
                return draft(Guess::Block(k), s, e);
            }
            return draft(Guess::Block(BlockKind::ListItem), s, e);
        }
    }
    classify_text(text, start, end, false)
}

/// The byte length of a leading bullet marker and its space.
fn bullet_len(line: &str) -> Option<usize> {
    for marker in [
        "- ", "* ", "+ ", "• ", "· ", "▪ ", "► ", "– ", "◦ ", "•", "▪", "►",
    ] {
        if line.starts_with(marker) && line.len() > marker.len() {
            return Some(marker.len());
        }
    }
    None
}

/// Classify a line's text (no Markdown markers): interview turns, furniture, numbered items,
/// heading candidates, paragraphs. `hinted` text came as a rich-input paragraph.
fn classify_text(text: &str, start: usize, end: usize, hinted: bool) -> Draft {
    let line = &text[start..end];
    let words = approx_words(line, 80);
    let mut d = Draft {
        guess: Guess::Block(BlockKind::Paragraph),
        span: Span::new(start, end),
        credit: None,
        hinted,
    };
    let set = |d: &mut Draft, kind| d.guess = Guess::Block(kind);

    if starts_with_any(line, &["Q:", "Q.", "Question:", "QUESTION:"]) && words >= 2 {
        set(&mut d, BlockKind::Question);
        return d;
    }
    if starts_with_any(line, &["A:", "Answer:", "ANSWER:"]) && words >= 2 {
        set(&mut d, BlockKind::Answer);
        return d;
    }
    if words <= 60 && is_editor_note(line) {
        set(&mut d, BlockKind::EditorNote);
        return d;
    }
    if words <= 30 && is_boilerplate(line, words) {
        set(&mut d, BlockKind::Boilerplate);
        return d;
    }
    if let Some(kind) = media_kind(line, words) {
        set(&mut d, kind);
        if let Some((s, e)) = find_credit(line) {
            d.credit = Some(Span::new(start + s, start + e));
            // "Photo: Jane Roe" is a credit and nothing else.
            let before = line[..s].trim_end_matches([' ', '(', ':', '—', '-', '|']);
            if is_credit_label(before) {
                set(&mut d, BlockKind::Credit);
            }
        }
        return d;
    }
    // A bare agency line under a photo: "Getty Images", "Jane Roe/AP", "Reuters".
    if words <= 4 && is_agency_line(line) {
        d.credit = Some(d.span);
        set(&mut d, BlockKind::Credit);
        return d;
    }
    if words <= 4 && line.ends_with("min read") {
        set(&mut d, BlockKind::Boilerplate);
        return d;
    }
    if words <= 70 {
        if let Some((s, e)) = find_credit(line) {
            d.credit = Some(Span::new(start + s, start + e));
            let before = line[..s].trim_end_matches([' ', '(', ':', '—', '-', '|']);
            let only_credit = before.is_empty() || is_credit_label(before);
            set(
                &mut d,
                if only_credit {
                    BlockKind::Credit
                } else {
                    BlockKind::Caption
                },
            );
            return d;
        }
    }
    if words <= 16 && is_byline(line) {
        set(&mut d, BlockKind::Byline);
        return d;
    }
    if words <= 18 {
        match timestamp_kind(line) {
            Some(TimeLine::Stamp) => {
                set(&mut d, BlockKind::Timestamp);
                return d;
            }
            Some(TimeLine::Time) if !hinted => {
                d.guess = Guess::MaybeHeading;
                return d;
            }
            _ => {}
        }
    }
    if !hinted && words <= 16 && is_time_title(line) {
        d.guess = Guess::MaybeHeading;
        return d;
    }
    // Numbered line: a heading when short and unpunctuated, else a list item.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && matches!(
            line.as_bytes().get(digits..digits + 2),
            Some([b'.' | b')', b' '])
        )
    {
        if words <= 14 && !ends_sentence(line) && !hinted {
            d.guess = Guess::MaybeHeading;
        } else {
            set(&mut d, BlockKind::ListItem);
        }
        return d;
    }
    if hinted {
        // Rich input marks its headings itself; a short paragraph may still be a dek.
        if words <= 30
            && line.len() <= 220
            && !ends_sentence(line)
            && !line.ends_with([',', ';', ':'])
        {
            d.guess = Guess::Short;
        }
        return d;
    }
    if words <= 14 && line.len() <= 120 && is_all_caps(line) {
        d.guess = Guess::MaybeHeading;
        return d;
    }
    if words <= 30 && line.len() <= 220 && !line.ends_with(['.', ',', ';', ':', '。', '，']) {
        d.guess = if words <= 12 && is_title_case(line) {
            Guess::MaybeHeading
        } else {
            Guess::Short
        };
    }
    d
}

/// Context: title, dek, headings, datelines.
fn second_pass(text: &str, drafts: Vec<Draft>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::with_capacity(drafts.len() + 2);
    let n = drafts.len();
    let mut seen_body = false;
    let mut has_title = false;
    let mut furniture_only = true;
    let mut body_paragraphs = 0;
    // For each draft, the index of the next one that is not furniture (one backward pass).
    let mut next_content: Vec<Option<usize>> = vec![None; n];
    for i in (0..n.saturating_sub(1)).rev() {
        let furniture = matches!(drafts[i + 1].guess, Guess::Block(k) if k.is_furniture());
        next_content[i] = if furniture {
            next_content[i + 1]
        } else {
            Some(i + 1)
        };
    }
    for i in 0..n {
        let d = drafts[i];
        let line = &text[d.span];
        let next_is_body = next_content[i].is_some_and(|k| {
            let n = &drafts[k];
            match n.guess {
                Guess::Block(k) => k.is_body(),
                Guess::Short => word_count(&text[n.span], 40) > 12,
                _ => false,
            }
        });
        // The title is the first title-like line, after nothing but furniture (a timestamp,
        // a media label); the dek comes right after it.
        let title_slot = !has_title && furniture_only && i <= 8;
        // A line that opens with a dateline is body text, however short.
        let d = if matches!(d.guess, Guess::Short | Guess::MaybeHeading)
            && dateline_prefix(line).is_some()
        {
            Draft {
                guess: Guess::Block(BlockKind::Paragraph),
                ..d
            }
        } else {
            d
        };
        let after_title = blocks.last().is_some_and(|b| b.kind == BlockKind::Title);
        let kind_level: (BlockKind, u8) = match d.guess {
            Guess::MarkedHeading(level) => {
                if title_slot && level <= 1 {
                    (BlockKind::Title, 1)
                } else {
                    (BlockKind::Heading, level.max(1))
                }
            }
            Guess::Short | Guess::MaybeHeading if title_slot && approx_words(line, 40) <= 25 => {
                (BlockKind::Title, 1)
            }
            Guess::Short if after_title => (BlockKind::Dek, 0),
            Guess::MaybeHeading if next_is_body || (!seen_body && i + 1 < n) => {
                (BlockKind::Heading, 2)
            }
            // A short sentence-case line between body paragraphs ("What happens next").
            Guess::Short
                if !d.hinted
                    && seen_body
                    && next_is_body
                    && blocks.last().is_some_and(|b| b.kind.is_body())
                    && is_sentence_case_heading(line) =>
            {
                (BlockKind::Heading, 2)
            }
            Guess::Short | Guess::MaybeHeading => {
                if !seen_body && after_title {
                    (BlockKind::Dek, 0)
                } else {
                    (BlockKind::Paragraph, 0)
                }
            }
            // A date line between body paragraphs heads a live-blog entry.
            Guess::Block(BlockKind::Timestamp) if seen_body && next_is_body => {
                (BlockKind::Heading, 2)
            }
            Guess::Block(kind) => (kind, 0),
        };
        let (mut kind, mut level) = kind_level;
        if !seen_body
            && matches!(
                kind,
                BlockKind::Heading | BlockKind::Paragraph | BlockKind::Dek
            )
            && is_dateline_line(line)
        {
            (kind, level) = (BlockKind::Dateline, 0);
        }
        // Hinted rich input keeps its first heading as the title when it leads the text.
        if d.hinted && kind == BlockKind::Heading && level == 1 && !seen_body && !has_title {
            kind = BlockKind::Title;
            has_title = true;
        }
        has_title |= kind == BlockKind::Title;
        furniture_only &= kind.is_furniture() && kind != BlockKind::Title;
        if kind == BlockKind::Paragraph && body_paragraphs < 3 {
            if let Some((dash_end, body_start)) = dateline_prefix(line) {
                let s = d.span.start as usize;
                blocks.push(Block::new(BlockKind::Dateline, Span::new(s, s + dash_end)));
                blocks.push(Block::new(
                    kind,
                    Span::new(s + body_start, d.span.end as usize),
                ));
                seen_body = true;
                body_paragraphs += 1;
                continue;
            }
        }
        if kind.is_body() {
            seen_body = true;
            if kind == BlockKind::Paragraph {
                body_paragraphs += 1;
            }
        }
        let level = if kind == BlockKind::Title { 1 } else { level };
        blocks.push(Block {
            kind,
            span: d.span,
            level,
            credit: d.credit,
        });
    }
    // A short paragraph right before a credit line is that photo's caption.
    for i in 1..blocks.len() {
        if blocks[i].kind == BlockKind::Credit
            && blocks[i - 1].kind == BlockKind::Paragraph
            && approx_words(&text[blocks[i - 1].span], 50) <= 40
            && !reports_speech(&text[blocks[i - 1].span])
        {
            blocks[i - 1].kind = BlockKind::Caption;
        }
    }
    blocks
}

/// A caption's own words: the block without its credit and without a button label glued to
/// the credit ("... Feb. 18. PlayJane Roe/AP Photo" gives "... Feb. 18."). Other blocks: their
/// whole span.
pub fn caption_text(text: &str, block: &Block) -> Span {
    let Some(credit) = block.credit else {
        return block.span;
    };
    if credit.start <= block.span.start || credit.end > block.span.end {
        return block.span;
    }
    let head = &text[block.span.start as usize..credit.start as usize];
    let mut t = head.trim_end();
    for label in GLUED_LABELS {
        if let Some(rest) = t.strip_suffix(label) {
            if rest.is_empty() || rest.ends_with([' ', '.', ')']) {
                t = rest.trim_end();
                break;
            }
        }
    }
    let t = t.trim_end_matches(['(', '|', '—', '-', ':', ' ']);
    if t.is_empty() {
        return block.span;
    }
    Span::new(
        block.span.start as usize,
        block.span.start as usize + t.len(),
    )
}

/// Join rich input blocks into one text (blank line between blocks) and remember each block's
/// span and kind. Each block's text is normalised on the way, so the joined text is already
/// clean and the hints' spans stay valid after [`crate::normalize::normalize`].
pub fn join_input(input: &[InputBlock]) -> (String, Vec<(Span, InputBlockKind)>) {
    let mut text = String::new();
    let mut hints = Vec::with_capacity(input.len());
    for block in input {
        let cleaned = crate::normalize::normalize(&block.text).text;
        let t = cleaned.trim();
        if t.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        // Line breaks inside one block are soft: the block is one unit.
        for (i, line) in t
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(line);
        }
        hints.push((Span::new(start, text.len()), block.kind));
    }
    (text, hints)
}

/// Blocks from rich input, trusting its structure and still recognising furniture (a
/// paragraph that is a byline, a caption with its credit, an editor's note).
pub fn split_with_hints(text: &str, hints: &[(Span, InputBlockKind)]) -> Vec<Block> {
    let mut drafts = Vec::with_capacity(hints.len());
    for &(span, kind) in hints {
        let (s, e) = (span.start as usize, span.end as usize);
        if e > text.len() || s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let block = |k| Draft {
            guess: Guess::Block(k),
            span,
            credit: None,
            hinted: true,
        };
        let draft = match kind {
            InputBlockKind::Heading(level) => Draft {
                guess: Guess::MarkedHeading(level.clamp(1, 6)),
                span,
                credit: None,
                hinted: true,
            },
            InputBlockKind::Paragraph => classify_text(text, s, e, true),
            InputBlockKind::ListItem => block(BlockKind::ListItem),
            InputBlockKind::BlockQuote => block(BlockKind::BlockQuote),
            InputBlockKind::Caption => {
                let line = &text[s..e];
                let credit = find_credit(line).map(|(cs, ce)| Span::new(s + cs, s + ce));
                let only_credit = credit.is_some_and(|c| {
                    let before = line[..c.start as usize - s]
                        .trim_end_matches([' ', '(', ':', '—', '-', '|']);
                    before.is_empty() || is_credit_label(before)
                });
                let kind = if only_credit {
                    BlockKind::Credit
                } else {
                    BlockKind::Caption
                };
                Draft {
                    guess: Guess::Block(kind),
                    span,
                    credit,
                    hinted: true,
                }
            }
        };
        drafts.push(draft);
    }
    second_pass(text, drafts)
}

// ---------------------------------------------------------------------------------------------
// Line tests. Each looks at one trimmed line and allocates nothing.

/// Words, counting at most `limit`: whitespace-separated words, plus one per two characters
/// of scripts written without spaces (Chinese, Japanese).
/// The spaces and line feeds of `bytes`, counted eight bytes at a time: each byte equal to
/// one of them marks its top bit in a word, the marks (moved to the low bit) are added into
/// eight byte-wide counters, and the counters are summed every 255 words, before any can
/// overflow. No population count per word: that has no instruction on baseline x86-64.
fn count_word_gaps(bytes: &[u8]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const LINE_FEEDS: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    const EVEN_BYTES: u64 = 0x00ff_00ff_00ff_00ff;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut n = 0;
    for run in words.chunks(255) {
        let mut counters = 0u64;
        for w in run {
            let x = u64::from_le_bytes(*w);
            counters += (zero_bytes(x ^ SPACES) | zero_bytes(x ^ LINE_FEEDS)) >> 7;
        }
        // Pairs of byte counters into four 16-bit ones (at most 510 each), then their sum in
        // the top 16 bits of the product.
        let pairs = (counters & EVEN_BYTES) + ((counters >> 8) & EVEN_BYTES);
        n += (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize;
    }
    n + rest.iter().filter(|&&b| b == b' ' || b == b'\n').count()
}

/// The top bit of every zero byte of `y`, and no other bit.
fn zero_bytes(y: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // Adding 0x7F to a byte's low seven bits sets its top bit unless they are all zero; no
    // carry crosses bytes.
    !(((y & LOW7) + LOW7) | y | LOW7)
}

fn approx_words(s: &str, limit: usize) -> usize {
    // Lines are trimmed and spaces single after normalisation: words are spaces plus one.
    let words = if s.is_empty() {
        0
    } else {
        1 + count_word_gaps(s.as_bytes())
    };
    if words >= limit || s.is_ascii() {
        return words.min(limit);
    }
    // The dense scripts are all three-byte characters from U+2E80 (E2 BA 80) on: a line with
    // no lead byte E3..=EF and no byte BA..=BF has none. That test vectorises; curly quotes
    // and dashes (E2 80 xx) pass it.
    let bytes = s.as_bytes();
    let maybe_dense = bytes.iter().fold(false, |seen, &b| {
        seen | (0xe3..=0xef).contains(&b) | (0xba..=0xbf).contains(&b)
    });
    if !maybe_dense {
        return words.min(limit);
    }
    // Decode only the three-byte characters' lead bytes (E2..=EF).
    let mut dense = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(0xe2..=0xef).contains(&b) || i + 2 >= bytes.len() {
            i += 1;
            continue;
        }
        let c = (u32::from(b & 0x0f) << 12)
            | (u32::from(bytes[i + 1] & 0x3f) << 6)
            | u32::from(bytes[i + 2] & 0x3f);
        if (0x2e80..=0x9fff).contains(&c)
            || (0xac00..=0xd7af).contains(&c)
            || (0xf900..=0xfaff).contains(&c)
        {
            dense += 1;
            if dense == limit * 2 {
                break;
            }
        }
        i += 3;
    }
    (words + dense / 2).min(limit)
}

/// A live-blog entry heading: a clock time, then a dash or colon and a short title
/// ("9:31 a.m. — A new course record").
fn is_time_title(line: &str) -> bool {
    let mut rest = line;
    let first = rest.split(' ').next().unwrap_or("");
    let clock = first.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    if !is_clock(clock) {
        return false;
    }
    rest = rest[first.len()..].trim_start();
    for filler in ["a.m.", "p.m.", "am", "pm", "AM", "PM", "a.m", "p.m"] {
        if let Some(r) = rest.strip_prefix(filler) {
            rest = r.trim_start();
            break;
        }
    }
    if let Some(zone) = rest.split(' ').next() {
        if ZONES.iter().any(|z| z.eq_ignore_ascii_case(zone)) {
            rest = rest[zone.len()..].trim_start();
        }
    }
    let Some(title) = ["— ", "– ", "- ", ": ", "| "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
    else {
        return false;
    };
    let title = title.trim();
    !title.is_empty() && word_count(title, 20) <= 12 && !ends_sentence(title)
}

/// Whitespace-separated words, counting at most `limit`.
fn word_count(s: &str, limit: usize) -> usize {
    s.split_ascii_whitespace().take(limit).count()
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    // The first byte decides most calls without a slice comparison.
    match (s.first(), p.first()) {
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => {
            s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p)
        }
        (_, None) => true,
        _ => false,
    }
}

/// `str::starts_with` that rejects on the first byte before comparing slices.
fn starts_with_cs(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    match (s.first(), p.first()) {
        (Some(a), Some(b)) if a == b => s.len() >= p.len() && &s[..p.len()] == p,
        (_, None) => true,
        _ => false,
    }
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| starts_with_cs(s, p))
}

/// A filter on the first two bytes of a line for a list of prefixes (each at least two bytes
/// long), built at compile time: one bit for each pair of the low five bits of the prefixes'
/// first and second bytes, ASCII case folded. A line whose pair has no bit starts with none
/// of the prefixes, in any case, and the list need not be searched; a bit may be a false
/// alarm (the search then decides).
struct PrefixPairs([u32; 32]);

impl PrefixPairs {
    const fn new(list: &[&str]) -> PrefixPairs {
        let mut bits = [0u32; 32];
        let mut i = 0;
        while i < list.len() {
            let p = list[i].as_bytes();
            assert!(p.len() >= 2, "a prefix of at least two bytes");
            bits[(p[0].to_ascii_lowercase() & 31) as usize] |=
                1 << (p[1].to_ascii_lowercase() & 31);
            i += 1;
        }
        PrefixPairs(bits)
    }

    /// Whether `s` may start with one of the prefixes (ignoring ASCII case).
    fn may_start(&self, s: &str) -> bool {
        match s.as_bytes() {
            [a, b, ..] => {
                let row = self.0[usize::from(a.to_ascii_lowercase() & 31)];
                row >> (b.to_ascii_lowercase() & 31) & 1 != 0
            }
            _ => false,
        }
    }
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return n.is_empty();
    }
    let first = n[0].to_ascii_lowercase();
    (0..=h.len() - n.len())
        .any(|i| h[i].to_ascii_lowercase() == first && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Ends with sentence punctuation, possibly inside closing quotes or brackets.
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']']);
    t.ends_with(['.', '?', '!', '…', '。', '！', '？'])
}

fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() && c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 3
}

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "but", "at", "by", "with",
    "from", "as", "vs", "vs.", "is", "are", "was", "be", "into", "over", "after", "about", "up",
    "out", "off", "its", "it", "not", "than", "that", "this", "&", "-", "—", "–",
];

/// Attributed speech or a quotation: body text, not a caption.
fn reports_speech(p: &str) -> bool {
    p.contains(['"', '“', '”'])
        || [" said", " says", " told", " according to"]
            .iter()
            .any(|v| p.contains(v))
}

/// A short unpunctuated line that reads as a subhead: a capital first, at most eight words,
/// no quotation marks, no terminal punctuation.
fn is_sentence_case_heading(line: &str) -> bool {
    word_count(line, 10) <= 8
        && line.starts_with(|c: char| c.is_uppercase())
        && !line.contains(['"', '“', '”', '«', '»'])
        && !line.ends_with(|c: char| c.is_ascii_punctuation() && c != '?')
        && !ends_sentence(line)
        // "Talks will go on, minister says" reports speech: body text, not a subhead.
        && !(line.contains(", ") && line.ends_with([' ', 's', 'd']) && {
            let last = line.rsplit(' ').next().unwrap_or("");
            matches!(last, "says" | "said" | "say" | "warns" | "claims" | "insists")
        })
}

/// Most words capitalised ("What the Deal Means for Farmers").
fn is_title_case(s: &str) -> bool {
    // Sentences and credits are not headings.
    if s.contains(". ") || s.ends_with(')') {
        return false;
    }
    let mut content = 0;
    let mut capitalised = 0;
    for (i, w) in s.split_ascii_whitespace().enumerate() {
        let w = w.trim_start_matches(['"', '“', '‘', '(', '\'']);
        let Some(first) = w.chars().next() else {
            continue;
        };
        if i == 0 && !first.is_uppercase() && !first.is_ascii_digit() {
            return false;
        }
        if i > 0 && SMALL_WORDS.contains(&w) {
            continue;
        }
        if first.is_alphabetic() {
            content += 1;
            if first.is_uppercase() {
                capitalised += 1;
            }
        }
    }
    content >= 2 && capitalised * 4 >= content * 3
}

fn is_editor_note(line: &str) -> bool {
    const ANYWHERE: &[&str] = &[
        "contributed to this report",
        "contributed reporting",
        "contributed to this story",
        "contributed to this article",
        "contributed to the report",
    ];
    const PREFIXES: &[&str] = &[
        "editor's note",
        "editors' note",
        "editor’s note",
        "editors’ note",
        "note to readers",
        "correction:",
        "corrections:",
        "clarification:",
        "update:",
        "an earlier version of this",
        "a previous version of this",
        "this story has been updated",
        "this story has been corrected",
        "this article has been updated",
        "this article has been corrected",
        "this story was updated",
        "this article was updated",
        "this story was originally",
        "this article was originally",
        "this article originally appeared",
        "this story originally appeared",
        "reporting by ",
        "additional reporting by",
        "(reporting by",
        "writing by ",
        "editing by ",
        "compiled by ",
        "with files from",
        "files from ",
        "with a report from",
        "additional reporting",
    ];
    const PAIRS: PrefixPairs = PrefixPairs::new(PREFIXES);
    (PAIRS.may_start(line) && PREFIXES.iter().any(|p| starts_with_ci(line, p)))
        || (line.contains("ontribut") && ANYWHERE.iter().any(|p| contains_ci(line, p)))
}

fn is_boilerplate(line: &str, words: usize) -> bool {
    const EXACT: &[&str] = &[
        "advertisement",
        "ad",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share article",
        "tweet",
        "email",
        "print",
        "comments",
        "show comments",
        "related",
        "related articles",
        "related stories",
        "related coverage",
        "related content",
        "recommended",
        "most read",
        "most popular",
        "trending",
        "subscribe",
        "sign up",
        "read more",
        "read next",
        "continue reading",
        "skip advertisement",
        "story continues below advertisement",
        "story continues below",
        "supported by",
        "listen to this article",
        "copy link",
        "save",
        "follow",
        "menu",
        "search",
        "sign in",
        "log in",
        "home",
        "toggle navigation",
        "main menu",
        "open menu",
        "close menu",
        "account",
        "gift this article",
        "share full article",
        "more",
    ];
    const PREFIXES: &[&str] = &[
        "advertisement",
        "share this",
        "share on ",
        "share:",
        "share via",
        "read more:",
        "read more ",
        "read more.",
        "read next:",
        "read also:",
        "also read:",
        "more:",
        "related:",
        "related coverage:",
        "related articles:",
        "see also:",
        "recommended:",
        "watch more:",
        "don't miss:",
        "don’t miss:",
        "you might also like",
        "you may also like",
        "more from ",
        "sign up for ",
        "sign up to ",
        "sign up now",
        "subscribe to ",
        "subscribe now",
        "subscribe for ",
        "click here",
        "continue reading",
        "story continues",
        "article continues",
        "article continued",
        "continued below",
        "continues below",
        "continue reading below",
        "skip to ",
        "follow us",
        "follow @",
        "copyright ",
        "copyright:",
        "©",
        "(c) ",
        "all rights reserved",
        "this material may not be published",
        "listen to this article",
        "download the ",
        "get our ",
    ];
    let t = line.trim_end_matches(['.', ':', '!', ' ', '»', '›', '>']);
    if words <= 5 && EXACT.iter().any(|e| t.eq_ignore_ascii_case(e)) {
        return true;
    }
    const PAIRS: PrefixPairs = PrefixPairs::new(PREFIXES);
    if PAIRS.may_start(line) && PREFIXES.iter().any(|p| starts_with_ci(line, p)) {
        return true;
    }
    (line.contains("ewsletter") && (contains_ci(line, "sign up") || contains_ci(line, "subscribe")))
        || ((line.contains("ights reserved")
            || line.contains("ights Reserved")
            || line.contains("IGHTS RESERVED"))
            && contains_ci(line, "all rights reserved"))
}

/// Lines that announce media: a photo caption or a video, audio or gallery link.
fn media_kind(line: &str, words: usize) -> Option<BlockKind> {
    const CAPTIONS: &[&str] = &[
        "PHOTO:",
        "Photo:",
        "PHOTOS:",
        "Photos:",
        "IMAGE:",
        "Image:",
        "PICTURE:",
        "Picture:",
        "Photograph:",
        "PHOTOGRAPH:",
        "Caption:",
        "CAPTION:",
        "PHOTO ",
        "[Photo",
        "(Photo:",
    ];
    const MEDIA: &[&str] = &[
        "WATCH:",
        "WATCH ",
        "Watch:",
        "VIDEO:",
        "VIDEO ",
        "Video:",
        "LISTEN:",
        "Listen:",
        "AUDIO:",
        "Audio:",
        "GALLERY:",
        "Gallery:",
        "SLIDESHOW",
        "Slideshow:",
        "Play Video",
        "PLAY VIDEO",
        "[Video",
        "(Video",
        "Interactive:",
        "GRAPHIC:",
        "Graphic:",
        "Chart:",
        "CHART:",
        "Map:",
        "MAP:",
        "Podcast:",
        "PODCAST:",
    ];
    const LABELS: &[&str] = &[
        "Play",
        "Video",
        "Image",
        "Photo",
        "Watch",
        "Expand",
        "Enlarge",
        "Close",
        "Replay",
        "Zoom",
        "Play video",
        "Watch video",
        "Open gallery",
        "View gallery",
        "Fullscreen",
    ];
    let t = line.trim_end_matches(['.', ' ']);
    if words <= 2 && LABELS.iter().any(|l| t.eq_ignore_ascii_case(l)) {
        return Some(BlockKind::Media);
    }
    const CAPTION_PAIRS: PrefixPairs = PrefixPairs::new(CAPTIONS);
    const MEDIA_PAIRS: PrefixPairs = PrefixPairs::new(MEDIA);
    if words >= 2
        && CAPTION_PAIRS.may_start(line)
        && CAPTIONS.iter().any(|p| starts_with_cs(line, p))
    {
        return Some(BlockKind::Caption);
    }
    if (2..=25).contains(&words)
        && MEDIA_PAIRS.may_start(line)
        && MEDIA.iter().any(|p| starts_with_cs(line, p))
    {
        // "WATCH the ..." in capitals only; "Watch:" with a colon.
        let after = line
            .split_once([' ', ':'])
            .map_or("", |(_, r)| r.trim_start());
        if after
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“')
        {
            return Some(BlockKind::Media);
        }
    }
    None
}

/// A short line naming only a photo agency ("Getty Images", "AFP via Getty Images").
fn is_agency_line(line: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "Getty Images",
        "AP Photo",
        "Reuters",
        "AFP",
        "EPA",
        "Shutterstock",
        "Alamy",
        "AP Images",
        "Getty",
        "Bloomberg",
        "The Associated Press",
        "Pool Photo",
        "Handout",
    ];
    let t = line.trim_matches(['(', ')', '.', ' ']);
    ENDINGS.iter().any(|e| t.ends_with(e))
        && t.split_ascii_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "via" || w == "/")
}

/// Words that only introduce a credit ("Photo:", "Credit:").
fn is_credit_label(before: &str) -> bool {
    const LABELS: &[&str] = &[
        "photo",
        "photos",
        "photograph",
        "photo credit",
        "credit",
        "credits",
        "image",
        "image credit",
        "picture",
        "source",
        "courtesy",
        "courtesy of",
        "photo by",
        "photograph by",
        "illustration",
        "illustration by",
        "play",
        "video",
    ];
    LABELS.iter().any(|l| before.eq_ignore_ascii_case(l))
}

/// Words that mark a photo agency or photo credit.
const AGENCY_WORDS: &[&str] = &[
    "Photo",
    "Photos",
    "Photographer",
    "Images",
    "Image",
    "Getty",
    "Reuters",
    "AP",
    "AFP",
    "EPA",
    "Shutterstock",
    "Alamy",
    "Bloomberg",
    "Pool",
    "Press",
    "Agency",
    "Associated",
    "Sipa",
    "via",
    "Xinhua",
    "Anadolu",
    "NurPhoto",
    "Redux",
    "Contributor",
    "Staff",
    "Handout",
    "Courtesy",
];

/// Button labels that a copy from a web page glues to the credit ("PlayJane Roe/AP Photo").
const GLUED_LABELS: &[&str] = &[
    "Play",
    "Watch",
    "Video",
    "Expand",
    "Enlarge",
    "Zoom",
    "Close",
    "Replay",
    "Share",
    "Image",
    "Photo",
    "Open",
    "View",
    "Hide",
    "Show",
    "Caption",
    "Toggle",
    "Fullscreen",
];

/// The credit at the end of a line, as a byte range into `line`: the trailing slash-separated
/// run of names ending in (or containing) an agency word, "Name/Agency/AP Photo", without a
/// glued button label, an enclosing parenthesis or a "Photo by" lead-in.
pub(crate) fn find_credit(line: &str) -> Option<(usize, usize)> {
    let t = line.trim_end_matches([')', ']', ' ', '.']);
    let end = t.len();
    if end == 0 {
        return None;
    }
    // "Photo by Jane Roe", "Photo: Jane Roe/Reuters", "Courtesy of ...".
    let Some(last_slash) = last_slash(t.as_bytes()) else {
        return credit_after_label(t);
    };
    // Walk the slash-separated parts back to the first one.
    let mut first_slash = last_slash;
    loop {
        let before = &t[..first_slash];
        let part_start = before.rfind('/').map_or(0, |p| p + 1);
        let part = &before[part_start..];
        if part_start == 0 || !is_credit_part(part) {
            break;
        }
        first_slash = part_start - 1;
    }
    // Every part after the first slash must be short and name-like.
    let mut parts_ok = true;
    let mut agency = false;
    for part in t[first_slash + 1..].split('/') {
        parts_ok &= is_credit_part(part) && !part.trim().is_empty();
        agency |= has_agency_word(part);
    }
    if !parts_ok {
        return credit_after_label(t);
    }
    // The name before the first slash: up to four capitalised words.
    let head = &t[..first_slash];
    let mut start = first_slash;
    let mut taken = 0;
    for (ws, word) in words_rev(head) {
        if taken == 4 {
            break;
        }
        let w = word.trim_start_matches(['(', '[']);
        let ws = ws + (word.len() - w.len());
        if let Some(label) = GLUED_LABELS.iter().find(|l| {
            w.len() > l.len()
                && w.starts_with(**l)
                && w[l.len()..].starts_with(|c: char| c.is_uppercase())
        }) {
            start = ws + label.len();
            taken += 1;
            break;
        }
        let first = w.chars().next().unwrap_or(' ');
        let is_initial = w.len() == 2 && first.is_uppercase() && w.ends_with('.');
        let is_particle = matches!(
            w,
            "de" | "van" | "von" | "da" | "del" | "der" | "la" | "le" | "bin" | "al" | "el"
        );
        let ends_clause = w.ends_with(['.', ',', ';', ':', '!', '?', '"', '”']) && !is_initial;
        if ends_clause || !(first.is_uppercase() || is_particle) {
            break;
        }
        start = ws;
        taken += 1;
        agency |= AGENCY_WORDS.contains(&w);
        if word.len() != w.len() {
            break; // an opening parenthesis starts the credit
        }
    }
    // A short parenthesised "(Name/Source)" at the very end credits without an agency word.
    let parenthesised = line.trim_end().ends_with(')')
        && line[..start].trim_end().ends_with('(')
        && word_count(&line[start..end], 10) <= 8;
    if taken == 0 || !(agency || parenthesised) {
        return None;
    }
    Some((start, end))
}

/// The last slash: looked for sixteen bytes at a time from the end while a chunk has none
/// (that test compiles to one vector comparison), then byte by byte.
fn last_slash(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(chunk) = bytes[..end].last_chunk::<16>() {
        if chunk
            .iter()
            .fold(0u8, |seen, &b| seen | u8::from(b == b'/'))
            != 0
        {
            break;
        }
        end -= 16;
    }
    bytes[..end].iter().rposition(|&b| b == b'/')
}

/// `(start, word)` pairs of `s`'s space-separated words, last first.
fn words_rev(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = s.len();
    std::iter::from_fn(move || {
        let t = s[..end].trim_end();
        if t.is_empty() {
            return None;
        }
        let ws = t.rfind(' ').map_or(0, |p| p + 1);
        end = ws;
        Some((ws, &t[ws..]))
    })
}

fn is_credit_part(part: &str) -> bool {
    let p = part.trim();
    p.len() <= 48
        && word_count(p, 8) <= 6
        && !p.contains(". ")
        && !p.contains(',')
        && p.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn has_agency_word(part: &str) -> bool {
    part.split(|c: char| !c.is_alphanumeric())
        .any(|w| AGENCY_WORDS.contains(&w))
}

/// "... Photo by Jane Roe", "Photo: Jane Roe", "Credit: Reuters", "(AP Photo)".
fn credit_after_label(t: &str) -> Option<(usize, usize)> {
    const LEADS: &[&str] = &[
        "Photo by ",
        "Photograph by ",
        "Photos by ",
        "Photo: ",
        "Photograph: ",
        "Credit: ",
        "Photo credit: ",
        "Image: ",
        "Image credit: ",
        "Courtesy of ",
        "Illustration by ",
        "Picture: ",
    ];
    // A credit ends with a name: most lines end with a lower-case word and stop here. The
    // last word is short: its space is found byte by byte from the end.
    let word_from = t.as_bytes().iter().rposition(|&b| b == b' ');
    let last_word = &t[word_from.map_or(0, |p| p + 1)..];
    if !last_word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // The credit is at most seven words long: only the last words can start it. One
    // backward pass over the last ten words.
    let bytes = t.as_bytes();
    let mut spaces = 0;
    for p in (0..bytes.len()).rev() {
        let word_start = p == 0 || bytes[p - 1] == b' ' || bytes[p - 1] == b'(';
        if word_start && matches!(bytes[p], b'P' | b'C' | b'I') {
            for lead in LEADS {
                if !starts_with_cs(&t[p..], lead) {
                    continue;
                }
                let start = p + lead.len();
                let rest = &t[start..];
                if !rest.is_empty()
                    && word_count(rest, 10) <= 7
                    && rest.starts_with(|c: char| c.is_uppercase())
                    && !rest.contains(". ")
                {
                    return Some((start, t.len()));
                }
            }
        }
        if bytes[p] == b' ' {
            spaces += 1;
            if spaces > 10 {
                break;
            }
        }
    }
    None
}

/// A credit line without "By": "Ann Lee, The Associated Press", "Raj Patel, Staff Reporter".
fn is_name_with_role(line: &str) -> bool {
    const ROLES: &[&str] = &[
        "reporter",
        "correspondent",
        "writer",
        "editor",
        "producer",
        "columnist",
        "contributor",
        "staff",
        "bureau",
        "press",
        "news",
        "associated",
        "reuters",
        "journalist",
        "photographer",
        "anchor",
        "host",
        "agence",
        "wire",
        "afp",
        "ap",
        "bloomberg",
        "times",
        "post",
        "herald",
    ];
    let Some((name, role)) = line.split_once(", ") else {
        return false;
    };
    let name_words: Vec<&str> = name.split(' ').collect();
    let name_ok = (2..=4).contains(&name_words.len())
        && name_words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
        });
    name_ok
        && word_count(role, 10) <= 6
        && !ends_sentence(role)
        && role
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ROLES.iter().any(|r| r.eq_ignore_ascii_case(w)))
}

fn is_byline(line: &str) -> bool {
    let rest = if let Some(r) = [
        "By ",
        "BY ",
        "by ",
        "Written by ",
        "Words by ",
        "Author: ",
        "Authors: ",
    ]
    .iter()
    .find_map(|p| line.strip_prefix(p))
    {
        r.trim()
    } else {
        return is_name_with_role(line);
    };
    if rest.is_empty() || rest.len() > 140 || !rest.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    const NOT_NAMES: &[&str] = &[
        "The",
        "A",
        "An",
        "This",
        "That",
        "Then",
        "Now",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan.",
        "Feb.",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
        "Last",
        "Next",
        "Early",
        "Late",
        "Mid",
        "Noon",
        "Midnight",
        "Contrast",
        "Comparison",
        "Law",
        "Far",
        "Some",
        "Most",
        "All",
        "Design",
    ];
    let first = rest.split([' ', ',']).next().unwrap_or("");
    if NOT_NAMES.contains(&first) || rest.contains(". ") && !rest.contains(". |") {
        return false;
    }
    let mut ok = 0;
    let mut total = 0;
    for w in rest.split_ascii_whitespace() {
        let w = w.trim_matches([',', ';', '|', '(', ')']);
        if w.is_empty() {
            continue;
        }
        total += 1;
        let connector = matches!(
            w,
            "and"
                | "&"
                | "de"
                | "van"
                | "von"
                | "der"
                | "la"
                | "le"
                | "of"
                | "the"
                | "for"
                | "in"
                | "at"
                | "bin"
                | "al"
                | "and/or"
                | "with"
        );
        if connector
            || w.starts_with(|c: char| c.is_uppercase())
            || w.starts_with('@')
            || w.contains('@')
        {
            ok += 1;
        }
    }
    total > 0 && ok * 10 >= total * 8
}

enum TimeLine {
    /// A publication date or time: "Updated 3:04 PM EST, Feb. 22, 2016".
    Stamp,
    /// A clock time alone (or a time and a short title): a live-blog entry heading.
    Time,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
];
const ZONES: &[&str] = &[
    "est", "edt", "et", "cst", "cdt", "ct", "mst", "mdt", "mt", "pst", "pdt", "pt", "gmt", "utc",
    "bst", "cet", "cest", "ist", "jst", "aest", "aedt", "z",
];

fn timestamp_kind(line: &str) -> Option<TimeLine> {
    const LEADS: &[&str] = &[
        "updated",
        "last updated",
        "published",
        "first published",
        "posted",
        "last modified",
        "modified",
        "originally published",
        "date:",
        "dated",
    ];
    if line.len() > 120 {
        return None;
    }
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    if !has_digit {
        return None;
    }
    if LEADS.iter().any(|l| starts_with_ci(line, l)) {
        return Some(TimeLine::Stamp);
    }
    // Every word date-like?
    let mut month_or_year = false;
    let mut time = false;
    let mut all_datey = true;
    let mut words = 0;
    for raw in line.split(|c: char| {
        c.is_whitespace() || c == ',' || c == '|' || c == '·' || c == '•' || c == '/'
    }) {
        let w = raw.trim_matches(['.', ',', '(', ')', '—', '–', '-', ':']);
        if w.is_empty() {
            continue;
        }
        words += 1;
        let is = |list: &[&str]| list.iter().any(|m| m.eq_ignore_ascii_case(w));
        if is(MONTHS) {
            month_or_year = true;
        } else if is(WEEKDAYS)
            || is(ZONES)
            || is(&[
                "am", "pm", "a.m", "p.m", "at", "on", "the", "of", "noon", "midnight", "h",
            ])
        {
            // date-like filler
        } else if is_clock(w) {
            time = true;
        } else if w.bytes().all(|b| b.is_ascii_digit()) && !w.is_empty() {
            if w.len() == 4 {
                month_or_year = true;
            } else if w.len() > 2 {
                all_datey = false;
            }
        } else if is_numeric_date(w) {
            month_or_year = true;
        } else if let Some(num) = w
            .strip_suffix("st")
            .or(w.strip_suffix("nd"))
            .or(w.strip_suffix("rd"))
            .or(w.strip_suffix("th"))
        {
            all_datey &= !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit());
        } else if is_clock(w.trim_end_matches(|c: char| c.is_ascii_alphabetic())) {
            time = true; // "3:04pm"
        } else {
            all_datey = false;
        }
        if !all_datey {
            break;
        }
    }
    if !all_datey || words == 0 || !has_digit {
        return None;
    }
    if month_or_year {
        Some(TimeLine::Stamp)
    } else if time {
        Some(TimeLine::Time)
    } else {
        None
    }
}

/// "3:04", "15:30", "3.04" is not a clock (a decimal).
fn is_clock(w: &str) -> bool {
    let Some((h, m)) = w.split_once(':') else {
        return false;
    };
    (1..=2).contains(&h.len())
        && h.bytes().all(|b| b.is_ascii_digit())
        && m.len() == 2
        && m.bytes().all(|b| b.is_ascii_digit())
}

/// "2016-02-22", "22/02/2016", "2/22/16".
fn is_numeric_date(w: &str) -> bool {
    let seps = w.bytes().filter(|&b| b == b'-' || b == b'/').count();
    seps == 2
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
        && w.len() >= 6
}

/// A dateline at the start of a paragraph: `(end of the dateline, start of the text)` in bytes,
/// for "WASHINGTON (AP) — text", "NEW YORK, March 3 (Reuters) - text", "(CNN) — text".
fn dateline_prefix(p: &str) -> Option<(usize, usize)> {
    // The place's first word is in capitals unless an agency in parentheses opens the line:
    // a lower-case second character ("The council ...") rules a dateline out before any
    // search for the dash. (The second character cannot start the dash, so it is in the
    // prefix and, with no space or comma before it, in its first word.)
    if !p.starts_with('(') && p.chars().nth(1).is_some_and(char::is_lowercase) {
        return None;
    }
    let window = &p[..floor_char_boundary(p, 90)];
    let (dash_at, dash_len) = ["—", "–", " -- ", " - ", "--"]
        .iter()
        .filter_map(|d| window.find(d).map(|i| (i, d.len())))
        .min()?;
    let prefix = p[..dash_at].trim_end();
    let rest = &p[dash_at + dash_len..];
    let body = rest.trim_start();
    if prefix.is_empty() || body.is_empty() || word_count(prefix, 12) > 9 || word_count(body, 3) < 3
    {
        return None;
    }
    if !is_dateline_place(prefix) {
        return None;
    }
    let dash_end = dash_at + dash_len;
    let dash_end = dash_end - (dash_len - dash_len_trimmed(&p[dash_at..dash_end]));
    Some((dash_end, p.len() - body.len()))
}

/// What comes before a dateline's dash: a place in capitals ("NEW YORK", "ST. LOUIS"), then
/// after a comma a state or a date, and an agency in parentheses; or the agency alone.
fn is_dateline_place(prefix: &str) -> bool {
    let first = prefix.split([' ', ',']).next().unwrap_or("");
    let agency_only =
        prefix.starts_with('(') && prefix.ends_with(')') && !prefix[1..].contains('(');
    let caps_place = first.len() >= 2 && is_all_caps_word(first);
    if !(agency_only || caps_place) {
        return false;
    }
    let (place, _) = prefix.split_once([',', '(']).unwrap_or((prefix, ""));
    (agency_only
        || place
            .trim()
            .split(' ')
            .all(|w| w.is_empty() || is_all_caps_word(w)))
        && !prefix
            .split_ascii_whitespace()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()))
}

/// A dateline on a line of its own: "KESTREL BAY, March 3, 2024 —".
fn is_dateline_line(line: &str) -> bool {
    let line = line.trim();
    let Some(prefix) = ["—", "–", "--", " -"]
        .iter()
        .find_map(|d| line.strip_suffix(d))
        .map(str::trim_end)
    else {
        return false;
    };
    !prefix.is_empty() && word_count(prefix, 12) <= 9 && is_dateline_place(prefix)
}

/// The dash without its trailing space (" - " counts as " -").
fn dash_len_trimmed(dash: &str) -> usize {
    dash.trim_end().len()
}

fn is_all_caps_word(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        } else if !matches!(c, '.' | '\'' | '’' | '-') {
            return false;
        }
    }
    letters >= 1
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time counts agree with a plain count, whatever the bytes around the
    /// spaces (0xA0 and 0x8A differ from a space or a line feed only in the top bit).
    #[test]
    fn word_gaps_and_line_feeds_counted_exactly() {
        let texts = [
            "",
            " ",
            "one two\nthree  four",
            "a\u{a0}b \u{10a}c\n\n d\u{2028}e f g h i j k l m n o p q r s",
            "\u{a0}\u{a0}\u{a0}\u{a0} \u{a0}\u{a0}\u{a0}\u{a0}\n",
        ];
        for t in texts {
            let plain = t.bytes().filter(|&b| b == b' ' || b == b'\n').count();
            assert_eq!(count_word_gaps(t.as_bytes()), plain, "{t:?}");
            let first = t.bytes().position(|b| b == b'\n');
            assert_eq!(memchr_newline(t.as_bytes()), first, "{t:?}");
        }
    }

    /// The chunked search for the last slash agrees with `rfind`, wherever the slash falls
    /// against the sixteen-byte chunks.
    #[test]
    fn last_slash_found_in_any_chunk() {
        let long = "x".repeat(40);
        for at in [
            None,
            Some(0),
            Some(1),
            Some(15),
            Some(16),
            Some(23),
            Some(24),
            Some(39),
        ] {
            let mut t = long.clone().into_bytes();
            if let Some(at) = at {
                t[at] = b'/';
            }
            let t = String::from_utf8(t).unwrap();
            for cut in [0, 1, 15, 16, 17, 24, 25, 40] {
                let s = &t[..cut];
                assert_eq!(last_slash(s.as_bytes()), s.rfind('/'), "{s:?}");
            }
        }
        assert_eq!(last_slash(b"a/b/c and more text than sixteen"), Some(3));
    }

    /// The first-two-bytes filter lets through every prefix of its list, in any ASCII case,
    /// and turns lines away that start otherwise.
    #[test]
    fn prefix_pairs_pass_their_prefixes() {
        const LIST: &[&str] = &["editor's note", "Photo:", "(c) ", "©", "update:", "WATCH "];
        const PAIRS: PrefixPairs = PrefixPairs::new(LIST);
        for p in LIST {
            assert!(PAIRS.may_start(p), "{p}");
            assert!(PAIRS.may_start(&p.to_ascii_uppercase()), "{p}");
            assert!(PAIRS.may_start(&p.to_ascii_lowercase()), "{p}");
            assert!(PAIRS.may_start(&format!("{p} and more")), "{p}");
        }
        for line in ["The council met", "Zebra", "a", "", "Eb"] {
            assert!(!PAIRS.may_start(line), "{line}");
        }
    }

    /// Counts past the 255 words that the byte-wide counters take before they are summed.
    #[test]
    fn word_gaps_counted_exactly_in_long_text() {
        for t in [
            " ".repeat(5000),
            "a\n".repeat(3001),
            "word ".repeat(999) + &"\n".repeat(4100) + "x",
        ] {
            let plain = t.bytes().filter(|&b| b == b' ' || b == b'\n').count();
            assert_eq!(count_word_gaps(t.as_bytes()), plain, "{}", t.len());
        }
    }

    fn texts(text: &str) -> Vec<(BlockKind, &str)> {
        split(text)
            .iter()
            .map(|b| (b.kind, &text[b.span]))
            .collect()
    }

    #[test]
    fn every_line_is_a_block() {
        let t = "One long enough sentence here.\nstill one.\n\n  Two is another sentence. \n\n\n";
        assert_eq!(
            texts(&crate::normalize::normalize(t).text),
            [
                (
                    BlockKind::Paragraph,
                    "One long enough sentence here. still one."
                ),
                (BlockKind::Paragraph, "Two is another sentence.")
            ]
        );
    }

    #[test]
    fn empty_input() {
        assert!(split("").is_empty());
        assert!(split(" \n\n \t").is_empty());
    }

    #[test]
    fn credit_with_glued_button_label() {
        let line =
            "PHOTO: Boats in the harbour at dawn, May 2, 2019. PlayJane Roe/Harbour Times/AP Photo";
        let (s, e) = find_credit(line).unwrap();
        assert_eq!(&line[s..e], "Jane Roe/Harbour Times/AP Photo");
        let line = "Crowds wait outside. (AP Photo/Sam Lee)";
        let (s, e) = find_credit(line).unwrap();
        assert_eq!(&line[s..e], "AP Photo/Sam Lee");
        assert_eq!(find_credit("The ratio was 3/4 of the vote, he said."), None);
        assert_eq!(find_credit("He and/or she left."), None);
    }

    #[test]
    fn caption_without_credit_or_label() {
        let text = "PHOTO: Boats at dawn, May 2. PlayJane Roe/AP Photo";
        let blocks = split(text);
        assert_eq!(blocks[0].kind, BlockKind::Caption);
        assert_eq!(
            &text[caption_text(text, &blocks[0])],
            "PHOTO: Boats at dawn, May 2."
        );
    }

    #[test]
    fn datelines() {
        let p = "WASHINGTON (AP) — The Senate voted on Tuesday.";
        let (d, b) = dateline_prefix(p).unwrap();
        assert_eq!(&p[..d], "WASHINGTON (AP) —");
        assert_eq!(&p[b..], "The Senate voted on Tuesday.");
        let p = "ST. LOUIS, Mo. - The river rose again overnight.";
        let (d, _) = dateline_prefix(p).unwrap();
        assert_eq!(&p[..d], "ST. LOUIS, Mo. -");
        assert!(dateline_prefix("The vote — a close one — passed on Tuesday.").is_none());
        assert!(is_dateline_line("KESTREL BAY, March 3, 2024 —"));
        assert!(is_dateline_line("ST. LOUIS, Mo. --"));
        assert!(!is_dateline_line("Along Kestrel Bay, part 2"));
        assert!(!is_dateline_line("WHAT COMES NEXT"));
        assert!(!is_dateline_line("The vote —"));
    }

    #[test]
    fn timestamps() {
        assert!(matches!(
            timestamp_kind("Updated 3:04 PM EST, Feb. 22, 2016"),
            Some(TimeLine::Stamp)
        ));
        assert!(matches!(
            timestamp_kind("March 3, 2021"),
            Some(TimeLine::Stamp)
        ));
        assert!(matches!(
            timestamp_kind("10:45 a.m. ET"),
            Some(TimeLine::Time)
        ));
        assert!(timestamp_kind("March on, said the 300 marchers").is_none());
    }

    #[test]
    fn bylines_with_roles() {
        assert!(is_byline("Ann Lee, The Associated Press"));
        assert!(is_byline("Raj Patel, Power Hour producer"));
        assert!(!is_byline("Ann Lee, the mayor, said no"));
    }

    #[test]
    fn bylines() {
        assert!(is_byline("By Ann Lee and Raj Patel"));
        assert!(is_byline("By ANN LEE, Associated Press"));
        assert!(!is_byline("By Tuesday, the river had risen."));
        assert!(!is_byline("by the time officials arrived the fire was out"));
    }
}
