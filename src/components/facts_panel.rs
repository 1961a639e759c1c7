//! The facts sidebar: people, organisations, places, dates in time order, figures and cited
//! sources. Choosing one highlights every mention of it in the text.

use super::{plural, ViewProps};
use crate::hooks::use_growing;
use crate::model::{format_date, FactItem};
use crate::state::{Action, AppState, Tab};
use yew::prelude::*;

/// Items shown per list before "Show all".
const LIMIT: usize = 40;
/// Items per list in the first render of a new reading, and how many more each following
/// task adds: a long article's first results stay one short task.
const FIRST: usize = 12;
const STEP: usize = 12;

#[function_component]
pub fn FactsPanel(props: &ViewProps) -> Html {
    let ViewProps { reading, state } = props;
    let facts = &reading.facts;
    let choose = {
        let (state, reading) = (state.clone(), reading.clone());
        Callback::from(move |key: AttrValue| {
            let sections = reading.sections_of_fact(&key);
            state.dispatch(Action::ChooseFact { key, sections })
        })
    };
    // Long lists show their first items until the reader asks for all of them.
    let show_all = use_state_eq(|| false);
    let more = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    let limit = if *show_all { usize::MAX } else { LIMIT };
    let longest = [
        &facts.people,
        &facts.organisations,
        &facts.places,
        &facts.dates,
        &facts.unresolved,
        &facts.figures,
        &facts.sources,
    ]
    .iter()
    .map(|list| list.len())
    .max()
    .unwrap_or(0);
    let budget = use_growing(
        std::rc::Rc::as_ptr(&reading.doc) as usize,
        FIRST,
        STEP,
        longest.min(limit),
    );
    let items = |items: &[FactItem], class: &'static str| -> Html {
        let cut = items.len().min(limit).min(budget);
        let chosen_later = items[cut..]
            .iter()
            .find(|f| state.fact.as_deref() == Some(f.key.as_str()));
        html! {
            <>
                <ul class={(!class.is_empty()).then_some(class)}>
                    { for items[..cut].iter().chain(chosen_later).map(|f| fact(f, state, &choose)) }
                </ul>
                if items.len() > limit {
                    <button type="button" class="small link more" onclick={more.clone()}>
                        { format!("Show all {}", items.len()) }
                    </button>
                }
            </>
        }
    };
    let list = |title: &'static str, list: &[FactItem], class: &'static str| -> Html {
        if list.is_empty() {
            return html! {};
        }
        html! {
            <section key={title} class={classes!("facts-group", class)}>
                <h3>{ title }<span class="count">{ list.len() }</span></h3>
                { items(list, "") }
            </section>
        }
    };
    let article_date = reading.doc.article_date;
    html! {
        <aside class="panel facts" aria-label="Facts">
            <h2 class="panel-h">{ "Facts" }<span class="count">{ facts.len() }</span></h2>
            if facts.is_empty() {
                <p class="empty">{ "No facts found." }</p>
            }
            { list("People", &facts.people, "people") }
            { list("Organisations", &facts.organisations, "orgs") }
            { list("Places", &facts.places, "places") }
            if !facts.dates.is_empty() || !facts.unresolved.is_empty() {
                <section key="dates" class="facts-group dates">
                    <h3>{ "When" }<span class="count">{ facts.dates.len() + facts.unresolved.len() }</span></h3>
                    if let Some(d) = article_date {
                        <p class="article-date-note">{ format!("Article date: {}", format_date(d)) }</p>
                    }
                    { items(&facts.dates, "timeline") }
                    if !facts.unresolved.is_empty() {
                        <p class="unresolved-note">{ "Not placed in time — the article's date is unknown:" }</p>
                        { items(&facts.unresolved, "unresolved") }
                    }
                </section>
            }
            { list("Figures", &facts.figures, "figures") }
            { list("Sources cited", &facts.sources, "sources") }
        </aside>
    }
}

fn fact(f: &FactItem, state: &UseReducerHandle<AppState>, choose: &Callback<AttrValue>) -> Html {
    let key = AttrValue::from(f.key.clone());
    let chosen = state.fact.as_ref() == Some(&key);
    let onclick = {
        let (choose, key) = (choose.clone(), key.clone());
        Callback::from(move |_: MouseEvent| choose.emit(key.clone()))
    };
    let quotes_link = f.speaker.map(|speaker| {
        let state = state.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::FilterSpeaker(Some(speaker)));
            state.dispatch(Action::SetTab(Tab::Quotes));
            if let Some(panel) = gloo::utils::document()
                .query_selector("[aria-label='Quotes by speaker']")
                .ok()
                .flatten()
            {
                panel.scroll_into_view();
            }
        });
        html! { <button type="button" class="link small" {onclick}>{ "quotes" }</button> }
    });
    let mentions = f.spans.len();
    html! {
        <li key={f.key.clone()} class={classes!("fact", chosen.then_some("chosen"))}>
            <button type="button" class="fact-button" aria-pressed={chosen.to_string()} {onclick}
                title={format!("Highlight {} in the text", plural(mentions, "mention", "mentions"))}>
                <span class="fact-label">{ f.label.clone() }</span>
                if let Some(d) = f.detail.clone() {
                    <span class="fact-detail">{ d }</span>
                }
                if mentions > 1 {
                    <span class="fact-count">{ mentions }<span class="vh">{ " mentions" }</span></span>
                }
            </button>
            { for quotes_link }
        </li>
    }
}
