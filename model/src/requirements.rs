//! Requirement distributions D_a (Cotra 2020): the 2020-algorithms training FLOP a transformative
//! model needs, per anchor, as a CDF on one log10-FLOP grid shared by every anchor.
//!
//! Pipeline per anchor: base CDF (the author's table, or built from component samples)
//! → shift the median and scale the spread around it → convolve extra Gaussian uncertainty
//! → the low-end update (condition on "more than the floor": nothing below compute already spent
//! without TAI). The update comes last so that no adjustment can put mass below the floor.

use std::sync::OnceLock;

use super::anchor::PerAnchor;

/// Lowest grid point, log10 FLOP: low enough for a 10-OOM downward shift of the lowest anchor.
pub const GRID_MIN: f64 = 5.0;
/// Highest grid point: room for shifts and ±5 OOM noise above the evolution anchor (~41).
/// Mass above it is treated as never reached.
pub const GRID_MAX: f64 = 95.0;
/// Grid step, OOM: finer than any feature the table resolves after smoothing (its own step is
/// 0.008, but it is a Monte Carlo CDF whose noise is below 0.02 OOM wide).
pub const GRID_STEP: f64 = 0.02;
/// Number of grid points.
pub const GRID_LEN: usize = 4501;

/// The grid point with index `i`.
pub fn grid_x(i: usize) -> f64 {
    GRID_MIN + i as f64 * GRID_STEP
}

/// The author's best-guess per-anchor CDFs. Source: Ajeya Cotra's best-guess
/// spreadsheet for the 2020 draft report "Forecasting TAI with biological anchors" (Open
/// Philanthropy), as copied into the public repository jqhoogland/ai-timelines (file
/// cotra-2020.squiggle, commit 319b63b); one non-monotone row at x = 50.0 removed. The file is
/// `data/cotra2020-anchor-cdfs.csv`; `build.rs` packs it losslessly (whole 1e-8 units, second
/// differences between rows as varints) so the wasm carries a third of the bytes.
const COTRA_2020_PACKED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/cotra2020-anchor-cdfs.bin"));
/// The packed table's unit: 10^-8 (build.rs, `DECIMALS`).
const PACKED_UNITS_PER_ONE: f64 = 1e8;

/// A CDF on the shared grid, with its median.
#[derive(Clone, Debug, PartialEq)]
pub struct GridCdf {
    /// P(F ≤ grid_x(i)); non-decreasing, in [0, 1]. 1 − last value is mass beyond the grid.
    pub cdf: Vec<f64>,
    /// log10 FLOP where the CDF reaches 1/2 (GRID_MAX if it never does).
    pub median: f64,
    /// ∫ (x − MOMENT_ORIGIN)^k dF up to each grid point, k = 1, 2 (the density is constant
    /// between grid points): what integrating a polynomial against this CDF needs
    /// ([`GridCdf::moments`]).
    cumulative: [Vec<f64>; 2],
}

/// Where a point sits on the grid and the raw moments of a CDF up to it (see
/// [`GridCdf::raw_moments`]).
#[derive(Clone, Copy, Debug)]
pub struct RawMoments {
    pos: f64,
    cell: usize,
    raw: [f64; 3],
}

/// A point f placed on the grid for [`GridCdf::raw_moments_at`]: its position and cell, and
/// the powers of u = x − origin across the cell up to f that the moments' last piece takes
/// (u_f − u_i, (u_f² − u_i²)/2, (u_f³ − u_i³)/3).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MomentPoint {
    pos: f64,
    cell: usize,
    w: [f64; 3],
}

impl MomentPoint {
    pub fn new(f: f64) -> MomentPoint {
        let last = (GRID_LEN - 1) as f64;
        let pos = ((f - GRID_MIN) / GRID_STEP).clamp(0.0, last);
        let i = (pos as usize).min(GRID_LEN - 2);
        let (ux, uf) = (
            grid_x(i) - MOMENT_ORIGIN,
            GRID_MIN + pos * GRID_STEP - MOMENT_ORIGIN,
        );
        MomentPoint {
            pos,
            cell: i,
            w: [
                uf - ux,
                (uf * uf - ux * ux) / 2.0,
                (uf * uf * uf - ux * ux * ux) / 3.0,
            ],
        }
    }
}

/// Origin of the cumulative moments: the grid's middle, so that |x − origin| ≤ 45.
const MOMENT_ORIGIN: f64 = 0.5 * (GRID_MIN + GRID_MAX);

