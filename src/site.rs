//! `bioanchors site`: turns Trunk's `dist/` into a site whose links preview well. Link
//! crawlers run no script, so everything they read is written here, as static files:
//!
//! - `index.html` (the root) and one page per preset, `p/<id>/index.html`: the app, opened on
//!   that preset (a `<meta name="bioanchors-preset">` the app reads at mount), each with its
//!   own title and description (its headline figures), Open Graph (<https://ogp.me/>) and
//!   X card (<https://developer.x.com/cards/markup>) tags, and an oEmbed discovery link
//!   (<https://oembed.com/>, section 4);
//! - `og.png` beside each page: the card (`bioanchors_charts::card`) at 1,200 × 630;
//! - `oembed.json` beside each page: a static oEmbed response of `type: rich` whose `html` is
//!   the app's iframe embed code;
//! - in each page's body, a poster: the page's headline figures as plain HTML and
//!   `poster.png`, its P(TAI by year) chart, so that a reader sees the answer before the wasm
//!   has arrived (on a phone on a slow connection, seconds). The app removes it when it mounts.
//!   A query of the page's own (a share link) makes those figures wrong: index.html's inline
//!   `shared-link` script then hides them (style/main.css) and the poster says so.
//!   Trunk's `<link rel="preload">` of the wasm is taken out, its integrity moved to the
//!   loader's meta tag ([`fetch_wasm_after_poster`]): web/loader.js fetches the wasm once the
//!   poster's chart has painted, so on a slow connection the picture does not share the
//!   bandwidth with the 350 KB that follow it.
//!
//! Open Graph and oEmbed need absolute URLs, so `og:image`, `og:url`, the canonical link, the
//! discovery link and `oembed.json` are written only when the site's public URL is known;
//! everything else works without it, at any path (asset URLs stay relative).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::model::embed::{self, EmbedVariant};
use crate::model::format::{PAGE_LEDE, PAGE_TITLE, SUMMARY_FIGURES};
use crate::model::{forecast, link, presets, Forecast, Preset};
use crate::render::{self, Picture, Size};
use bioanchors_charts::card::{
    address_text, card_alt_text, headline_text, CARD_CSS_HEIGHT, CARD_CSS_WIDTH,
};
use bioanchors_charts::{CardInputs, ChartInputs, ChartKind, Palette};

/// Where the preset pages go, under the site's root.
pub const PRESET_DIR: &str = "p";
/// The link-preview image beside each page.
pub const IMAGE_FILE: &str = "og.png";
/// The oEmbed response beside each page.
pub const OEMBED_FILE: &str = "oembed.json";
/// The app's name, as providers and previews show it.
pub const SITE_NAME: &str = "bioanchors";
/// The root page's title (index.html's own).
pub const ROOT_TITLE: &str = "bioanchors: when might transformative AI arrive?";
/// The embed's widest (the embed code's `max-width`), as oEmbed's `width`.
pub const EMBED_WIDTH: u32 = 800;

/// Brackets the tags this command writes into a page, so a second run replaces them.
const BEGIN: &str = "<!-- bioanchors site: link previews and oEmbed -->";
const END: &str = "<!-- /bioanchors site -->";
/// Brackets the poster in a page's body, likewise.
const POSTER_BEGIN: &str = "<!-- bioanchors site: poster -->";
const POSTER_END: &str = "<!-- /bioanchors site: poster -->";
/// The poster's chart beside each page.
pub const POSTER_FILE: &str = "poster.png";
/// The poster chart's CSS size: the app's main chart box on a laptop (842 × 330 in a 1280 px
/// wide window), so the picture is as sharp as the chart that replaces it.
const POSTER_CSS: (u32, u32) = (840, 330);

/// Why a site could not be written: bad input (exit 2) or a failure on the way (exit 1).
#[derive(Debug)]
pub enum SiteError {
    Input(String),
    Write(String),
}

/// What was written.
#[derive(Debug, Default)]
pub struct SiteReport {
    pub files: Vec<PathBuf>,
    /// Why the absolute-URL tags were left out, if they were.
    pub note: Option<String>,
}

