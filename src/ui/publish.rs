//! The Publish dialog: four ways a scenario leaves the page, each with where it works.
//!
//! - *Link*: the share link (works everywhere a link does).
//! - *Embed*: the iframe code, for platforms that accept one (`model::embed`).
//! - *Image for email and Substack*: the card (`bioanchors_charts::card`, the same drawing the
//!   CLI renders) as a 1,200 px PNG, with its alt text and a caption carrying the link: email
//!   runs no script and shows no frame, and Substack accepts no arbitrary iframe, but both show
//!   an image.
//! - *Link preview*: what a pasted link shows. Previews come from a page's static tags, which
//!   only the presets' pages have (`bioanchors site`), since crawlers run no script.
//!
//! User text (the card's title) reaches HTML only escaped, in the clipboard's HTML; on the page
//! it is a text node or an attribute value.

use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlCanvasElement;

use super::clipboard;
use super::download::{save_blob, Status};
use super::quiet::Debounce;
use super::state::AppState;
use super::urls::{app_base_url, app_url, embed_code, EmbedVariant};
use crate::model::{link, preset, presets};
use bioanchors_charts::card::{
    address_text, card_alt_text, draw_card, headline_text, CardInputs, CARD_CSS_HEIGHT,
    CARD_CSS_WIDTH,
};
use bioanchors_charts::{root, Palette, Style};

/// Device pixels per CSS pixel of the email image: 600 CSS px drawn at 1,200 px, sharp on the
/// high-density screens most mail is read on.
const IMAGE_SCALE: f64 = 2.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Link,
    Embed,
    Image,
    Preview,
}

impl Way {
    const ALL: [Way; 4] = [Way::Link, Way::Embed, Way::Image, Way::Preview];

    fn id(self) -> &'static str {
        match self {
            Way::Link => "link",
            Way::Embed => "embed",
            Way::Image => "image",
            Way::Preview => "preview",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Way::Link => "Link",
            Way::Embed => "Embed",
            Way::Image => "Image for email and Substack",
            Way::Preview => "Link preview",
        }
    }

    /// Where this way works, in one line.
    fn hint(self) -> &'static str {
        match self {
            Way::Link => "Works everywhere a link does: email, chat, social posts, forums. Opens this scenario live.",
            Way::Embed => "The live chart where your platform accepts an iframe: Ghost, WordPress, your own site. Not in email or Substack.",
            Way::Image => "A picture with its figures, for email (no script, no frames) and Substack: paste or upload it with the caption and link.",
            Way::Preview => "The title, figures and picture that Substack, Ghost, Slack, X, Bluesky and LessWrong show for a pasted link.",
        }
    }
}

/// The scenario's name for the card: its preset's, marked when it was changed.
fn default_title(state: AppState) -> String {
    let name = preset(state.preset_id.get_untracked())
        .unwrap_or(&presets()[0])
        .name;
    let changed = state
        .scenario
        .with_untracked(|s| state.base.with_untracked(|b| s != b));
    if changed {
        format!("{name} (edited)")
    } else {
        name.to_string()
    }
}

/// The explicit share link of what is on screen.
fn share_link(state: AppState) -> String {
    let query = state
        .scenario
        .with(|s| link::share_query(s, state.preset_id.get(), state.given_no_tai_by.get()));
    app_url(&query)
}

