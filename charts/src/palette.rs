//! Chart colors for the light and dark page themes. The CSS custom properties in
//! `style/main.css` use the same values, so the app's legends (HTML) and lines (canvas) agree.

use plotters::style::RGBColor;

use bioanchors_model::Anchor;

/// Every color a chart uses. Chosen for contrast on the page background and for being told apart
/// by people with the common color-vision deficiencies (Okabe–Ito palette for the anchors).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub overall: RGBColor,
    pub reference: RGBColor,
    pub anchors: [RGBColor; 6],
    /// Input trajectories: FLOP/$, spending, algorithmic progress, effective compute.
    pub trajectories: [RGBColor; 4],
}

/// Okabe & Ito (2008), "Color universal design", the eight-color set minus black and yellow.
const ANCHORS_LIGHT: [RGBColor; 6] = [
    RGBColor(0xE6, 0x9F, 0x00), // orange
    RGBColor(0x56, 0xB4, 0xE9), // sky blue
    RGBColor(0x00, 0x9E, 0x73), // bluish green
    RGBColor(0x00, 0x72, 0xB2), // blue
    RGBColor(0xD5, 0x5E, 0x00), // vermillion
    RGBColor(0xCC, 0x79, 0xA7), // reddish purple
];

/// The same hues, lightened where the original is too dark on a near-black background.
const ANCHORS_DARK: [RGBColor; 6] = [
    RGBColor(0xF0, 0xB0, 0x30),
    RGBColor(0x76, 0xC4, 0xF0),
    RGBColor(0x30, 0xC0, 0x96),
    RGBColor(0x4A, 0x9E, 0xE0),
    RGBColor(0xF0, 0x7E, 0x30),
    RGBColor(0xE0, 0x98, 0xC0),
];

pub const LIGHT: Palette = Palette {
    background: RGBColor(0xFF, 0xFF, 0xFF),
    text: RGBColor(0x1F, 0x23, 0x28),
    muted: RGBColor(0x5A, 0x62, 0x6B),
    grid: RGBColor(0xE3, 0xE6, 0xEA),
    overall: RGBColor(0x1F, 0x23, 0x28),
    reference: RGBColor(0x8A, 0x92, 0x9B),
    anchors: ANCHORS_LIGHT,
    trajectories: [
        ANCHORS_LIGHT[3],
        ANCHORS_LIGHT[4],
        ANCHORS_LIGHT[2],
        RGBColor(0x1F, 0x23, 0x28),
    ],
};

pub const DARK: Palette = Palette {
    background: RGBColor(0x16, 0x1A, 0x1F),
    text: RGBColor(0xE6, 0xE9, 0xEC),
    muted: RGBColor(0xA0, 0xA8, 0xB2),
    grid: RGBColor(0x2E, 0x34, 0x3B),
    overall: RGBColor(0xF2, 0xF4, 0xF6),
    reference: RGBColor(0x84, 0x8D, 0x97),
    anchors: ANCHORS_DARK,
    trajectories: [
        ANCHORS_DARK[3],
        ANCHORS_DARK[4],
        ANCHORS_DARK[2],
        RGBColor(0xF2, 0xF4, 0xF6),
    ],
};

impl Palette {
    pub fn for_theme(dark: bool) -> &'static Palette {
        if dark {
            &DARK
        } else {
            &LIGHT
        }
    }

    pub fn anchor(&self, anchor: Anchor) -> RGBColor {
        self.anchors[anchor.index()]
    }
}

/// `#rrggbb`, for legend swatches in HTML.
pub fn css(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}
