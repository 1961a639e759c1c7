//! Share links: the article and the view, compressed into the URL fragment.

/// What a share link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedView {
    pub text: String,
    /// The article date the reader set or confirmed, as YYYY-MM-DD.
    pub article_date: Option<String>,
    /// Collapsed sections, by `SectionId`.
    pub collapsed: Vec<u32>,
    /// The chosen speaker, by `SpeakerId`.
    pub speaker: Option<u32>,
    /// The chosen quote, by `QuoteId`.
    pub quote: Option<u32>,
    /// The chosen fact, by a key the facts panel defines.
    pub fact: Option<String>,
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    Unreadable,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("This share link could not be read.")
    }
}

/// The URL fragment (without `#`) for a view.
pub fn encode(_view: &SharedView) -> String {
    String::new()
}

/// The view in a URL fragment (without `#`).
pub fn decode(_fragment: &str) -> Result<SharedView, ShareError> {
    Err(ShareError::Unreadable)
}
