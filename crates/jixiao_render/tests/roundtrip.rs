//! Property: render → parse gives back the same form, for every kind the renderer writes and
//! every layout noise style.

use jixiao_model::Form;
use jixiao_render::{gen, render_form, Rng, Style};
use proptest::prelude::*;

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
