//! `docs/rules/CODE.md` is generated from the rules' doc comments; this test fails when the
//! committed pages are stale. Regenerate with `JIXIAO_BLESS=1 cargo test -p jixiao_audit --test docs`
//! (or `jixiao rules --markdown docs/rules`).

use std::path::Path;

use jixiao_audit::{codes, render};

#[test]
fn rule_pages_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let bless = std::env::var_os("JIXIAO_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for r in codes::RULES {
        let m = r.meta();
        let page = render::rule_doc(m);
        let path = dir.join(format!("{}.md", m.code));
        if bless {
            std::fs::write(&path, &page).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(m.code);
        }
    }
    let metas: Vec<_> = codes::RULES.iter().map(|r| r.meta()).collect();
    let index = render::rules_index(&metas);
    let path = dir.join("README.md");
    if bless {
        std::fs::write(&path, &index).unwrap();
    } else if std::fs::read_to_string(&path).ok().as_deref() != Some(index.as_str()) {
        stale.push("README");
    }
    assert!(
        stale.is_empty(),
        "stale rule docs {stale:?}: run JIXIAO_BLESS=1 cargo test -p jixiao_audit --test docs"
    );
}
