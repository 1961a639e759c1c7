fn main() {
    yew::Renderer::<lede_web::App>::new().render();
}
