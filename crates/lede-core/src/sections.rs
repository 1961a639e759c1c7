//! Sections: runs of blocks under a heading, or topical groups when the article has none.

use crate::{Block, Span};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SectionId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: SectionId,
    /// The heading block's span, when the section has one.
    pub heading: Option<Span>,
    /// A short label for sections without a heading ("Lead", or a generated topic).
    pub label: String,
    pub level: u8,
    /// From the first to the last block of the section.
    pub span: Span,
    /// Indices into `Document::blocks`.
    pub blocks: Vec<u32>,
}

/// One section holding every block.
pub fn build(_text: &str, blocks: &[Block], _sentences: &[Span]) -> Vec<Section> {
    if blocks.is_empty() {
        return Vec::new();
    }
    let span = blocks[0].span.cover(blocks[blocks.len() - 1].span);
    vec![Section {
        id: SectionId(0),
        heading: None,
        label: "Article".to_string(),
        level: 1,
        span,
        blocks: (0..blocks.len() as u32).collect(),
    }]
}
