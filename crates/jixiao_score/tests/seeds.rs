//! Scoring acceptance over the real documents in `../shared/seeds` (skipped with a notice
//! when absent). Each remaining difference is listed with why it is the document's.

use jixiao_model::{Document, FormKind};
use jixiao_score::{score_document, RuleSet, Scored, Status};

#[path = "../../jixiao_parse/tests/support/seeds.rs"]
mod seeds;

fn seed(prefix: &str) -> Option<Document> {
    seeds::parse(prefix, "seed.txt")
}

fn scored(doc: &Document, kind: FormKind, rules: &RuleSet) -> Vec<Scored> {
    score_document(
        doc.forms
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| (f, rules)),
    )
}

/// (form index, line) of every item whose stated score differs from the recomputed one.
fn differing(scored: &[Scored]) -> Vec<(usize, u32)> {
    scored
        .iter()
        .enumerate()
        .flat_map(|(k, s)| {
            s.items
                .iter()
                .filter(|i| matches!(i.status, Status::Differs | Status::OutOfRange))
                .map(move |i| (k, i.line))
        })
        .collect()
}

#[test]
fn shanghai_self_evaluations_reproduce() {
    let rules = RuleSet::builtin("shanghai").unwrap();
    for (prefix, forms, convention) in
        [("000_", 2, "half-away-from-zero"), ("002_", 10, "truncate")]
    {
        let Some(doc) = seed(prefix) else { return };
        let s = scored(&doc, FormKind::SelfEvaluation, &rules);
        assert_eq!(s.len(), forms);
        for f in &s {
            // Every stated execution score reproduces under the detected convention…
            let exec = &f.items[0];
            assert_eq!(
                (exec.rule.as_str(), exec.status),
                ("execution", Status::Match),
                "{prefix} {:?}",
                f.project
            );
            assert!(
                f.rounding.starts_with(convention),
                "{prefix} {:?}: {}",
                f.project,
                f.rounding
            );
            // …and every printed total is the sum of the printed scores.
            assert_eq!(f.stated_sum, f.stated_total, "{prefix} {:?}", f.project);
            // No stated grade contradicts the recomputed one.
            assert_eq!(
                f.stated_grade, f.recomputed_grade,
                "{prefix} {:?}",
                f.project
            );
        }
    }
}

#[test]
fn remaining_differences_are_the_documents() {
    let rules = RuleSet::builtin("shanghai").unwrap();
    let Some(doc) = seed("000_") else { return };
    let s = scored(&doc, FormKind::SelfEvaluation, &rules);
    // 钻石交易所交易额 20.2 of ≥30.00 亿美元 and 宝玉石交易中心交易额 7.2 of ≥10.00 亿人民币 are
    // both scored 13/15 by hand; proportional scoring gives 10.10 and 10.80.
    assert_eq!(differing(&s), [(0, 17), (0, 18)]);
    assert_eq!(s[0].items[1].recomputed_score.unwrap().to_string(), "10.10");
    assert_eq!(s[0].items[2].recomputed_score.unwrap().to_string(), "10.80");
    // The 2024 form prints 分值 总分 93.77 although the weights add up to 100.
    assert_eq!(s[0].weight_sum.unwrap().to_string(), "100.00");
    // 执行率 printed 0.00 beside 99.21 / 100.00.
    assert!(s[1].items[0]
        .flags
        .iter()
        .any(|f| f == "printed_rate_0.00_differs"));
    // Two benefit indicators state free text as their actual value: insufficient data.
    assert_eq!(
        s[0].items_with(Status::InsufficientData)
            .map(|i| i.line)
            .collect::<Vec<_>>(),
        [20, 21]
    );

    let Some(doc) = seed("002_") else { return };
    let s = scored(&doc, FormKind::SelfEvaluation, &rules);
    // 海外办事处专项: 57 of ≥100 场 scored 7/10 (proportional: 5.70).
    // 上交会经费: 参展商满意度 81 % against ≥80 % scored 4/5 although the target is met.
    assert_eq!(differing(&s), [(2, 65), (6, 179)]);
}
