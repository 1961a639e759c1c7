use lede_core::Document;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[function_component]
pub fn App() -> Html {
    let text = use_state(String::new);
    let doc: Rc<Document> = {
        let text = (*text).clone();
        use_memo(text, |t| lede_core::parse(t))
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            text.set(area.value());
        })
    };
    html! {
        <main>
            <h1>{ "Lede" }</h1>
            <p>{ "Runs in your browser — nothing you paste is uploaded." }</p>
            <textarea aria-label="Article text" value={(*text).clone()} {oninput} />
            <article aria-label="Sections">
                { for doc.body_blocks().map(|b| html! { <p>{ doc.slice(b.span) }</p> }) }
            </article>
        </main>
    }
}
