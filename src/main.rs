fn main() {
    lede_web::panic::install();
    yew::Renderer::<lede_web::App>::new().render();
}
