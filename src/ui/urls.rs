//! Every address the app builds: the full app on a share link, an embed, the host page's
//! embed.js. All of them come from the page's own location (origin and path), so the same build
//! works at a site's root or under any sub-path. A leaf module: it imports no other UI module.

/// The `type` of the message that carries the embed's height to the parent page.
pub const HEIGHT_MESSAGE_TYPE: &str = "bioanchors:height";

/// The `type` of public/embed.js's answer: it sizes the frame to the embed's content, so the
/// embed takes its natural height instead of filling the frame.
pub const FIT_MESSAGE_TYPE: &str = "bioanchors:fit";

use crate::model::embed;
pub use crate::model::embed::EmbedVariant;

/// The app's address without query or fragment (`https://host/path/`).
pub fn app_base_url() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_else(|_| "/".into());
    format!("{origin}{path}")
}

/// The full app on a scenario's share-link query.
pub fn app_url(query: &str) -> String {
    embed::app_url(&app_base_url(), query)
}

/// The iframe snippet and the resize script line for the current page's app.
pub fn embed_code(variant: EmbedVariant, query: &str) -> String {
    embed::embed_code(&app_base_url(), variant, query)
}
