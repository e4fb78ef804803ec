//! Check throughput on the generated corpus (`cargo bench -p jixiao_audit`): parse alone, and
//! parse + every rule, on the same documents.

use divan::counter::BytesCount;
use divan::Bencher;

// The same allocator as the `jixiao` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn corpus() -> Vec<String> {
    (0..200)
        .map(|i| jixiao_render::corpus::render(42, i))
        .collect()
}

#[divan::bench]
fn parse_only(bencher: Bencher) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            divan::black_box(jixiao_parse::parse_str("bench.txt", d));
        }
    });
}

#[divan::bench]
fn parse_and_check(bencher: Bencher) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let config = jixiao_audit::Config::default();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            let doc = jixiao_parse::parse_str("bench.txt", d);
            divan::black_box(jixiao_audit::check(&doc, d, &config));
        }
    });
}
