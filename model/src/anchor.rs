//! The six biological anchors and a container holding one value per anchor.

use serde::{Deserialize, Serialize};

/// One hypothesis about how much 2020-algorithms training compute a transformative model needs.
/// Order: the order the report lists them in, and the column order of every table we print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    Lifetime,
    NnShort,
    NnMedium,
    NnLong,
    Genome,
    Evolution,
}

impl Anchor {
    pub const ALL: [Anchor; 6] = [
        Anchor::Lifetime,
        Anchor::NnShort,
        Anchor::NnMedium,
        Anchor::NnLong,
        Anchor::Genome,
        Anchor::Evolution,
    ];

    /// Position in [`Anchor::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Stable machine name, used in CSV headers, JSON and share links.
    pub fn key(self) -> &'static str {
        match self {
            Anchor::Lifetime => "lifetime",
            Anchor::NnShort => "nn_short",
            Anchor::NnMedium => "nn_medium",
            Anchor::NnLong => "nn_long",
            Anchor::Genome => "genome",
            Anchor::Evolution => "evolution",
        }
    }

    /// Human name, as in the report.
    pub fn label(self) -> &'static str {
        match self {
            Anchor::Lifetime => "Lifetime",
            Anchor::NnShort => "Short-horizon NN",
            Anchor::NnMedium => "Medium-horizon NN",
            Anchor::NnLong => "Long-horizon NN",
            Anchor::Genome => "Genome",
            Anchor::Evolution => "Evolution",
        }
    }

    pub fn from_key(key: &str) -> Option<Anchor> {
        Anchor::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// One `T` per anchor, serialized with the anchors' keys as field names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PerAnchor<T> {
    pub lifetime: T,
    pub nn_short: T,
    pub nn_medium: T,
    pub nn_long: T,
    pub genome: T,
    pub evolution: T,
}

impl<T> PerAnchor<T> {
    pub fn from_fn(mut f: impl FnMut(Anchor) -> T) -> Self {
        PerAnchor {
            lifetime: f(Anchor::Lifetime),
            nn_short: f(Anchor::NnShort),
            nn_medium: f(Anchor::NnMedium),
            nn_long: f(Anchor::NnLong),
            genome: f(Anchor::Genome),
            evolution: f(Anchor::Evolution),
        }
    }

    pub fn get(&self, anchor: Anchor) -> &T {
        match anchor {
            Anchor::Lifetime => &self.lifetime,
            Anchor::NnShort => &self.nn_short,
            Anchor::NnMedium => &self.nn_medium,
            Anchor::NnLong => &self.nn_long,
            Anchor::Genome => &self.genome,
            Anchor::Evolution => &self.evolution,
        }
    }

    pub fn get_mut(&mut self, anchor: Anchor) -> &mut T {
        match anchor {
            Anchor::Lifetime => &mut self.lifetime,
            Anchor::NnShort => &mut self.nn_short,
            Anchor::NnMedium => &mut self.nn_medium,
            Anchor::NnLong => &mut self.nn_long,
            Anchor::Genome => &mut self.genome,
            Anchor::Evolution => &mut self.evolution,
        }
    }

    /// `(anchor, &value)` in [`Anchor::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Anchor, &T)> {
        Anchor::ALL.into_iter().map(move |a| (a, self.get(a)))
    }

    pub fn map<U>(&self, mut f: impl FnMut(Anchor, &T) -> U) -> PerAnchor<U> {
        PerAnchor::from_fn(|a| f(a, self.get(a)))
    }
}
