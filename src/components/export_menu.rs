//! The export menu: the article's quotes and facts as Markdown, the whole analysis as JSON (the
//! CLI's schema), or the page printed.

use crate::services::export::{self, Format};
use lede_core::Document;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct ExportMenuProps {
    pub doc: Rc<Document>,
}

impl PartialEq for ExportMenuProps {
    /// One analysis, one `Rc`: a new document is a new pointer.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
    }
}

#[function_component]
pub fn ExportMenu(props: &ExportMenuProps) -> Html {
    let failed = use_state_eq(|| None::<AttrValue>);
    let menu = use_node_ref();
    let save = |format: Format| {
        let doc = props.doc.clone();
        let failed = failed.clone();
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| {
            let contents = match format {
                Format::Markdown => export::to_markdown(&doc),
                Format::Json => export::to_json(&doc),
                Format::Text => doc.text.clone(),
            };
            let result = export::download(&export::file_name(&doc, format), format, &contents);
            if result.is_ok() {
                // The file is on its way: fold the menu away.
                if let Some(details) = menu.cast::<web_sys::Element>() {
                    let _ = details.remove_attribute("open");
                }
            }
            failed.set(
                result
                    .err()
                    .map(|e| format!("The file could not be saved: {e}").into()),
            );
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let empty = props.doc.text.trim().is_empty();
    html! {
        <details class="export-menu" ref={menu.clone()}>
            <summary>{ "Export" }</summary>
            <div class="export-items" role="group" aria-label="Export">
                <button type="button" onclick={save(Format::Markdown)} disabled={empty}
                    title="Quotes grouped by speaker, and the facts, as a Markdown file">
                    { "Download Markdown" }
                </button>
                <button type="button" onclick={save(Format::Json)} disabled={empty}
                    title="The whole analysis in the lede command's JSON schema">
                    { "Download JSON" }
                </button>
                <button type="button" onclick={print}>{ "Print" }</button>
                if let Some(message) = (*failed).clone() {
                    <p class="export-error" role="alert">{ message }</p>
                }
            </div>
        </details>
    }
}
