//! Browser tests: the app and its components rendered into a real page in headless Chromium.
#![cfg(target_arch = "wasm32")]

use lede_core::QuoteKind;
use lede_web::components::article_view::ArticleView;
use lede_web::components::facts_panel::FactsPanel;
use lede_web::components::quotes_panel::QuotesPanel;
use lede_web::model::Reading;
use lede_web::state::AppState;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn output() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn clear_storage() {
    gloo::utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

async fn settle() {
    yew::scheduler::flush().await;
    yew::platform::time::sleep(Duration::from_millis(20)).await;
    yew::scheduler::flush().await;
}

fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect()
}

fn one(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is there"))
}

fn click(el: &web_sys::Element) {
    el.dyn_ref::<web_sys::HtmlElement>().unwrap().click();
}

fn text(el: &web_sys::Element) -> String {
    el.text_content().unwrap_or_default()
}

/// Wait (a bounded time) until `selector` matches at least `n` elements.
async fn wait_for(root: &web_sys::Element, selector: &str, n: u32) -> u32 {
    for _ in 0..100 {
        let found = root.query_selector_all(selector).unwrap().length();
        if found >= n {
            return found;
        }
        yew::platform::time::sleep(Duration::from_millis(20)).await;
        yew::scheduler::flush().await;
    }
    root.query_selector_all(selector).unwrap().length()
}