/// A public URL as pages use it: `http(s)://host/path/`, with a trailing slash.
pub fn normalize_public_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("--public-url `{url}`: expected an http:// or https:// URL"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || rest.contains(['?', '#', ' ', '"', '<', '>', '\'', '\\']) {
        return Err(format!(
            "--public-url `{url}`: expected the site's address, like https://example.org/bioanchors/ (a host, a path, no query)"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// `text` safe inside a double-quoted HTML attribute or between tags.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One page of the site.
struct Page<'a> {
    preset: &'a Preset,
    /// `""` for the root, `p/<id>/` for a preset page.
    path: String,
    title: String,
    description: String,
    alt: String,
}

/// Writes the link-preview pages, images and oEmbed files into `dist` (Trunk's output).
pub fn write_site(dist: &Path, public_url: Option<&str>) -> Result<SiteReport, SiteError> {
    let public = public_url
        .map(normalize_public_url)
        .transpose()
        .map_err(SiteError::Input)?;
    let index = dist.join("index.html");
    let template = std::fs::read_to_string(&index).map_err(|e| {
        SiteError::Input(format!(
            "cannot read {}: {e} (run `trunk build` first)",
            index.display()
        ))
    })?;
    let template = strip_between(
        &strip_between(&template, BEGIN, END),
        POSTER_BEGIN,
        POSTER_END,
    );
    let template = fetch_wasm_after_poster(&template);
    if !template.contains(APP_META) || !template.contains("</head>") {
        return Err(SiteError::Input(format!(
            "{} is not the app's built page (no <meta name=\"bioanchors-app\">): run `trunk build` first",
            index.display()
        )));
    }
    let mut report = SiteReport {
        note: public.is_none().then(|| {
            "no public URL (--public-url or BIOANCHORS_PUBLIC_URL): og:image, og:url, the \
             canonical and oEmbed links and oembed.json were left out, since they must be \
             absolute"
                .to_string()
        }),
        ..SiteReport::default()
    };
    let write = |path: PathBuf, bytes: &[u8], report: &mut SiteReport| {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| SiteError::Write(format!("cannot create {}: {e}", dir.display())))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| SiteError::Write(format!("cannot write {}: {e}", path.display())))?;
        report.files.push(path);
        Ok::<(), SiteError>(())
    };

    let root_preset = &presets()[0];
    let mut pages = vec![(root_preset, String::new())];
    pages.extend(
        presets()
            .iter()
            .map(|p| (p, format!("{PRESET_DIR}/{}/", p.id))),
    );
    for (preset, path) in pages {
        let f = forecast(&(preset.scenario)());
        let page_url = public.as_ref().map(|base| format!("{base}{path}"));
        let address = page_url.as_deref().map(address_text);
        let card = CardInputs {
            forecast: &f,
            title: preset.name,
            address: address.as_deref(),
            given: None,
        };
        let is_root = path.is_empty();
        let page = Page {
            preset,
            title: if is_root {
                ROOT_TITLE.to_string()
            } else {
                format!(
                    "{}: when might transformative AI arrive? \u{b7} {SITE_NAME}",
                    preset.name
                )
            },
            description: format!(
                "{}: {} Ajeya Cotra\u{2019}s biological-anchors model of AI timelines, live in \
                 your browser.",
                preset.name,
                headline_text(&f)
            ),
            alt: card_alt_text(&card),
            path,
        };
        let dir = dist.join(&page.path);
        let size = Size {
            css_width: CARD_CSS_WIDTH as u32,
            css_height: CARD_CSS_HEIGHT as u32,
            scale: 2,
        };
        let png = render::png(&Picture::Card(card), light(), size, Some(&page.alt))
            .map_err(SiteError::Write)?;
        write(dir.join(IMAGE_FILE), &png.data, &mut report)?;
        let chart = ChartInputs {
            forecast: &f,
            reference: None,
            per_anchor: false,
            overlays: &[],
            given: None,
        };
        let poster_alt = format!(
            "The probability of transformative AI by each year, {}: {}",
            preset.name,
            headline_text(&f)
        );
        let poster = render::png(
            &Picture::Chart(ChartKind::Cdf, chart),
            light(),
            Size {
                css_width: POSTER_CSS.0,
                css_height: POSTER_CSS.1,
                scale: 2,
            },
            None,
        )
        .map_err(SiteError::Write)?;
        write(dir.join(POSTER_FILE), &poster.data, &mut report)?;
        let html = page_html(&template, &page, public.as_deref(), is_root);
        let html = with_poster(&html, &f, &poster_alt);
        write(dir.join("index.html"), html.as_bytes(), &mut report)?;
        if let Some(base) = &public {
            let json = oembed_json(&page, base);
            write(dir.join(OEMBED_FILE), json.as_bytes(), &mut report)?;
        }
    }
    Ok(report)
}

/// The loader's meta tag, which names the app's JS and wasm.
const APP_META: &str = "<meta name=\"bioanchors-app\"";

/// `html` without Trunk's `<link rel="preload">` of the wasm, and with that link's `integrity`
/// as the loader's `data-wasm-integrity` (web/loader.js checks the wasm against it). A
/// preload starts the wasm's download while the page is parsed, before the poster's chart;
/// without it the loader starts it once the chart has painted. A page with no such link
/// (already rewritten, or built without integrity) is returned as it is.
pub fn fetch_wasm_after_poster(html: &str) -> String {
    let Some(start) = html.find("<link rel=\"preload\"") else {
        return html.to_string();
    };
    let Some(len) = html[start..].find('>') else {
        return html.to_string();
    };
    let link = &html[start..=start + len];
    if !link.contains("type=\"application/wasm\"") {
        return html.to_string();
    }
    let integrity = link
        .split_once(" integrity=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(value, _)| value);
    let mut out = format!("{}{}", &html[..start], &html[start + link.len()..]);
    if let (Some(integrity), Some(meta)) = (integrity, out.find(APP_META)) {
        if let Some(close) = out[meta..].find('>') {
            let mut at = meta + close;
            if out[..at].ends_with('/') {
                at -= 1;
            }
            out.insert_str(at, &format!(" data-wasm-integrity=\"{integrity}\""));
        }
    }
    out
}

/// `html` without a block an earlier run wrote between `begin` and `end`.
fn strip_between(html: &str, begin: &str, end: &str) -> String {
    match (html.find(begin), html.find(end)) {
        (Some(a), Some(b)) if b > a => {
            let mut out = html[..a].trim_end_matches([' ', '\t', '\n']).to_string();
            let rest = &html[b + end.len()..];
            out.push_str(rest.strip_prefix('\n').unwrap_or(rest));
            out
        }
        _ => html.to_string(),
    }
}

/// `html` with the text between the first `start` and the next `end` replaced by `with`.
fn replace_between(html: &str, start: &str, end: &str, with: &str) -> String {
    match html.find(start) {
        Some(a) => {
            let from = a + start.len();
            match html[from..].find(end) {
                Some(len) => format!("{}{with}{}", &html[..from], &html[from + len..]),
                None => html.to_string(),
            }
        }
        None => html.to_string(),
    }
}

/// The built page for `page`: the root's, with its assets one level per path segment up,
/// its own title and description, and the link-preview block before `</head>`.
fn page_html(template: &str, page: &Page, public: Option<&str>, is_root: bool) -> String {
    let mut html = template.to_string();
    if !is_root {
        // Trunk writes asset URLs relative to the page (`public_url = "./"`), so a page
        // `depth` directories down reaches them through as many `../`.
        let depth = page.path.matches('/').count();
        html = html.replace("=\"./", &format!("=\"{}", "../".repeat(depth)));
    }
    html = replace_between(&html, "<title>", "</title>", &escape_html(&page.title));
    html = replace_between(
        &html,
        "<meta name=\"description\" content=\"",
        "\"",
        &escape_html(&page.description),
    );
    let mut block = String::new();
    let mut tag = |line: String| {
        let _ = writeln!(block, "  {line}");
    };
    tag(BEGIN.to_string());
    if !is_root {
        let root = "../".repeat(page.path.matches('/').count());
        tag(format!(
            "<meta name=\"bioanchors-preset\" content=\"{}\" data-root=\"{root}\">",
            escape_html(page.preset.id)
        ));
    }
    let meta = |property: &str, content: &str| {
        format!(
            "<meta property=\"{property}\" content=\"{}\">",
            escape_html(content)
        )
    };
    tag(meta("og:type", "website"));
    tag(meta("og:site_name", SITE_NAME));
    tag(meta("og:title", &page.title));
    tag(meta("og:description", &page.description));
    if let Some(base) = public {
        let url = format!("{base}{}", page.path);
        tag(meta("og:url", &url));
        tag(meta("og:image", &format!("{url}{IMAGE_FILE}")));
        tag(meta("og:image:type", "image/png"));
        tag(meta(
            "og:image:width",
            &(2 * CARD_CSS_WIDTH as u32).to_string(),
        ));
        tag(meta(
            "og:image:height",
            &(2 * CARD_CSS_HEIGHT as u32).to_string(),
        ));
        tag(meta("og:image:alt", &page.alt));
        tag(format!(
            "<link rel=\"canonical\" href=\"{}\">",
            escape_html(&url)
        ));
        tag(format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">",
            escape_html(&format!("{url}{OEMBED_FILE}")),
            escape_html(&page.title)
        ));
    }
    // X's large-image card needs an image (https://developer.x.com/cards/markup; it falls
    // back to og:image); without one the plain summary card is the right one.
    let card = if public.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    tag(format!("<meta name=\"twitter:card\" content=\"{card}\">"));
    tag(END.to_string());
    match html.find("</head>") {
        Some(at) => {
            let head = &html[..at];
            let newline = if head.ends_with('\n') { "" } else { "\n" };
            format!("{head}{newline}{block}{}", &html[at..])
        }
        None => html,
    }
}

/// `html` with the poster as the body's first content: the app's header, the page's headline
/// figures (the app's own labels and texts, `model::format::SUMMARY_FIGURES`) and its chart.
fn with_poster(html: &str, f: &Forecast, alt: &str) -> String {
    let mut poster = String::new();
    let _ = writeln!(poster, "{POSTER_BEGIN}");
    let _ = writeln!(poster, "<div id=\"poster\" class=\"poster\">");
    let _ = writeln!(
        poster,
        "  <header class=\"app-header\"><h1>{}</h1><p class=\"lede\">{}</p></header>",
        escape_html(PAGE_TITLE),
        escape_html(PAGE_LEDE)
    );
    let _ = writeln!(
        poster,
        "  <section class=\"summary\" aria-label=\"Summary\"><div class=\"figures\">"
    );
    for (id, label, figure) in SUMMARY_FIGURES {
        let _ = writeln!(
            poster,
            "    <div class=\"figure{}\"><div class=\"figure-label\">{}</div><div class=\"figure-value\" data-testid=\"poster-{}\">{}</div></div>",
            if figure.is_lead() { " lead" } else { "" },
            escape_html(label),
            id.trim_start_matches("summary-"),
            escape_html(&figure.text(f))
        );
    }
    let _ = writeln!(poster, "  </div></section>");
    let _ = writeln!(
        poster,
        "  <img class=\"poster-chart\" src=\"{POSTER_FILE}\" width=\"{}\" height=\"{}\" alt=\"{}\">",
        POSTER_CSS.0,
        POSTER_CSS.1,
        escape_html(alt)
    );
    let _ = writeln!(
        poster,
        "  <p class=\"poster-status\"><span class=\"poster-own\">Starting the live model: every assumption on a slider.</span><span class=\"poster-shared\">Computing the shared scenario\u{2026}</span></p>"
    );
    let _ = writeln!(poster, "</div>");
    let _ = write!(poster, "{POSTER_END}");
    match html.find("<body>") {
        Some(at) => {
            let from = at + "<body>".len();
            format!(
                "{}\n{poster}\n{}",
                &html[..from],
                html[from..].trim_start_matches('\n')
            )
        }
        None => html.to_string(),
    }
}

/// The oEmbed response for `page` (<https://oembed.com/>, 2.3.4 and 2.3.4.4: the rich type).
fn oembed_json(page: &Page, base: &str) -> String {
    let url = format!("{base}{}", page.path);
    let query = link::address_query(&(page.preset.scenario)(), page.preset.id, None);
    // An oEmbed consumer frames the chart: the app's embed code for it.
    let html = embed::embed_code(base, EmbedVariant::Chart, &query);
    let value = json!({
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "provider_name": SITE_NAME,
        "provider_url": base,
        "html": html,
        "width": EMBED_WIDTH,
        "height": EmbedVariant::Chart.frame_height(),
        "thumbnail_url": format!("{url}{IMAGE_FILE}"),
        "thumbnail_width": 2 * CARD_CSS_WIDTH as u32,
        "thumbnail_height": 2 * CARD_CSS_HEIGHT as u32,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// The light palette: what a link preview shows on any background.
fn light() -> &'static Palette {
    Palette::for_theme(false)
}
