//! Embeds: the three views a host page can frame (`?embed=chart|chart-table|card`) and the
//! code that frames one, as the app's Publish dialog and `bioanchors site`'s oEmbed files write
//! it. Addresses are built from the app's own address (`app`: `https://host/path/`, the page
//! without query or fragment), so an embed works wherever the app is served.

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

/// The full app on a share-link query.
pub fn app_url(app: &str, query: &str) -> String {
    if query.is_empty() {
        app.to_string()
    } else {
        format!("{app}?{query}")
    }
}

/// The embed view of `variant` on a share-link query.
pub fn embed_url(app: &str, variant: EmbedVariant, query: &str) -> String {
    if query.is_empty() {
        format!("{app}?embed={}", variant.param())
    } else {
        format!("{app}?embed={}&{query}", variant.param())
    }
}

/// Where `public/embed.js` is served: next to the app's index.html.
pub fn embed_script_url(app: &str) -> String {
    let dir = app.rfind('/').map(|i| &app[..=i]).unwrap_or(app);
    format!("{dir}public/embed.js")
}

/// The iframe snippet and the resize script line for `variant` on a share-link query. The frame
/// has no border (`frameborder` too: WordPress strips the `style` of embedded frames), a
/// `title` for screen readers, lazy loading and an initial height near the rendered one.
pub fn embed_code(app: &str, variant: EmbedVariant, query: &str) -> String {
    // Attribute values are URLs and fixed titles; `&` is escaped so the HTML stays valid.
    let src = embed_url(app, variant, query).replace('&', "&amp;");
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"{height}\" \
         frameborder=\"0\" style=\"border:0;max-width:800px\" loading=\"lazy\"></iframe>\n\
         <script src=\"{script}\" async></script>",
        title = variant.frame_title(),
        height = variant.frame_height(),
        script = embed_script_url(app),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_frames_the_embed_view_next_to_the_app() {
        let code = embed_code(
            "https://example.org/bioanchors/",
            EmbedVariant::Card,
            "v=1&preset=aggressive",
        );
        assert_eq!(
            code,
            "<iframe src=\"https://example.org/bioanchors/?embed=card&amp;v=1&amp;preset=aggressive\" \
             title=\"bioanchors: probability of transformative AI by 2030, 2040, 2050\" width=\"100%\" \
             height=\"170\" frameborder=\"0\" style=\"border:0;max-width:800px\" loading=\"lazy\"></iframe>\n\
             <script src=\"https://example.org/bioanchors/public/embed.js\" async></script>"
        );
        assert_eq!(
            EmbedVariant::from_param_or_chart("<script>"),
            EmbedVariant::Chart
        );
        assert_eq!(
            embed_url("https://h/", EmbedVariant::Chart, ""),
            "https://h/?embed=chart"
        );
    }
}