#[wasm_bindgen_test]
async fn typing_an_article_renders_its_paragraphs() {
    clear_storage();
    let root = output();
    yew::Renderer::<lede_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea[aria-label='Article text']")
        .unwrap()
        .expect("the text area is there")
        .dyn_into()
        .unwrap();
    area.set_value("First paragraph.\n\nSecond paragraph.");
    let event = web_sys::InputEvent::new_with_event_init_dict("input", &{
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    area.dispatch_event(&event).unwrap();
    // Typing is analysed after a pause.
    assert_eq!(wait_for(&root, "[aria-label='Sections'] p", 2).await, 2);
    assert_eq!(
        text(&all(&root, "[aria-label='Sections'] p")[1]),
        "Second paragraph."
    );
    // ... and the draft was saved.
    let saved: String =
        <gloo::storage::LocalStorage as gloo::storage::Storage>::get("lede.draft").unwrap();
    assert_eq!(saved, "First paragraph.\n\nSecond paragraph.");
}

#[wasm_bindgen_test]
async fn a_saved_draft_is_restored_at_start() {
    clear_storage();
    <gloo::storage::LocalStorage as gloo::storage::Storage>::set(
        "lede.draft",
        "Restored paragraph one.\n\nAnd two.",
    )
    .unwrap();
    let root = output();
    yew::Renderer::<lede_web::App>::with_root(root.clone()).render();
    settle().await;
    let area: web_sys::HtmlTextAreaElement = one(&root, "textarea[aria-label='Article text']")
        .dyn_into()
        .unwrap();
    assert_eq!(area.value(), "Restored paragraph one.\n\nAnd two.");
    assert_eq!(all(&root, "[aria-label='Sections'] p").len(), 2);
    clear_storage();
}

/// The reading view's three panels over one analysed article, with a fresh view state.
#[derive(Properties, PartialEq)]
struct FixtureProps {
    reading: Rc<Reading>,
}

#[function_component]
fn Fixture(props: &FixtureProps) -> Html {
    let state = use_reducer(AppState::default);
    html! {
        <>
            <ArticleView reading={props.reading.clone()} state={state.clone()} />
            <QuotesPanel reading={props.reading.clone()} state={state.clone()} />
            <FactsPanel reading={props.reading.clone()} state={state} />
        </>
    }
}

/// The reading of `text` in the fixture, after its first render only.
async fn first_render(text: &str) -> (web_sys::Element, Rc<Reading>) {
    let reading = Rc::new(Reading::new(Rc::new(lede_core::parse(text))));
    let root = output();
    yew::Renderer::<Fixture>::with_root_and_props(
        root.clone(),
        FixtureProps {
            reading: reading.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    (root, reading)
}

async fn render_reading(text: &str) -> (web_sys::Element, Rc<Reading>) {
    let rendered = first_render(text).await;
    settle().await;
    rendered
}

/// One speaker quoted `n` times, one short paragraph each.
fn many_quotes(n: usize) -> String {
    let mut text = String::from("Harbour Board Meets Again\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "\u{201c}Mooring number {i} is ready for the winter,\u{201d} said Mara Quill, the harbour master.\n\n"
        ));
    }
    text
}

#[wasm_bindgen_test]
async fn a_long_list_of_cards_fills_in_after_the_first_render() {
    let (root, _) = first_render(&many_quotes(45)).await;
    // The first render shows the first few cards of the group only...
    let first = all(&root, ".card").len();
    assert!(first > 0 && first < 30, "first render: {first} cards");
    // ...and the following tasks add the rest, up to the list's limit.
    assert_eq!(wait_for(&root, ".card", 30).await, 30);
    settle().await;
    assert_eq!(all(&root, ".card").len(), 30, "no more than the limit");
    let more = one(&root, "button.more");
    assert!(text(&more).contains("Show all 45"), "{}", text(&more));
    click(&more);
    assert_eq!(wait_for(&root, ".card", 45).await, 45);
    // Every card is a different quotation.
    let mut ids: Vec<String> = all(&root, ".card").iter().map(|c| c.id()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 45);
}

#[wasm_bindgen_test]
async fn sections_are_disclosures() {
    let (root, reading) = render_reading(lede_web::EXAMPLE).await;
    let buttons = all(&root, "[aria-label='Sections'] button[aria-expanded]");
    let shown = reading
        .doc
        .sections
        .iter()
        .filter(|s| !s.blocks.is_empty())
        .count();
    assert!(!buttons.is_empty() && buttons.len() <= shown);
    let first = &buttons[0];
    let body = one(
        &root,
        &format!("#{}", first.get_attribute("aria-controls").unwrap()),
    );
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!body.has_attribute("hidden"));
    click(first);
    settle().await;
    assert_eq!(
        first.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(body.has_attribute("hidden"));
    click(first);
    settle().await;
    assert!(!body.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn quotes_are_grouped_by_speaker_and_lead_into_the_text() {
    let (root, reading) = render_reading(lede_web::EXAMPLE).await;
    let doc = &reading.doc;
    assert!(doc.quotes.len() >= 4, "the example has quotations");
    // One card per quotation; every direct and partial quote of a known speaker sits under them.
    assert_eq!(all(&root, ".card").len(), doc.quotes.len());
    let groups = all(&root, "section.group:not(.reported)");
    let mut counts = Vec::new();
    for g in &groups {
        let name = text(&one(g, ".name"));
        let cards = all(g, ".card").len();
        counts.push(cards);
        if let Some(s) = doc.speakers.iter().find(|s| s.name == name) {
            let expected = doc
                .quotes
                .iter()
                .filter(|q| q.speaker == Some(s.id) && q.kind != QuoteKind::Indirect)
                .count();
            assert_eq!(cards, expected, "{name}'s group");
        }
    }
    let mut sorted = counts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(counts, sorted, "most quoted first");
    let reported = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .count();
    if reported > 0 {
        let group = one(&root, "section.group.reported");
        assert!(text(&group).contains("Reported speech"));
        assert_eq!(all(&group, ".card").len(), reported);
    }
    // Every quotation is marked in the text, in its speaker's colour.
    for q in &doc.quotes {
        let mark = one(&root, &format!("#quote-{}", q.id.0));
        let colour = reading.quote_colour(q.id);
        assert!(mark
            .class_name()
            .split_whitespace()
            .any(|c| c == format!("c{colour}")));
    }
    // Choosing a card outlines its quotation.
    let card = &all(&root, ".card")[0];
    let id: u32 = card.id().trim_start_matches("card-").parse().unwrap();
    click(&one(card, "button[aria-pressed]"));
    settle().await;
    let chosen = all(&root, "[aria-label='Sections'] .q.chosen");
    assert!(!chosen.is_empty());
    assert!(chosen
        .iter()
        .all(|c| c.get_attribute("data-quote") == Some(id.to_string())));
}

#[wasm_bindgen_test]
async fn a_fact_highlights_its_mentions() {
    let (root, reading) = render_reading(lede_web::EXAMPLE).await;
    let place = reading
        .facts
        .places
        .first()
        .expect("the example names places")
        .clone();
    let button = all(&root, ".places .fact-button")
        .into_iter()
        .find(|b| text(b).starts_with(&place.label))
        .unwrap();
    click(&button);
    settle().await;
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let marks = all(&root, ".article mark.hl");
    assert_eq!(marks.len(), place.spans.len(), "one highlight per mention");
    for (m, span) in marks.iter().zip(&place.spans) {
        assert_eq!(text(m), reading.slice(*span));
    }
    click(&button);
    settle().await;
    assert!(
        all(&root, ".article mark.hl").is_empty(),
        "choosing it again clears it"
    );
}

#[wasm_bindgen_test]
async fn empty_article_shows_empty_states() {
    let (root, _) = render_reading("").await;
    assert!(text(&root).contains("No quotations found."));
    assert!(text(&root).contains("No facts found."));
    assert!(root
        .query_selector("[aria-label='Sections']")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn pasted_markup_is_never_rendered() {
    let (root, _) =
        render_reading("<img src=x onerror=alert(1)> said \"<b>hi</b>,\" Ann Lee.").await;
    assert!(root.query_selector("img, b").unwrap().is_none());
    assert!(text(&root).contains("<img src=x onerror=alert(1)>"));
}

#[wasm_bindgen_test]
fn html_is_read_as_text_blocks() {
    use lede_core::InputBlockKind::*;
    let html = "<script>window.bad = 1</script><nav><p>Menu</p></nav><h2>Head <i>line</i></h2>\
        <p>One <b>two</b><img src=x onerror=\"window.bad=2\">\n  three.</p>\
        <blockquote><p>Quoted.</p></blockquote><ul><li>Item</li></ul>\
        <figure><figcaption>A caption.</figcaption></figure><aside><p>Related</p></aside>";
    let blocks = lede_web::services::rich_input::html_to_blocks(html);
    let got: Vec<_> = blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (Heading(2), "Head line"),
            (Paragraph, "One two three."),
            (BlockQuote, "Quoted."),
            (ListItem, "Item"),
            (Caption, "A caption."),
        ]
    );
    let bad = js_sys::Reflect::get(&gloo::utils::window(), &"bad".into()).unwrap();
    assert!(bad.is_undefined(), "nothing in the markup ran");
}

#[wasm_bindgen_test]
fn the_error_panel_gives_the_text_back() {
    clear_storage();
    <gloo::storage::LocalStorage as gloo::storage::Storage>::set(
        "lede.draft",
        "My unsaved article.",
    )
    .unwrap();
    let document = gloo::utils::document();
    // No live text area on this page: the saved draft is used.
    for el in all(
        &document.body().unwrap(),
        "textarea[aria-label='Article text']",
    ) {
        el.remove();
    }
    lede_web::panic::show_error_panel("boom").unwrap();
    let panel = document
        .get_element_by_id("lede-crash")
        .expect("the panel is shown");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alertdialog"));
    let area: web_sys::HtmlTextAreaElement = one(&panel, "textarea").dyn_into().unwrap();
    assert!(area.read_only());
    assert_eq!(area.value(), "My unsaved article.");
    assert!(text(&panel).contains("boom"));
    panel.remove();
    clear_storage();
}

fn set_hash(fragment: &str) {
    let window = gloo::utils::window();
    let url = format!(
        "{}{}#{fragment}",
        window.location().pathname().unwrap(),
        window.location().search().unwrap()
    );
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_share_link_restores_the_text_and_view_and_keeps_the_draft_for_undo() {
    use lede_web::services::share::{encode, SharedView};
    clear_storage();
    <gloo::storage::LocalStorage as gloo::storage::Storage>::set("lede.draft", "My own draft.")
        .unwrap();
    let view = SharedView {
        text: "Shared paragraph one.\n\nShared paragraph two.".into(),
        article_date: Some("2016-02-22".into()),
        ..SharedView::default()
    };
    set_hash(&encode(&view));
    let root = output();
    yew::Renderer::<lede_web::App>::with_root(root.clone()).render();
    settle().await;
    let area: web_sys::HtmlTextAreaElement = one(&root, "textarea[aria-label='Article text']")
        .dyn_into()
        .unwrap();
    assert_eq!(area.value(), view.text);
    let date: web_sys::HtmlInputElement = one(&root, "#article-date").dyn_into().unwrap();
    assert_eq!(date.value(), "2016-02-22");
    assert_eq!(
        gloo::utils::window().location().hash().unwrap(),
        "",
        "the link was consumed"
    );
    let notice = one(&root, ".notice");
    assert!(text(&notice).contains("Opened a shared article"));
    click(
        &all(&notice, "button")
            .into_iter()
            .find(|b| text(b) == "Undo")
            .expect("undo is offered"),
    );
    settle().await;
    assert_eq!(area.value(), "My own draft.");
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_bad_share_link_keeps_the_draft_and_says_why() {
    clear_storage();
    <gloo::storage::LocalStorage as gloo::storage::Storage>::set("lede.draft", "Kept draft.")
        .unwrap();
    set_hash("s=!!not-a-link");
    let root = output();
    yew::Renderer::<lede_web::App>::with_root(root.clone()).render();
    settle().await;
    let area: web_sys::HtmlTextAreaElement = one(&root, "textarea[aria-label='Article text']")
        .dyn_into()
        .unwrap();
    assert_eq!(area.value(), "Kept draft.");
    let alert = one(&root, ".notice[role='alert']");
    assert!(text(&alert).contains("Your own text was kept."));
    click(&one(&alert, "button[aria-label='Dismiss message']"));
    settle().await;
    assert!(root.query_selector(".notice").unwrap().is_none());
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_full_storage_keeps_the_text_and_says_so() {
    clear_storage();
    js_sys::eval(
        "Storage.prototype.__set = Storage.prototype.setItem; \
         Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    )
    .unwrap();
    let root = output();
    yew::Renderer::<lede_web::App>::with_root(root.clone()).render();
    settle().await;
    let area: web_sys::HtmlTextAreaElement = one(&root, "textarea[aria-label='Article text']")
        .dyn_into()
        .unwrap();
    area.set_value("Text that cannot be saved.");
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    let found = wait_for(&root, ".storage-error", 1).await;
    js_sys::eval(
        "Storage.prototype.setItem = Storage.prototype.__set; delete Storage.prototype.__set;",
    )
    .unwrap();
    assert_eq!(found, 1);
    assert!(text(&one(&root, ".storage-error")).contains("could not be saved"));
    assert_eq!(area.value(), "Text that cannot be saved.");
    assert_eq!(
        wait_for(&root, "[aria-label='Sections'] p", 1).await,
        1,
        "and it is still analysed"
    );
    clear_storage();
}