impl GridCdf {
    fn new(cdf: Vec<f64>) -> GridCdf {
        let median = crossing(&cdf, 0.5).unwrap_or(GRID_MAX);
        let mut cumulative = [Vec::with_capacity(cdf.len()), Vec::with_capacity(cdf.len())];
        let (mut m1, mut m2) = (0.0, 0.0);
        for i in 0..cdf.len() {
            if i > 0 {
                let (u0, u1) = (grid_x(i - 1) - MOMENT_ORIGIN, grid_x(i) - MOMENT_ORIGIN);
                let slope = (cdf[i] - cdf[i - 1]) / GRID_STEP;
                m1 += slope * (u1 * u1 - u0 * u0) / 2.0;
                m2 += slope * (u1 * u1 * u1 - u0 * u0 * u0) / 3.0;
            }
            cumulative[0].push(m1);
            cumulative[1].push(m2);
        }
        GridCdf {
            cdf,
            median,
            cumulative,
        }
    }

    /// ∫ u^k dF over (f0, f1], u = x − f0, for k = 0, 1, 2 (F linear between grid points;
    /// nothing beyond the grid's ends). Inside one grid cell from F's slope there, elsewhere
    /// from the cumulative moments.
    pub fn moments(&self, f0: f64, f1: f64) -> [f64; 3] {
        self.moments_between(&self.raw_moments(f0), &self.raw_moments(f1))
    }

    /// The raw moments ∫ (x − origin)^k dF up to `f` (k = 0, 1, 2) and where `f` sits on
    /// the grid: what [`GridCdf::moments_between`] takes, so a chain of intervals finds each
    /// end once.
    pub fn raw_moments(&self, f: f64) -> RawMoments {
        self.raw_moments_at(&MomentPoint::new(f))
    }

    /// [`GridCdf::raw_moments`] at a point already placed on the grid (the part shared by
    /// every distribution).
    #[inline]
    pub fn raw_moments_at(&self, at: &MomentPoint) -> RawMoments {
        let i = at.cell;
        let s = (self.cdf[i + 1] - self.cdf[i]) / GRID_STEP;
        RawMoments {
            pos: at.pos,
            cell: i,
            raw: [
                self.cdf[i] + s * at.w[0],
                self.cumulative[0][i] + s * at.w[1],
                self.cumulative[1][i] + s * at.w[2],
            ],
        }
    }

    /// [`GridCdf::moments`] over (a, b] from the raw moments at its ends.
    pub fn moments_between(&self, a: &RawMoments, b: &RawMoments) -> [f64; 3] {
        if b.pos <= a.pos {
            return [0.0; 3];
        }
        if a.cell == b.cell {
            let s = (self.cdf[a.cell + 1] - self.cdf[a.cell]) / GRID_STEP;
            let w = (b.pos - a.pos) * GRID_STEP;
            return [s * w, s * w * w / 2.0, s * w * w * w / 3.0];
        }
        let (r0, r1, r2) = (
            b.raw[0] - a.raw[0],
            b.raw[1] - a.raw[1],
            b.raw[2] - a.raw[2],
        );
        let o = GRID_MIN + a.pos * GRID_STEP - MOMENT_ORIGIN;
        [r0, r1 - o * r0, r2 - 2.0 * o * r1 + o * o * r0]
    }

    /// P(F ≤ x), linear between grid points; 0 below the grid, the last value above it.
    pub fn at(&self, x: f64) -> f64 {
        interpolate(&self.cdf, x)
    }

    /// [`GridCdf::at`] the x that [`locate`] placed: the engine reads six CDFs at each x.
    pub fn at_located(&self, x: Located) -> f64 {
        debug_assert_eq!(self.cdf.len(), GRID_LEN, "located on the shared grid");
        read(&self.cdf, x)
    }
}

/// Where an x falls on a grid: the part of a lookup that does not depend on the values. Point
/// `index` and the fraction of the way to the next one; below the first point (or NaN) it is
/// the first point, at or above the last the last one, both with fraction 0. A plain struct
/// rather than an enum, so that the engine's innermost loop (six CDFs read per position) takes
/// one well-predicted branch instead of a three-way match.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Located {
    pub index: u32,
    pub frac: f64,
}

/// Where `x` falls on the shared grid (every [`GridCdf`] has [`GRID_LEN`] points).
pub fn locate(x: f64) -> Located {
    locate_in(GRID_LEN, x)
}

