//! A stretch of the article's text with its quotations marked in their speaker's colour, the
//! chosen fact's mentions highlighted and entity mentions underlined. The text is split at span
//! offsets in Rust and rendered as text nodes: nothing is ever parsed as HTML.

use crate::model::Reading;
use lede_core::{QuoteId, QuoteKind, Span};
use yew::prelude::*;

/// What the marks depend on besides the document.
pub struct Marks<'a> {
    pub reading: &'a Reading,
    /// The chosen fact's mentions: sorted, never overlapping.
    pub highlights: &'a [Span],
    pub chosen: Option<QuoteId>,
    pub on_quote: Callback<QuoteId>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Inline {
    Highlight,
    Mention,
}

impl Marks<'_> {
    /// The text of `span` with its marks.
    pub fn render(&self, span: Span) -> Html {
        let regions = &self.reading.regions;
        let first = regions.partition_point(|r| r.span.end <= span.start);
        let mut out = Vec::new();
        let mut pos = span.start;
        for r in regions[first..]
            .iter()
            .take_while(|r| r.span.start < span.end)
        {
            let (s, e) = (r.span.start.max(span.start), r.span.end.min(span.end));
            if s > pos {
                self.inline(pos, s, &mut out);
            }
            let mut inner = Vec::new();
            self.inline(s, e, &mut inner);
            let quote = self.reading.quote(r.quote);
            let reported = quote.is_some_and(|q| q.kind == QuoteKind::Indirect);
            let class = classes!(
                "q",
                format!("c{}", self.reading.quote_colour(r.quote)),
                reported.then_some("reported"),
                (self.chosen == Some(r.quote)).then_some("chosen"),
            );
            let id = r.first.then(|| format!("quote-{}", r.quote.0));
            let onclick = {
                let (cb, q) = (self.on_quote.clone(), r.quote);
                Callback::from(move |_: MouseEvent| cb.emit(q))
            };
            out.push(html! {
                <span {class} {id} data-quote={r.quote.0.to_string()} {onclick}>{ for inner }</span>
            });
            pos = e;
        }
        if pos < span.end {
            self.inline(pos, span.end, &mut out);
        }
        html! { <>{ for out }</> }
    }

    /// Text from `a` to `b` (inside at most one quotation) with highlights and mentions.
    fn inline(&self, a: u32, b: u32, out: &mut Vec<Html>) {
        let clip = |list: &[Span]| -> Vec<Span> {
            let i = list.partition_point(|s| s.end <= a);
            list[i..]
                .iter()
                .take_while(|s| s.start < b)
                .map(|s| Span {
                    start: s.start.max(a),
                    end: s.end.min(b),
                })
                .collect()
        };
        let highlights = clip(self.highlights);
        let mut marks: Vec<(Span, Inline)> =
            highlights.iter().map(|&s| (s, Inline::Highlight)).collect();
        for m in clip(&self.reading.mentions) {
            if !highlights.iter().any(|h| h.intersects(m)) {
                marks.push((m, Inline::Mention));
            }
        }
        crate::model::sort_by_num(&mut marks, |(s, _)| u64::from(s.start));
        let mut pos = a;
        for (s, kind) in marks {
            if s.start < pos {
                continue;
            }
            if s.start > pos {
                out.push(self.text(pos, s.start));
            }
            let text = self.text(s.start, s.end);
            out.push(match kind {
                Inline::Highlight => html! { <mark class="hl">{ text }</mark> },
                Inline::Mention => html! { <span class="ent">{ text }</span> },
            });
            pos = s.end;
        }
        if pos < b {
            out.push(self.text(pos, b));
        }
    }

    fn text(&self, a: u32, b: u32) -> Html {
        let t = self
            .reading
            .doc
            .text
            .get(a as usize..b as usize)
            .unwrap_or("");
        Html::from(t.to_string())
    }
}
