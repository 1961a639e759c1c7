//! Quotations and reported speech.

use crate::{Block, Span, SpeakerId};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct QuoteId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    pub rule: &'static str,
}

/// What quote detection hands to attribution.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub terms: Vec<Span>,
}

/// Find quotations in body blocks.
pub fn extract(_text: &str, _blocks: &[Block], _sentences: &[Span]) -> Extraction {
    Extraction::default()
}
