//! Byte spans into [`crate::Document::text`].

use serde::{Deserialize, Serialize};
use std::ops::{Index, Range};

/// A half-open byte range `start..end` into the document text.
///
/// Spans are `Copy` and lifetime-free so that every result of the parser can point back at
/// the text it came from; the app highlights with them, the CLI prints them.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// A number in the spans' own order (by start, then end), to sort by.
    pub fn sort_key(self) -> u64 {
        u64::from(self.start) << 32 | u64::from(self.end)
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn contains_offset(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset < self.end as usize
    }

    pub fn intersects(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

/// Reads a name from a small closed set (the quote rules' names) back as `&'static str`.
/// Each distinct name is allocated once for the life of the program, so reading many
/// documents never grows memory beyond the set.
pub(crate) fn static_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<&'static str, D::Error> {
    use std::sync::Mutex;
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let name = String::deserialize(deserializer)?;
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = names.iter().find(|&&n| n == name) {
        return Ok(known);
    }
    if names.len() >= 256 {
        // Not a rule name this build knows: keep memory bounded.
        return Ok("");
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.push(leaked);
    Ok(leaked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_and_cover() {
        let text = "Kerry said";
        let a = Span::new(0, 5);
        let b = Span::new(6, 10);
        assert_eq!(&text[a], "Kerry");
        assert_eq!(&text[a.cover(b)], "Kerry said");
        assert!(!a.intersects(b));
        assert!(a.cover(b).contains(b));
        assert_eq!(b.len(), 4);
    }

    #[test]
    fn sort_key_orders_like_spans() {
        let spans = [
            Span::new(0, 0),
            Span::new(0, 9),
            Span::new(3, 4),
            Span::new(3, u32::MAX as usize),
            Span::new(u32::MAX as usize, u32::MAX as usize),
        ];
        for a in spans {
            for b in spans {
                assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(&b));
            }
        }
    }
}
