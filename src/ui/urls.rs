//! Every address the app builds: the full app on a share link, an embed, the host page's
//! embed.js. All of them come from the page's own location (origin and path), so the same build
//! works at a site's root or under any sub-path. A leaf module: it imports no other UI module.

/// The `type` of the message that carries the embed's height to the parent page.
pub const HEIGHT_MESSAGE_TYPE: &str = "bioanchors:height";

/// The `type` of public/embed.js's answer: it sizes the frame to the embed's content, so the
/// embed takes its natural height instead of filling the frame.
pub const FIT_MESSAGE_TYPE: &str = "bioanchors:fit";

/// The three things a page can embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedVariant {
    /// The P(TAI by year) chart.
    Chart,
    /// That chart and the headline figures.
    ChartTable,
    /// A compact card: P(TAI) by 2030, 2040 and 2050.
    Card,
}

impl EmbedVariant {
    pub const ALL: [EmbedVariant; 3] = [
        EmbedVariant::Chart,
        EmbedVariant::ChartTable,
        EmbedVariant::Card,
    ];

    /// The value of `?embed=`.
    pub fn param(self) -> &'static str {
        match self {
            EmbedVariant::Chart => "chart",
            EmbedVariant::ChartTable => "chart-table",
            EmbedVariant::Card => "card",
        }
    }

    /// What the embed-code dialog calls it.
    pub fn label(self) -> &'static str {
        match self {
            EmbedVariant::Chart => "Chart",
            EmbedVariant::ChartTable => "Chart and summary",
            EmbedVariant::Card => "Card: P by 2030, 2040, 2050",
        }
    }

    /// The iframe's `title`, read out by screen readers on the host page.
    pub fn frame_title(self) -> &'static str {
        match self {
            EmbedVariant::Chart => "bioanchors: probability of transformative AI by year",
            EmbedVariant::ChartTable => {
                "bioanchors: probability of transformative AI by year, with summary figures"
            }
            EmbedVariant::Card => {
                "bioanchors: probability of transformative AI by 2030, 2040, 2050"
            }
        }
    }

    /// The iframe's initial height in CSS pixels: about the rendered height at 480–800 px wide
    /// (measured: chart 332–336, chart and summary 431–516, card 150–173), so the host page
    /// barely moves when embed.js sets the exact one.
    pub fn frame_height(self) -> u32 {
        match self {
            EmbedVariant::Chart => 340,
            EmbedVariant::ChartTable => 480,
            EmbedVariant::Card => 170,
        }
    }

    /// The variant `?embed=` names. An unknown one shows the chart: an embed must never turn
    /// into the full app inside someone else's page.
    pub fn from_param_or_chart(value: &str) -> EmbedVariant {
        EmbedVariant::ALL
            .into_iter()
            .find(|v| v.param() == value)
            .unwrap_or(EmbedVariant::Chart)
    }
}

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
    let base = app_base_url();
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

/// The embed view of `variant` on a share-link query.
pub fn embed_url(variant: EmbedVariant, query: &str) -> String {
    let base = app_base_url();
    if query.is_empty() {
        format!("{base}?embed={}", variant.param())
    } else {
        format!("{base}?embed={}&{query}", variant.param())
    }
}

/// Where `public/embed.js` is served: next to the app's index.html.
pub fn embed_script_url() -> String {
    let base = app_base_url();
    let dir = base.rfind('/').map(|i| &base[..=i]).unwrap_or(&base);
    format!("{dir}public/embed.js")
}
