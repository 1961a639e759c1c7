//! Small hooks over browser state.

use crate::state::{file_start, too_long, Action, Notice, NoticeKind, MAX_FILE_BYTES};
use gloo::events::EventListener;
use lede_core::MAX_INPUT_BYTES;
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
/// anything else as plain text. A file over the size Lede analyses is announced before it is
/// read; one too large to hold as text is read only up to that size.
#[hook]
pub fn use_file_loader(dispatch: Callback<Action>) -> Callback<web_sys::File> {
    let task = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    use_callback(dispatch, move |file: web_sys::File, dispatch| {
        let name = file.name().to_lowercase();
        let bytes = file.size() as u64;
        let whole = bytes <= MAX_FILE_BYTES;
        let blob: web_sys::Blob = if whole {
            file.into()
        } else {
            match file.slice_with_f64_and_f64(0.0, MAX_INPUT_BYTES as f64) {
                Ok(start) => start,
                Err(_) => file.into(),
            }
        };
        if bytes > MAX_INPUT_BYTES as u64 {
            // Said before the reading starts: a large file takes a while to read.
            dispatch.emit(Action::Notify(Notice {
                kind: NoticeKind::Warning,
                text: if whole {
                    too_long(bytes as usize)
                } else {
                    file_start(bytes, MAX_INPUT_BYTES)
                }
                .into(),
                undo: false,
            }));
        }
        let dispatch = dispatch.clone();
        let read =
            gloo::file::callbacks::read_as_text(&gloo::file::Blob::from(blob), move |result| {
                dispatch.emit(match result {
                    Ok(text) if whole => file_action(&name, text),
                    Ok(mut text) => {
                        // The cut may fall inside a character, which then reads as U+FFFD.
                        if text.ends_with('\u{fffd}') {
                            text.pop();
                        }
                        match file_action(&name, text) {
                            Action::Load { text, blocks } => Action::LoadFileStart {
                                text,
                                blocks,
                                bytes,
                            },
                            other => other,
                        }
                    }
                    Err(e) => Action::Notify(Notice {
                        kind: NoticeKind::Error,
                        text: format!("The file {name} could not be read: {e}.").into(),
                        undo: false,
                    }),
                })
            });
        *task.borrow_mut() = Some(read);
    })
}

/// What loading a file's text does, by the file's name.
pub fn file_action(name: &str, text: String) -> Action {
    use crate::services::rich_input::{blocks_to_text, html_to_blocks, markdown_to_blocks};
    let blocks = if name.ends_with(".html") || name.ends_with(".htm") {
        Some(html_to_blocks(&text))
    } else if name.ends_with(".md") || name.ends_with(".markdown") {
        Some(markdown_to_blocks(&text))
    } else {
        None
    };
    match blocks.filter(|b| !b.is_empty()) {
        Some(blocks) => Action::Load {
            text: blocks_to_text(&blocks),
            blocks: Some(blocks),
        },
        None => Action::Load { text, blocks: None },
    }
}

/// How many items of a long list to render now. A new `key` (the document shown) starts at
/// `first`; each later task renders `step` more until `total`, so a long article's first
/// results come in one short task and the rest fill in behind them, the page answering the
/// reader in between.
#[hook]
pub fn use_growing(key: usize, first: usize, step: usize, total: usize) -> usize {
    let state = use_state_eq(|| (key, first));
    let shown = if state.0 == key { state.1 } else { first };
    {
        let state = state.clone();
        use_effect_with(
            (key, shown, shown < total),
            move |&(key, shown, growing)| {
                let timer = growing.then(|| {
                    gloo::timers::callback::Timeout::new(0, move || state.set((key, shown + step)))
                });
                move || drop(timer)
            },
        );
    }
    shown
}
