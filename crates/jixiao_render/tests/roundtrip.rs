//! Property: render → parse gives back the same form, for every kind the renderer writes and
//! every layout noise style.

use jixiao_model::Form;
use jixiao_render::{gen, render_form, Rng, Style};
use proptest::prelude::*;

#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

fn style_from(bits: u8) -> Style {
    Style {
        shift_funds: bits & 1 != 0,
        half_width_colons: bits & 2 != 0,
        spaced_headers: bits & 4 != 0,
        html_paragraphs: bits & 8 != 0,
        wrap_names: bits & 16 != 0,
        shift_rows: bits & 32 != 0,
    }
}

fn roundtrip(mut form: Form, style: Style) {
    let mut text = String::new();
    assert!(render_form(&form, style, &mut text));
    let doc = jixiao_parse::parse_str("gen.txt", &text);
    assert!(
        doc.warnings.is_empty(),
        "warnings {:?}\n{text}",
        doc.warnings
    );
    assert_eq!(doc.forms.len(), 1, "{text}");
    let mut parsed = doc.forms.into_iter().next().unwrap();
    // Lines are those of the rendering: every row must point at a line holding its text.
    let lines: Vec<&str> = text.lines().collect();
    for ind in &parsed.indicators {
        let l = lines[ind.line as usize - 1];
        assert!(
            l.contains(ind.path[2].as_str()),
            "line {} {l:?} lacks {:?}",
            ind.line,
            ind.path[2]
        );
    }
    // Rendering the parsed form gives the same text (a fixpoint).
    let mut again = String::new();
    render_form(&parsed, style, &mut again);
    assert_eq!(again, text);
    gen::clear_lines(&mut parsed);
    gen::clear_lines(&mut form);
    assert_eq!(parsed, form, "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn self_evaluation_roundtrips(seed in any::<u64>(), bits in 0u8..64) {
        let form = gen::self_evaluation(&mut Rng::new(seed));
        roundtrip(form, style_from(bits));
    }

    #[test]
    fn target_declaration_roundtrips(seed in any::<u64>(), bits in 0u8..64) {
        let form = gen::target_declaration(&mut Rng::new(seed));
        roundtrip(form, style_from(bits));
    }
}

#[test]
fn corpus_is_deterministic() {
    assert_eq!(
        jixiao_render::corpus::render(7, 3),
        jixiao_render::corpus::render(7, 3)
    );
    assert_ne!(
        jixiao_render::corpus::render(7, 3),
        jixiao_render::corpus::render(8, 3)
    );
}

/// A parsed form rendered and parsed again is the same form (source lines aside).
fn reparse_equal(kind: jixiao_model::FormKind, name: &str, text: &str) {
    let doc = jixiao_parse::parse_str(name, text);
    let forms: Vec<Form> = doc.forms.into_iter().filter(|f| f.kind == kind).collect();
    assert!(!forms.is_empty(), "{name}: no {kind:?} form");
    for mut f in forms {
        let mut out = String::new();
        assert!(render_form(&f, Style::default(), &mut out));
        let again = jixiao_parse::parse_str("rendered.txt", &out);
        assert!(
            again.warnings.is_empty(),
            "{name}: {:?}\n{out}",
            again.warnings
        );
        let mut g = again
            .forms
            .into_iter()
            .find(|x| x.kind == kind)
            .expect("form back");
        gen::clear_lines(&mut f);
        gen::clear_lines(&mut g);
        assert_eq!(g.tables.len(), f.tables.len(), "{name}\n{out}");
        for (a, b) in f.tables.iter().zip(&g.tables) {
            assert_eq!(a, b, "{name}: table {}\n{out}", a.id);
        }
        assert_eq!(
            (g.year, &g.department, &g.unit),
            (f.year, &f.department, &f.unit)
        );
    }
}

#[test]
fn final_accounts_fixture_roundtrips() {
    reparse_equal(
        jixiao_model::FormKind::FinalAccounts,
        "final_accounts.txt",
        include_str!("../../jixiao_parse/tests/fixtures/final_accounts.txt"),
    );
}

#[test]
fn final_accounts_seed_roundtrips() {
    for p in seeds::all() {
        let text = String::from_utf8(std::fs::read(&p).unwrap()).unwrap();
        let doc = jixiao_parse::parse_str("seed", &text);
        if doc
            .forms
            .iter()
            .any(|f| f.kind == jixiao_model::FormKind::FinalAccounts)
        {
            reparse_equal(
                jixiao_model::FormKind::FinalAccounts,
                &p.display().to_string(),
                &text,
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_final_accounts_roundtrip(seed in any::<u64>()) {
        let mut form = jixiao_render::gen_final_accounts(&mut Rng::new(seed));
        let mut text = String::new();
        render_form(&form, Style::default(), &mut text);
        let doc = jixiao_parse::parse_str("fa.txt", &text);
        prop_assert!(doc.warnings.is_empty(), "{:?}\n{}", doc.warnings, text);
        let mut parsed = doc.forms.into_iter().find(|f| f.kind == jixiao_model::FormKind::FinalAccounts).unwrap();
        gen::clear_lines(&mut parsed);
        gen::clear_lines(&mut form);
        for (a, b) in form.tables.iter().zip(&parsed.tables) {
            prop_assert_eq!(a, b, "\n{}", text);
        }
        prop_assert_eq!(form.tables.len(), parsed.tables.len());
    }
}

#[test]
fn scoresheet_fixture_roundtrips() {
    // The fixture has a summarised grid part and an empty level-2 row, which the reader reports
    // as warnings; what it did read must come back the same.
    let text = include_str!("../../jixiao_parse/tests/fixtures/scoresheet_jiangmen.txt");
    let doc = jixiao_parse::parse_str("scoresheet_jiangmen.txt", text);
    let mut f = doc.forms.into_iter().next().unwrap();
    let mut out = String::new();
    assert!(render_form(&f, Style::default(), &mut out));
    let again = jixiao_parse::parse_str("rendered.txt", &out);
    assert!(again.warnings.is_empty(), "{:?}\n{out}", again.warnings);
    let mut g = again.forms.into_iter().next().unwrap();
    gen::clear_lines(&mut f);
    gen::clear_lines(&mut g);
    assert_eq!(g, f, "\n{out}");
}

#[test]
fn scoresheet_seed_roundtrips() {
    if let Some(p) = seeds::find("003_") {
        let text = String::from_utf8(std::fs::read(&p).unwrap()).unwrap();
        let doc = jixiao_parse::parse_str("seed", &text);
        let mut f = doc.forms.into_iter().next().unwrap();
        let mut out = String::new();
        render_form(&f, Style::default(), &mut out);
        let again = jixiao_parse::parse_str("rendered.txt", &out);
        let mut g = again.forms.into_iter().next().unwrap();
        gen::clear_lines(&mut f);
        gen::clear_lines(&mut g);
        assert_eq!(g.indicators, f.indicators, "\n{out}");
        assert_eq!(
            (g.money, g.total, g.project, g.year),
            (f.money, f.total, f.project, f.year)
        );
    }
}