/// Text for an HTML text node or attribute value.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[component]
pub fn PublishDialog(on_close: impl Fn() + 'static) -> impl IntoView {
    let way = RwSignal::new(Way::Link);
    let ways = Way::ALL
        .into_iter()
        .map(|w| {
            view! {
                <label class="publish-way">
                    <input
                        type="radio"
                        name="publish-way"
                        data-testid=format!("publish-way-{}", w.id())
                        prop:checked=move || way.get() == w
                        on:change=move |_| way.set(w)
                    />
                    <span class="publish-way-label">{w.label()}</span>
                    <span class="publish-hint">{w.hint()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="embed-dialog publish-dialog" role="dialog" aria-label="Publish" data-testid="publish-dialog">
            <fieldset class="publish-ways">
                <legend>"Publish this scenario"</legend>
                {ways}
            </fieldset>
            {move || match way.get() {
                Way::Link => EitherOf4::A(view! { <LinkWay /> }),
                Way::Embed => EitherOf4::B(view! { <EmbedWay /> }),
                Way::Image => EitherOf4::C(view! { <ImageWay /> }),
                Way::Preview => EitherOf4::D(view! { <PreviewWay /> }),
            }}
            <div class="embed-dialog-actions">
                <button type="button" on:click=move |_| on_close()>"Close"</button>
            </div>
        </div>
    }
}

/// A read-only field with text and a button that copies it (or selects it for Ctrl+C).
#[component]
fn CopyField(
    id: &'static str,
    label: &'static str,
    text: Memo<String>,
    #[prop(optional)] rows: Option<u32>,
) -> impl IntoView {
    let field = NodeRef::<leptos::html::Textarea>::new();
    let status = RwSignal::new(None::<Status>);
    let copy = move |_| {
        let value = text.get_untracked();
        leptos::task::spawn_local(async move {
            status.set(Some(match clipboard::write_text(&value).await {
                Ok(()) => Status::Done("Copied.".into()),
                Err(()) => {
                    if let Some(el) = field.get_untracked() {
                        let _ = el.focus();
                        el.select();
                    }
                    Status::Failed(
                        "The browser did not allow copying. The text is selected: press Ctrl+C (\u{2318}C on a Mac)."
                            .into(),
                    )
                }
            }));
        });
    };
    view! {
        <label class="embed-code-label" for=id>{label}</label>
        <textarea
            id=id
            class="embed-code"
            readonly
            rows=rows.unwrap_or(2)
            spellcheck="false"
            data-testid=id
            node_ref=field
            prop:value=move || text.get()
        ></textarea>
        <div class="embed-dialog-actions">
            <button type="button" data-testid=format!("copy-{id}") on:click=copy>"Copy"</button>
            <StatusLine status testid=format!("{id}-copied") />
        </div>
    }
}

#[component]
fn StatusLine(status: RwSignal<Option<Status>>, testid: String) -> impl IntoView {
    view! {
        <span
            class="embed-copied"
            class:export-error=move || matches!(status.get(), Some(Status::Failed(_)))
            role="status"
            data-testid=testid
        >
            {move || status.get().map(|s| match s {
                Status::Done(t) | Status::Failed(t) => t,
            })}
        </span>
    }
}

#[component]
fn LinkWay() -> impl IntoView {
    let state = expect_context::<AppState>();
    let link = Memo::new(move |_| share_link(state));
    view! { <CopyField id="publish-link" label="The link to this scenario" text=link /> }
}

/// "Embed": pick a variant, see the snippet, copy it.
#[component]
fn EmbedWay() -> impl IntoView {
    let state = expect_context::<AppState>();
    let variant = RwSignal::new(EmbedVariant::Chart);
    let code = Memo::new(move |_| {
        let query = state
            .scenario
            .with(|s| link::address_query(s, state.preset_id.get(), state.given_no_tai_by.get()));
        embed_code(variant.get(), &query)
    });
    let options = EmbedVariant::ALL
        .into_iter()
        .map(|v| {
            view! {
                <label class="embed-variant">
                    <input
                        type="radio"
                        name="embed-variant"
                        value=v.param()
                        data-testid=format!("embed-variant-{}", v.param())
                        prop:checked=move || variant.get() == v
                        on:change=move |_| variant.set(v)
                    />
                    {v.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>"What to embed"</legend>
            {options}
        </fieldset>
        <CopyField
            id="embed-code"
            label="Paste both lines into your page; the script makes the frame as tall as its content."
            text=code
            rows=5
        />
    }
}

/// The card drawn at [`IMAGE_SCALE`] into a new canvas, always in the light theme (mail is read
/// on white more often than not).
fn draw_card_canvas(inputs: &CardInputs) -> Result<HtmlCanvasElement, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("the page has no document")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|el| el.dyn_into().ok())
        .ok_or("the browser could not make a canvas")?;
    canvas.set_width((CARD_CSS_WIDTH * IMAGE_SCALE).round() as u32);
    canvas.set_height((CARD_CSS_HEIGHT * IMAGE_SCALE).round() as u32);
    let style = Style {
        palette: Palette::for_theme(false),
        dpr: IMAGE_SCALE,
        css_width: CARD_CSS_WIDTH,
    };
    let area = root(super::canvas::backend(&canvas)?, style.palette)?;
    draw_card(&area, &style, inputs)?;
    Ok(canvas)
}

/// The canvas as a PNG Blob (`toBlob`, which encodes off the main thread).
async fn png_blob(canvas: &HtmlCanvasElement) -> Result<web_sys::Blob, String> {
    let failed = || "the browser could not encode the PNG".to_string();
    let canvas = canvas.clone();
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if canvas.to_blob(&resolve).is_err() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|b| b.dyn_into::<web_sys::Blob>().ok())
        .ok_or_else(failed)
}

fn text_blob(text: &str, mime: &str) -> Result<web_sys::Blob, String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(
        &js_sys::Array::of1(&JsValue::from_str(text)),
        &options,
    )
    .map_err(|_| "the browser could not make the text".to_string())
}

/// "Image for email and Substack": the card, its alt text and a caption with the link.
#[component]
fn ImageWay() -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = RwSignal::new(default_title(state));
    // The picture as a data: URL (the page's CSP allows `img-src data:`), redrawn once the
    // scenario is still, so a drag with the dialog open does not encode a PNG per frame.
    let picture = RwSignal::new(None::<Result<(HtmlCanvasElement, String), String>>);
    let status = RwSignal::new(None::<Status>);
    let quiet = Debounce::new();
    let address = Memo::new(move |_| address_text(&app_base_url()));
    let alt = Memo::new(move |_| {
        let f = state.forecast.get()?;
        let address = address.get();
        Some(card_alt_text(&CardInputs {
            forecast: &f,
            title: &title.get(),
            address: Some(&address),
            given: state.shown_given.get(),
        }))
    });
    let caption = Memo::new(move |_| {
        let f = state.forecast.get()?;
        Some(format!(
            "{}: {} (Ajeya Cotra's 2020 biological-anchors model). Explore this scenario: {}",
            title.get().trim(),
            headline_text(&f),
            share_link(state)
        ))
    });
    Effect::new(move |_| {
        let (Some(f), name, given) = (state.forecast.get(), title.get(), state.shown_given.get())
        else {
            return;
        };
        let address = address.get();
        quiet.run(move || {
            let drawn = draw_card_canvas(&CardInputs {
                forecast: &f,
                title: &name,
                address: Some(&address),
                given,
            })
            .and_then(|canvas| {
                let url = canvas
                    .to_data_url()
                    .map_err(|_| "the browser could not encode the PNG".to_string())?;
                Ok((canvas, url))
            });
            picture.set(Some(drawn));
        });
    });
    let download = move |_| {
        let Some(Ok((canvas, _))) = picture.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let saved = match png_blob(&canvas).await {
                Ok(blob) => save_blob("bioanchors-scenario.png", &blob),
                Err(e) => Err(e),
            };
            status.set(Some(match saved {
                Ok(()) => {
                    Status::Done("Saved bioanchors-scenario.png (1,200 \u{d7} 630 px).".into())
                }
                Err(e) => Status::Failed(format!("Could not save the image: {e}.")),
            }));
        });
    };
    let copy_all = move |_| {
        let (Some(Ok((canvas, url))), Some(alt), Some(caption)) = (
            picture.get_untracked(),
            alt.get_untracked(),
            caption.get_untracked(),
        ) else {
            return;
        };
        let link = share_link(state);
        leptos::task::spawn_local(async move {
            // The image, and the same with its caption as HTML (escaped: the title is the
            // writer's text) and as plain text: a mail composer takes the HTML, a plain field
            // the text.
            let html = format!(
                "<p><img src=\"{url}\" alt=\"{}\" width=\"600\"></p><p>{} <a href=\"{}\">{}</a></p>",
                escape_html(&alt),
                escape_html(caption.trim_end_matches(&link).trim_end()),
                escape_html(&link),
                escape_html(&link),
            );
            let rich = async {
                let png = png_blob(&canvas).await?;
                let html = text_blob(&html, "text/html")?;
                let plain = text_blob(&caption, "text/plain")?;
                clipboard::write_items(&[
                    ("image/png", &png),
                    ("text/html", &html),
                    ("text/plain", &plain),
                ])
                .await
                .map_err(|()| String::new())
            };
            let outcome = match rich.await {
                Ok(()) => Status::Done("Copied the image with its caption and link: paste it into your post or email.".into()),
                Err(_) => match clipboard::write_text(&caption).await {
                    Ok(()) => Status::Done(
                        "This browser copies text only here: the caption and link are copied. Download the image and add it above them."
                            .into(),
                    ),
                    Err(()) => Status::Failed(
                        "The browser did not allow copying: select the caption below and download the image."
                            .into(),
                    ),
                },
            };
            status.set(Some(outcome));
        });
    };
    view! {
        <label class="embed-code-label" for="image-title">"Name on the picture"</label>
        <input
            id="image-title"
            data-testid="image-title"
            maxlength=crate::model::saved::MAX_NAME_CHARS
            prop:value=move || title.get()
            on:input=move |ev| title.set(event_target_value(&ev))
        />
        <div class="publish-image">
            {move || match picture.get() {
                Some(Ok((_, url))) => Either::Left(view! {
                    <img src=url alt=move || alt.get().unwrap_or_default() width="600" data-testid="publish-image" />
                }),
                Some(Err(e)) => Either::Right(format!("Could not draw the image: {e}.")),
                None => Either::Right("Drawing the image\u{2026}".to_string()),
            }}
        </div>
        <div class="embed-dialog-actions">
            <button type="button" data-testid="download-image" on:click=download>"Download PNG"</button>
            <button type="button" data-testid="copy-image" on:click=copy_all>"Copy image, caption and link"</button>
            <StatusLine status testid="image-status".to_string() />
        </div>
        <CopyField id="image-alt" label="Alt text (the figures in words)" text=Memo::new(move |_| alt.get().unwrap_or_default()) rows=3 />
        <CopyField id="image-caption" label="Caption with the link" text=Memo::new(move |_| caption.get().unwrap_or_default()) rows=3 />
    }
}

