//! `bioanchors chart`: every chart in both formats, at the sizes asked for; the pixels of a
//! rendered curve where the forecast's numbers put them (read back from the PNG, and from the
//! SVG's polyline, through the `Geometry` the renderer returns); bad input refused with exit
//! code 2 before anything is written.

use std::path::PathBuf;

use crate::{run, temp_dir};
use bioanchors::model::{forecast, preset, Forecast, Scenario};
use bioanchors::render::{self, Picture, Size};
use bioanchors_charts::card::address_text;
use bioanchors_charts::{card_alt_text, CardInputs, ChartInputs, ChartKind, Geometry, Palette};

/// A fresh path in a folder of its own.
fn temp_path(name: &str) -> PathBuf {
    temp_dir("cli-chart").join(name)
}

/// Chart 1 of `f` alone (no preset curve under it).
fn cdf(f: &Forecast) -> Picture<'_> {
    Picture::Chart(
        ChartKind::Cdf,
        ChartInputs {
            forecast: f,
            reference: None,
            per_anchor: false,
            overlays: &[],
            given: None,
        },
    )
}

/// (width, height, RGB pixels) of a PNG.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("one frame");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

const CHARTS: [&str; 5] = ["cdf", "per-year", "requirements", "trajectories", "card"];

#[test]
fn every_chart_renders_as_png_and_svg_at_the_size_asked_for() {
    for chart in CHARTS {
        let card = chart == "card";
        // Default size and scale: 840 × 330 CSS px for a chart, 600 × 315 for the card, at 2×.
        let out = temp_path(&format!("{chart}.png"));
        let (stdout, err, code) = run(&["chart", "--chart", chart, "--out", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{chart}: {err}");
        assert_eq!(err, "", "{chart}");
        let (w, h, pixels) = decode_png(&std::fs::read(&out).unwrap());
        assert_eq!(
            (w, h),
            if card { (1200, 630) } else { (1680, 660) },
            "{chart}"
        );
        // Drawn on: the background is white, and a picture has far more than a few other pixels.
        let inked = pixels.chunks(3).filter(|p| p != &[255, 255, 255]).count();
        assert!(
            inked > (w * h / 50) as usize,
            "{chart}: {inked} inked pixels"
        );
        // Only the card prints something: its alt text.
        assert_eq!(stdout.is_empty(), !card, "{chart}: {stdout}");

        // A given width and scale: the PNG is width × scale pixels wide.
        let out = temp_path(&format!("{chart}-3x.png"));
        let (_, err, code) = run(&[
            "chart",
            "--chart",
            chart,
            "--width",
            "640",
            "--scale",
            "3",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{chart}: {err}");
        let (w, h, _) = decode_png(&std::fs::read(&out).unwrap());
        assert_eq!(w, 1920, "{chart}");
        assert_eq!(h, if card { 336 * 3 } else { 990 }, "{chart}");

        // SVG, chosen by the extension: the CSS size, drawn at twice that in its viewBox.
        let out = temp_path(&format!("{chart}.svg"));
        let (_, err, code) = run(&["chart", "--chart", chart, "--out", out.to_str().unwrap()]);
        assert_eq!(code, 0, "{chart}: {err}");
        let svg = std::fs::read_to_string(&out).unwrap();
        let (w, h) = if card { (600, 315) } else { (840, 330) };
        assert!(
            svg.starts_with(&format!(
                "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {} {}\"",
                2 * w,
                2 * h
            )),
            "{chart}: {}",
            &svg[..120]
        );
        assert!(svg.trim_end().ends_with("</svg>"), "{chart}");
        // Text stays text, sized per CSS pixel of the viewBox (11 px labels: 22 units).
        assert!(svg.contains("font-size=\"22\""), "{chart}");
    }
}

#[test]
fn the_card_prints_and_embeds_the_same_alt_text_as_the_library() {
    let out = temp_path("card.png");
    let url = "https://example.org/bioanchors/?v=2&preset=aggressive&spend.doubling_years=1.5";
    let (stdout, err, code) = run(&[
        "chart",
        "--chart",
        "card",
        "--url",
        url,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let link = bioanchors::model::link::read_link(url);
    let f = forecast(&link.scenario);
    let expected = card_alt_text(&CardInputs {
        forecast: &f,
        title: "Aggressive (edited)",
        address: Some(&address_text(url)),
        given: None,
    });
    assert_eq!(stdout.trim_end(), expected);
    assert!(
        expected.contains("Explore it at example.org/bioanchors/."),
        "{expected}"
    );
    // The PNG carries it too, as its Description.
    let bytes = std::fs::read(&out).unwrap();
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .unwrap();
    let text = reader
        .info()
        .utf8_text
        .iter()
        .find(|t| t.keyword == "Description")
        .map(|t| t.get_text().unwrap());
    assert_eq!(text.as_deref(), Some(expected.as_str()));
}

/// Where `color`'s pixels sit in column `x` between rows `top` and `bottom`: their mean row.
fn mean_row_of(
    pixels: &[u8],
    width: u32,
    x: u32,
    (top, bottom): (u32, u32),
    color: [u8; 3],
) -> Option<f64> {
    let rows: Vec<u32> = (top..=bottom)
        .filter(|&y| {
            let i = 3 * (y * width + x) as usize;
            pixels[i..i + 3] == color
        })
        .collect();
    (!rows.is_empty()).then(|| rows.iter().map(|&r| f64::from(r)).sum::<f64>() / rows.len() as f64)
}

/// Reads P(TAI by year) back off a rendered PNG: at each year, the height of the main curve's
/// color in the plot area, through `geometry`, must be the forecast's number to within a
/// pixel and a half; and a height the forecast does not have must hold no curve pixel.
fn assert_curve_follows(pixels: &[u8], width: u32, geometry: &Geometry, f: &Forecast, what: &str) {
    let color = Palette::for_theme(false).overall;
    let color = [color.0, color.1, color.2];
    let plot = (geometry.top.ceil() as u32, geometry.bottom.floor() as u32);
    let px_per_p = (geometry.bottom - geometry.top) / (geometry.y.1 - geometry.y.0);
    for year in [2030, 2040, 2050, 2060, 2080] {
        let i = f.years.iter().position(|&y| y == year).unwrap();
        let want = f.p_by_year[i];
        let x = geometry.px_of_x(year as f64).round() as u32;
        let row = mean_row_of(pixels, width, x, plot, color)
            .unwrap_or_else(|| panic!("{what}: no curve pixel at {year}"));
        let got = geometry.y_at(row);
        assert!(
            (got - want).abs() * px_per_p <= 1.5,
            "{what}: at {year} the curve is at {got:.4}, the forecast says {want:.4}"
        );
        // Far from the curve (a fifth of the plot away) the column holds no curve pixel.
        let away = if want < 0.5 { want + 0.2 } else { want - 0.2 };
        let away_row = geometry.bottom - (away - geometry.y.0) * px_per_p;
        let band = ((away_row - 4.0) as u32, (away_row + 4.0) as u32);
        assert_eq!(
            mean_row_of(pixels, width, x, band, color),
            None,
            "{what}: curve pixels at {away:.2} in {year}"
        );
    }
}

#[test]
fn a_rendered_curve_follows_the_forecasts_numbers() {
    let palette = Palette::for_theme(false);
    for id in ["best-guess", "aggressive", "cotra-2022"] {
        let f = forecast(&(preset(id).unwrap().scenario)());
        let chart = cdf(&f);
        let size = Size {
            css_width: 840,
            css_height: 330,
            scale: 2,
        };
        let rendered = render::png(&chart, palette, size, None).unwrap();
        let (w, _, pixels) = decode_png(&rendered.data);
        assert_curve_follows(&pixels, w, &rendered.geometry, &f, id);

        // The card's chart, too.
        let card = Picture::Card(CardInputs {
            forecast: &f,
            title: id,
            address: None,
            given: None,
        });
        let size = Size {
            css_width: 600,
            css_height: 315,
            scale: 2,
        };
        let rendered = render::png(&card, palette, size, None).unwrap();
        let (w, _, pixels) = decode_png(&rendered.data);
        assert_curve_follows(&pixels, w, &rendered.geometry, &f, &format!("{id} card"));
    }
}

#[test]
fn an_svg_curve_follows_the_forecasts_numbers() {
    let f = forecast(&Scenario::default());
    let chart = cdf(&f);
    let size = Size {
        css_width: 840,
        css_height: 330,
        scale: 1,
    };
    let rendered = render::svg(&chart, Palette::for_theme(false), size).unwrap();
    let g = &rendered.geometry;
    // The main curve: the polyline in the overall color, one point a year.
    let line = rendered
        .data
        .lines()
        .find(|l| l.starts_with("<polyline") && l.contains("stroke=\"#1F2328\""))
        .expect("the curve's polyline");
    let points = line
        .split("points=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let points: Vec<(f64, f64)> = points
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(points.len(), f.years.len());
    // Whole viewBox units (two per CSS pixel), which plotters truncates to: each point within
    // one unit of where the year and its probability go.
    let px_per_p = (g.bottom - g.top) / (g.y.1 - g.y.0);
    for (i, &(x, y)) in points.iter().enumerate() {
        let year = f.years[i] as f64;
        assert!(
            (x - g.px_of_x(year)).abs() <= 1.0,
            "{year}: x {x} vs {}",
            g.px_of_x(year)
        );
        let p = f.p_by_year[i];
        assert!(
            (g.y_at(y) - p).abs() * px_per_p <= 1.0,
            "{year}: {} vs {p}",
            g.y_at(y)
        );
    }
}

#[test]
fn bad_input_is_refused_with_exit_code_2_and_nothing_written() {
    let bad_json = temp_path("bad.json");
    std::fs::write(&bad_json, "{nope").unwrap();
    let out = temp_path("never.png");
    let o = out.to_str().unwrap();
    let dir = std::env::temp_dir();
    let cases: [(Vec<&str>, &str); 9] = [
        (
            vec!["--scenario", bad_json.to_str().unwrap(), "--out", o],
            "this is not a scenario file",
        ),
        (
            vec!["--chart", "pie", "--out", o],
            "invalid value 'pie' for '--chart",
        ),
        (
            vec!["--width", "10", "--out", o],
            "--width 10: expected 200 to 3000 CSS pixels",
        ),
        (
            vec!["--width", "wide", "--out", o],
            "invalid value 'wide' for '--width",
        ),
        (
            vec!["--scale", "9", "--out", o],
            "--scale 9: expected 1 to 4",
        ),
        (
            vec!["--format", "svg", "--scale", "2", "--out", o],
            "--scale applies to PNG only",
        ),
        (
            vec!["--given", "1900", "--out", o],
            "--given: 1900 is outside the forecast's years",
        ),
        (
            vec!["--out", "/nonexistent-bioanchors-dir/x.png"],
            "cannot write /nonexistent-bioanchors-dir/x.png",
        ),
        (vec!["--out", dir.to_str().unwrap()], "it is a directory"),
    ];
    for (args, message) in cases {
        let mut all = vec!["chart"];
        all.extend(&args);
        let (stdout, err, code) = run(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.starts_with("bioanchors: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(!out.exists(), "{args:?} wrote {o}");
    }
}

#[test]
fn a_conditioned_cards_note_sits_in_its_charts_plot_area() {
    let f = forecast(&Scenario::default());
    let f = bioanchors::model::condition::condition_forecast(&f, 2030).unwrap();
    let card = Picture::Card(CardInputs {
        forecast: &f,
        title: "Conditioned",
        address: None,
        given: Some(2030),
    });
    let size = Size {
        css_width: 600,
        css_height: 315,
        scale: 2,
    };
    let palette = Palette::for_theme(false);
    let rendered = render::png(&card, palette, size, None).unwrap();
    let (w, _, pixels) = decode_png(&rendered.data);
    let g = &rendered.geometry;
    // The note's frame (muted, 1 CSS px) runs along the top of the plot area, from 4 CSS px in,
    // 2 CSS px down (`draw_condition_note`), for the width of its text.
    let muted = [palette.muted.0, palette.muted.1, palette.muted.2];
    let (x0, x1) = (g.left as u32 + 16, g.left as u32 + 300);
    let (y0, y1) = (g.top as u32, g.top as u32 + 8);
    let frame = (y0..=y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let i = 3 * (y * w + x) as usize;
            pixels[i..i + 3] == muted
        })
        .count();
    assert!(frame >= 284, "{frame} muted pixels along the plot's top");
}
