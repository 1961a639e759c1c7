fn main() {
    if web_sys::window().is_none() {
        // Started inside the parsing worker (static/worker.js): no page to render; the worker
        // calls `worker_analyse` itself.
        lede_web::panic::install_in_worker();
        return;
    }
    lede_web::panic::install();
    yew::Renderer::<lede_web::App>::new().render();
}
