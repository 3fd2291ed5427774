//! `bioanchors site`: the link-preview pages it writes into a built `dist/`, on a stand-in for
//! Trunk's index.html (the browser tests run it on the real build): per page the title, the
//! description with the preset's figures, Open Graph and X tags with absolute URLs, a
//! 1,200 × 630 og.png, an oEmbed JSON with the iframe embed; assets reached from a preset
//! page's folder; nothing absolute without a public URL; bad input refused with exit code 2.

use std::path::{Path, PathBuf};

use crate::{run, temp_dir};
use bioanchors::model::{forecast, presets};
use bioanchors_charts::card::headline_text;

/// What `trunk build` writes, in the shape that matters here: relative asset URLs and the
/// loader's meta tag.
const TRUNK_INDEX: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>bioanchors: when might transformative AI arrive?</title>
  <meta name="description" content="Ajeya Cotra's biological-anchors model of AI timelines, live in your browser.">
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="./main-1.css" integrity="sha384-x"/>
  <meta name="bioanchors-app" data-js="./app-1.js" data-wasm="./app-1_bg.wasm">
  <script src="./loader-1.js" integrity="sha384-y" type="module"></script>
<link rel="modulepreload" href="./app-1.js" integrity="sha384-z"><link rel="preload" href="./app-1_bg.wasm" integrity="sha384-w" as="fetch" type="application/wasm"></head>
<body></body>
</html>
"#;

/// A fresh stand-in `dist/`.
fn fake_dist() -> PathBuf {
    let dir = temp_dir("cli-site");
    std::fs::write(dir.join("index.html"), TRUNK_INDEX).unwrap();
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `content` of `<meta property|name="key" content="…">`, unescaped enough for these texts.
fn meta(html: &str, key: &str) -> Option<String> {
    let at = html
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| html.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"").unwrap() + "content=\"".len();
    let end = rest[start..].find('"').unwrap();
    Some(
        rest[start..start + end]
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&"),
    )
}

fn png_size(path: &Path) -> (u32, u32) {
    let reader = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()))
        .read_info()
        .unwrap();
    let info = reader.info();
    (info.width, info.height)
}

