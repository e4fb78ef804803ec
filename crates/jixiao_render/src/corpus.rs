//! `jixiao corpus`: a large, realistic, deterministic corpus for benchmarks.
//!
//! Document `i` of seed `s` depends only on `(s, i)`, so a corpus can be regenerated or
//! extended exactly. Documents mix the layouts: a department's self-evaluations (several forms
//! per file, as published, half of the documents), target-declaration collections (three in
//! ten) and departmental final accounts (two in ten).

use std::io::Write;
use std::path::Path;

use jixiao_model::{Document, FormKind};

use crate::{gen, render_form, Rng, Style};

/// The forms of corpus document `index` for `seed`.
pub fn document(seed: u64, index: usize) -> Document {
    let mut rng = Rng::new(
        seed.wrapping_mul(0x1000_0000_01B3)
            .wrapping_add(index as u64),
    );
    let kind = match rng.range(0, 99) {
        0..=49 => FormKind::SelfEvaluation,
        50..=79 => FormKind::TargetDeclaration,
        _ => FormKind::FinalAccounts,
    };
    let n = if kind == FormKind::FinalAccounts {
        1
    } else {
        rng.range(3, 12) as usize
    };
    let forms = (0..n)
        .map(|_| match kind {
            FormKind::TargetDeclaration => gen::target_declaration(&mut rng),
            FormKind::FinalAccounts => crate::gen_final_accounts(&mut rng),
            _ => gen::self_evaluation(&mut rng),
        })
        .collect();
    Document {
        file: format!("doc{index:05}.txt"),
        forms,
        ..Document::default()
    }
}

/// Renders corpus document `index` for `seed` (its layout noise is chosen from the seed too).
pub fn render(seed: u64, index: usize) -> String {
    let doc = document(seed, index);
    let mut rng = Rng::new(seed ^ (index as u64).rotate_left(32));
    let style = Style::random(&mut rng);
    let mut out = String::new();
    for f in &doc.forms {
        render_form(f, style, &mut out);
    }
    out
}

/// Writes `docs` documents for `seed` into `dir` (as `doc00000.txt` …); returns bytes written.
pub fn write_corpus(dir: &Path, docs: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0u64;
    for i in 0..docs {
        let text = render(seed, i);
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(dir.join(format!("doc{i:05}.txt")))?);
        f.write_all(text.as_bytes())?;
        f.flush()?;
        bytes += text.len() as u64;
    }
    Ok(bytes)
}
