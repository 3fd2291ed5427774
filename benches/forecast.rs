//! Native benchmarks of the model (`cargo bench`). Results go to BENCHMARKS.md.
use criterion::{criterion_group, criterion_main, Criterion};

fn placeholder(c: &mut Criterion) {
    c.bench_function("anchor_keys", |b| {
        b.iter(|| bioanchors::model::Anchor::ALL.map(|a| a.key().len()))
    });
}

criterion_group!(benches, placeholder);
criterion_main!(benches);