fn locate_in(len: usize, x: f64) -> Located {
    let pos = (x - GRID_MIN) / GRID_STEP;
    if pos.is_nan() || pos <= 0.0 {
        return Located {
            index: 0,
            frac: 0.0,
        };
    }
    if pos >= (len - 1) as f64 {
        return Located {
            index: (len - 1) as u32,
            frac: 0.0,
        };
    }
    let i = pos as usize;
    Located {
        index: i as u32,
        frac: pos - i as f64,
    }
}

/// The value at `x`: linear between points, the point itself when the fraction is 0 (which
/// is all the ends need, and skips the read past the last point).
#[inline]
fn read(values: &[f64], x: Located) -> f64 {
    let i = x.index as usize;
    let lo = values[i];
    if x.frac == 0.0 {
        lo
    } else {
        lo + x.frac * (values[i + 1] - lo)
    }
}

/// Linear interpolation of a grid function; constant continuation outside the grid
/// (0 below for a CDF is the caller's business: CDFs start at 0 on this grid).
fn interpolate(values: &[f64], x: f64) -> f64 {
    read(values, locate_in(values.len(), x))
}

/// First x where a non-decreasing grid function reaches `level`, linearly interpolated.
fn crossing(values: &[f64], level: f64) -> Option<f64> {
    let i = values.iter().position(|&v| v >= level)?;
    if i == 0 {
        return Some(GRID_MIN);
    }
    let (a, b) = (values[i - 1], values[i]);
    let frac = if b > a { (level - a) / (b - a) } else { 1.0 };
    Some(grid_x(i - 1) + frac * GRID_STEP)
}

/// The tabulated CDFs on the engine grid, parsed once.
pub fn tabulated() -> &'static PerAnchor<GridCdf> {
    static TABLE: OnceLock<PerAnchor<GridCdf>> = OnceLock::new();
    TABLE.get_or_init(|| table_on_grid(unpack_table(COTRA_2020_PACKED)))
}

/// The packed table (see `build.rs`) as its header's column names and each column's values.
fn unpack_table(packed: &[u8]) -> (Vec<&str>, Vec<Vec<f64>>) {
    let newline = packed
        .iter()
        .position(|&b| b == b'\n')
        .expect("packed table has a header line");
    let header: Vec<&str> = std::str::from_utf8(&packed[..newline])
        .expect("header is UTF-8")
        .split(',')
        .collect();
    let mut bytes = packed[newline + 1..].iter().copied();
    let mut varint = || {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = bytes.next().expect("packed table is complete");
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                break;
            }
        }
        value
    };
    let rows = varint() as usize;
    let columns = header
        .iter()
        .map(|_| {
            // build.rs writes second differences: undo both.
            let (mut units, mut step) = (0i64, 0i64);
            (0..rows)
                .map(|_| {
                    let zigzag = varint();
                    step += (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
                    units += step;
                    // Exact: |units| < 2^53 (build.rs), and the division rounds once.
                    units as f64 / PACKED_UNITS_PER_ONE
                })
                .collect()
        })
        .collect();
    (header, columns)
}

/// Each anchor's column of the author's table, resampled on the engine grid.
fn table_on_grid((header, mut columns): (Vec<&str>, Vec<Vec<f64>>)) -> PerAnchor<GridCdf> {
    let column = |key: &str| {
        header
            .iter()
            .position(|h| *h == key)
            .expect("table has a column per anchor")
    };
    let xs = std::mem::take(&mut columns[column("log10_flop")]);
    let ys: PerAnchor<Vec<f64>> =
        PerAnchor::from_fn(|a| std::mem::take(&mut columns[column(a.key())]));
    PerAnchor::from_fn(|a| {
        // Running maximum: the table is an empirical Monte Carlo CDF, with small dips.
        let mut ys = ys.get(a).clone();
        for i in 1..ys.len() {
            ys[i] = ys[i].max(ys[i - 1]);
        }
        let cdf = (0..GRID_LEN)
            .map(|i| table_at(&xs, &ys, grid_x(i)).clamp(0.0, 1.0))
            .collect();
        GridCdf::new(cdf)
    })
}

