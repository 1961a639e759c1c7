//! The article column: front matter (title, byline, dateline) and the sections as disclosures,
//! with quotations marked in their speaker's colour.

use super::marked_text::Marks;
use super::{plural, ViewProps};
use crate::hooks::use_growing;
use crate::model::{first_of_each, is_front_matter, non_overlapping, Reading, PALETTE};
use crate::state::{Action, AppState};
use lede_core::{Block, BlockKind, QuoteId, Section, Span};
use std::rc::Rc;
use yew::prelude::*;

/// Blocks rendered at once when a new article is shown; the rest follow in steps of
/// [`STEP`] so that no step keeps the page busy for long.
const FIRST: usize = 40;
const STEP: usize = 100;

#[function_component]
pub fn ArticleView(props: &ViewProps) -> Html {
    let ViewProps { reading, state } = props;
    let highlights: Rc<Vec<Span>> = {
        let key = state.fact.clone();
        use_memo((reading.clone(), key), |(r, key)| {
            let spans = key
                .as_ref()
                .and_then(|k| r.fact(k))
                .map(|f| f.spans.clone());
            non_overlapping(spans.unwrap_or_default(), &r.doc.text)
        })
    };
    {
        // Bring the chosen quotation or the first highlighted mention into view.
        let (quote, fact) = (state.quote, state.fact.is_some());
        use_effect_with(state.focus_seq, move |_| {
            let target = match quote {
                Some(q) => gloo::utils::document().get_element_by_id(&format!("quote-{}", q.0)),
                None if fact => gloo::utils::document()
                    .query_selector(".article mark.hl")
                    .ok()
                    .flatten(),
                None => None,
            };
            if let Some(el) = target {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let doc = &reading.doc;
    let section_blocks: Vec<Vec<&Block>> = doc.sections.iter().map(|s| blocks_of(doc, s)).collect();
    let wanted: usize = doc
        .sections
        .iter()
        .zip(&section_blocks)
        .filter(|(s, _)| !state.collapsed.contains(&s.id))
        .map(|(_, b)| b.len())
        .sum();
    // How many blocks of the sections' text are rendered so far, for this document; each
    // section's heading counts as one.
    let whole = if doc.sections.is_empty() {
        doc.blocks.len()
    } else {
        wanted + doc.sections.len()
    };
    let budget = use_growing(Rc::as_ptr(&reading.doc) as usize, FIRST, STEP, whole);
    let on_quote = {
        let (state, reading) = (state.clone(), reading.clone());
        Callback::from(move |id: QuoteId| {
            state.dispatch(Action::ChooseQuote {
                id,
                section: reading.section_of_quote(id),
            })
        })
    };
    let marks = Marks {
        reading,
        highlights: &highlights,
        chosen: state.quote,
        on_quote,
    };
    let (text, shown, complete) = if doc.sections.is_empty() {
        let shown = doc.blocks.len().min(budget);
        let text = body(&marks, doc.blocks.iter().take(shown).collect());
        (text, shown, shown == doc.blocks.len())
    } else {
        sections(&marks, reading, state, &highlights, &section_blocks, budget)
    };
    let rendering = !complete;
    if doc.blocks.is_empty() {
        let busy = state.pending.is_some() || !reading.is_current(state);
        return html! { <Welcome state={state.clone()} {busy} /> };
    }
    let front: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| is_front_matter(b.kind))
        .collect();
    let has_title = front.iter().any(|b| b.kind == BlockKind::Title);
    let paragraphs = doc.body_blocks().count();
    let stats = format!(
        "{} · {} · {}",
        plural(paragraphs, "paragraph", "paragraphs"),
        plural(doc.quotes.len(), "quote", "quotes"),
        plural(reading.groups.len(), "speaker", "speakers")
    );
    let section_ids: Vec<lede_core::SectionId> = doc.sections.iter().map(|s| s.id).collect();
    let expand_all = super::dispatch_on_click(state, || Action::ExpandAll);
    let collapse_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::CollapseAll(section_ids.clone()))
        })
    };
    let toggle_marks = super::dispatch_on_click(state, || Action::ToggleMarks);
    let progress =
        rendering.then(|| format!("Showing {} of {} paragraphs…", shown.min(wanted), wanted));
    html! {
        <article class={classes!("article", state.hide_marks.then_some("plain"))} aria-labelledby="article-title">
            <header class="article-head">
                if has_title {
                    { for front.iter().filter(|b| b.kind == BlockKind::Title).take(1).map(|b| html! {
                        <h1 id="article-title" class="title">{ marks.render(b.span) }</h1>
                    }) }
                } else {
                    <h1 id="article-title" class="title untitled">{ "Untitled article" }</h1>
                }
                { for front.iter().filter(|b| b.kind != BlockKind::Title).map(|b| front_block(&marks, b)) }
                <p class="stats">{ stats }</p>
            </header>
            <div class="toolbar" role="group" aria-label="Article view">
                <button type="button" class="small" onclick={expand_all}>{ "Expand all" }</button>
                <button type="button" class="small" onclick={collapse_all}>{ "Collapse all" }</button>
                <Legend reading={reading.clone()} />
                <button type="button" class="small colour-toggle" aria-pressed={(!state.hide_marks).to_string()} onclick={toggle_marks}>
                    { "Colour quotes" }
                </button>
            </div>
            if let Some(p) = progress {
                <p class="rendering" role="status">{ p }</p>
            }
            <section class="sections" aria-label="Sections">
                { text }
            </section>
        </article>
    }
}

