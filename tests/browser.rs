//! Browser tests: the app rendered into a real page in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn output() -> web_sys::Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

#[wasm_bindgen_test]
async fn typing_an_article_renders_its_paragraphs() {
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
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    yew::scheduler::flush().await;
    let paragraphs = root.query_selector_all("[aria-label='Sections'] p").unwrap();
    assert_eq!(paragraphs.length(), 2);
}