/// Linear interpolation in a table with ascending, not necessarily uniform, `xs`.
fn table_at(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    if x <= xs[0] {
        return if x < xs[0] { 0.0 } else { ys[0] };
    }
    if x >= xs[xs.len() - 1] {
        return ys[ys.len() - 1];
    }
    let j = xs.partition_point(|&v| v <= x);
    let (x0, x1, y0, y1) = (xs[j - 1], xs[j], ys[j - 1], ys[j]);
    y0 + (x - x0) / (x1 - x0) * (y1 - y0)
}

/// The empirical CDF of `samples` on the grid: linear interpolation through the points
/// (s_(k), (k + ½)/n) of the sorted samples, so it has no steps. NaN samples are dropped;
/// infinite ones count as mass beyond the ends of the grid.
pub fn cdf_from_samples(samples: &[f64]) -> GridCdf {
    let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| !v.is_nan()).collect();
    if sorted.is_empty() {
        // Nothing to go on: all mass beyond the grid (never reached).
        return GridCdf::new(vec![0.0; GRID_LEN]);
    }
    crate::sorting::floats(&mut sorted);
    let n = sorted.len() as f64;
    let mut cdf = Vec::with_capacity(GRID_LEN);
    // k = number of sorted samples ≤ the current grid point.
    let mut k = 0usize;
    for i in 0..GRID_LEN {
        let x = grid_x(i);
        while k < sorted.len() && sorted[k] <= x {
            k += 1;
        }
        let value = if k == 0 {
            0.0
        } else if k == sorted.len() {
            1.0
        } else {
            let (lo, hi) = (sorted[k - 1], sorted[k]);
            let frac = if hi > lo && hi.is_finite() && lo.is_finite() {
                (x - lo) / (hi - lo)
            } else {
                0.0
            };
            ((k - 1) as f64 + 0.5 + frac) / n
        };
        cdf.push(value.clamp(0.0, 1.0));
    }
    // Points below the first sample's ½/n rank stay at 0 until the first sample: acceptable.
    GridCdf::new(cdf)
}

/// The adjustments applied to one anchor (global and per-anchor settings combined).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Adjustments {
    /// Added to the median, OOM.
    pub shift_oom: f64,
    /// Multiplies distances from the median.
    pub spread_scale: f64,
    /// σ of the Gaussian convolved on, OOM.
    pub extra_sigma_oom: f64,
    /// Low-end floor, log10 FLOP.
    pub floor_log10_flop: f64,
}

/// Applies shift, spread, noise and the low-end update to `base` (see the module docs).
pub fn adjust(base: &GridCdf, adj: &Adjustments) -> GridCdf {
    let mut cdf = shift_and_scale(base, adj.shift_oom, adj.spread_scale);
    if adj.extra_sigma_oom > 0.0 {
        cdf = convolve_gaussian(&cdf, adj.extra_sigma_oom);
    }
    let cdf = low_end_update(&cdf, adj.floor_log10_flop);
    GridCdf::new(cdf)
}

/// H(x) = G(μ + (x − μ − shift)/scale): the median moves by `shift`, distances from it scale.
fn shift_and_scale(base: &GridCdf, shift: f64, scale: f64) -> Vec<f64> {
    if shift == 0.0 && scale == 1.0 {
        return base.cdf.clone();
    }
    let scale = if scale > 0.0 { scale } else { 1.0 };
    let mu = base.median;
    (0..GRID_LEN)
        .map(|i| {
            let source = mu + (grid_x(i) - mu - shift) / scale;
            if source < GRID_MIN {
                0.0
            } else {
                base.at(source)
            }
        })
        .collect()
}

/// Standard normal CDF.
fn std_normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z * std::f64::consts::FRAC_1_SQRT_2)
}

