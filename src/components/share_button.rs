//! "Copy share link": puts a link that carries the article and the view on the clipboard, shows
//! the link's length and warns where it may be cut. The link is built only once the reader
//! asks for it, then kept current while its panel is open.

use crate::services::export::{self, Format};
use crate::services::share::{self, LinkReach, SharedView};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareButtonProps {
    /// The view to share; compared by pointer first, so pass the same `Rc` while it is unchanged.
    pub view: Rc<SharedView>,
}

/// What the last copy did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyState {
    Pending,
    Done,
    Failed,
}

/// The page's address without its fragment.
fn page_address() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// "12,345".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[function_component]
pub fn ShareButton(props: &ShareButtonProps) -> Html {
    let open = use_state_eq(|| false);
    let copy = use_state_eq(|| None::<CopyState>);
    let button = use_node_ref();
    let view = props.view.clone();
    // Built only while the panel is open: encoding a long article on every keystroke would not be.
    let link: Rc<Option<String>> = use_memo((view.clone(), *open), |(view, open)| {
        open.then(|| share::link(&page_address(), view))
    });
    let reach = link.as_deref().map(|l| {
        if view.text.len() > lede_core::MAX_INPUT_BYTES {
            LinkReach::TooLong
        } else {
            LinkReach::of_length(l.chars().count())
        }
    });

    let onclick = {
        let open = open.clone();
        let copy = copy.clone();
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(true);
            let link = share::link(&page_address(), &view);
            if view.text.len() > lede_core::MAX_INPUT_BYTES
                || LinkReach::of_length(link.len()) == LinkReach::TooLong
            {
                copy.set(None);
                return;
            }
            copy.set(Some(CopyState::Pending));
            let copy = copy.clone();
            let clipboard = gloo::utils::window().navigator().clipboard();
            let promise = clipboard.write_text(&link);
            yew::platform::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                copy.set(Some(if done {
                    CopyState::Done
                } else {
                    CopyState::Failed
                }));
            });
        })
    };
    let close = {
        let open = open.clone();
        let copy = copy.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            copy.set(None);
        })
    };
    let on_key = {
        let open = open.clone();
        let copy = copy.clone();
        let button = button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
                copy.set(None);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let download_text = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = export::download("article.txt", Format::Text, &view.text);
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });

    let status = match (*copy, reach) {
        (_, Some(LinkReach::TooLong)) => "Not copied: the link would be too long.",
        (Some(CopyState::Pending), _) => "Copying…",
        (Some(CopyState::Done), _) => "Link copied.",
        (Some(CopyState::Failed), _) => "Could not reach the clipboard: copy the link below.",
        (None, _) => "",
    };
    html! {
        <div class="share" onkeydown={on_key}>
            <button type="button" class="share-button" ref={button} {onclick} aria-expanded={open.to_string()}
                aria-controls="share-panel">
                { "Copy share link" }
            </button>
            if let (Some(link), Some(reach)) = (link.as_deref(), reach) {
                <div id="share-panel" class="share-panel" role="group" aria-label="Share link">
                    <p class="share-status" role="status">{ status }</p>
                    <p class="share-length">
                        { format!("The link is {} characters long.", thousands(link.chars().count())) }
                        { " It carries the whole article, and opens this same view." }
                    </p>
                    if let Some(warning) = reach.warning() {
                        <p class={classes!("share-warning", (reach == LinkReach::TooLong).then_some("too-long"))}>
                            { warning }
                        </p>
                    }
                    if reach == LinkReach::TooLong {
                        <button type="button" onclick={download_text}>{ "Download the text as a file" }</button>
                    } else {
                        <label class="share-field">
                            <span>{ "Share link" }</span>
                            <input type="text" readonly=true value={link.to_owned()} onfocus={select_all}
                                spellcheck="false" autocomplete="off" />
                        </label>
                    }
                    <button type="button" class="small link" onclick={close}>{ "Close" }</button>
                </div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(2_097_153), "2,097,153");
    }
}
