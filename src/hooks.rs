//! Small hooks over browser state.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether a CSS media query matches, kept up to date.
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let list = use_memo((), |_| {
        web_sys::window().and_then(|w| w.match_media(query).ok().flatten())
    });
    let matches = use_state(|| list.as_ref().as_ref().is_some_and(|l| l.matches()));
    {
        let matches = matches.clone();
        use_effect_with((), move |_| {
            let listener = list.as_ref().as_ref().map(|l| {
                let l2 = l.clone();
                EventListener::new(l, "change", move |_| matches.set(l2.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Read a dropped or chosen file into the app: .html through the DOM parser, .md as Markdown,
/// anything else as plain text.
#[hook]
pub fn use_file_loader(dispatch: Callback<crate::state::Action>) -> Callback<web_sys::File> {
    let task = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    use_callback(dispatch, move |file: web_sys::File, dispatch| {
        let name = file.name().to_lowercase();
        let dispatch = dispatch.clone();
        let read =
            gloo::file::callbacks::read_as_text(&gloo::file::Blob::from(file), move |result| {
                dispatch.emit(match result {
                    Ok(text) => file_action(&name, text),
                    Err(e) => crate::state::Action::Notify(crate::state::Notice {
                        kind: crate::state::NoticeKind::Error,
                        text: format!("The file {name} could not be read: {e}.").into(),
                        undo: false,
                    }),
                })
            });
        *task.borrow_mut() = Some(read);
    })
}

/// What loading a file's text does, by the file's name.
pub fn file_action(name: &str, text: String) -> crate::state::Action {
    use crate::services::rich_input::{blocks_to_text, html_to_blocks, markdown_to_blocks};
    let blocks = if name.ends_with(".html") || name.ends_with(".htm") {
        Some(html_to_blocks(&text))
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        Some(markdown_to_blocks(&text))
    } else {
        None
    };
    match blocks.filter(|b| !b.is_empty()) {
        Some(blocks) => crate::state::Action::Load {
            text: blocks_to_text(&blocks),
            blocks: Some(blocks),
        },
        None => crate::state::Action::Load { text, blocks: None },
    }
}
