//! Parse throughput on the generated corpus (`cargo bench -p jixiao_parse`).
//!
//! Figures are bytes of input per second on one core; see README.md for the latest run.

use divan::counter::BytesCount;
use divan::Bencher;

// The same allocator as the `jixiao` binary.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn corpus(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| jixiao_render::corpus::render(42, i))
        .collect()
}

/// Whole documents, as `jixiao parse` reads them.
#[divan::bench]
fn parse_documents(bencher: Bencher) {
    let docs = corpus(200);
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            divan::black_box(jixiao_parse::parse_str("bench.txt", divan::black_box(d)));
        }
    });
}

/// Whole documents from their bytes, as `jixiao parse` reads a file: the input stage (format
/// detection, decoding, the tab-separated fast path) and the reader.
#[divan::bench]
fn parse_bytes_documents(bencher: Bencher) {
    let docs = corpus(200);
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            divan::black_box(
                jixiao_parse::parse_bytes("bench.txt", divan::black_box(d.as_bytes())).unwrap(),
            );
        }
    });
}

/// The input stage alone on space-separated text (every tab of the corpus made two spaces):
/// cells cut at runs of spaces and aligned into columns.
#[divan::bench]
fn input_stage_space_separated(bencher: Bencher) {
    let docs: Vec<String> = corpus(200).iter().map(|d| d.replace('\t', "  ")).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for d in &docs {
            divan::black_box(
                jixiao_input::read("bench.txt", divan::black_box(d.as_bytes())).unwrap(),
            );
        }
    });
}

/// Parsing plus JSON serialisation, as `jixiao parse --format jsonl` does.
#[divan::bench]
fn parse_and_serialize(bencher: Bencher) {
    let docs = corpus(200);
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut buf = Vec::with_capacity(1 << 20);
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        buf.clear();
        for d in &docs {
            let doc = jixiao_parse::parse_str("bench.txt", d);
            serde_json::to_writer(&mut buf, &doc).unwrap();
        }
        divan::black_box(buf.len())
    });
}

/// The value lexer on typical target cells.
#[divan::bench(args = ["≥30.00(亿美元)", "=100%百分比", "<=4月30日", "部分达成指标并具有一定效果", "约40万条"])]
fn parse_value(cell: &str) -> jixiao_model::Value {
    jixiao_text::parse_value(divan::black_box(cell))
}
