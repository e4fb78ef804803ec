//! Scoring by printed standards on a composed Guangdong scoresheet
//! (`fixtures/scoresheet_standards.txt`): every rule form scores its row, a readable standard
//! that does not fit its values falls back to the rule set, an unreadable one is ignored, and
//! the working says which basis was used.

use std::str::FromStr;

use jixiao_model::{Decimal, Form};
use jixiao_score::{score, Item, RuleSet, Scored, Status};

const SHEET: &str = include_str!("fixtures/scoresheet_standards.txt");

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn form() -> Form {
    let doc = jixiao_parse::parse_str("scoresheet_standards.txt", SHEET);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.forms.len(), 1);
    doc.forms.into_iter().next().unwrap()
}

fn scored() -> Scored {
    score(&form(), &RuleSet::builtin("guangdong").unwrap())
}

fn at(s: &Scored, line: u32) -> &Item {
    s.items
        .iter()
        .find(|i| i.line == line)
        .unwrap_or_else(|| panic!("no item at line {line}"))
}

/// (rule, recomputed score, status, form of the standard used) of the item at `line`.
fn outcome(s: &Scored, line: u32) -> (&str, Option<Decimal>, Status, Option<&str>) {
    let it = at(s, line);
    let used = it
        .standard
        .as_ref()
        .filter(|p| p.used)
        .map(|p| p.form.as_str());
    (it.rule.as_str(), it.recomputed_score, it.status, used)
}

#[test]
fn each_rule_form_scores_its_row() {
    let s = scored();
    use Status::*;
    // 36 of 40 by 实现值/预期值×权重: 7.20, the sheet says 8.
    assert_eq!(
        outcome(&s, 22),
        ("standard", Some(d("7.20")), Differs, Some("proportional"))
    );
    // 未完成的每场扣1分: 2 场 short → 8 − 2.
    assert_eq!(
        outcome(&s, 23),
        ("standard", Some(d("6")), Match, Some("deduction"))
    );
    // 93 % in 90 %（含）– 95 %: 80 % of 12.
    assert_eq!(
        outcome(&s, 24),
        ("standard", Some(d("9.60")), Match, Some("tiers"))
    );
    // 98 % against ≥ 98 %: met, full marks.
    assert_eq!(
        outcome(&s, 25),
        ("standard", Some(d("12")), Match, Some("binary"))
    );
    // 4.8 of 5 万人次 = 96 %: four 1 % steps × 0.5 off 20.
    assert_eq!(
        outcome(&s, 26),
        ("standard", Some(d("18.00")), Match, Some("deduction"))
    );
    // 92 % satisfied × 10.
    assert_eq!(
        outcome(&s, 28),
        ("standard", Some(d("9.20")), Match, Some("share"))
    );
}

#[test]
fn a_readable_standard_that_does_not_fit_falls_back() {
    let s = scored();
    // 39 of 40 = 97.5 %: two and a half 1 % steps, and the standard does not say how half a
    // step counts: the rule set's proportional formula scores the row, and says why.
    let it = at(&s, 27);
    assert_eq!(
        (it.rule.as_str(), it.recomputed_score, it.status),
        ("positive", Some(d("9.75")), Status::Match)
    );
    let p = it.standard.as_ref().expect("the readable standard is kept");
    assert_eq!((p.form.as_str(), p.used), ("deduction", false));
    assert!(p.fallback.as_deref().unwrap().contains("part step"));
    assert_eq!(p.text, "达到目标值得满分，每低于目标1%扣1分。");
}

#[test]
fn unreadable_standards_leave_the_rule_set_alone() {
    let s = scored();
    // 酌情扣分: judgement, range-checked as before; no standard on the item.
    let it = at(&s, 21);
    assert_eq!(
        (it.rule.as_str(), it.status),
        ("judgement", Status::InRange)
    );
    assert!(it.standard.is_none());
    // The 资金支出率 row is the execution item, scored from the money block.
    let it = at(&s, 20);
    assert_eq!(
        (it.rule.as_str(), it.recomputed_score),
        ("execution", Some(d("11.52")))
    );
    assert!(it.standard.is_none());
}

#[test]
fn the_printed_standard_changes_the_score_where_it_differs_from_the_rule_set() {
    let with = scored();
    let mut bare = form();
    for i in &mut bare.indicators {
        i.standard = None;
    }
    let without = score(&bare, &RuleSet::builtin("guangdong").unwrap());
    // The deduction row: 18 by the printed standard, 0.96 × 20 = 19.20 by the rule set.
    assert_eq!(
        outcome(&without, 26),
        ("positive", Some(d("19.20")), Status::Differs, None)
    );
    assert_eq!(at(&with, 26).status, Status::Match);
    // The tier row: 80 % of 12 by the standard, 93 / 95 × 12 by the rule set.
    assert_eq!(at(&without, 24).recomputed_score, Some(d("11.75")));
    // The share row: 92 % × 10 by the standard, full marks (≥ 90 % met) by the rule set.
    assert_eq!(at(&without, 28).recomputed_score, Some(d("10.00")));
    assert_ne!(with.recomputed_total, without.recomputed_total);
}

#[test]
fn the_working_names_the_basis_and_shows_the_text() {
    let s = scored();
    assert_eq!(
        at(&s, 22).formula,
        "评分标准 (proportional): 36 / 40 × 8 = 7.20"
    );
    assert_eq!(
        at(&s, 26).formula,
        "评分标准 (deduction): 完成率 4.8 / 5 = 96% is 4% below 100% → 4 step(s) × 0.5 = 2; max(0, 20 − 2) = 18.00"
    );
    let text = s.explain();
    assert!(
        text.contains(
            "评分标准 (printed, used): 自评分数=评价年度实现值/评价年度预期值×指标权重。"
        ),
        "{text}"
    );
    assert!(
        text.contains("评分标准 (printed, deduction) not applied (2.5 is not a whole number"),
        "{text}"
    );
    let json = serde_json::to_value(at(&s, 24)).unwrap();
    assert_eq!(json["rule"], "standard");
    assert_eq!(json["standard"]["form"], "tiers");
    assert_eq!(json["standard"]["used"], true);
    // The text as the reader keeps it (full-width brackets folded).
    assert_eq!(
        json["standard"]["text"],
        "≥95%得满分，90%(含)-95%得80%分值，低于90%不得分。"
    );
    // Items without a readable standard serialise as before (no `standard` key).
    let plain = serde_json::to_value(at(&s, 21)).unwrap();
    assert!(plain.get("standard").is_none());
}

#[test]
fn a_readable_standard_on_worded_values_is_kept_unused() {
    let mut f = Form::new(jixiao_model::FormKind::EvaluationScoresheet, 1);
    f.indicators.push(jixiao_model::Indicator {
        path: vec!["效益".into(), "满意度指标".into(), "服务对象满意度".into()],
        target: jixiao_text::parse_value("满意"),
        actual: jixiao_text::parse_value("较满意"),
        weight: Some(d("5")),
        score: Some(d("4")),
        note: None,
        line: 7,
        path_weights: Vec::new(),
        standard: Some("表示满意的服务对象数/接受调查的对象总数×指标分值".into()),
        evidence: None,
    });
    let s = score(&f, &RuleSet::builtin("guangdong").unwrap());
    let it = at(&s, 7);
    assert_ne!(it.rule, "standard");
    let p = it.standard.as_ref().unwrap();
    assert_eq!((p.form.as_str(), p.used), ("share", false));
    assert_eq!(
        p.fallback.as_deref(),
        Some("the target and actual are not both numbers")
    );
}
