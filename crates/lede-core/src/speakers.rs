//! Speakers: quote attribution and per-article clustering of speaker mentions.

use crate::{Block, Entity, Quote, Span};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SpeakerId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    /// "a spokesperson", "officials": kept as said.
    Unnamed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub id: SpeakerId,
    pub kind: SpeakerKind,
    /// Canonical name: the earliest longest form ("John Kerry").
    pub name: String,
    /// Role the article gives them ("Secretary of State").
    pub role: Option<String>,
    /// Every mention that refers to them, in text order.
    pub mentions: Vec<Span>,
}

/// Attribute quotes to speakers and cluster the speakers. Returns the speakers and the quotes
/// with `speaker` filled in where known.
pub fn attribute(
    _text: &str,
    _blocks: &[Block],
    _entities: &[Entity],
    quotes: Vec<Quote>,
) -> (Vec<Speaker>, Vec<Quote>) {
    (Vec::new(), quotes)
}