/// "Link preview": a preset's own page previews with its picture and figures; any other link
/// previews as the app's front page.
#[component]
fn PreviewWay() -> impl IntoView {
    let state = expect_context::<AppState>();
    let unchanged = Memo::new(move |_| {
        state.given_no_tai_by.get().is_none()
            && state.scenario.with(|s| state.base.with(|b| s == b))
    });
    let page = Memo::new(move |_| format!("p/{}/", state.preset_id.get()));
    let page_url = Memo::new(move |_| {
        let base = app_base_url();
        let dir = base.rfind('/').map(|i| &base[..=i]).unwrap_or(&base);
        format!("{dir}{}", page.get())
    });
    view! {
        {move || if unchanged.get() {
            Either::Left(view! {
                <p class="embed-code-label">
                    "This preset has a page of its own for link previews: paste this link, and the platform shows its title, figures and this picture."
                </p>
                <img
                    class="publish-preview"
                    src=move || format!("{}og.png", page.get())
                    alt="The preview picture of this preset"
                    width="600"
                    data-testid="publish-preview-image"
                />
                <CopyField id="publish-preview-link" label="Link with a preview" text=page_url />
            })
        } else {
            Either::Right(view! {
                <p class="embed-code-label" data-testid="publish-preview-note">
                    "A link to a changed scenario previews as the app\u{2019}s front page: previews come from a page\u{2019}s own tags, and the sites that make them run no script. To show this scenario\u{2019}s figures, use the image; or reset to a preset, whose page previews with its own."
                </p>
            })
        }}
    }
}