/// The convolution's sums at nodes 0..n: Σ over the cells a node reads of mass × kernel, on
/// top of the prefix mass of the cells below them. Node j reads cells lo..hi (those far
/// below count fully, far above not at all); cell i meets kernel[j + hw − i], cells
/// ascending. Four nodes at once, each sum in its own order as alone (the same bits as one
/// node at a time): the cells only some of them read, then the cells all four read (one cell
/// meeting four neighbouring kernel values), then the rest. Four sums do not wait on one
/// another's additions, which a single sum does.
fn kernel_sums(mass: &[f64], prefix: &[f64], kernel: &[f64], hw: usize, n: usize) -> Vec<f64> {
    let cells = |j: usize| (j.saturating_sub(hw), (j + hw).min(mass.len()));
    let term = |i: usize, j: usize| mass[i] * kernel[j + hw - i];
    let mut out: Vec<f64> = Vec::with_capacity(n);
    let mut j = 0;
    while j < n {
        let ((lo_last, _), (_, hi_first)) = (cells(j + 3), cells(j));
        if j + 3 < n && lo_last <= hi_first {
            let mut v = [0.0; 4];
            for (d, v) in v.iter_mut().enumerate() {
                let lo = cells(j + d).0;
                *v = prefix[lo];
                for i in lo..lo_last {
                    *v += term(i, j + d);
                }
            }
            let kernels = kernel[j + hw + 1 - hi_first..j + hw - lo_last + 4].windows(4);
            for (m, k) in mass[lo_last..hi_first].iter().zip(kernels.rev()) {
                v[0] += m * k[0];
                v[1] += m * k[1];
                v[2] += m * k[2];
                v[3] += m * k[3];
            }
            for (d, mut v) in v.into_iter().enumerate() {
                for i in hi_first..cells(j + d).1 {
                    v += term(i, j + d);
                }
                out.push(v);
            }
            j += 4;
            continue;
        }
        let (lo, hi) = cells(j);
        let mut v = prefix[lo];
        for i in lo..hi {
            v += term(i, j);
        }
        out.push(v);
        j += 1;
    }
    out
}

/// The CDF of F + ε, ε ~ N(0, σ²), for F with CDF `cdf`: Σ over cells of mass × Φ((x − c)/σ).
/// Wide kernels run on a coarser sub-grid (step ≤ σ/10, at most 0.1 OOM), which changes the
/// result by far less than the table's own noise, and keep the cost near 0.5 M multiply-adds.
fn convolve_gaussian(cdf: &[f64], sigma: f64) -> Vec<f64> {
    let stride = ((sigma / (10.0 * GRID_STEP)) as usize).clamp(1, 5);
    let step = GRID_STEP * stride as f64;
    let coarse: Vec<f64> = cdf.iter().step_by(stride).copied().collect();
    let n = coarse.len();
    // Cell i spans coarse nodes i and i+1; its centre is half a step above node i.
    let mass: Vec<f64> = coarse.windows(2).map(|w| w[1] - w[0]).collect();
    let below = coarse[0]; // mass at or below the grid's first point
    let half_width = ((6.0 * sigma / step).ceil() as usize).max(1);
    // kernel[d + half_width] = Φ((d − ½)·step/σ): contribution of a cell d steps below a node.
    let kernel: Vec<f64> = (0..=2 * half_width)
        .map(|j| std_normal_cdf((j as f64 - half_width as f64 - 0.5) * step / sigma))
        .collect();
    let mut prefix = vec![0.0; mass.len() + 1];
    for (i, m) in mass.iter().enumerate() {
        prefix[i + 1] = prefix[i] + m;
    }
    let out: Vec<f64> = kernel_sums(&mass, &prefix, &kernel, half_width, n)
        .into_iter()
        .enumerate()
        .map(|(j, v)| v + below * std_normal_cdf(j as f64 * step / sigma))
        .collect();
    // Back to the fine grid, linearly; a running maximum guards against rounding.
    let mut fine = Vec::with_capacity(GRID_LEN);
    let mut running = 0.0f64;
    for i in 0..GRID_LEN {
        let (q, r) = (i / stride, i % stride);
        let v = if r == 0 || q + 1 >= n {
            out[q.min(n - 1)]
        } else {
            let frac = r as f64 / stride as f64;
            out[q] + frac * (out[q + 1] - out[q])
        };
        running = running.max(v.clamp(0.0, 1.0));
        fine.push(running);
    }
    fine
}

