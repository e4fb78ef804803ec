//! Scoring at every boundary the rules have, and invariants as properties.

use std::str::FromStr;

use jixiao_model::{Decimal, Form, FormKind, Funds, FundsRow, Indicator, Total};
use jixiao_score::{score, Mode, RuleSet, Scored, Status};
use jixiao_text::parse_value;
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn ind(path: &str, target: &str, actual: &str, weight: &str, score: &str) -> Indicator {
    Indicator {
        path: path.split('/').map(str::to_string).collect(),
        target: parse_value(target),
        actual: parse_value(actual),
        weight: (!weight.is_empty()).then(|| d(weight)),
        score: (!score.is_empty()).then(|| d(score)),
        note: None,
        line: 10,
        path_weights: Vec::new(),
        standard: None,
        evidence: None,
    }
}

/// A self-evaluation with one funds row and the given indicators.
fn form(funds: Option<[&str; 6]>, indicators: Vec<Indicator>, total: Option<&str>) -> Form {
    let mut f = Form::new(FormKind::SelfEvaluation, 1);
    f.year = Some(2023);
    f.project = Some("测试项目".into());
    if let Some(c) = funds {
        let n = |s: &str| jixiao_text::parse_decimal(s);
        f.funds = Some(Funds {
            unit: "万元".into(),
            line: 4,
            rows: vec![FundsRow {
                name: "年度资金总额".into(),
                initial_budget: n(c[0]),
                annual_budget: n(c[1]),
                executed: n(c[2]),
                weight: n(c[3]),
                rate_pct: n(c[4]),
                score: n(c[5]),
                line: 5,
                raw: c.iter().map(|s| s.to_string()).collect(),
            }],
        });
    }
    f.indicators = indicators;
    f.total = total.map(|t| Total {
        weight: Some(d("100.00")),
        score: Some(d(t)),
        line: 30,
    });
    f
}

fn rules(name: &str) -> RuleSet {
    RuleSet::builtin(name).unwrap()
}

/// Scores one indicator alone and returns its item.
fn one(i: Indicator, rs: &RuleSet) -> jixiao_score::Item {
    let s = score(&form(None, vec![i], None), rs);
    s.items.into_iter().next().unwrap()
}

#[test]
fn builtin_rulesets_load_and_differ_only_in_data() {
    for (name, _) in jixiao_score::BUILTIN {
        let r = RuleSet::builtin(name).unwrap();
        assert_eq!(&r.name, name);
        assert_eq!(r.grades.bands.len(), 4);
    }
    assert!(RuleSet::builtin("nowhere").is_err());
    let bad = RuleSet::from_toml("bad.toml", "name = 1");
    assert!(bad.unwrap_err().to_string().starts_with("bad.toml: "));
}

#[test]
fn positive_quantitative() {
    let r = rules("central-2020");
    // The seed's case: 20.2 against ≥30.00 scores 10.10 of 15, not 13.
    let it = one(
        ind(
            "产出指标/数量指标/交易额",
            "≥30.00(亿美元)",
            "20.2(亿美元)",
            "15.00",
            "13.00",
        ),
        &r,
    );
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("10.10")), Status::Differs)
    );
    assert_eq!(it.formula, "20.2 / 30.00 × 15.00 = 10.10");
    // Actual 0.
    let it = one(ind("a/b/c", "≥30(个)", "0(个)", "10", "0.00"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("0.00")), Status::Match)
    );
    // Above target: capped at the weight and flagged at 1.5×.
    let it = one(ind("a/b/c", "≥100(场)", "160(场)", "10.00", "10.00"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("10.00")), Status::Match)
    );
    assert!(it.flags.contains(&"target_may_be_too_low".to_string()));
    let it = one(ind("a/b/c", "≥100(场)", "149(场)", "10.00", "10.00"), &r);
    assert!(!it.flags.contains(&"target_may_be_too_low".to_string()));
    // Target 0 with ≥: any actual earns the weight.
    let it = one(ind("a/b/c", "≥0(个)", "0(个)", "5", "5"), &r);
    assert_eq!(it.recomputed_score, Some(d("5.00")));
    // Bare number: scored as ≥.
    let it = one(ind("a/b/c", "85", "80", "10", ""), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("9.41")), Status::InsufficientData)
    );
}

