//! Exports of the analysed article.

use lede_core::Document;

/// The article's quotes grouped by speaker, and its facts, as Markdown.
pub fn to_markdown(_doc: &Document) -> String {
    String::new()
}
