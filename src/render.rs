//! The native chart renderer: the charts crate's drawings (the same code the browser draws its
//! canvases with) over plotters' bitmap backend, encoded as PNG, or over its SVG backend.
//! Native only: the backends, the fonts and the PNG encoder never reach the wasm.
//!
//! Text is Noto Sans (`fonts/`, compiled in). `CanvasText` lays it out as a browser's canvas
//! does (`fillText`): a size is pixels per em, `textAlign` and `textBaseline` anchor the line
//! (<https://html.spec.whatwg.org/multipage/canvas.html#text-styles>), each glyph at its pen
//! position plus its side bearing. (Pairs are kerned from a `kern` table only: Noto Sans kerns
//! in GPOS, which ab_glyph does not read, so a browser sets a few pairs a little closer.) On a bitmap it rasterizes the glyphs itself with
//! ab_glyph (plotters' own ab_glyph text drops side bearings, which spaces digits unevenly, and
//! reads a size as the ascent-to-descent height); on SVG it leaves text as text, sized per em.

use std::sync::OnceLock;

use ab_glyph::{point, Font, FontRef, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontDesc, FontStyle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

use bioanchors_charts::{draw, draw_card_on, CardInputs, ChartInputs, ChartKind, Geometry};
use bioanchors_charts::{Palette, Style};

/// Noto Sans 2.004, SIL Open Font License 1.1 (fonts/OFL.txt, fonts/README.md).
static REGULAR: &[u8] = include_bytes!("../fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/NotoSans-Bold.ttf");

/// The font size SVG's `font-size` gets from plotters: `size / 1.24` (plotters-svg 0.3).
const SVG_SIZE_DIVISOR: f64 = 1.24;

/// The two faces, parsed once.
fn fonts() -> &'static (FontRef<'static>, FontRef<'static>) {
    static FONTS: OnceLock<(FontRef<'static>, FontRef<'static>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let parse = |bytes| FontRef::try_from_slice(bytes).expect("the compiled-in font parses");
        (parse(REGULAR), parse(BOLD))
    })
}

fn face(style: FontStyle) -> &'static FontRef<'static> {
    let (regular, bold) = fonts();
    match style {
        FontStyle::Bold => bold,
        _ => regular,
    }
}

/// A line of text laid out at `em` pixels per em: each glyph's id and pen x, the advance width,
/// and the ascent and descent of the em square (CSS's "top" and "bottom" of a line, which
/// Chromium takes as the font's ascent and descent scaled to sum to one em).
struct Line {
    glyphs: Vec<(ab_glyph::GlyphId, f32)>,
    width: f32,
    scale: PxScale,
    em_ascent: f32,
    em_descent: f32,
}

fn layout(font: &FontRef<'static>, em: f64, text: &str) -> Line {
    let per_em = font.units_per_em().unwrap_or(1000.0);
    // ab_glyph's scale is the ascent-to-descent height in pixels.
    let scale = PxScale::from(em as f32 * font.height_unscaled() / per_em);
    let scaled = font.as_scaled(scale);
    let mut glyphs = Vec::with_capacity(text.len());
    let mut x = 0.0_f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            x += scaled.kern(p, id);
        }
        glyphs.push((id, x));
        x += scaled.h_advance(id);
        previous = Some(id);
    }
    let ascent = font.ascent_unscaled();
    let height = font.height_unscaled();
    Line {
        glyphs,
        width: x,
        scale,
        em_ascent: em as f32 * ascent / height,
        em_descent: em as f32 * (height - ascent) / height,
    }
}

/// Where the line's pen starts, relative to the anchor, for the text's `textAlign` and
/// `textBaseline`: (x of the first glyph's origin, y of the baseline), unrotated.
fn origin(line: &Line, pos: plotters::style::text_anchor::Pos) -> (f32, f32) {
    let x = match pos.h_pos {
        HPos::Left => 0.0,
        HPos::Center => -line.width / 2.0,
        HPos::Right => -line.width,
    };
    let y = match pos.v_pos {
        VPos::Top => line.em_ascent,
        VPos::Center => (line.em_ascent - line.em_descent) / 2.0,
        VPos::Bottom => -line.em_descent,
    };
    (x, y)
}

/// What to draw: one of the app's four charts, or the card.
#[derive(Clone, Copy)]
pub enum Picture<'a> {
    Chart(ChartKind, ChartInputs<'a>),
    Card(CardInputs<'a>),
}

/// A picture's size: CSS pixels, and device pixels per CSS pixel (PNG only; an SVG is drawn in
/// CSS pixels and scales without loss).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub css_width: u32,
    pub css_height: u32,
    pub scale: u32,
}

