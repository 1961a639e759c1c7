//! People, organisations and places.

use crate::{Block, Span};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EntityId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: EntityKind,
    /// Canonical name ("Barack Obama", "United States").
    pub name: String,
    /// The role the article gives a person ("President").
    pub role: Option<String>,
    /// Every mention, in text order.
    pub mentions: Vec<Span>,
}

/// Find the entities of the article's blocks.
pub fn extract(_text: &str, _blocks: &[Block], _sentences: &[Span]) -> Vec<Entity> {
    Vec::new()
}
