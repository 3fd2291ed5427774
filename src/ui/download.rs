//! Files made in the browser and offered as downloads (a Blob URL clicked through a temporary
//! `<a download>`; nothing is sent anywhere), and the sentence a download or an import leaves
//! under its button. A leaf module: the export menu and the Publish dialog both use it.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// What a download or import said, shown under the export buttons.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Done(String),
    Failed(String),
}

pub fn document() -> Result<web_sys::Document, String> {
    web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "the page has no document".to_string())
}

/// Offers `text` as a file download named `filename`.
pub fn save_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file".to_string())?;
    save_blob(filename, &blob)
}

/// Offers a Blob as a file download: a Blob URL clicked through a temporary `<a download>`.
pub fn save_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let document = document()?;
    let url = web_sys::Url::create_object_url_with_blob(blob)
        .map_err(|_| "the browser could not make a download link".to_string())?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|el| el.dyn_into().ok())
        .ok_or_else(|| "the browser could not make a download link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(filename);
    // Some browsers only follow a link that is in the document.
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
    }
    anchor.click();
    anchor.remove();
    // Revoking at once can cancel the download that has just started.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
    Ok(())
}
