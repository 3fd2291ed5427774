//! Packs `data/cotra2020-anchor-cdfs.csv` (the author's per-anchor CDFs, 290 KB of decimal text)
//! into a compact table the model embeds instead: every value is a whole number of 1e-8 units,
//! written column by column as second differences between rows (zigzag LEB128 varints). The
//! CDFs are smooth, so these are small and regular: the wasm carries ~25 KB gzipped instead of
//! ~90 KB. Lossless by construction: `k / 1e8` in f64 is the correctly rounded value
//! of the same decimal that `str::parse` reads (both round the same real number), so the model's
//! numbers do not change; `requirements::tests` checks every cell against the CSV.
//!
//! Layout of `$OUT_DIR/cotra2020-anchor-cdfs.bin`: the CSV's header line and `\n`, the row count
//! as a varint, then each column's varints.

use std::fmt::Write as _;
use std::path::PathBuf;

const CSV: &str = "data/cotra2020-anchor-cdfs.csv";
/// Decimal places kept: the CSV's most precise value has 8 (its log10 FLOP column).
const DECIMALS: i32 = 8;

fn main() {
    println!("cargo::rerun-if-changed={CSV}");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(CSV).unwrap_or_else(|e| panic!("reading {CSV}: {e}"));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().expect("the CSV has a header");
    let columns = header.split(',').count();
    let mut table: Vec<Vec<i64>> = vec![Vec::new(); columns];
    for (row, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        assert_eq!(
            fields.len(),
            columns,
            "{CSV} row {}: {} fields",
            row + 2,
            fields.len()
        );
        for (column, field) in fields.iter().enumerate() {
            let units = scaled_integer(field)
                .unwrap_or_else(|e| panic!("{CSV} row {} column {column}: {e}", row + 2));
            table[column].push(units);
        }
    }
    let rows = table[0].len();
    let mut out = Vec::with_capacity(80_000);
    out.extend_from_slice(header.as_bytes());
    out.push(b'\n');
    push_varint(&mut out, rows as u64);
    for column in &table {
        // Second differences: the x column's steps are constant and the CDFs' slopes change
        // slowly, so these are mostly zero or tiny.
        let (mut previous, mut previous_step) = (0i64, 0i64);
        for &value in column {
            let step = value - previous;
            let change = step - previous_step;
            push_varint(&mut out, ((change << 1) ^ (change >> 63)) as u64);
            (previous, previous_step) = (value, step);
        }
    }
    let path = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("cotra2020-anchor-cdfs.bin");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// A decimal such as `31.98639728`, `0.823` or `1.64e-02` as a whole number of 1e-8 units,
/// computed on the digits (no floating point), or why it cannot be.
fn scaled_integer(field: &str) -> Result<i64, String> {
    let (mantissa, exponent) = match field.find(['e', 'E']) {
        Some(i) => (
            &field[..i],
            field[i + 1..]
                .parse::<i32>()
                .map_err(|e| format!("{field:?}: bad exponent ({e})"))?,
        ),
        None => (field, 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits = String::new();
    write!(digits, "{whole}{fraction}").expect("writing to a String");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{field:?} is not a decimal number"));
    }
    let shift = DECIMALS + exponent - fraction.len() as i32;
    if shift < 0 {
        return Err(format!("{field:?} has more than {DECIMALS} decimal places"));
    }
    let mut value: i64 = digits.parse().map_err(|e| format!("{field:?}: {e}"))?;
    for _ in 0..shift {
        value = value
            .checked_mul(10)
            .ok_or_else(|| format!("{field:?} is too large"))?;
    }
    if value >= 1 << 53 {
        return Err(format!(
            "{field:?} is not exact in f64 at 1e-{DECIMALS} units"
        ));
    }
    Ok(if negative { -value } else { value })
}

fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