#[test]
fn percentages_with_and_without_percent_sign() {
    let r = rules("central-2020");
    let it = one(
        ind(
            "满意度指标/服务对象满意度指标/满意度",
            "≥90.00(%)",
            "85(%)",
            "10",
            "9.44",
        ),
        &r,
    );
    assert_eq!(
        (it.recomputed_score, it.status, it.rule.as_str()),
        (Some(d("9.44")), Status::Match, "satisfaction")
    );
    let it = one(ind("a/b/完成率", "=100%", "95", "10", "9.50"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("9.50")), Status::Match)
    );
    assert!(it.flags.contains(&"unit_assumed".to_string()));
    // Units that cannot be converted: insufficient data, never a guess.
    let it = one(ind("a/b/c", "≥10(亿美元)", "7(亿人民币)", "10", "7"), &r);
    assert_eq!(it.status, Status::InsufficientData);
    // Magnitude words convert: 3.5万人 = 35000人.
    let it = one(ind("a/b/c", "≥50000(人)", "3.5(万人)", "10", "7.00"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("7.00")), Status::Match)
    );
}

#[test]
fn reverse_indicators() {
    let r = rules("central-2020");
    // At or under a ≤ target: full weight.
    let it = one(
        ind("a/成本指标/单位成本", "≤100(元)", "100(元)", "10", "10"),
        &r,
    );
    assert_eq!(
        (it.recomputed_score, it.rule.as_str()),
        (Some(d("10")), "reverse")
    );
    // Over it: ratio target / actual × w by default.
    let it = one(ind("a/b/单位成本", "≤100(元)", "125(元)", "10", "8"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("8.00")), Status::Match)
    );
    assert_eq!(it.formula, "100 / 125 × 10 = 8.00");
    // linear-2x: falls to 0 at twice the target.
    let mut lin = rules("central-2020");
    lin.quantitative.reverse_mode = jixiao_score::ReverseMode::Linear2x;
    let it = one(ind("a/b/单位成本", "≤100(元)", "125(元)", "10", ""), &lin);
    assert_eq!(it.recomputed_score, Some(d("7.50")));
    let it = one(ind("a/b/单位成本", "≤100(元)", "200(元)", "10", ""), &lin);
    assert_eq!(it.recomputed_score, Some(d("0.00")));
    let it = one(ind("a/b/单位成本", "≤100(元)", "300(元)", "10", ""), &lin);
    assert_eq!(it.recomputed_score, Some(d("0.00")));
    // Target 0: full only when the actual is 0.
    let it = one(ind("a/b/重大事故发生率", "零起", "0(起)", "5", "5"), &r);
    assert_eq!(
        (it.recomputed_score, it.rule.as_str()),
        (Some(d("5")), "zero_target")
    );
    let it = one(ind("a/b/重大事故发生率", "零起", "1(起)", "5", "5"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("0.00")), Status::Differs)
    );
    let it = one(ind("a/b/重大事故发生率", "零起", "达成指标", "5", "5"), &r);
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("5")), Status::Match)
    );
    // A reverse keyword in the name with a bare target.
    let it = one(ind("a/b/投诉数量", "3(件)", "6(件)", "10", ""), &r);
    assert_eq!(
        (it.rule.as_str(), it.recomputed_score),
        ("reverse", Some(d("5.00")))
    );
}

#[test]
fn dates_met_or_not() {
    let r = rules("central-2020");
    let it = one(
        ind(
            "a/时效指标/完成时间",
            "<=4月30日",
            "2023年4月28日",
            "10",
            "10",
        ),
        &r,
    );
    assert_eq!(
        (it.rule.as_str(), it.recomputed_score, it.status),
        ("date", Some(d("10")), Status::Match)
    );
    let it = one(
        ind(
            "a/时效指标/完成时间",
            "<=4月30日",
            "2023年5月6日",
            "10",
            "10",
        ),
        &r,
    );
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("0")), Status::Differs)
    );
    let it = one(
        ind(
            "a/时效指标/完成时间",
            "<=4月30日",
            "2023年4月30日",
            "10",
            "10",
        ),
        &r,
    );
    assert_eq!(it.recomputed_score, Some(d("10")));
    // 及时 with a wording: binary in central-2020, tiered in shanghai.
    let it = one(
        ind("a/时效指标/工作及时性", "及时", "达成指标", "5.00", "4.00"),
        &r,
    );
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("5.00")), Status::Differs)
    );
    let it = one(
        ind("a/时效指标/工作及时性", "及时", "达成指标", "5.00", "4.00"),
        &rules("shanghai"),
    );
    assert_eq!(
        (it.min_score, it.max_score, it.status),
        (Some(d("4.00")), Some(d("5.00")), Status::InRange)
    );
    let it = one(
        ind("a/时效指标/工作及时性", "及时", "未完成", "5.00", "0"),
        &r,
    );
    assert_eq!(
        (it.recomputed_score, it.status),
        (Some(d("0")), Status::Match)
    );
}

