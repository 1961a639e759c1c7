//! Writing to the system clipboard.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Put `text` on the clipboard; `done` is told whether it worked.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = web_sys::window() else {
        done(false);
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    let done = Rc::new(RefCell::new(Some(done)));
    let report = move |ok: bool| {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
            if let Some(f) = done.borrow_mut().take() {
                f(ok)
            }
        })
    };
    let (resolve, reject) = (report(true), report(false));
    let _ = promise.then2(&resolve, &reject);
    // The browser calls one of them later; they are small and live as long as the page.
    resolve.forget();
    reject.forget();
}