/// A section's blocks as its body shows them (front matter and the heading are shown apart).
fn blocks_of<'a>(doc: &'a lede_core::Document, s: &Section) -> Vec<&'a Block> {
    s.blocks
        .iter()
        .filter_map(|&i| doc.blocks.get(i as usize))
        .filter(|b| !is_front_matter(b.kind) && Some(b.span) != s.heading)
        .collect()
}

/// The sections in order, with any block that belongs to none (a closing caption, a note)
/// shown in its place between them. Rendering stops once `budget` is spent (a section's heading
/// costs one, each block of its text one); returns the blocks shown and whether all were.
/// rendered yet.
fn sections(
    marks: &Marks,
    reading: &Rc<Reading>,
    state: &UseReducerHandle<AppState>,
    highlights: &[Span],
    section_blocks: &[Vec<&Block>],
    mut budget: usize,
) -> (Html, usize, bool) {
    let doc = &reading.doc;
    let mut in_section = vec![false; doc.blocks.len()];
    for s in &doc.sections {
        for &i in &s.blocks {
            if let Some(slot) = in_section.get_mut(i as usize) {
                *slot = true;
            }
        }
    }
    let mut orphans = doc
        .blocks
        .iter()
        .zip(&in_section)
        .filter(|(b, inside)| !**inside && !is_front_matter(b.kind))
        .map(|(b, _)| b)
        .peekable();
    let chosen_section = state.quote.and_then(|q| reading.section_of_quote(q));
    let mut out = Vec::new();
    let (mut shown, mut complete) = (0, true);
    // Each section once: they are keyed by id.
    let first = first_of_each(doc.sections.iter().map(|s| u64::from(s.id.0)).collect());
    for ((index, s), first) in doc.sections.iter().enumerate().zip(first) {
        if !first {
            continue;
        }
        let before: Vec<&Block> =
            std::iter::from_fn(|| orphans.next_if(|b| b.span.start < s.span.start)).collect();
        if !before.is_empty() {
            out.push(html! { <div key={format!("o{}", before[0].span.start)} class="loose">{ body(marks, before) }</div> });
        }
        let n = section_blocks.get(index).map_or(0, Vec::len);
        if n == 0 && s.heading.is_none() {
            continue;
        }
        if budget == 0 {
            complete = false;
            break;
        }
        budget -= 1;
        let collapsed = state.collapsed.contains(&s.id);
        let limit = if collapsed { 0 } else { n.min(budget) };
        budget -= limit;
        shown += limit;
        complete &= collapsed || limit == n;
        let lo = highlights.partition_point(|h| h.end <= s.span.start);
        let hi = highlights.partition_point(|h| h.start < s.span.end).max(lo);
        out.push(html! {
            <SectionView key={s.id.0} reading={reading.clone()} {index} {collapsed} {limit}
                chosen={state.quote.filter(|_| chosen_section == Some(s.id))}
                highlights={Rc::<[Span]>::from(&highlights[lo..hi])}
                dispatch={state.dispatcher()} />
        });
    }
    let rest: Vec<&Block> = orphans.collect();
    if complete && !rest.is_empty() {
        out.push(html! { <div key={format!("o{}", rest[0].span.start)} class="loose">{ body(marks, rest) }</div> });
    }
    (html! { <>{ for out }</> }, shown, complete)
}