#[test]
fn every_preset_page_has_its_tags_image_and_oembed() {
    let dist = fake_dist();
    let base = "https://example.org/bioanchors/";
    // Without the trailing slash: it is added.
    let (stdout, err, code) = run(&[
        "site",
        "--dist",
        dist.to_str().unwrap(),
        "--public-url",
        "https://example.org/bioanchors",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    // One page, preview image, poster chart and oEmbed file for the root and for each preset.
    assert_eq!(
        stdout.lines().count(),
        4 * (presets().len() + 1),
        "{stdout}"
    );

    let pages = std::iter::once((&presets()[0], String::new()))
        .chain(presets().iter().map(|p| (p, format!("p/{}/", p.id))));
    for (preset, path) in pages {
        let dir = dist.join(&path);
        let html = read(&dir.join("index.html"));
        let url = format!("{base}{path}");
        let figures = headline_text(&forecast(&(preset.scenario)()));
        let description = meta(&html, "description").unwrap();
        assert!(description.starts_with(preset.name), "{description}");
        assert!(
            description.contains(&figures),
            "{description} lacks {figures}"
        );
        assert_eq!(
            meta(&html, "og:description").as_deref(),
            Some(description.as_str())
        );
        let title = meta(&html, "og:title").unwrap();
        assert!(html.contains(&format!("<title>{}</title>", title.replace('\'', "&#39;"))));
        if !path.is_empty() {
            assert!(title.starts_with(preset.name), "{title}");
        }
        assert_eq!(meta(&html, "og:url"), Some(url.clone()));
        assert_eq!(meta(&html, "og:image"), Some(format!("{url}og.png")));
        assert_eq!(meta(&html, "og:image:width").as_deref(), Some("1200"));
        assert_eq!(meta(&html, "og:image:height").as_deref(), Some("630"));
        assert!(meta(&html, "og:image:alt").unwrap().contains(&figures));
        assert_eq!(
            meta(&html, "twitter:card").as_deref(),
            Some("summary_large_image")
        );
        assert!(html.contains(&format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{url}oembed.json\""
        )));
        assert_eq!(png_size(&dir.join("og.png")), (1200, 630));
        // The poster: the page's own figures as text, and its chart at 2x, once in the body.
        let f = forecast(&(preset.scenario)());
        assert_eq!(html.matches("<div id=\"poster\"").count(), 1);
        for (id, _, figure) in bioanchors::model::format::SUMMARY_FIGURES {
            let cell = format!(
                "data-testid=\"poster-{}\">{}</div>",
                id.trim_start_matches("summary-"),
                figure.text(&f)
            );
            assert!(html.contains(&cell), "{path}: no {cell}");
        }
        assert_eq!(png_size(&dir.join("poster.png")), (1680, 660));

        let oembed: serde_json::Value =
            serde_json::from_str(&read(&dir.join("oembed.json"))).unwrap();
        assert_eq!(oembed["version"], "1.0");
        assert_eq!(oembed["type"], "rich");
        assert_eq!(oembed["provider_name"], "bioanchors");
        assert_eq!(oembed["provider_url"], base);
        assert_eq!(oembed["thumbnail_url"], format!("{url}og.png"));
        assert_eq!(oembed["thumbnail_width"], 1200);
        assert_eq!(oembed["thumbnail_height"], 630);
        assert_eq!(oembed["width"], 800);
        assert_eq!(oembed["height"], 340);
        let embed = oembed["html"].as_str().unwrap();
        let src = if preset.id == presets()[0].id {
            format!("{base}?embed=chart")
        } else {
            format!("{base}?embed=chart&amp;v=2&amp;preset={}", preset.id)
        };
        assert!(
            embed.starts_with(&format!("<iframe src=\"{src}\" ")),
            "{embed}"
        );
        assert!(embed.ends_with(&format!(
            "<script src=\"{base}public/embed.js\" async></script>"
        )));

        if path.is_empty() {
            assert!(!html.contains("bioanchors-preset"));
            assert!(html.contains("href=\"./main-1.css\""));
        } else {
            // The preset page: the app's assets two folders up, the preset named for the app.
            assert!(html.contains(&format!(
                "<meta name=\"bioanchors-preset\" content=\"{}\" data-root=\"../../\">",
                preset.id
            )));
            for asset in [
                "href=\"../../main-1.css\"",
                "data-js=\"../../app-1.js\"",
                "data-wasm=\"../../app-1_bg.wasm\"",
                "src=\"../../loader-1.js\"",
                "href=\"../../app-1.js\"",
            ] {
                assert!(html.contains(asset), "{path}: {asset}");
            }
            assert!(!html.contains("=\"./"), "{path}");
        }
    }
}

#[test]
fn a_second_run_replaces_the_first_runs_tags() {
    let dist = fake_dist();
    let d = dist.to_str().unwrap();
    assert_eq!(
        run(&["site", "--dist", d, "--public-url", "https://a.example/"]).2,
        0
    );
    let (_, err, code) = run(&["site", "--dist", d, "--public-url", "https://b.example/x/"]);
    assert_eq!(code, 0, "{err}");
    for page in ["index.html", "p/aggressive/index.html"] {
        let html = read(&dist.join(page));
        assert_eq!(html.matches("property=\"og:url\"").count(), 1, "{page}");
        assert!(!html.contains("a.example"), "{page}");
        assert!(html.contains("https://b.example/x/"), "{page}");
    }
    assert!(read(&dist.join("p/aggressive/index.html")).contains("src=\"../../loader-1.js\""));
}

#[test]
fn the_wasm_is_fetched_by_the_loader_after_the_poster_with_its_integrity() {
    let dist = fake_dist();
    let d = dist.to_str().unwrap();
    // Twice: the second run reads the first's page, which has no preload left.
    for _ in 0..2 {
        let (_, err, code) = run(&["site", "--dist", d]);
        assert_eq!(code, 0, "{err}");
        for (page, up) in [("index.html", "./"), ("p/aggressive/index.html", "../../")] {
            let html = read(&dist.join(page));
            assert!(!html.contains("rel=\"preload\""), "{page}: {html}");
            assert!(
                html.contains(&format!(
                    "<meta name=\"bioanchors-app\" data-js=\"{up}app-1.js\" data-wasm=\"{up}app-1_bg.wasm\" data-wasm-integrity=\"sha384-w\">"
                )),
                "{page}: {html}"
            );
            // The JS module keeps its preload: it is small, and the loader needs it first.
            assert!(html.contains("rel=\"modulepreload\""), "{page}");
        }
    }
}

#[test]
fn without_a_public_url_nothing_absolute_is_written() {
    let dist = fake_dist();
    let (_, err, code) = run(&["site", "--dist", dist.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.starts_with("bioanchors: note: no public URL"), "{err}");
    for dir in [dist.clone(), dist.join("p/conservative")] {
        let html = read(&dir.join("index.html"));
        for absent in ["og:image", "og:url", "canonical", "json+oembed", "https://"] {
            assert!(!html.contains(absent), "{}: {absent}", dir.display());
        }
        assert!(meta(&html, "og:title").is_some());
        assert!(meta(&html, "og:description").is_some());
        // No image: the plain summary card.
        assert_eq!(meta(&html, "twitter:card").as_deref(), Some("summary"));
        assert_eq!(png_size(&dir.join("og.png")), (1200, 630));
        assert!(!dir.join("oembed.json").exists());
    }
}

#[test]
fn bad_input_is_refused_with_exit_code_2() {
    let empty = fake_dist();
    std::fs::remove_file(empty.join("index.html")).unwrap();
    let other = fake_dist();
    std::fs::write(other.join("index.html"), "<html><head></head></html>").unwrap();
    let good = fake_dist();
    let cases: [(Vec<&str>, &str); 4] = [
        (
            vec!["--dist", empty.to_str().unwrap()],
            "run `trunk build` first",
        ),
        (
            vec!["--dist", other.to_str().unwrap()],
            "is not the app's built page",
        ),
        (
            vec![
                "--dist",
                good.to_str().unwrap(),
                "--public-url",
                "example.org/x",
            ],
            "expected an http:// or https:// URL",
        ),
        (
            vec![
                "--dist",
                good.to_str().unwrap(),
                "--public-url",
                "https://example.org/?a=b",
            ],
            "no query",
        ),
    ];
    for (args, message) in cases {
        let mut all = vec!["site"];
        all.extend(&args);
        let (stdout, err, code) = run(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.starts_with("bioanchors: ") && err.contains(message),
            "{args:?}: {err}"
        );
        assert_eq!(stdout, "");
    }
    // Nothing was written into the refused folders.
    assert!(!good.join("p").exists());
    assert!(!other.join("og.png").exists());
}
