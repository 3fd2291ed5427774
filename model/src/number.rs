//! A number as the shortest text that reads back as exactly the same `f64`: what share links,
//! scenario files and messages write, so `1e24` stays `1e24` and `0.1 + 0.2` keeps every digit
//! it needs. A leaf module: links, files and the scenario's own messages all use it.

/// The shorter of Rust's two shortest round-trip forms (plain and scientific): both parse back
/// to exactly `v`.
pub fn shortest(v: f64) -> String {
    let plain = format!("{v}");
    let sci = format!("{v:e}");
    if sci.len() < plain.len() {
        sci
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_picks_the_shorter_exact_form() {
        assert_eq!(shortest(1e24), "1e24");
        assert_eq!(shortest(2.5), "2.5");
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
        for v in [1e24, 4e17, 0.791_7, 2.13e13, 23.120_573_931_529_42] {
            assert_eq!(shortest(v).parse::<f64>().unwrap().to_bits(), v.to_bits());
        }
    }
}
