//! Parsing off the page's thread: both ends of the parsing worker.
//!
//! The page's own WebAssembly module is loaded a second time in a module Web Worker
//! (`static/worker.js`; `static/boot.js` compiles the module once and hands it over), so a long
//! article is parsed without holding the page. Request and reply travel as postcard bytes (a
//! compact binary form of the same serde types): a long article's document is read back here
//! many times faster than from JSON, and its buffer is handed over without a copy.
//!
//! Where no worker can run (the browser tests load the module without `boot.js`; a worker
//! that fails to start or stops on an error), [`Engine`] reports it and the app parses on the
//! page's thread as before. Nothing is ever sent anywhere but to the worker.

use crate::state::Input;
use lede_core::{CivilDate, Document, InputBlock, Options};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// Where a request's answer goes: the document, or why the worker could not parse it.
pub type Done = Callback<Result<Reply, String>>;

#[derive(Serialize, Deserialize)]
struct Request<'a> {
    text: Option<std::borrow::Cow<'a, str>>,
    blocks: Option<Vec<InputBlock>>,
    date: Option<CivilDate>,
}

/// What the worker sends back.
#[derive(Deserialize)]
pub struct Reply {
    pub doc: Document,
    /// Parse time inside the worker, in whole milliseconds.
    pub ms: Option<u32>,
    /// The analysis of the text's first part only; the whole text's follows.
    pub first_part: bool,
}

#[derive(Serialize)]
struct ReplyOut<'a> {
    doc: &'a Document,
    ms: Option<u32>,
    first_part: bool,
}

/// Texts longer than this get a quick first answer: the analysis of their first
/// [`FIRST_PART`] bytes, shown while the worker reads the whole text.
const LONG: usize = 512 * 1024;
const FIRST_PART: usize = 40 * 1024;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// The worker's entry point (called by `static/worker.js`): parse the request and answer the
/// document. A request that can't be read answers an error message instead.
#[wasm_bindgen]
pub fn worker_analyse(request: &[u8]) -> Result<Vec<u8>, JsValue> {
    let req = read_request(request)?;
    analyse_reply(req.text.as_deref(), req.blocks.as_deref(), req.date, false)
}

/// For a long text, the analysis of its first part, cut at a paragraph break, for the page to
/// show at once (called by `static/worker.js` before [`worker_analyse`]); empty otherwise.
#[wasm_bindgen]
pub fn worker_first_part(request: &[u8]) -> Result<Vec<u8>, JsValue> {
    let req = read_request(request)?;
    match (&req.text, &req.blocks) {
        (_, Some(blocks)) => match first_blocks(blocks) {
            Some(first) => analyse_reply(None, Some(first), req.date, true),
            None => Ok(Vec::new()),
        },
        (Some(text), None) => match first_part(text) {
            Some(first) => analyse_reply(Some(first), None, req.date, true),
            None => Ok(Vec::new()),
        },
        (None, None) => Ok(Vec::new()),
    }
}

/// A long text's first part: about [`FIRST_PART`] bytes, cut at the last paragraph break
/// before that when there is one. `None` for a text of [`LONG`] bytes or less.
fn first_part(text: &str) -> Option<&str> {
    if text.len() <= LONG {
        return None;
    }
    let mut cut = FIRST_PART;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = text[..cut].rfind("\n\n").unwrap_or(cut);
    Some(&text[..cut])
}

/// The first part of a long HTML paste: its blocks up to about [`FIRST_PART`] bytes. `None`
/// for blocks of [`LONG`] bytes or less in all, or a first block longer than that part.
fn first_blocks(blocks: &[InputBlock]) -> Option<&[InputBlock]> {
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    if total <= LONG {
        return None;
    }
    let mut size = 0;
    let n = blocks
        .iter()
        .take_while(|b| {
            size += b.text.len();
            size <= FIRST_PART
        })
        .count();
    // A first block too long for a quick answer gives none.
    (n > 0).then(|| &blocks[..n])
}

fn read_request(request: &[u8]) -> Result<Request<'_>, JsValue> {
    postcard::from_bytes(request)
        .map_err(|e| JsValue::from_str(&format!("unreadable request: {e}")))
}