fn front_block(marks: &Marks, b: &Block) -> Html {
    let class = match b.kind {
        BlockKind::Dek => "dek",
        BlockKind::Byline => "byline",
        _ => "dateline",
    };
    html! { <p key={b.span.start} {class}>{ marks.render(b.span) }</p> }
}

#[derive(Properties, PartialEq)]
struct SectionProps {
    reading: Rc<Reading>,
    /// Index into the document's sections.
    index: usize,
    collapsed: bool,
    /// How many of the section's blocks to render (the rest follow while a long article renders).
    limit: usize,
    /// The chosen quotation, when it is in this section.
    chosen: Option<QuoteId>,
    /// The chosen fact's mentions in this section.
    highlights: Rc<[Span]>,
    dispatch: UseReducerDispatcher<AppState>,
}

/// One section as a disclosure. A section re-renders only when its own props change, and a
/// folded section's text is not rendered at all.
#[function_component]
fn SectionView(props: &SectionProps) -> Html {
    let reading = &props.reading;
    let doc = &reading.doc;
    let Some(s) = doc.sections.get(props.index) else {
        return html! {};
    };
    let blocks = blocks_of(doc, s);
    let label = match s.heading {
        Some(h) => reading.slice(h).to_string(),
        None if !s.label.is_empty() => s.label.clone(),
        None => format!("Section {}", s.id.0 + 1),
    };
    let collapsed = props.collapsed;
    let quotes = reading.quotes_in(s.span);
    let paras = blocks.iter().filter(|b| b.kind.is_body()).count();
    let mut meta = plural(paras, "paragraph", "paragraphs");
    if quotes > 0 {
        meta.push_str(" · ");
        meta.push_str(&plural(quotes, "quote", "quotes"));
    }
    let (button_id, body_id) = (format!("sec-{}", s.id.0), format!("sec-{}-body", s.id.0));
    let onclick = {
        let (dispatch, id) = (props.dispatch.clone(), s.id);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ToggleSection(id)))
    };
    let content = if collapsed {
        Html::default()
    } else {
        let on_quote = {
            let (dispatch, reading) = (props.dispatch.clone(), reading.clone());
            Callback::from(move |id: QuoteId| {
                dispatch.dispatch(Action::ChooseQuote {
                    id,
                    section: reading.section_of_quote(id),
                })
            })
        };
        let marks = Marks {
            reading,
            highlights: &props.highlights,
            chosen: props.chosen,
            on_quote,
        };
        let shown = props.limit.min(blocks.len());
        body(&marks, blocks[..shown].to_vec())
    };
    html! {
        <section class={classes!("sec", collapsed.then_some("collapsed"))}>
            <h2 class="sec-h">
                <button type="button" id={button_id} class="disclosure"
                    aria-expanded={if collapsed { "false" } else { "true" }} aria-controls={body_id.clone()} {onclick}>
                    <span class="chev" aria-hidden="true"></span>
                    <span class="sec-label">{ label }</span>
                    <span class="sec-meta">{ meta }</span>
                </button>
            </h2>
            <div id={body_id} class="sec-body" hidden={collapsed}>
                { content }
            </div>
        </section>
    }
}

/// Blocks in order; consecutive list items share one list.
fn body(marks: &Marks, blocks: Vec<&Block>) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        if b.kind == BlockKind::ListItem {
            let run: Vec<&Block> = blocks[i..]
                .iter()
                .take_while(|b| b.kind == BlockKind::ListItem)
                .copied()
                .collect();
            i += run.len();
            out.push(html! {
                <ul key={b.span.start}>
                    { for run.iter().map(|li| html! { <li key={li.span.start}>{ marks.render(li.span) }</li> }) }
                </ul>
            });
            continue;
        }
        i += 1;
        out.push(block(marks, b));
    }
    html! { <>{ for out }</> }
}

