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

/// One clipboard item holding each `(MIME type, Blob)` (`navigator.clipboard.write`), so that a
/// paste takes the richest form the target accepts: a mail composer the image and HTML, a plain
/// text field the text. Err where `ClipboardItem` is missing or the browser refuses.
pub async fn write_items(items: &[(&str, &web_sys::Blob)]) -> Result<(), ()> {
    let window = web_sys::window().ok_or(())?;
    let constructor = field(&window, "ClipboardItem")
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or(())?;
    let parts = js_sys::Object::new();
    for (mime, blob) in items {
        js_sys::Reflect::set(&parts, &(*mime).into(), blob).map_err(|_| ())?;
    }
    let item =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&parts)).map_err(|_| ())?;
    call("write", &js_sys::Array::of1(&item)).await
}