fn analyse_reply(
    text: Option<&str>,
    blocks: Option<&[InputBlock]>,
    date: Option<CivilDate>,
    first_part: bool,
) -> Result<Vec<u8>, JsValue> {
    let options = Options { article_date: date };
    let start = performance_now();
    let doc = match blocks {
        Some(blocks) => lede_core::parse_blocks(blocks, &options),
        None => lede_core::parse_with(text.unwrap_or(""), &options),
    };
    let ms = Some((performance_now() - start).max(0.0) as u32);
    postcard::to_allocvec(&ReplyOut {
        doc: &doc,
        ms,
        first_part,
    })
    .map_err(|e| JsValue::from_str(&format!("unwritable document: {e}")))
}

/// Called by `static/worker.js` once the module is ready: parse the example article once, so
/// the worker's engine has compiled the parser before the reader's first paste arrives.
#[wasm_bindgen]
pub fn worker_warm() {
    std::hint::black_box(lede_core::parse(crate::EXAMPLE));
}

/// Called by `static/worker.js` a second after start-up when no text has been asked for: parse
/// a text of about 100 KB made of the example. The engine compiles WebAssembly in two tiers,
/// quick code first and optimised code for each function once it has run enough; this parse
/// gets the parser's busy functions that far, so their optimised compilation (a quarter of a
/// second of background work) happens now and not while the page lays out the reader's first
/// long article.
#[wasm_bindgen]
pub fn worker_warm_long() {
    let copies = (100 * 1024 / crate::EXAMPLE.len().max(1)).max(1);
    std::hint::black_box(lede_core::parse(&crate::EXAMPLE.repeat(copies)));
}

/// Where the app's documents are parsed.
pub struct Engine {
    worker: Option<Rc<Channel>>,
}

