//! A dismissible message: a bad share link, a file that could not be read, a text over the
//! size Lede analyses, "cleared — undo".

use crate::state::{Action, AppState, NoticeKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub state: UseReducerHandle<AppState>,
}

#[function_component]
pub fn NoticeBar(props: &NoticeProps) -> Html {
    let state = &props.state;
    let Some(n) = state.notice.clone() else {
        return html! {};
    };
    let dismiss = super::dispatch_on_click(state, || Action::DismissNotice);
    let undo = super::dispatch_on_click(state, || Action::Undo);
    let (class, role) = match n.kind {
        NoticeKind::Error => ("notice error", "alert"),
        NoticeKind::Info => ("notice info", "status"),
        // Said at once: the reader should know before reading the analysis.
        NoticeKind::Warning => ("notice info warning", "alert"),
    };
    html! {
        <div {class} {role}>
            <p>{ n.text.clone() }</p>
            if n.undo && state.undo.is_some() {
                <button type="button" class="small" onclick={undo}>{ "Undo" }</button>
            }
            <button type="button" class="small icon" aria-label="Dismiss message" onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
