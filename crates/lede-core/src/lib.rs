//! Lede's parser: from a pasted news article to its structure, quotations, speakers and facts.
//!
//! Everything the parser finds is a [`Span`] into [`Document::text`], so the app can highlight
//! it in place. Parsing never fails: malformed input yields a best-effort document plus
//! [`Diagnostic`]s. The crate knows nothing of the web: no DOM, no wasm-bindgen, no clock.
#![forbid(unsafe_code)]

pub mod blocks;
pub mod cues;
pub mod dates;
pub mod entities;
pub mod facts;
pub mod figures;
pub mod gazetteer;
pub mod invariants;
pub mod names;
pub mod normalize;
pub mod order;
mod parallel;
pub mod quotes;
pub mod sections;
pub mod sentences;
pub mod span;
pub mod speakers;
pub mod synth;
pub mod tokens;

pub use blocks::{Block, BlockKind, InputBlock, InputBlockKind};
pub use entities::{Entity, EntityId, EntityKind};
pub use facts::{CivilDate, DateFact, Figure, Source};
pub use invariants::check_invariants;
pub use quotes::{Quote, QuoteId, QuoteKind};
pub use sections::{Section, SectionId};
pub use span::Span;
pub use speakers::{Speaker, SpeakerId, SpeakerKind};

use serde::{Deserialize, Serialize};

/// Version of the serialised [`Document`] (the CLI's and the app's JSON export). Bump it when a
/// field changes meaning or disappears; adding a field does not bump it.
pub const SCHEMA_VERSION: u32 = 1;

/// The largest input the parser accepts, in bytes. Larger input is truncated at a paragraph
/// boundary before parsing and a [`Diagnostic`] says so.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Everything Lede knows about one article.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: u32,
    /// The normalised text that every span indexes. See [`normalize`].
    pub text: String,
    /// The title block's span, when the article has one.
    pub title: Option<Span>,
    /// Blocks in text order: paragraphs, headings, furniture (byline, caption, ...).
    pub blocks: Vec<Block>,
    /// Sections in text order; each covers a run of `blocks`.
    pub sections: Vec<Section>,
    /// Sentence spans in text order (body blocks only).
    pub sentences: Vec<Span>,
    /// Quotations and reported speech, in text order.
    pub quotes: Vec<Quote>,
    /// Quoted terms that are not speech (scare quotes, titles).
    pub terms: Vec<Span>,
    /// Canonical speakers; `Quote::speaker` indexes this by [`SpeakerId`].
    pub speakers: Vec<Speaker>,
    /// People, organisations and places, each with all of its mentions.
    pub entities: Vec<Entity>,
    /// The article's own date: detected from its dateline or timestamp, or set by the reader.
    pub article_date: Option<CivilDate>,
    pub dates: Vec<DateFact>,
    pub figures: Vec<Figure>,
    pub sources: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
    /// Maps spans back to the bytes as pasted.
    #[serde(skip)]
    pub source_map: normalize::OffsetMap,
}

/// Something the reader should know about how the text was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub span: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

/// Choices the reader can make that change the analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The article's date, overriding the one detected in the text. Relative dates resolve
    /// against it; without any date they stay unresolved.
    pub article_date: Option<CivilDate>,
}

/// Parse plain text with default options.
pub fn parse(text: &str) -> Document {
    parse_with(text, &Options::default())
}

/// Parse plain text.
pub fn parse_with(text: &str, options: &Options) -> Document {
    let mut diagnostics = Vec::new();
    let text = limit_input(text, &mut diagnostics);
    let normalized = normalize::normalize(text);
    let blocks = blocks::split(&normalized.text);
    finish(normalized, blocks, options, diagnostics)
}

/// Parse an article that arrived as structured blocks (the clipboard's HTML flavour, read by
/// the browser's DOMParser, or an `.html` file read by the CLI). The blocks' texts are joined
/// with blank lines, so spans still index one text.
pub fn parse_blocks(input: &[InputBlock], options: &Options) -> Document {
    let mut diagnostics = Vec::new();
    let (joined, hints) = blocks::join_input(input);
    let text = limit_input(&joined, &mut diagnostics);
    // Each block was cleaned as it was joined, and the document's text is the joined text:
    // cleaning it a second time could take back what the first pass kept (a lone "Â" before a
    // tab stays; before the space the tab became, it reads as a garbled no-break space).
    let whole = text.len() == joined.len();
    let normalized = normalize::Normalized {
        text: text.to_owned(),
        ..Default::default()
    };
    let blocks = if whole {
        blocks::split_with_hints(&normalized.text, &hints)
    } else {
        blocks::split(&normalized.text)
    };
    finish(normalized, blocks, options, diagnostics)
}

fn limit_input<'a>(text: &'a str, diagnostics: &mut Vec<Diagnostic>) -> &'a str {
    if text.len() <= MAX_INPUT_BYTES {
        return text;
    }
    let mut cut = MAX_INPUT_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(p) = text[..cut].rfind("\n\n") {
        cut = p;
    }
    diagnostics.push(Diagnostic {
        severity: Severity::Warning,
        message: format!(
            "The text is {}; Lede reads the first {} and ignores the rest.",
            megabytes(text.len()),
            megabytes(MAX_INPUT_BYTES)
        ),
        span: None,
    });
    &text[..cut]
}

