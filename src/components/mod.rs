//! The reading view's components, one per file.

pub mod article_view;
pub mod export_menu;
pub mod facts_panel;
pub mod header;
pub mod input_panel;
pub mod marked_text;
pub mod notice;
pub mod quotes_panel;
pub mod share_button;

use crate::model::Reading;
use crate::state::AppState;
use std::rc::Rc;
use yew::prelude::*;

/// What every panel of the reading view gets: the analysed article and the view state.
#[derive(Properties, PartialEq, Clone)]
pub struct ViewProps {
    pub reading: Rc<Reading>,
    pub state: UseReducerHandle<AppState>,
}

/// A click handler that dispatches an action. The buttons that only dispatch share this one
/// handler type, rather than each compiling a closure of its own into the page.
pub fn dispatch_on_click(
    state: &UseReducerHandle<AppState>,
    action: fn() -> crate::state::Action,
) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| state.dispatch(action()))
}

/// "1 quote", "2 quotes".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
