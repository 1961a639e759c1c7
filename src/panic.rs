//! When the app fails, the page shows why and gives the reader their text back: a fixed panel
//! with the draft in a read-only text area. The page is never left blank.

use wasm_bindgen::JsCast;

const PANEL_ID: &str = "lede-crash";

/// Report panics in the console and in the page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        show_error_panel(&message);
    }));
}

/// Inside the parsing worker: report panics in the console. The worker then tells the page,
/// which parses on its own thread instead (see `services::parser`).
pub fn install_in_worker() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("Lede's parsing worker: {info}");
        web_sys::console::error_1(&message.as_str().into());
    }));
}

/// The reader's latest text: the live text area if the page still has one, else the saved draft.
fn current_draft(doc: &web_sys::Document) -> String {
    let live = doc
        .query_selector("textarea[aria-label='Article text']")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|t| t.value())
        .filter(|v| !v.is_empty());
    live.or_else(crate::services::storage::raw_draft)
        .unwrap_or_default()
}

/// Put the error panel into the page (once). Built from text nodes only.
pub fn show_error_panel(message: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    if doc.get_element_by_id(PANEL_ID).is_some() {
        return Some(());
    }
    let draft = current_draft(&doc);
    let el = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    };
    let panel = el("section", "")?;
    panel.set_id(PANEL_ID);
    panel.set_class_name("crash");
    panel.set_attribute("role", "alertdialog").ok()?;
    panel
        .set_attribute("aria-labelledby", "lede-crash-title")
        .ok()?;
    let title = el("h2", "Something went wrong")?;
    title.set_id("lede-crash-title");
    panel.append_child(&title).ok()?;
    let intro = el(
        "p",
        "Lede stopped because of an error. Your text is safe: it is below to copy, and it is \
         saved in this browser, so reloading the page brings it back.",
    )?;
    panel.append_child(&intro).ok()?;
    let area: web_sys::HtmlTextAreaElement = el("textarea", "")?.dyn_into().ok()?;
    area.set_read_only(true);
    area.set_value(&draft);
    area.set_attribute("aria-label", "Your text, to copy")
        .ok()?;
    area.set_rows(10);
    panel.append_child(&area).ok()?;
    let details = el("details", "")?;
    let summary = el("summary", "Technical details")?;
    details.append_child(&summary).ok()?;
    let pre = el("pre", message)?;
    details.append_child(&pre).ok()?;
    panel.append_child(&details).ok()?;
    let reload = el("a", "Reload Lede")?;
    reload.set_attribute("href", "").ok()?;
    reload.set_class_name("button");
    panel.append_child(&reload).ok()?;
    doc.body()?.append_child(&panel).ok()?;
    let _ = area.focus();
    Some(())
}