/// A rendered picture and where its chart's plot area is (backing pixels: CSS × scale for a
/// PNG, CSS for an SVG).
pub struct Rendered<T> {
    pub data: T,
    pub geometry: Geometry,
}

/// Draws `picture` on the whole of `backend`.
fn draw_picture<DB: DrawingBackend>(
    backend: DB,
    picture: &Picture,
    style: &Style,
) -> Result<Geometry, String> {
    match picture {
        Picture::Chart(kind, inputs) => draw(backend, *kind, style, inputs),
        Picture::Card(card) => draw_card_on(backend, style, card),
    }
}

/// `picture` as a PNG of (CSS size × scale) pixels. `description` goes into an iTXt
/// "Description" chunk (the card's alt text travels with the file).
pub fn png(
    picture: &Picture,
    palette: &Palette,
    size: Size,
    description: Option<&str>,
) -> Result<Rendered<Vec<u8>>, String> {
    let (w, h) = (size.css_width * size.scale, size.css_height * size.scale);
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    let style = Style {
        palette,
        dpr: f64::from(size.scale),
        css_width: f64::from(size.css_width),
    };
    let geometry = {
        let backend = BitMapBackend::with_buffer(&mut rgb, (w, h));
        draw_picture(CanvasText::raster(backend), picture, &style)?
    };
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        // 96 dpi × scale, so viewers that read pHYs show it at its CSS size.
        let per_metre = (96.0 / 0.0254 * f64::from(size.scale)).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        if let Some(text) = description {
            encoder
                .add_itxt_chunk("Description".into(), text.into())
                .map_err(|e| e.to_string())?;
        }
        let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(&rgb).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(Rendered {
        data: out,
        geometry,
    })
}

/// How finely an SVG's coordinates are drawn, per CSS pixel: plotters writes whole numbers, so
/// the picture is drawn at twice its size and shown at its CSS size through its `viewBox`.
const SVG_PRECISION: u32 = 2;

/// `picture` as an SVG document of its CSS size (text stays text, in the reader's sans-serif).
/// Its geometry is in `viewBox` units (two per CSS pixel).
pub fn svg(picture: &Picture, palette: &Palette, size: Size) -> Result<Rendered<String>, String> {
    let mut out = String::new();
    let style = Style {
        palette,
        dpr: f64::from(SVG_PRECISION),
        css_width: f64::from(size.css_width),
    };
    let (w, h) = (
        size.css_width * SVG_PRECISION,
        size.css_height * SVG_PRECISION,
    );
    let geometry = {
        let backend = SVGBackend::with_string(&mut out, (w, h));
        draw_picture(CanvasText::vector(backend), picture, &style)?
    };
    let drawn = format!("<svg width=\"{w}\" height=\"{h}\" ");
    let shown = format!(
        "<svg width=\"{}\" height=\"{}\" ",
        size.css_width, size.css_height
    );
    if !out.starts_with(&drawn) {
        return Err("the SVG backend wrote an unexpected header".into());
    }
    Ok(Rendered {
        data: out.replacen(&drawn, &shown, 1),
        geometry,
    })
}

/// A backend whose text is laid out as a canvas lays it out (see the module's comment): drawn
/// glyph by glyph into `inner`'s pixels (`raster`), or handed to `inner` as text sized per em
/// (`vector`, for SVG, whose viewer draws the glyphs). Everything else passes straight through.
struct CanvasText<DB> {
    inner: DB,
    raster: bool,
}

impl<DB: DrawingBackend> CanvasText<DB> {
    fn raster(inner: DB) -> Self {
        Self {
            inner,
            raster: true,
        }
    }

    fn vector(inner: DB) -> Self {
        Self {
            inner,
            raster: false,
        }
    }

    /// Draws `text` glyph by glyph: each coverage value blended into one pixel of `inner`.
    fn rasterize<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let font = face(style.style());
        let line = layout(font, style.size(), text);
        let (x0, y0) = origin(&line, style.anchor());
        let transform = style.transform();
        let (w, h) = self.inner.get_size();
        for &(id, x) in &line.glyphs {
            let glyph = id.with_scale_and_position(line.scale, point(x0 + x, y0));
            let Some(outline) = font.outline_glyph(glyph) else {
                continue; // a space
            };
            let bounds = outline.px_bounds();
            let mut pixels = Vec::new();
            outline.draw(|gx, gy, coverage| {
                if coverage > 0.0 {
                    let dx = (bounds.min.x + gx as f32).round() as i32;
                    let dy = (bounds.min.y + gy as f32).round() as i32;
                    pixels.push((dx, dy, coverage));
                }
            });
            for (dx, dy, coverage) in pixels {
                let (rx, ry) = transform.transform(dx, dy);
                let (px, py) = (pos.0 + rx, pos.1 + ry);
                if px < 0 || py < 0 || px >= w as i32 || py >= h as i32 {
                    continue;
                }
                let c = BackendColor {
                    alpha: color.alpha * f64::from(coverage.min(1.0)),
                    rgb: color.rgb,
                };
                self.inner.draw_pixel((px, py), c)?;
            }
        }
        Ok(())
    }
}

