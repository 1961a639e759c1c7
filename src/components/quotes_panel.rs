//! Quotations grouped by speaker, most quoted first; reported speech apart.

use super::{plural, ViewProps};
use crate::hooks::use_growing;
use crate::model::{kind_label, Reading};
use crate::services::clipboard::copy_text;
use crate::state::Action;
use lede_core::{QuoteId, SpeakerId};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Cards shown per group before "Show all".
const LIMIT: usize = 30;
/// Cards per group in the first render of a new reading, and how many more each following
/// task adds: a long article's first results stay one short task.
const FIRST: usize = 4;
const STEP: usize = 6;

#[function_component]
pub fn QuotesPanel(props: &ViewProps) -> Html {
    let ViewProps { reading, state } = props;
    let doc = &reading.doc;
    {
        // Keep the chosen card in view (a quotation chosen in the text).
        let quote = state.quote;
        use_effect_with(state.focus_seq, move |_| {
            let card = quote
                .and_then(|q| gloo::utils::document().get_element_by_id(&format!("card-{}", q.0)));
            if let Some(card) = card {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                card.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let on_choose = {
        let dispatch = state.dispatcher();
        use_callback(reading.clone(), move |id: QuoteId, reading| {
            dispatch.dispatch(Action::ChooseQuote {
                id,
                section: reading.section_of_quote(id),
            })
        })
    };
    // Long lists show their first cards until the reader asks for all of them.
    let show_all = use_state_eq(|| false);
    let more = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    let limit = if *show_all { usize::MAX } else { LIMIT };
    let longest = reading
        .groups
        .iter()
        .map(|g| g.quotes.len())
        .chain([reading.unattributed.len(), reading.reported.len()])
        .max()
        .unwrap_or(0);
    let budget = use_growing(
        Rc::as_ptr(&reading.doc) as usize,
        FIRST,
        STEP,
        longest.min(limit),
    );
    let cards = |ids: &[QuoteId], with_speaker: bool| -> Html {
        let cut = ids.len().min(limit).min(budget);
        let chosen_later = state.quote.filter(|q| ids[cut..].contains(q));
        html! {
            <>
                <ul class="cards">
                    { for ids[..cut].iter().chain(chosen_later.as_ref()).map(|id| html! {
                        <QuoteCard key={id.0} reading={reading.clone()} id={*id} chosen={state.quote == Some(*id)}
                            {with_speaker} on_choose={on_choose.clone()} />
                    }) }
                </ul>
                if ids.len() > limit {
                    <button type="button" class="small link more" onclick={more.clone()}>
                        { format!("Show all {} quotations", ids.len()) }
                    </button>
                }
            </>
        }
    };
    let on_filter = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            state.dispatch(Action::FilterSpeaker(value.parse().ok().map(SpeakerId)))
        })
    };
    let filter = state
        .speaker
        .filter(|s| reading.groups.iter().any(|g| g.speaker == *s));
    let shown = |s: Option<SpeakerId>| filter.is_none() || filter == s;
    let reported: Vec<QuoteId> = reading
        .reported
        .iter()
        .filter(|q| filter.is_none() || shown(reading.quote(**q).and_then(|q| q.speaker)))
        .copied()
        .collect();
    let count = doc.quotes.len();
    html! {
        <aside class="panel quotes" aria-label="Quotes by speaker">
            <h2 class="panel-h">{ "Quotes by speaker" }<span class="count">{ count }</span></h2>
            if count == 0 {
                <p class="empty">{ "No quotations found." }</p>
            } else {
                if !reading.groups.is_empty() {
                    <label class="filter">
                        <span>{ "Show" }</span>
                        <select onchange={on_filter}>
                            <option value="" selected={filter.is_none()}>{ "All speakers" }</option>
                            { for reading.groups.iter().filter_map(|g| {
                                let s = doc.speaker(g.speaker)?;
                                Some(html! {
                                    <option key={g.speaker.0} value={g.speaker.0.to_string()} selected={filter == Some(g.speaker)}>
                                        { format!("{} ({})", s.name, g.quotes.len()) }
                                    </option>
                                })
                            }) }
                        </select>
                    </label>
                }
                { for reading.groups.iter().filter(|g| shown(Some(g.speaker))).filter_map(|g| {
                    let s = doc.speaker(g.speaker)?;
                    let heading_id = format!("group-{}", g.speaker.0);
                    let dot = format!("dot c{}", reading.colour(Some(g.speaker)));
                    Some(html! {
                        <section key={format!("s{}", g.speaker.0)} class="group" aria-labelledby={heading_id.clone()}>
                            <h3 class="group-h" id={heading_id}>
                                <span class={dot} aria-hidden="true"></span>
                                <span class="name">{ s.name.clone() }</span>
                                if let Some(role) = s.role.clone().filter(|r| !r.is_empty()) {
                                    <span class="role">{ role }</span>
                                }
                                <span class="count" title={plural(g.quotes.len(), "quote", "quotes")}>{ g.quotes.len() }</span>
                            </h3>
                            { cards(&g.quotes, false) }
                        </section>
                    })
                }) }
                if filter.is_none() && !reading.unattributed.is_empty() {
                    <section key="unattributed" class="group" aria-labelledby="group-unattributed">
                        <h3 class="group-h" id="group-unattributed">
                            <span class="dot c0" aria-hidden="true"></span>
                            <span class="name">{ "Speaker not identified" }</span>
                            <span class="count">{ reading.unattributed.len() }</span>
                        </h3>
                        { cards(&reading.unattributed, false) }
                    </section>
                }
                if !reported.is_empty() {
                    <section key="reported" class="group reported" aria-labelledby="group-reported">
                        <h3 class="group-h" id="group-reported">
                            <span class="dot reported" aria-hidden="true"></span>
                            <span class="name">{ "Reported speech" }</span>
                            <span class="count">{ reported.len() }</span>
                        </h3>
                        { cards(&reported, true) }
                    </section>
                }
            }
        </aside>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuoteCardProps {
    pub reading: Rc<Reading>,
    pub id: QuoteId,
    pub chosen: bool,
    /// Name the speaker on the card (reported speech is not grouped by speaker).
    pub with_speaker: bool,
    pub on_choose: Callback<QuoteId>,
}

/// One quotation: its words, kind and cue; show it in the text or copy it with attribution.
#[function_component]
pub fn QuoteCard(props: &QuoteCardProps) -> Html {
    let copied = use_state(|| None::<bool>);
    let Some(q) = props.reading.quote(props.id) else {
        return html! {};
    };
    let r = &props.reading;
    let colour = format!("c{}", r.colour(q.speaker));
    let mut meta = vec![kind_label(q.kind).to_string()];
    if let Some(cue) = q.cue {
        meta.push(r.slice(cue).to_string());
    }
    let speaker = props.with_speaker.then(|| r.attribution(q)).flatten();
    let choose = {
        let (cb, id) = (props.on_choose.clone(), props.id);
        Callback::from(move |_: MouseEvent| cb.emit(id))
    };
    let copy = {
        let (text, copied) = (r.citation(q), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            copy_text(&text, move |ok| copied.set(Some(ok)));
        })
    };
    let copy_label = match *copied {
        Some(true) => "Copied",
        Some(false) => "Copy failed",
        None => "Copy",
    };
    html! {
        <li id={format!("card-{}", props.id.0)} class={classes!("card", colour, props.chosen.then_some("chosen"))}>
            <blockquote class="card-text" onclick={choose.clone()}>{ r.quote_text(q) }</blockquote>
            <p class="card-meta">
                if let Some(s) = speaker {
                    <span class="who">{ s }</span>{ " · " }
                }
                { meta.join(" · ") }
            </p>
            <div class="card-actions">
                <button type="button" class="small" aria-pressed={props.chosen.to_string()} onclick={choose}>
                    { "Show in text" }
                </button>
                <button type="button" class="small" onclick={copy} aria-live="polite">{ copy_label }</button>
            </div>
        </li>
    }
}
