//! The app: state, analysis, storage and layout. Panels live in `components/`.

use crate::components::article_view::ArticleView;
use crate::components::facts_panel::FactsPanel;
use crate::components::header::AppHeader;
use crate::components::input_panel::InputPanel;
use crate::components::notice::NoticeBar;
use crate::components::quotes_panel::QuotesPanel;
use crate::hooks::{use_file_loader, use_media_query};
use crate::model::{iso_date, parse_iso_date, Reading};
use crate::services::parser::{Engine, Reply};
use crate::services::{share, storage};
use crate::state::{Action, AppState, Input, Notice, NoticeKind, SharedText, Tab, Theme};
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use lede_core::Options;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The state at start-up: the saved draft, or the view a share link carries.
fn initial_state() -> AppState {
    let draft = storage::load_draft().unwrap_or_default();
    let mut state = AppState::with_draft(&draft);
    state.date = storage::load_date().as_deref().and_then(parse_iso_date);
    state.theme = storage::load_theme()
        .map(|t| Theme::from_name(&t))
        .unwrap_or_default();
    let location = gloo::utils::window().location();
    let hash = location.hash().unwrap_or_default();
    // Other fragments (the skip link's target) are no share links and stay.
    if !share::is_share_fragment(&hash) {
        return state;
    }
    let state = match share::decode(&hash) {
        Ok(view) => (*Rc::new(state).reduce(Action::Restore(view))).clone(),
        Err(e) => AppState {
            notice: Some(Notice {
                kind: NoticeKind::Error,
                text: format!("{e} Your own text was kept.").into(),
                undo: false,
            }),
            ..state
        },
    };
    // The link has been read: later edits and reloads start from the draft, not the link.
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    state
}

fn analyse(input: &Input, options: &Options) -> Reading {
    let start = now();
    let doc = match input {
        Input::Text(text) => lede_core::parse_with(text, options),
        Input::Blocks(blocks) => lede_core::parse_blocks(blocks, options),
    };
    // Whole milliseconds: formatting a float would add its own code to the page.
    let parse_ms = start.zip(now()).map(|(a, b)| (b - a).max(0.0) as u32);
    let mut reading = Reading::new(Rc::new(doc));
    reading.parse_ms = parse_ms;
    reading
}

/// Milliseconds on the page's clock, to time the parse (shown to tests as `data-parse-ms`).
fn now() -> Option<f64> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()?
            .get("performance")
            .and_then(|p| js_sys::Reflect::get(&p, &"now".into()).ok().map(|f| (p, f)))
            .and_then(|(p, f)| {
                wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f)
                    .ok()?
                    .call0(&p)
                    .ok()?
                    .as_f64()
            })
    } else {
        None
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let engine = use_memo((), |_| Engine::start());
    let options = Options {
        article_date: state.date,
    };
    // On the page's thread when there is no parsing worker (as before: during the render).
    let on_page: Rc<Option<Rc<Reading>>> = use_memo(
        (state.analysed.clone(), options.clone(), engine.has_worker()),
        |(input, options, worker)| (!*worker).then(|| Rc::new(analyse(input, options))),
    );
    // In the parsing worker otherwise: the page keeps the last reading until the answer.
    let from_worker = use_state(|| {
        let mut reading = Reading::new(Rc::default());
        reading.made_from = Some((Input::default(), None));
        Rc::new(reading)
    });
    {
        let (engine, from_worker) = (engine.clone(), from_worker.clone());
        use_effect_with(
            (state.analysed.clone(), options.clone()),
            move |(input, options)| {
                if engine.has_worker() {
                    let (input, options) = (input.clone(), options.clone());
                    let done = {
                        let (input, options) = (input.clone(), options.clone());
                        Callback::from(move |result: Result<Reply, String>| {
                            // Reading the document back (here), deriving the view from it and
                            // rendering it are three tasks rather than one long one.
                            let (input, options) = (input.clone(), options.clone());
                            let from_worker = from_worker.clone();
                            let made_from = Some((input.clone(), options.article_date));
                            Timeout::new(0, move || {
                                let mut reading = match result {
                                    Ok(reply) => {
                                        let mut reading = Reading::new(Rc::new(reply.doc));
                                        reading.parse_ms = reply.ms;
                                        reading.first_part = reply.first_part;
                                        reading.in_worker = true;
                                        reading
                                    }
                                    Err(message) => {
                                        // The worker failed: parse here (and keep doing so).
                                        web_sys::console::warn_1(&message.into());
                                        analyse(&input, &options)
                                    }
                                };
                                reading.made_from = made_from;
                                Timeout::new(0, move || from_worker.set(Rc::new(reading))).forget();
                            })
                            .forget();
                        })
                    };
                    engine.request(&input, &options, done);
                }
            },
        );
    }
    let reading: Rc<Reading> = match &*on_page {
        Some(reading) => reading.clone(),
        None => (*from_worker).clone(),
    };
    {
        // Analyse after a pause in typing, at once after a paste.
        let dispatcher = state.dispatcher();
        // Parsing on the page: after the pause, wait for a frame and start in the task after
        // it, so the status ("Analysing…") is on screen before a long article's parse holds
        // the page. The parsing worker holds nothing: it starts right after the pause.
        let worker = engine.has_worker();
        use_effect_with((state.edit_seq, state.pending), move |&(seq, pending)| {
            let frame = Rc::new(RefCell::new(None::<AnimationFrame>));
            let start = Rc::new(RefCell::new(None::<Timeout>));
            let timer = pending.map(|urgency| {
                let (frame, start) = (frame.clone(), start.clone());
                Timeout::new(urgency.delay_ms(), move || {
                    if worker {
                        dispatcher.dispatch(Action::Analyse { seq });
                        return;
                    }
                    let handle = request_animation_frame(move |_| {
                        let go =
                            Timeout::new(0, move || dispatcher.dispatch(Action::Analyse { seq }));
                        *start.borrow_mut() = Some(go);
                    });
                    *frame.borrow_mut() = Some(handle);
                })
            });
            move || {
                drop(timer);
                frame.borrow_mut().take();
                start.borrow_mut().take();
            }
        });
    }
    {
        let dispatcher = state.dispatcher();
        let had_error = state.storage_error.is_some();
        // Saved in a task of its own, after the change is on screen: a long paste's copy into
        // storage does not lengthen the task that shows it.
        use_effect_with(SharedText(state.draft.clone()), move |draft| {
            let draft = draft.0.clone();
            let save = Timeout::new(0, move || match storage::save_draft(&draft) {
                Ok(()) if had_error => dispatcher.dispatch(Action::StorageOk),
                Ok(()) => {}
                Err(msg) => dispatcher.dispatch(Action::StorageFailed(msg.into())),
            });
            // A newer draft replaces this one before it is written.
            move || drop(save)
        });
    }
    use_effect_with(state.date, |date| {
        storage::save_date(date.map(iso_date).as_deref())
    });
    use_effect_with(state.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                t => root.set_attribute("data-theme", t.name()),
            };
        }
        storage::save_theme(theme.name());
    });
    let shared = {
        let s = &*state;
        let deps = (
            SharedText(s.draft.clone()),
            s.date,
            s.collapsed.clone(),
            s.speaker,
            s.quote,
            s.fact.clone(),
        );
        use_memo(deps, |_| s.shared_view())
    };
    let on_file = use_file_loader(state.dispatcher().to_callback());
    let narrow = use_media_query("(max-width: 899px)");
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let on_file = on_file.clone();
        Callback::from(move |e: DragEvent| {
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            if let Some(file) = file {
                e.prevent_default();
                on_file.emit(file);
            }
        })
    };
    let view = |tab: Tab, content: Html| {
        let (id, tab_id) = tab_ids(tab);
        let active = state.tab == tab;
        html! {
            <div {id} class={classes!("pane", format!("pane-{}", tab_name(tab)), active.then_some("active"))}
                role={narrow.then_some("tabpanel")} aria-labelledby={narrow.then_some(tab_id)}>
                { content }
            </div>
        }
    };
    html! {
        <div class="app" {ondragover} {ondrop}>
            <a class="skip" href="#article-pane">{ "Skip to the article" }</a>
            <AppHeader state={state.clone()} reading={reading.clone()} {on_file} {shared} />
            <NoticeBar state={state.clone()} />
            if narrow {
                <Tabs state={state.clone()} reading={reading.clone()} />
            }
            <div class={classes!("layout", narrow.then_some("narrow"))}>
                { view(Tab::Article, html! {
                    <main class="article-col">
                        <InputPanel state={state.clone()} reading={reading.clone()} />
                        <ArticleView state={state.clone()} reading={reading.clone()} />
                    </main>
                }) }
                { view(Tab::Quotes, html! { <QuotesPanel state={state.clone()} reading={reading.clone()} /> }) }
                { view(Tab::Facts, html! { <FactsPanel state={state.clone()} reading={reading.clone()} /> }) }
            </div>
        </div>
    }
}

