//! The page header: new article, open file, example, the article's date, the privacy line,
//! theme, export and share.

use super::export_menu::ExportMenu;
use super::share_button::ShareButton;
use crate::model::{iso_date, parse_iso_date, Reading};
use crate::services::share::SharedView;
use crate::state::{Action, AppState, Theme};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub state: UseReducerHandle<AppState>,
    pub reading: Rc<Reading>,
    pub on_file: Callback<web_sys::File>,
    /// The current view, for "Copy share link".
    pub shared: Rc<SharedView>,
}

#[function_component]
pub fn AppHeader(props: &HeaderProps) -> Html {
    let HeaderProps {
        state,
        reading,
        on_file,
        shared,
    } = props;
    let new_article = super::dispatch_on_click(state, || Action::NewArticle);
    let example = super::dispatch_on_click(state, crate::state::load_example);
    let open = {
        let on_file = on_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let on_date = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            state.dispatch(Action::SetDate(parse_iso_date(&input.value())))
        })
    };
    let reset_date = super::dispatch_on_click(state, || Action::SetDate(None));
    let theme = super::dispatch_on_click(state, || Action::CycleTheme);
    let date = reading.doc.article_date;
    let date_hint = match (state.date.is_some(), date) {
        (true, _) => "set by you".to_string(),
        (false, Some(_)) => "from the text".to_string(),
        (false, None) if reading.doc.blocks.is_empty() => String::new(),
        (false, None) => "not found: set it to resolve “yesterday”".to_string(),
    };
    let (theme_label, theme_icon) = match state.theme {
        Theme::System => ("Theme: as the system (switch to dark)", "◐"),
        Theme::Dark => ("Theme: dark (switch to light)", "●"),
        Theme::Light => ("Theme: light (switch to the system's)", "○"),
    };
    html! {
        <header class="app-header">
            <div class="brand"><span class="vh">{ "Lede" }</span><span aria-hidden="true">{ "Le" }<span>{ "de" }</span></span></div>
            <div class="header-actions">
                <button type="button" onclick={new_article}>{ "New article" }</button>
                <label class="button file">
                    { "Open file…" }
                    <input type="file" class="vh" accept=".txt,.text,.html,.htm,.md,.markdown,text/plain,text/html,text/markdown" onchange={open} />
                </label>
                <button type="button" onclick={example}>{ "Try an example" }</button>
            </div>
            <div class="date-field">
                <label for="article-date">{ "Article date" }</label>
                <input id="article-date" type="date" value={date.map(iso_date).unwrap_or_default()}
                    onchange={on_date} aria-describedby="article-date-hint" />
                <span id="article-date-hint" class="hint">{ date_hint }</span>
                if state.date.is_some() {
                    <button type="button" class="small link" onclick={reset_date}>{ "Use the text's date" }</button>
                }
            </div>
            <p class="privacy"><span class="dot-ok" aria-hidden="true"></span>{ "Runs in your browser — nothing is uploaded." }</p>
            <div class="header-end">
                <button type="button" class="icon theme" onclick={theme} aria-label={theme_label} title={theme_label}>
                    <span aria-hidden="true">{ theme_icon }</span>
                </button>
                <ExportMenu doc={reading.doc.clone()} />
                <ShareButton view={shared.clone()} />
            </div>
        </header>
    }
}