impl<DB: DrawingBackend> DrawingBackend for CanvasText<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        if self.raster {
            return self.rasterize(text, style, pos);
        }
        let sized = TextStyle {
            font: FontDesc::new(
                style.family(),
                style.size() * SVG_SIZE_DIVISOR,
                style.style(),
            )
            .transform(style.transform()),
            color: style.color(),
            pos: style.anchor(),
        };
        self.inner.draw_text(text, &sized, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let line = layout(face(style.style()), style.size(), text);
        Ok((
            line.width.ceil() as u32,
            (line.em_ascent + line.em_descent).ceil() as u32,
        ))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_sized_per_em() {
        let (regular, bold) = fonts();
        // Noto Sans digits advance 0.572 em: "2040" at 10 px per em is 22.88 px wide.
        let line = layout(regular, 10.0, "2040");
        assert!((line.width - 22.88).abs() < 0.01, "{}", line.width);
        // The em square's ascent and descent sum to one em.
        assert!((line.em_ascent + line.em_descent - 10.0).abs() < 1e-4);
        // Bold is the bold face: its letters are wider (its digits are not: tabular).
        assert!(layout(bold, 10.0, "bold").width > layout(regular, 10.0, "bold").width + 0.5);
        assert_eq!(layout(bold, 10.0, "2040").width, line.width);
    }

    /// The app draws a chart's plot layer over a copy of its background layer: together they
    /// must be the whole chart, pixel for pixel, for every chart and what it can show.
    #[test]
    fn background_then_plot_is_the_whole_chart() {
        use crate::model::condition::condition_forecast;
        use crate::model::{presets, Engine};
        use bioanchors_charts::{draw_layer, ranges, Layer};
        let mut engine = Engine::new();
        let preset = &presets()[0];
        let reference = engine.forecast(&(preset.scenario)());
        let mut scenario = (preset.scenario)();
        scenario.set("hardware.halving_years", 2.0).unwrap();
        scenario
            .set("uncertainty.hardware_halving_factor", 2.0)
            .unwrap();
        let plain = engine.forecast(&scenario);
        let given = condition_forecast(&plain, 2030).unwrap();
        let (w, h) = (700u32, 360u32);
        for (f, year) in [(&plain, None), (&given, Some(2030))] {
            for kind in ChartKind::ALL {
                for palette in [Palette::for_theme(false), Palette::for_theme(true)] {
                    let inputs = ChartInputs {
                        forecast: f,
                        reference: Some(&reference),
                        per_anchor: true,
                        overlays: &[],
                        given: year,
                    };
                    let style = Style {
                        palette,
                        dpr: 2.0,
                        css_width: f64::from(w / 2),
                    };
                    let mut whole = vec![0u8; (w * h * 3) as usize];
                    let mut layered = vec![0u8; (w * h * 3) as usize];
                    let drawn = |buf: &mut Vec<u8>, layer| {
                        let backend = BitMapBackend::with_buffer(buf, (w, h));
                        let ranges = ranges(kind, &inputs);
                        draw_layer(
                            CanvasText::raster(backend),
                            kind,
                            &style,
                            &inputs,
                            layer,
                            ranges,
                        )
                        .unwrap()
                    };
                    let g_whole = drawn(&mut whole, Layer::Whole);
                    let g_background = drawn(&mut layered, Layer::Background);
                    let g_plot = drawn(&mut layered, Layer::Plot);
                    assert_eq!(g_whole, g_plot, "{kind:?}");
                    assert_eq!(g_whole, g_background, "{kind:?}");
                    assert!(
                        whole == layered,
                        "{kind:?} {year:?}: the layers differ from the whole"
                    );
                    // The background alone is not the whole: the plot layer draws something.
                    let mut background = vec![0u8; (w * h * 3) as usize];
                    drawn(&mut background, Layer::Background);
                    assert!(background != whole, "{kind:?}: the plot layer drew nothing");
                }
            }
        }
    }
}