fn tab_name(tab: Tab) -> &'static str {
    match tab {
        Tab::Article => "article",
        Tab::Quotes => "quotes",
        Tab::Facts => "facts",
    }
}

/// The pane's id and its tab's id.
fn tab_ids(tab: Tab) -> (&'static str, &'static str) {
    match tab {
        Tab::Article => ("article-pane", "tab-article"),
        Tab::Quotes => ("quotes-pane", "tab-quotes"),
        Tab::Facts => ("facts-pane", "tab-facts"),
    }
}

#[derive(Properties, PartialEq)]
struct TabsProps {
    state: UseReducerHandle<AppState>,
    reading: Rc<Reading>,
}

/// On narrow screens the three areas are tabs; arrow keys move between them.
#[function_component]
fn Tabs(props: &TabsProps) -> Html {
    const ORDER: [Tab; 3] = [Tab::Article, Tab::Quotes, Tab::Facts];
    let state = &props.state;
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = ORDER.iter().position(|t| *t == state.tab).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => ORDER[(i + 1) % 3],
                "ArrowLeft" => ORDER[(i + 2) % 3],
                "Home" => ORDER[0],
                "End" => ORDER[2],
                _ => return,
            };
            e.prevent_default();
            state.dispatch(Action::SetTab(next));
            if let Some(el) = gloo::utils::document().get_element_by_id(tab_ids(next).1) {
                if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                    let _ = el.focus();
                }
            }
        })
    };
    let counts = [
        None,
        Some(props.reading.doc.quotes.len()),
        Some(props.reading.facts.len()),
    ];
    html! {
        <div class="tabs" role="tablist" aria-label="Views" {onkeydown}>
            { for ORDER.iter().zip(counts).map(|(&tab, count)| {
                let selected = state.tab == tab;
                let (pane, id) = tab_ids(tab);
                let onclick = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(tab)))
                };
                let label = match tab {
                    Tab::Article => "Article",
                    Tab::Quotes => "Quotes",
                    Tab::Facts => "Facts",
                };
                html! {
                    <button key={id} type="button" role="tab" {id} aria-selected={selected.to_string()}
                        aria-controls={pane} tabindex={if selected { "0" } else { "-1" }} {onclick}>
                        { label }
                        if let Some(n) = count {
                            <span class="count">{ n }</span>
                        }
                    </button>
                }
            }) }
        </div>
    }
}