/// Conditions on F > floor: CDF'(x) = (H(x) − H(floor)) / (1 − H(floor)) above the floor, 0
/// below. This is the Bayesian update on "the compute already spent did not give TAI". If
/// (almost) all mass sat below the floor, the requirement is put just at the floor.
fn low_end_update(cdf: &[f64], floor: f64) -> Vec<f64> {
    let at_floor = if floor < GRID_MIN {
        0.0
    } else {
        interpolate(cdf, floor)
    };
    let remaining = 1.0 - at_floor;
    (0..GRID_LEN)
        .map(|i| {
            let x = grid_x(i);
            if x < floor {
                0.0
            } else if remaining <= 1e-12 {
                1.0
            } else {
                ((cdf[i] - at_floor) / remaining).clamp(0.0, 1.0)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::Anchor;

    /// Four nodes at once give each node's sum bit for bit as one node alone, for kernels
    /// narrower and wider than the grid.
    #[test]
    fn kernel_sums_equal_one_node_at_a_time() {
        let mass: Vec<f64> = (0..97)
            .map(|i| ((i * 37 % 11) as f64 + 0.5) / 613.0)
            .collect();
        let mut prefix = vec![0.0];
        for m in &mass {
            prefix.push(prefix.last().unwrap() + m);
        }
        let n = mass.len() + 1;
        for hw in [1, 2, 3, 5, 20, 48, 60, 200] {
            let kernel: Vec<f64> = (0..=2 * hw)
                .map(|k| std_normal_cdf((k as f64 - hw as f64 - 0.5) / (hw as f64 / 3.0)))
                .collect();
            let alone: Vec<u64> = (0..n)
                .map(|j| {
                    let (lo, hi) = (j.saturating_sub(hw), (j + hw).min(mass.len()));
                    let mut v = prefix[lo];
                    for i in lo..hi {
                        v += mass[i] * kernel[j + hw - i];
                    }
                    v.to_bits()
                })
                .collect();
            let together: Vec<u64> = kernel_sums(&mass, &prefix, &kernel, hw, n)
                .iter()
                .map(|v| v.to_bits())
                .collect();
            assert_eq!(together, alone, "half width {hw}");
        }
    }

    /// The packed table `build.rs` makes holds exactly the CSV's values, bit for bit, in the
    /// CSV's order: packing changes bytes on the wire, never a number.
    #[test]
    fn packed_table_equals_the_csv_bit_for_bit() {
        let csv = include_str!("../data/cotra2020-anchor-cdfs.csv");
        let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let (packed_header, columns) = unpack_table(COTRA_2020_PACKED);
        assert_eq!(packed_header, header);
        let mut rows = 0;
        for (row, line) in lines.enumerate() {
            for (column, field) in line.split(',').enumerate() {
                let parsed: f64 = field.trim().parse().unwrap();
                let packed = columns[column][row];
                assert_eq!(
                    packed.to_bits(),
                    parsed.to_bits(),
                    "row {row}, column {column}: {field} unpacked as {packed}"
                );
            }
            rows += 1;
        }
        assert_eq!(rows, 5000);
        assert!(columns.iter().all(|c| c.len() == rows));
    }

    #[test]
    fn table_medians_match_the_authors_spreadsheet() {
        let t = tabulated();
        // Her spreadsheet's medians: Lifetime 28.8, Short 32.4, Genome 33.8, Medium 34.9, Long 37.8, Evolution 41.25.
        let expected = [28.8, 32.4, 34.9, 37.8, 33.8, 41.25];
        for (a, e) in Anchor::ALL.into_iter().zip(expected) {
            let m = t.get(a).median;
            assert!((m - e).abs() < 0.06, "{a:?}: median {m}, hers {e}");
        }
        // Zero mass below the largest 2020 run (AlphaStar, ~10^23.12 FLOP).
        for (_, c) in t.iter() {
            assert_eq!(c.at(23.0), 0.0);
        }
    }

    #[test]
    fn convolution_keeps_the_median_and_widens() {
        let base = tabulated().get(Anchor::NnMedium);
        let wide = convolve_gaussian(&base.cdf, 3.0);
        let wide = GridCdf::new(wide);
        assert!((wide.median - base.median).abs() < 0.3, "{}", wide.median);
        // 10th percentile moves down, 90th up.
        let p10 = |c: &GridCdf| crossing(&c.cdf, 0.1).unwrap();
        let p90 = |c: &GridCdf| crossing(&c.cdf, 0.9).unwrap();
        assert!(p10(&wide) < p10(base) - 1.0);
        assert!(p90(&wide) > p90(base) + 1.0);
    }

    #[test]
    fn samples_of_a_uniform_give_a_straight_cdf() {
        let samples: Vec<f64> = (0..1000)
            .map(|i| 30.0 + 10.0 * (i as f64 + 0.5) / 1000.0)
            .collect();
        let c = cdf_from_samples(&samples);
        assert!((c.median - 35.0).abs() < 0.02);
        assert!((c.at(32.5) - 0.25).abs() < 0.002);
        assert_eq!(c.at(29.0), 0.0);
        assert_eq!(c.at(41.0), 1.0);
    }
}
