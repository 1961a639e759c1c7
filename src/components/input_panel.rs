//! The text area: typing, pasting (plain or HTML), the Analyze button and the analysis status.

use crate::model::Reading;
use crate::services::rich_input::{blocks_cover, blocks_to_text, html_to_blocks};
use crate::state::{Action, AppState, Urgency};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub state: UseReducerHandle<AppState>,
    pub reading: Rc<Reading>,
}

#[function_component]
pub fn InputPanel(props: &InputProps) -> Html {
    let InputProps { state, reading } = props;
    let area_ref = use_node_ref();
    // A long text's box is folded away until the reader asks for it.
    let show_long = use_state_eq(|| false);
    {
        // New text from a paste, a file or the example is shown from its start.
        let (area_ref, loaded) = (area_ref.clone(), state.pending == Some(Urgency::Now));
        let show_long = show_long.clone();
        use_effect_with(state.edit_seq, move |_| {
            if loaded {
                // New text starts folded away again when it is long.
                show_long.set(false);
            }
            // Scrolled in the frame that lays the new text out: set here, the scroll would make
            // the browser lay out a long text box inside the paste's own task.
            let frame = area_ref
                .cast::<HtmlTextAreaElement>()
                .filter(|_| loaded)
                .map(|area| gloo::render::request_animation_frame(move |_| area.set_scroll_top(0)));
            move || drop(frame)
        });
    }
    let oninput = {
        let state = state.dispatcher();
        use_callback((), move |e: InputEvent, _| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if e.input_type() == "insertFromPaste" {
                state.dispatch(Action::Load {
                    text: area.value(),
                    blocks: None,
                });
            } else {
                state.dispatch(Action::Edit(area.value()));
            }
        })
    };
    let onpaste = {
        let state = state.dispatcher();
        use_callback((), move |e: Event, _| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(data) = e.clipboard_data() else {
                return;
            };
            let html = data.get_data("text/html").unwrap_or_default();
            // Structure only when the paste replaces the whole text; else a plain insert.
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let all = area.value();
            let whole = all.trim().is_empty()
                || (area.selection_start().ok().flatten() == Some(0)
                    && area.selection_end().ok().flatten()
                        == Some(all.encode_utf16().count() as u32));
            if !whole {
                return;
            }
            let plain = data.get_data("text/plain").unwrap_or_default();
            if html.trim().is_empty() {
                if plain.len() > LONG_TEXT {
                    // A long plain text goes straight to the reading view: pasted into the
                    // box, the browser would first lay out every one of its lines.
                    e.prevent_default();
                    state.dispatch(Action::Load {
                        text: plain,
                        blocks: None,
                    });
                }
                return; // a short plain paste goes through the input event
            }
            let blocks = html_to_blocks(&html);
            if !blocks_cover(&blocks, &plain) {
                return;
            }
            e.prevent_default();
            state.dispatch(Action::Load {
                text: blocks_to_text(&blocks),
                blocks: Some(blocks),
            });
        })
    };
    let analyse = super::dispatch_on_click(state, || Action::AnalyseNow);
    let empty = state.draft.trim().is_empty();
    let busy = state.pending.is_some() || !reading.is_current(state);
    let status = if busy && !empty && reading.first_part {
        "Analysing the whole text… its beginning is shown below".to_string()
    } else if busy && !empty {
        "Analysing…".to_string()
    } else if empty {
        String::new()
    } else {
        format!(
            "{} words · {} · {}",
            reading.words,
            super::plural(reading.doc.quotes.len(), "quote", "quotes"),
            super::plural(reading.facts.len(), "fact", "facts")
        )
    };
    html! {
        <section class={classes!("input-panel", empty.then_some("blank"))} aria-label="Article input">
            if state.draft.len() > LONG_TEXT && !*show_long {
                <LongText draft={PtrStr(state.draft.clone())} onshow={
                    let show_long = show_long.clone();
                    Callback::from(move |_: MouseEvent| show_long.set(true))
                } />
            } else {
                <SourceArea {area_ref} draft={PtrStr(state.draft.clone())} {empty} {oninput} {onpaste} />
            }
            <div class="input-actions">
                <button type="button" class="primary" onclick={analyse} disabled={empty}>{ "Analyze" }</button>
                <span class={classes!("status", busy.then_some("busy"))} role="status"
                    data-parse-ms={reading.parse_ms.map(|ms| ms.to_string())}
                    data-parsed-in={reading.parse_ms.map(|_| if reading.in_worker { "worker" } else { "page" })}>{ status }</span>
            </div>
            if let Some(msg) = state.storage_error.clone() {
                <p class="storage-error" role="alert">{ msg }</p>
            }
            if !reading.doc.diagnostics.is_empty() {
                <ul class="diagnostics">
                    { for reading.doc.diagnostics.iter().map(|d| html! { <li>{ d.message.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}

/// Texts longer than this many bytes are not put into the text box unless the reader asks:
/// the browser lays out every line of a text box, about 0.4 s for 1 MB in Chromium here.
pub const LONG_TEXT: usize = 200_000;

#[derive(Properties, PartialEq)]
struct LongTextProps {
    draft: PtrStr,
    onshow: Callback<MouseEvent>,
}

/// In place of the text box, for a long text: its size, and a button that brings the box back.
#[function_component]
fn LongText(props: &LongTextProps) -> Html {
    let kb = props.draft.0.len().div_ceil(1024);
    html! {
        <div class="source source-long" role="group" aria-label="Article text">
            <p>{ format!("A long text ({kb} KB): it is shown below as the article. The text box is folded away so the page stays quick.") }</p>
            <button type="button" onclick={props.onshow.clone()}>{ "Show the text box" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SourceProps {
    area_ref: NodeRef,
    /// Compared by pointer: a long article is not compared character by character.
    draft: PtrStr,
    empty: bool,
    oninput: Callback<InputEvent>,
    onpaste: Callback<Event>,
}

/// The text area on its own, so that it is only updated when the text itself changes: setting
/// its value means reading a long article back from the page first.
#[function_component]
fn SourceArea(props: &SourceProps) -> Html {
    html! {
        <textarea ref={props.area_ref.clone()} aria-label="Article text" class="source" spellcheck="false"
            placeholder="Paste a news article here — or drop a .txt, .html or .md file on the page."
            rows={if props.empty { "12" } else { "4" }}
            value={AttrValue::from(props.draft.0.clone())} oninput={props.oninput.clone()} onpaste={props.onpaste.clone()} />
    }
}

/// Text compared by identity.
#[derive(Clone)]
struct PtrStr(Rc<str>);

impl PartialEq for PtrStr {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
