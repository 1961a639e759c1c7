//! Dates, figures and cited sources.

use crate::{Block, Entity, Span};
use serde::Serialize;

/// A calendar date without time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateFact {
    pub span: Span,
    /// Whether the text names the date outright ("Feb. 18, 2016") or relative to the article.
    pub relative: bool,
    /// The resolved date; `None` when relative and the article's date is unknown.
    pub date: Option<CivilDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub span: Span,
    pub value: f64,
    pub unit: Option<String>,
    /// What the number counts ("death toll", "explosions").
    pub counts: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub span: Span,
    /// Who or what is cited.
    pub name: String,
    /// How ("according to", "told", "in a statement").
    pub cue: String,
}

#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub dates: Vec<DateFact>,
    pub figures: Vec<Figure>,
    pub sources: Vec<Source>,
}

/// The article's date from its dateline, timestamp or byline.
pub fn detect_article_date(_text: &str, _blocks: &[Block]) -> Option<CivilDate> {
    None
}

pub fn extract(
    _text: &str,
    _blocks: &[Block],
    _sentences: &[Span],
    _entities: &[Entity],
    _article_date: Option<CivilDate>,
) -> Facts {
    Facts::default()
}
