//! The browser UI: a thin reactive layer over [`crate::model`]. wasm32 only.

use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let (halving, set_halving) = signal(2.5_f64);
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    Effect::new(move |_| {
        let h = halving.get();
        if let Some(el) = canvas.get() {
            draw_placeholder(&el, h);
        }
    });
    view! {
        <div id="app" class="app">
            <header class="app-header"><h1>"bioanchors"</h1></header>
            <main class="app-main">
                <aside class="controls" aria-label="Assumptions">
                    <label for="hw-halving">"Hardware price halving time (years)"</label>
                    <input id="hw-halving" type="range" min="1" max="5" step="0.1"
                        prop:value=move || halving.get().to_string()
                        on:input=move |ev| {
                            if let Ok(v) = event_target_value(&ev).parse::<f64>() { set_halving.set(v) }
                        } />
                </aside>
                <section class="charts">
                    <canvas id="chart-cdf" width="640" height="400" node_ref=canvas></canvas>
                </section>
            </main>
        </div>
    }
}

fn draw_placeholder(el: &web_sys::HtmlCanvasElement, halving: f64) {
    let Some(backend) = CanvasBackend::with_canvas_object(el.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    let _ = root.fill(&WHITE);
    let mut chart = match ChartBuilder::on(&root)
        .margin(10)
        .x_label_area_size(30)
        .y_label_area_size(40)
        .build_cartesian_2d(2025.0..2100.0, 0.0..1.0)
    {
        Ok(c) => c,
        Err(_) => return,
    };
    let _ = chart.configure_mesh().draw();
    let _ = chart.draw_series(LineSeries::new(
        (0..=75).map(|i| {
            let t = i as f64;
            (2025.0 + t, 1.0 - (-t / (10.0 * halving)).exp())
        }),
        &BLUE,
    ));
    let _ = root.present();
}