fn block(marks: &Marks, b: &Block) -> Html {
    let key = b.span.start;
    let text = marks.render(b.span);
    match b.kind {
        BlockKind::Paragraph => html! { <p {key}>{ text }</p> },
        BlockKind::BlockQuote => {
            html! { <blockquote {key} class="bq"><p>{ text }</p></blockquote> }
        }
        BlockKind::Question => html! { <p {key} class="qa question">{ text }</p> },
        BlockKind::Answer => html! { <p {key} class="qa answer">{ text }</p> },
        BlockKind::Heading => html! { <h3 {key} class="subhead">{ text }</h3> },
        BlockKind::Caption | BlockKind::Media => caption(marks, b),
        BlockKind::Credit => html! { <p {key} class="credit-line">{ text }</p> },
        BlockKind::Boilerplate => html! { <p {key} class="boilerplate">{ text }</p> },
        BlockKind::EditorNote => html! { <p {key} class="editor-note">{ text }</p> },
        _ => html! { <p {key}>{ text }</p> },
    }
}

fn caption(marks: &Marks, b: &Block) -> Html {
    let kind = if b.kind == BlockKind::Media {
        "Media"
    } else {
        "Caption"
    };
    let credit = b.credit.filter(|c| b.span.contains(*c) && !c.is_empty());
    let content = match credit {
        Some(c) => html! {
            <>
                // The caption's own words: a button label glued to the credit is left out.
                { marks.render(lede_core::blocks::caption_text(&marks.reading.doc.text, b)) }
                <span class="credit"><span class="label">{ "Credit " }</span>{ marks.render(c) }</span>
                { marks.render(Span { start: c.end, end: b.span.end }) }
            </>
        },
        None => marks.render(b.span),
    };
    html! {
        <figure key={b.span.start} class="caption">
            <figcaption><span class="label">{ kind }</span>{ " " }{ content }</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    reading: Rc<Reading>,
}

/// What the quote colours mean.
#[function_component]
fn Legend(props: &LegendProps) -> Html {
    let r = &props.reading;
    if r.doc.quotes.is_empty() {
        return html! {};
    }
    let named: Vec<Html> = r
        .groups
        .iter()
        .take(PALETTE as usize)
        .filter_map(|g| {
            let s = r.doc.speaker(g.speaker)?;
            let colour = format!("swatch c{}", r.colour(Some(g.speaker)));
            Some(html! { <li key={g.speaker.0}><span class={colour} aria-hidden="true"></span>{ s.name.clone() }</li> })
        })
        .collect();
    let others = r.groups.len() > PALETTE as usize || !r.unattributed.is_empty();
    html! {
        <ul class="legend" aria-label="Quote colours">
            { for named }
            if others {
                <li key="other"><span class="swatch c0" aria-hidden="true"></span>{ "others" }</li>
            }
            if !r.reported.is_empty() {
                <li key="reported"><span class="swatch reported" aria-hidden="true"></span>{ "reported speech" }</li>
            }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct WelcomeProps {
    state: UseReducerHandle<AppState>,
    /// An analysis is pending or under way.
    busy: bool,
}

/// The empty reading view: what Lede does and a way to try it.
#[function_component]
fn Welcome(props: &WelcomeProps) -> Html {
    let example = super::dispatch_on_click(&props.state, crate::state::load_example);
    let busy = props.busy && !props.state.draft.trim().is_empty();
    html! {
        <div class="welcome">
            if busy {
                <p class="analysing">{ "Analysing…" }</p>
            } else {
                <h1 class="title">{ "Read a news article closely" }</h1>
                <p>{ "Paste an article above, drop a .txt, .html or .md file on the page, or open one. \
                      Lede splits it into sections, groups its quotations by speaker and lists \
                      the people, places, dates, figures and sources it mentions — with every \
                      item linked to the text." }</p>
                <p><button type="button" class="primary" onclick={example}>{ "Try an example" }</button></p>
                // The reading view's text styles that this page does not show, set once
                // out of sight: the browser prepares a font at each size on first use, and
                // here that happens before an article's first results, not during them.
                <div class="vh" aria-hidden="true">
                    <span class="card-text">{ "“" }</span><b class="group-h">{ "A" }</b>
                    <span class="dek">{ "A" }</span><span class="subhead">{ "A" }</span>
                </div>
            }
        </div>
    }
}