struct Channel {
    worker: web_sys::Worker,
    next_id: Cell<u32>,
    /// The request waiting for its answer; a newer request replaces it (its answer is dropped).
    waiting: RefCell<Option<(u32, Done)>>,
    broken: Cell<bool>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl PartialEq for Engine {
    fn eq(&self, other: &Self) -> bool {
        match (&self.worker, &other.worker) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Engine {
    /// Starts the parsing worker when the page was loaded by `boot.js`, which leaves the
    /// worker's script, the glue and the compiled module in `globalThis.ledeWorker`.
    pub fn start() -> Engine {
        Engine {
            worker: start_worker(),
        }
    }

    /// An engine that parses on the page's thread.
    pub fn on_page() -> Engine {
        Engine { worker: None }
    }

    /// Whether requests go to a worker that is still usable.
    pub fn has_worker(&self) -> bool {
        self.worker.as_ref().is_some_and(|w| !w.broken.get())
    }

    /// Sends `input` to the worker; `done` gets the document, or an error message when the
    /// worker failed (the caller then parses on the page). Only the latest request is
    /// answered.
    pub fn request(&self, input: &Input, options: &Options, done: Done) {
        let Some(channel) = self.worker.as_ref().filter(|w| !w.broken.get()) else {
            done.emit(Err("no parsing worker".into()));
            return;
        };
        let request = match input {
            Input::Text(text) => Request {
                text: Some(std::borrow::Cow::Borrowed(text)),
                blocks: None,
                date: options.article_date,
            },
            Input::Blocks(blocks) => Request {
                text: None,
                blocks: Some(blocks.to_vec()),
                date: options.article_date,
            },
        };
        let Ok(bytes) = postcard::to_allocvec(&request) else {
            done.emit(Err("unwritable request".into()));
            return;
        };
        let bytes = js_sys::Uint8Array::from(bytes.as_slice());
        let id = channel.next_id.get().wrapping_add(1);
        channel.next_id.set(id);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(&message, &"request".into(), &bytes);
        // The page asks for its empty text at start-up; the worker's warm-up does not wait for
        // that one (static/worker.js).
        let empty = match input {
            Input::Text(text) => text.trim().is_empty(),
            Input::Blocks(blocks) => blocks.is_empty(),
        };
        if empty {
            let _ = js_sys::Reflect::set(&message, &"empty".into(), &JsValue::TRUE);
        }
        *channel.waiting.borrow_mut() = Some((id, done));
        let transfer = js_sys::Array::of1(&bytes.buffer());
        if let Err(e) = channel
            .worker
            .post_message_with_transfer(&message, &transfer)
        {
            channel.fail(format!("the worker refused the text: {e:?}"));
        }
    }
}

impl Channel {
    /// A message from the worker: `{id, reply}` with the document's bytes, or `{id, error}`.
    fn answer(&self, data: &JsValue) {
        let get = |key: &str| js_sys::Reflect::get(data, &key.into()).ok();
        let id = get("id").and_then(|v| v.as_f64()).map(|v| v as u32);
        let waiting = self.waiting.borrow().as_ref().map(|(id, _)| *id);
        if let Some(error) = get("error").and_then(|v| v.as_string()) {
            // The module stopped inside the worker: it can't be used again.
            self.fail(format!("the parsing worker stopped: {error}"));
            return;
        }
        if id.is_none() || id != waiting {
            return; // the answer to a request a newer one replaced
        }
        // A first part leaves the request waiting for the whole text's answer.
        let first_part = get("partial").is_some_and(|v| v.is_truthy());
        let done = if first_part {
            self.waiting.borrow().as_ref().map(|(_, done)| done.clone())
        } else {
            self.waiting.borrow_mut().take().map(|(_, done)| done)
        };
        let Some(done) = done else {
            return;
        };
        let reply = get("reply")
            .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
            .ok_or_else(|| "the parsing worker sent no document".to_string());
        done.emit(reply.and_then(|bytes| {
            postcard::from_bytes::<Reply>(&bytes.to_vec())
                .map_err(|e| format!("unreadable document: {e}"))
        }));
    }

    /// The worker can't be used any more: answer the waiting request with the error, so the
    /// page parses it itself, and stop the worker.
    fn fail(&self, message: String) {
        self.broken.set(true);
        self.worker.terminate();
        if let Some((_, done)) = self.waiting.borrow_mut().take() {
            done.emit(Err(message));
        }
    }
}

fn start_worker() -> Option<Rc<Channel>> {
    let global = js_sys::global();
    let assets = js_sys::Reflect::get(&global, &"ledeWorker".into()).ok()?;
    if !assets.is_object() {
        return None;
    }
    let url = js_sys::Reflect::get(&assets, &"url".into())
        .ok()?
        .as_string()?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
    let init = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&init, &"init".into(), &assets);
    worker.post_message(&init).ok()?;

    // The handlers reach the channel through a weak slot filled once it exists.
    let slot: Rc<RefCell<std::rc::Weak<Channel>>> = Rc::new(RefCell::new(std::rc::Weak::new()));
    let on_message = {
        let slot = slot.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(channel) = slot.borrow().upgrade() {
                channel.answer(&event.data());
            }
        })
    };
    let on_error = {
        let slot = slot.clone();
        Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            if let Some(channel) = slot.borrow().upgrade() {
                channel.fail(format!("the parsing worker stopped: {}", event.message()));
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let channel = Rc::new(Channel {
        worker,
        next_id: Cell::new(0),
        waiting: RefCell::new(None),
        broken: Cell::new(false),
        _on_message: on_message,
        _on_error: on_error,
    });
    *slot.borrow_mut() = Rc::downgrade(&channel);
    Some(channel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lede_core::InputBlockKind;

    #[test]
    fn only_long_texts_have_a_first_part_cut_at_a_paragraph_break() {
        let para = "The ferry left at noon with 40 passengers aboard.\n\n";
        assert_eq!(first_part(&para.repeat(100)), None);
        let long = para.repeat(LONG / para.len() + 10);
        let first = first_part(&long).expect("a first part");
        assert!(first.len() <= FIRST_PART && first.len() > FIRST_PART - para.len());
        assert!(
            first.ends_with("aboard."),
            "{:?}",
            &first[first.len() - 20..]
        );
        // No paragraph break: cut on a character boundary.
        let one = "é".repeat(LONG);
        let first = first_part(&one).expect("a first part");
        assert!(first.len() <= FIRST_PART && one.starts_with(first));
    }

    #[test]
    fn long_html_pastes_have_their_first_blocks() {
        let block = |n: usize| InputBlock {
            kind: InputBlockKind::Paragraph,
            text: "x".repeat(n),
        };
        assert!(first_blocks(&[block(1000), block(1000)]).is_none());
        let blocks: Vec<InputBlock> = (0..LONG / 4000 + 10).map(|_| block(4000)).collect();
        let first = first_blocks(&blocks).expect("first blocks");
        assert_eq!(first.len(), FIRST_PART / 4000);
        // A huge first block gives no quick first part.
        assert!(first_blocks(&[block(LONG + 1)]).is_none());
    }
}
