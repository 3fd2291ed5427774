//! Chart fingerprints: a hash of exactly what a chart shows, so the frame redraws only the
//! charts whose pixels would change.

use bioanchors_charts::{ChartInputs, ChartKind, Palette};

/// FNV-1a over the bits of every number a chart shows: cheap enough to run per frame (the
/// requirements chart's ~30k numbers hash in well under a millisecond), and it lets a drag of a
/// spending slider skip redrawing the requirement distributions it cannot move.
pub fn chart_fingerprint(
    kind: ChartKind,
    inputs: &ChartInputs,
    palette: &Palette,
    css: (f64, f64),
    dpr: f64,
) -> u64 {
    let ChartInputs {
        forecast: f,
        reference,
        per_anchor,
        overlays,
        given,
    } = *inputs;
    let mut h = Fnv::new();
    h.f(css.0);
    h.f(css.1);
    h.f(dpr);
    h.u(palette.background.0 as u64);
    h.u(kind.index() as u64);
    // The condition note on the probability charts.
    h.u(given.map_or(0, |y| y as u64 + 1));
    for &y in &f.years {
        h.u(y as u64);
    }
    match kind {
        ChartKind::Cdf => {
            h.s(&f.p_by_year);
            h.u(per_anchor as u64);
            if per_anchor {
                for (_, p) in f.p_by_year_per_anchor.iter() {
                    h.s(p);
                }
            }
            if let Some(r) = reference {
                h.s(&r.p_by_year);
            }
            h.u(overlays.len() as u64);
            for o in overlays {
                h.u(o.index as u64);
                h.s(&o.forecast.p_by_year);
                o.label.bytes().for_each(|b| h.u(b as u64));
            }
        }
        ChartKind::PerYear => {
            h.s(&f.p_per_year);
            if let Some(r) = reference {
                h.s(&r.p_per_year);
            }
        }
        ChartKind::Requirements => {
            h.s(&f.requirements.log10_flop);
            for (_, p) in f.requirements.pdf.iter() {
                h.s(p);
            }
            for (_, c) in f.requirements.cdf.iter() {
                h.s(c);
            }
            h.s(&f.log10_effective_compute.median);
        }
        ChartKind::Trajectories => {
            for b in [
                &f.log10_flop_per_dollar,
                &f.log10_spend_dollars,
                &f.algorithmic_progress_oom,
                &f.log10_effective_compute,
            ] {
                h.s(&b.p10);
                h.s(&b.median);
                h.s(&b.p90);
            }
        }
    }
    h.0
}

/// What a chart's background layer ([`bioanchors_charts::Layer::Background`]) shows: its data
/// ranges ([`bioanchors_charts::ranges`]) on a canvas of this size and theme.
pub fn background_fingerprint(
    kind: ChartKind,
    ranges: ((f64, f64), (f64, f64)),
    palette: &Palette,
    css: (f64, f64),
    dpr: f64,
) -> u64 {
    let mut h = Fnv::new();
    h.u(kind.index() as u64);
    h.s(&[
        ranges.0 .0,
        ranges.0 .1,
        ranges.1 .0,
        ranges.1 .1,
        css.0,
        css.1,
        dpr,
    ]);
    h.u(palette.background.0 as u64);
    h.0
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn u(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x0000_0100_0000_01b3);
    }
    fn f(&mut self, v: f64) {
        self.u(v.to_bits());
    }
    fn s(&mut self, vs: &[f64]) {
        self.u(vs.len() as u64);
        for &v in vs {
            self.f(v);
        }
    }
}