#[test]
fn qualitative_tier_edges() {
    let g = rules("guangdong");
    let q = |actual: &str, s: &str| {
        one(
            ind("效益/社会效益/作用", "有效提升", actual, "20.00", s),
            &g,
        )
    };
    // 达成: [80 %, 100 %] — both edges inside.
    assert_eq!(q("全部或基本达成预期指标", "16.00").status, Status::InRange);
    assert_eq!(q("全部或基本达成预期指标", "20.00").status, Status::InRange);
    assert_eq!(
        q("全部或基本达成预期指标", "15.99").status,
        Status::OutOfRange
    );
    // 部分达成: [60 %, 80 %) in Guangdong's printed standard: 80 % exactly is out.
    let it = q("部分达成预期指标并具有一定效果", "12.00");
    assert_eq!(
        (it.min_score, it.max_score, it.status),
        (Some(d("12.00")), Some(d("16.00")), Status::InRange)
    );
    assert_eq!(
        q("部分达成预期指标并具有一定效果", "16.00").status,
        Status::OutOfRange
    );
    assert_eq!(
        q("部分达成预期指标并具有一定效果", "11.99").status,
        Status::OutOfRange
    );
    // 未达成: [0, 60 %).
    assert_eq!(
        q("未达成预期指标且效果较差", "12.00").status,
        Status::OutOfRange
    );
    assert_eq!(q("未达成预期指标且效果较差", "0").status, Status::InRange);
    // Shanghai practice: 部分达成 scored at exactly 80 % is inside.
    let it = one(
        ind(
            "效益/社会效益/作用",
            "有效提升",
            "部分达成指标并具有一定效果",
            "20.00",
            "16.00",
        ),
        &rules("shanghai"),
    );
    assert_eq!(it.status, Status::InRange);
    // An actual equal to the target word is achieved; free text is insufficient data.
    assert_eq!(q("有效提升", "18").status, Status::InRange);
    let it = q("推动产业发展", "18");
    assert_eq!(it.status, Status::InsufficientData);
    assert!(it.reason.unwrap().contains("names no completion tier"));
}

#[test]
fn not_applicable_rescales_the_total() {
    let r = rules("central-2020");
    let mut stopped = ind(
        "产出/数量指标/接转人员",
        "15100(人次)",
        "0",
        "10.00",
        "10.00",
    );
    stopped.note = Some("按上级通知于1月1日起停止接转工作".into());
    let f = form(
        Some(["100.00", "100.00", "100.00", "10.00", "100.00", "10.00"]),
        vec![
            ind(
                "产出/数量指标/活动场次",
                "≥10(场)",
                "10(场)",
                "40.00",
                "40.00",
            ),
            stopped,
            ind(
                "效益/社会效益/覆盖人数",
                "≥100(人)",
                "50(人)",
                "40.00",
                "20.00",
            ),
        ],
        Some("80.00"),
    );
    let s = score(&f, &r);
    assert_eq!(s.items[2].status, Status::NotApplicable);
    // (10 + 40 + 20) / 90 × 100 = 77.78
    assert_eq!(s.recomputed_total, Some(d("77.78")));
    assert_eq!(s.recomputed_grade.as_deref(), Some("中"));
    assert!(s.notes.iter().any(|n| n.contains("rescaled")));
}

#[test]
fn grade_edges_are_half_open() {
    let r = rules("central-2020");
    for (t, g) in [
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("100", "优"),
        ("0", "差"),
    ] {
        assert_eq!(r.grade(d(t)), g, "{t}");
    }
}