/// A size in MB of 1024 x 1024 bytes, rounded up to a tenth, so that a text just over the
/// limit never reads as equal to it ("16.1 MB", not "16 MB").
fn megabytes(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    let tenths = bytes.saturating_mul(10).div_ceil(MB);
    match tenths % 10 {
        0 => format!("{} MB", tenths / 10),
        t => format!("{}.{t} MB", tenths / 10),
    }
}

fn finish(
    normalized: normalize::Normalized,
    blocks: Vec<Block>,
    options: &Options,
    mut diagnostics: Vec<Diagnostic>,
) -> Document {
    let normalize::Normalized { text, map, notes } = normalized;
    diagnostics.extend(notes.into_iter().map(|message| Diagnostic {
        severity: Severity::Info,
        message,
        span: None,
    }));
    // Entities and quotations are found independently of each other: the two threads (where
    // there are two) start with them. Then each takes the first stage that is ready: the
    // other facts once the entities are found (most often by the thread that found them, whose
    // cache still holds their tokens), the sentences and sections (which no stage reads), the
    // speakers once the quotations are found too. Which thread runs what, and when, changes
    // nothing in the result.
    use std::sync::{Mutex, OnceLock};
    let threads = parallel::worth_it(text.len());
    let found_entities = OnceLock::new();
    let found_quotes = OnceLock::new();
    // The quotations themselves, which the speakers' stage takes and gives back attributed.
    let quote_list = Mutex::new(Vec::new());
    let structure = OnceLock::new();
    let found_facts = OnceLock::new();
    let attributed = OnceLock::new();
    let (text_ref, blocks_ref) = (text.as_str(), blocks.as_slice());
    let entity_stage = || {
        let _ = found_entities.set(entities::extract_tokenized(text_ref, blocks_ref));
    };
    let quote_stage = || {
        // The quote and speaker stages share one reading of the body blocks' and captions'
        // words.
        let name_tokens = names::BlockTokens::new(text_ref, blocks_ref);
        let extraction = quotes::extract_with(text_ref, blocks_ref, &name_tokens);
        if let Ok(mut list) = quote_list.lock() {
            *list = extraction.quotes;
        }
        let _ = found_quotes.set((name_tokens, extraction.terms));
    };
    let rest = [
        parallel::Stage::new(
            || found_entities.get().is_some(),
            || {
                let (entities, tokenized) = found_entities.get().expect("ready");
                let article_date = options
                    .article_date
                    .or_else(|| facts::detect_article_date(text_ref, blocks_ref));
                let _ = found_facts.set((
                    facts::extract_tokenized(
                        text_ref,
                        blocks_ref,
                        entities,
                        article_date,
                        tokenized,
                    ),
                    article_date,
                ));
            },
        ),
        parallel::Stage::new(
            || true,
            || {
                let _ = structure.set((
                    sentences::split(text_ref, blocks_ref),
                    sections::build(text_ref, blocks_ref),
                ));
            },
        ),
        parallel::Stage::new(
            || found_entities.get().is_some() && found_quotes.get().is_some(),
            || {
                let ((entities, _), (name_tokens, _)) = (
                    found_entities.get().expect("ready"),
                    found_quotes.get().expect("ready"),
                );
                let quotes = quote_list.lock().map(|mut q| std::mem::take(&mut *q));
                let _ = attributed.set(speakers::attribute_with(
                    text_ref,
                    blocks_ref,
                    entities,
                    quotes.unwrap_or_default(),
                    name_tokens,
                ));
            },
        ),
    ];
    parallel::lanes(threads, entity_stage, quote_stage, &rest);
    drop(rest);
    const RAN: &str = "every stage runs once";
    let (mut entities, _) = found_entities.into_inner().expect(RAN);
    let (name_tokens, terms) = found_quotes.into_inner().expect(RAN);
    let (sentences, sections) = structure.into_inner().expect(RAN);
    let (facts, article_date) = found_facts.into_inner().expect(RAN);
    let (speakers, quotes) = attributed.into_inner().expect(RAN);
    drop(name_tokens);
    speakers::add_quoted_people(&text, &speakers, &mut entities);
    speakers::link_surname_titles(&text, &mut entities);
    Document {
        schema_version: SCHEMA_VERSION,
        title: blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .map(|b| b.span),
        text,
        blocks,
        sections,
        sentences,
        quotes,
        terms,
        speakers,
        entities,
        article_date,
        dates: facts.dates,
        figures: facts.figures,
        sources: facts.sources,
        diagnostics,
        source_map: map,
    }
}

impl Document {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text.as_str()[span]
    }

    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id.0 as usize)
    }

    /// Body blocks (paragraphs, list items, block quotes) in text order.
    pub fn body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind.is_body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up_to_a_tenth() {
        assert_eq!(megabytes(MAX_INPUT_BYTES), "16 MB");
        assert_eq!(megabytes(MAX_INPUT_BYTES + 1), "16.1 MB");
        assert_eq!(megabytes(17 * 1024 * 1024 + 1024 * 1024 / 2), "17.5 MB");
        assert_eq!(megabytes(1), "0.1 MB");
    }

    #[test]
    fn a_text_over_the_limit_is_cut_and_says_so() {
        let para = "The harbour board met again on Tuesday.\n\n";
        let text = para.repeat(MAX_INPUT_BYTES / para.len() + 2);
        let mut diagnostics = Vec::new();
        let kept = limit_input(&text, &mut diagnostics);
        assert!(kept.len() <= MAX_INPUT_BYTES && kept.ends_with("Tuesday."));
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].message,
            "The text is 16.1 MB; Lede reads the first 16 MB and ignores the rest."
        );
    }
}
