//! The clipboard, looked up at run time: `navigator.clipboard` is missing outside secure
//! contexts and in some embedded browsers, and the browser may refuse a write. Callers fall back
//! to selecting the text for Ctrl+C.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn field(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn clipboard() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    field(&navigator, "clipboard")
}

/// Calls `clipboard.<method>(argument)` and waits for its promise.
async fn call(method: &str, argument: &JsValue) -> Result<(), ()> {
    let clipboard = clipboard().ok_or(())?;
    let promise = field(&clipboard, method)
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&clipboard, argument).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or(())?;
    JsFuture::from(promise).await.map(|_| ()).map_err(|_| ())
}

/// `navigator.clipboard.writeText(text)`.
pub async fn write_text(text: &str) -> Result<(), ()> {
    call("writeText", &text.into()).await
}