#[test]
fn execution_rounding_conventions_are_detected() {
    let r = rules("shanghai");
    // 10.17 / 27.00 = 0.376666…: 37.67 % → 3.77 only when rounding half away from zero.
    let s = score(
        &form(
            Some(["27.00", "27.00", "10.17", "10.00", "37.67", "3.77"]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(s.rounding, "half-away-from-zero, rate-first");
    assert_eq!(s.items[0].status, Status::Match);
    // 155.28 / 177.32 = 0.875705…: 8.75 only under truncation.
    let s = score(
        &form(
            Some(["177.32", "177.32", "155.28", "10.00", "87.57", "8.75"]),
            vec![],
            None,
        ),
        &r,
    );
    assert!(s.rounding.starts_with("truncate"), "{}", s.rounding);
    assert!(!s
        .rounding_candidates
        .iter()
        .any(|c| c.starts_with("half-away")));
    // Nothing reproduces a wrong score: default convention, status differs.
    let s = score(
        &form(
            Some(["100.00", "100.00", "50.00", "10.00", "50.00", "6.00"]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(
        (s.items[0].status, s.items[0].recomputed_score),
        (Status::Differs, Some(d("5.00")))
    );
    assert!(s.rounding.ends_with("(default: not detected)"));
    // A printed rate of 0.00 next to a real score is flagged, not trusted.
    let s = score(
        &form(
            Some(["100.00", "100.00", "99.21", "10.00", "0.00", "9.92"]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(s.items[0].status, Status::Match);
    assert!(s.items[0]
        .flags
        .iter()
        .any(|f| f.contains("printed_rate_0.00")));
    // Over-execution is capped; a zero budget is insufficient data, not a pass.
    let s = score(
        &form(
            Some(["10.00", "10.00", "12.00", "10.00", "120.00", "10.00"]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(s.items[0].recomputed_score, Some(d("10.00")));
    let s = score(
        &form(
            Some(["0.00", "0.00", "1.00", "10.00", "", ""]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(s.items[0].status, Status::InsufficientData);
}

#[test]
fn rounding_modes_at_the_midpoint() {
    // x.xx5 under each mode (banker's rounding would give 0.12 for half-away's 0.13).
    assert_eq!(Mode::HalfAwayFromZero.apply(d("0.125"), 2), d("0.13"));
    assert_eq!(Mode::HalfEven.apply(d("0.125"), 2), d("0.12"));
    assert_eq!(Mode::HalfEven.apply(d("0.135"), 2), d("0.14"));
    assert_eq!(Mode::Truncate.apply(d("0.125"), 2), d("0.12"));
    assert_eq!(Mode::Integer.apply(d("12.5"), 2), d("13"));
    // Order matters: raw rate 0.37645 → rate first 37.65 % → 3.765 → 3.77; direct 3.7645 → 3.76.
    let r = rules("shanghai");
    let s = score(
        &form(
            Some(["100.00", "100.00", "37.645", "10.00", "37.65", "3.77"]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(s.rounding, "half-away-from-zero, rate-first");
    let s = score(
        &form(
            Some(["100.00", "100.00", "37.645", "10.00", "37.65", "3.76"]),
            vec![],
            None,
        ),
        &r,
    );
    assert_eq!(s.rounding, "half-away-from-zero, direct");
}

#[test]
fn total_and_grade_reproduce() {
    let r = rules("shanghai");
    let f = form(
        Some(["100.00", "100.00", "90.00", "10.00", "90.00", "9.00"]),
        vec![
            ind(
                "产出指标/数量指标/场次",
                "≥10(场)",
                "8(场)",
                "40.00",
                "32.00",
            ),
            ind(
                "效益指标/社会效益指标/作用",
                "有效",
                "达成指标",
                "40.00",
                "36.00",
            ),
            ind(
                "满意度指标/服务对象满意度指标/满意度",
                "≥90(%)",
                "95(%)",
                "10.00",
                "10.00",
            ),
        ],
        Some("87.00"),
    );
    let s: Scored = score(&f, &r);
    assert_eq!(s.stated_sum, Some(d("87.00")));
    assert_eq!(s.recomputed_total, Some(d("87.00")));
    assert_eq!(s.weight_sum, Some(d("100.00")));
    assert_eq!(
        (s.stated_grade.as_deref(), s.recomputed_grade.as_deref()),
        (None, Some("良"))
    );
    let text = s.explain();
    assert!(
        text.contains("8(场) / 10(场)") || text.contains("8 / 10 × 40.00 = 32.00"),
        "{text}"
    );
}

proptest! {
    #[test]
    fn score_between_zero_and_weight(t in 1u32..10_000, a in 0u32..30_000, w in 1u32..40, reverse in any::<bool>()) {
        let op = if reverse { "≤" } else { "≥" };
        let it = one(ind("a/b/c", &format!("{op}{t}(个)"), &format!("{a}(个)"), &w.to_string(), ""), &rules("central-2020"));
        let s = it.recomputed_score.unwrap();
        prop_assert!(s >= Decimal::ZERO && s <= Decimal::from(w), "{s}");
    }

    #[test]
    fn monotone_for_positive_antitone_for_reverse(t in 1u32..1000, a in 0u32..3000, step in 1u32..500) {
        let r = rules("central-2020");
        let sc = |op: &str, a: u32| one(ind("a/b/c", &format!("{op}{t}(个)"), &format!("{a}(个)"), "10", ""), &r).recomputed_score.unwrap();
        prop_assert!(sc("≥", a) <= sc("≥", a + step));
        prop_assert!(sc("≤", a) >= sc("≤", a + step));
    }

    #[test]
    fn rescaling_keeps_the_total_on_100(scores in prop::collection::vec(0u32..=10, 3..8), na in 0usize..3) {
        // Every item weighs 10 and scores `s`; `na` of them are not applicable.
        let n = scores.len();
        let mut inds = Vec::new();
        for (k, s) in scores.iter().enumerate() {
            let mut i = ind("a/b/c", "≥10(个)", &format!("{s}(个)"), "10", &s.to_string());
            if k < na.min(n - 1) {
                i.note = Some("不适用".into());
            }
            inds.push(i);
        }
        let f = form(None, inds, None);
        let s = score(&f, &rules("central-2020"));
        let applicable: Vec<u32> = scores.iter().enumerate().filter(|(k, _)| *k >= na.min(n - 1)).map(|(_, s)| *s).collect();
        // A form where every applicable item scores full marks totals 100 after rescaling.
        let full = applicable.iter().all(|s| *s == 10);
        let total = s.recomputed_total.unwrap();
        prop_assert!(total >= Decimal::ZERO && total <= Decimal::from(100));
        if full && na > 0 {
            prop_assert_eq!(total, Decimal::from(100));
        }
    }
}

#[test]
fn satisfaction_from_counts() {
    let r = rules("central-2020");
    // 171 of 190 satisfied = 90 %; target ≥ 95 % → 90 / 95 × 10 = 9.47.
    let it = one(
        ind(
            "满意度指标/服务对象满意度指标/群众满意度",
            "≥95%",
            "满意171人/调查190人",
            "10",
            "9.47",
        ),
        &r,
    );
    assert_eq!(
        (it.rule.as_str(), it.recomputed_score, it.status),
        ("satisfaction", Some(d("9.47")), Status::Match)
    );
    let it = one(
        ind(
            "满意度指标/服务对象满意度指标/群众满意度",
            "≥90%",
            "190/190",
            "10",
            "10",
        ),
        &r,
    );
    assert_eq!(it.recomputed_score, Some(d("10.00")));
}

#[test]
fn missing_weights_come_from_the_rule_set_blocks() {
    let r = rules("central-2020");
    // No weights printed; no satisfaction indicator: its 10 points go to 效益 (30 + 10 = 40).
    let f = form(
        Some(["100.00", "100.00", "100.00", "10.00", "100.00", "10.00"]),
        vec![
            ind("产出指标/数量指标/场次", "≥10(场)", "10(场)", "", ""),
            ind("产出指标/质量指标/合格率", "≥90(%)", "90(%)", "", ""),
            ind(
                "效益指标/社会效益指标/覆盖人数",
                "≥100(人)",
                "50(人)",
                "",
                "",
            ),
        ],
        None,
    );
    let s = score(&f, &r);
    let w: Vec<String> = s
        .items
        .iter()
        .map(|i| i.weight.unwrap().normalize().to_string())
        .collect();
    assert_eq!(w, ["10", "25", "25", "40"]);
    assert_eq!(s.items[3].recomputed_score, Some(d("20.00")));
    assert!(s.items[1]
        .flags
        .contains(&"weight_from_ruleset".to_string()));
    // 10 + 25 + 25 + 20 = 80.
    assert_eq!(s.recomputed_total, Some(d("80.00")));
}
