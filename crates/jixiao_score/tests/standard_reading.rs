//! The printed-standard interpreter: each rule form read (with boundary values), each near
//! miss refused, and every vocabulary list exercised word by word.

use std::str::FromStr;

use jixiao_model::{Decimal, Op};
use jixiao_score::standard::{
    self, read, Deduction, Edge, Inputs, Measure, Outcome, Partial, Reading, StandardRule, Tier,
    Tiers, Unit,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn rule(text: &str) -> StandardRule {
    match read(text) {
        Reading::Rule(r) => r,
        Reading::NotReadable(why) => panic!("{text:?} not read: {why}"),
    }
}

fn refused(text: &str) -> String {
    match read(text) {
        Reading::Rule(r) => panic!("{text:?} read as {r:?}"),
        Reading::NotReadable(why) => why,
    }
}

/// Plain numbers (no unit, no operator).
fn plain(target: &str, actual: &str, weight: &str) -> Inputs {
    Inputs::new(d(target), d(actual), d(weight))
}

/// Percentages with `≥`.
fn pct(target: &str, actual: &str, weight: &str) -> Inputs {
    Inputs {
        op: Some(Op::Ge),
        percent: true,
        ..plain(target, actual, weight)
    }
}

/// Counts in `unit` with `≥`.
fn count(target: &str, actual: &str, unit: &str, weight: &str) -> Inputs {
    Inputs {
        op: Some(Op::Ge),
        unit: Some(unit.into()),
        ..plain(target, actual, weight)
    }
}

fn score(r: &StandardRule, x: &Inputs) -> Decimal {
    r.apply(x)
        .unwrap_or_else(|e| panic!("{r:?} on {x:?}: {e}"))
        .score
}

// ---- proportional ----------------------------------------------------------------------------

#[test]
fn proportional_forms() {
    for text in [
        "自评分数=实现值/预期值×权重",
        "实现值/预期值×权重",
        "得分=完成率×分值",
        "按完成比例得分",
        "未达到目标值的按完成比例计分",
        "自评分数 = 评价年度实现值 / 评价年度预期值 * 指标权重 * 100",
        "自评分数=(实际完成值/目标值)×指标分值×100%，最高不超过该项分值",
        "达到目标值得满分，未达到的按完成比例得分",
    ] {
        assert!(
            matches!(
                rule(text),
                StandardRule::Proportional { inverse: false, .. }
            ),
            "{text}"
        );
    }
    // Written as 完成率 × 分值: on percentages only a 100 % target agrees with the value.
    let by_rate = rule("得分=完成率×分值");
    assert_eq!(score(&by_rate, &count("20", "18", "场", "10")), d("9"));
    assert_eq!(score(&by_rate, &pct("100", "90", "10")), d("9"));
    assert!(by_rate.apply(&pct("95", "90", "10")).is_err());
    // Written as 实现值/预期值 it is the ratio either way: 90 / 95 × 10.
    let by_values = score(&rule("实现值/预期值×权重"), &pct("95", "90", "10"));
    assert!((by_values - d("9.4737")).abs() < d("0.0001"), "{by_values}");
    let r = rule("实现值/预期值×权重");
    assert_eq!(score(&r, &plain("20", "18", "10")), d("9"));
    // Capped at the weight; exactly at the target is full marks.
    assert_eq!(score(&r, &plain("20", "25", "10")), d("10"));
    assert_eq!(score(&r, &plain("20", "20", "10")), d("10"));
    let a = r.apply(&plain("2", "1.8", "8")).unwrap();
    assert_eq!(a.working, "1.8 / 2 × 8");
    assert_eq!(a.score, d("7.2"));
}

#[test]
fn proportional_inverse_and_its_direction() {
    let r = rule("自评分数=预期值/实现值×权重");
    assert_eq!(
        r,
        StandardRule::Proportional {
            inverse: true,
            rate: false
        }
    );
    let x = Inputs {
        op: Some(Op::Le),
        ..plain("5", "8", "10")
    };
    assert_eq!(score(&r, &x), d("6.25"));
    // The printed ratio contradicts the target's direction: not scored by the standard.
    let ge = Inputs {
        op: Some(Op::Ge),
        ..plain("5", "8", "10")
    };
    assert!(r.apply(&ge).unwrap_err().contains("lower bound"));
    let up = rule("实现值/预期值×权重");
    assert!(up.apply(&x).unwrap_err().contains("upper bound"));
    assert!(up
        .apply(&plain("0", "3", "10"))
        .unwrap_err()
        .contains("denominator is 0"));
}

#[test]
fn proportional_near_misses() {
    for text in [
        // The execution-rate standard: another formula, adjusted by judgement.
        "主要依据“支付额/预算额度*100*指标权重”计算核定得分, 同时综合考虑工作进度适当调整。",
        "支付额/预算额度×指标权重",
        "实现值/预期值",
        "实现值/(预期值×权重)",
        "实现值/预期值×权重/100",
        "实现值/预期值×权重×100×100",
        "实现值×预期值×权重",
        "得分=实现值/预期值×权重，超额完成的另加1分",
        "完成值/预期值×权重，并酌情扣分",
    ] {
        refused(text);
    }
}

// ---- share -------------------------------------------------------------------------------------

#[test]
fn share_of_satisfied_respondents() {
    let r = rule("表示满意的服务对象数/项目覆盖范围内接受调查的对象总数*指标分值。");
    assert_eq!(r, StandardRule::Share);
    assert_eq!(score(&r, &pct("90", "93.5", "20")), d("18.7"));
    assert_eq!(score(&r, &pct("90", "100", "20")), d("20"));
    assert!(
        r.apply(&plain("90", "93.5", "20")).is_err(),
        "needs a percentage"
    );
    // Divided by the points instead of multiplied: refused, not repaired.
    refused("表示满意的服务对象数/项目覆盖范围内接受调查的对象总数/指标分值。");
    refused("表示满意的服务对象项目覆盖范围内接受调查的对象总数/指标分值");
}

// ---- deduction ---------------------------------------------------------------------------------

#[test]
fn deduction_per_percent_of_shortfall() {
    let r = rule("达到目标值得满分，每低于目标1%扣0.1分，扣完为止");
    assert_eq!(
        r,
        StandardRule::Deduction(Deduction {
            threshold: None,
            below: true,
            step: d("1"),
            unit: Unit::Percent,
            points: d("0.1"),
            partial: Partial::Unstated,
            measure: None,
        })
    );
    // Percentages: one step = one percentage point of the value.
    assert_eq!(score(&r, &pct("95", "93", "5")), d("4.8"));
    assert_eq!(score(&r, &pct("95", "95", "5")), d("5"));
    assert_eq!(score(&r, &pct("95", "99", "5")), d("5"));
    // Counts: one step = one percentage point of the completion rate (190 / 200 = 95 %).
    assert_eq!(score(&r, &count("200", "190", "人", "5")), d("4.5"));
    // No unit at all: a % step could be either; not scored by the standard.
    assert!(r
        .apply(&plain("200", "190", "5"))
        .unwrap_err()
        .contains("no unit"));
    // Never below zero.
    assert_eq!(score(&r, &pct("95", "10", "5")), d("0"));
    // 99.5 % is half a step and the standard does not say how half a step counts.
    let e = r.apply(&count("200", "199", "人", "5")).unwrap_err();
    assert!(e.contains("part step"), "{e}");
}

#[test]
fn deduction_part_steps_as_printed() {
    let prop = rule("每低于目标值1%扣0.1分，不足1%的按比例扣分，扣完为止");
    assert_eq!(score(&prop, &count("200", "199", "人", "5")), d("4.95"));
    let whole = rule("每低于目标值1个百分点扣0.1分，不足1个百分点的不扣分");
    assert_eq!(score(&whole, &count("200", "199", "人", "5")), d("5"));
    assert_eq!(score(&whole, &pct("95", "92.5", "5")), d("4.8"));
    let up = rule("每低于目标值1%扣0.1分，不足1%的按1%计");
    assert_eq!(score(&up, &count("200", "199", "人", "5")), d("4.9"));
}

#[test]
fn deduction_per_item_and_per_unit() {
    let r = rule("未完成的每项扣1分");
    assert!(
        matches!(&r, StandardRule::Deduction(x) if x.unit == Unit::Word("项".into()) && x.below)
    );
    assert_eq!(score(&r, &count("10", "8", "项", "5")), d("3"));
    assert_eq!(score(&r, &count("10", "10", "项", "5")), d("5"));
    // Counted in another unit: the standard does not apply to these values.
    assert!(r.apply(&count("10", "8", "个", "5")).is_err());

    let r = rule("实际完成值每少1场扣0.5分，扣完为止");
    assert_eq!(score(&r, &count("30", "27", "场", "8")), d("6.5"));
    assert_eq!(score(&r, &count("30", "10", "场", "8")), d("0"));
}

#[test]
fn deduction_from_a_printed_threshold() {
    let r = rule("≥95%得满分，每低于1个百分点扣0.5分");
    assert!(matches!(&r, StandardRule::Deduction(x) if x.threshold == Some(d("95"))));
    // The threshold, not the target, ends full marks.
    assert_eq!(score(&r, &pct("90", "95", "5")), d("5"));
    assert_eq!(score(&r, &pct("90", "94", "5")), d("4.5"));
    assert_eq!(score(&r, &pct("90", "93", "5")), d("4"));
}

#[test]
fn deduction_for_excess_on_an_upper_bound() {
    let r = rule("每超出目标值1%扣0.5分");
    let x = Inputs {
        op: Some(Op::Le),
        ..count("100", "103", "万元", "6")
    };
    assert_eq!(score(&r, &x), d("4.5"));
    let ge = count("100", "103", "万元", "6");
    assert!(r.apply(&ge).unwrap_err().contains("lower bound"));
    // `不超过目标值` as a met condition is not in the grammar: refused, not guessed.
    refused("不超过目标值得满分，每超出1%扣0.5分");
}

#[test]
fn deduction_near_misses() {
    for text in [
        "每低于目标1%酌情扣分",
        "每低于目标1%扣分",
        "达到目标值得满分，每低于1%扣0.1分，低于80%不得分",
        "每1%扣0.1分",
        "每低于1%扣0.1分，每低于1个百分点扣0.2分",
        "不足1%的按比例扣分",
    ] {
        refused(text);
    }
}

// ---- tiers -------------------------------------------------------------------------------------

#[test]
fn tiers_with_edges() {
    let r = rule("≥95%得满分，90%（含）-95%得80%分值，低于90%不得分");
    let StandardRule::Tiers(t) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(t.unit, Unit::Percent);
    assert_eq!(t.tiers.len(), 3);
    assert_eq!(
        t.tiers[1],
        Tier {
            lo: Some(Edge {
                value: d("90"),
                inclusive: Some(true)
            }),
            hi: Some(Edge {
                value: d("95"),
                inclusive: None
            }),
            outcome: Outcome::ShareOfWeight(d("80")),
        }
    );
    // 95 exactly: `≥95%` includes it explicitly and wins over the unmarked upper edge.
    assert_eq!(score(&r, &pct("95", "95", "10")), d("10"));
    assert_eq!(score(&r, &pct("95", "94.99", "10")), d("8"));
    assert_eq!(score(&r, &pct("95", "90", "10")), d("8"));
    assert_eq!(score(&r, &pct("95", "89.99", "10")), d("0"));
}

#[test]
fn tiers_on_the_completion_rate() {
    let r = rule("完成率≥100%得满分；90%≤完成率<100%，得分值的80%；完成率<90%，不得分");
    let StandardRule::Tiers(t) = &r else {
        panic!("{r:?}")
    };
    assert_eq!(t.measure, Some(Measure::Completion));
    // Spelled out, with 在…之间.
    let spelled = rule(
        "完成率达到100%的得满分，完成率在80%（含）-100%之间的得分值的80%，完成率低于80%的不得分。",
    );
    assert_eq!(score(&spelled, &count("50", "40", "人", "10")), d("8"));
    assert_eq!(score(&spelled, &count("50", "39", "人", "10")), d("0"));
    assert_eq!(score(&spelled, &count("50", "55", "人", "10")), d("10"));
    // `<` first as well as `≤`.
    let lt = rule("完成率≥100%得满分；90%<完成率<100%得8分；否则不得分");
    assert_eq!(score(&lt, &count("50", "45", "人", "10")), d("0"));
    assert_eq!(score(&lt, &count("50", "46", "人", "10")), d("8"));
    // 45 of 50 = 90 % exactly: the middle tier includes it.
    assert_eq!(score(&r, &count("50", "45", "人", "10")), d("8"));
    assert_eq!(score(&r, &count("50", "44", "人", "10")), d("0"));
    assert_eq!(score(&r, &count("50", "50", "人", "10")), d("10"));
    let a = r.apply(&count("50", "45", "人", "10")).unwrap();
    assert!(
        a.working.starts_with("完成率 45 / 50 = 90%"),
        "{}",
        a.working
    );
}

#[test]
fn tiers_in_a_unit_with_otherwise() {
    let r = rule("30场以上得满分，20场（含）至30场得5分，否则不得分");
    assert!(matches!(&r, StandardRule::Tiers(t) if t.otherwise == Some(Outcome::Zero)));
    assert_eq!(score(&r, &count("30", "30", "场", "8")), d("8"));
    assert_eq!(score(&r, &count("30", "25", "场", "8")), d("5"));
    assert_eq!(score(&r, &count("30", "20", "场", "8")), d("5"));
    assert_eq!(score(&r, &count("30", "19", "场", "8")), d("0"));
    assert!(r.apply(&count("30", "25", "次", "8")).is_err());
}

#[test]
fn tier_edges_the_text_leaves_open() {
    // 以下 includes its number (Chinese legal usage), so 90 is in `90%以下`, which says so
    // explicitly, and not in the unmarked `90%-95%`.
    let r = rule("95%以上得满分，90%-95%得8分，90%以下不得分");
    assert_eq!(score(&r, &pct("95", "90", "10")), d("0"));
    assert_eq!(score(&r, &pct("95", "95", "10")), d("10"));
    assert_eq!(score(&r, &pct("95", "92", "10")), d("8"));
    // Two unmarked edges meet: 95 is in both and the outcomes differ.
    let r = rule("90%-95%得8分，95%-100%得满分，90%以下不得分");
    let e = r.apply(&pct("95", "95", "10")).unwrap_err();
    assert!(e.contains("more than one tier"), "{e}");
    assert_eq!(score(&r, &pct("95", "96", "10")), d("10"));
    // Both tiers claim 80 explicitly: contradictory at 80, fine elsewhere.
    let r = rule("≥100%得满分，80%（含）-100%得6分，80%以下不得分");
    assert!(r.apply(&pct("100", "80", "10")).is_err());
    assert_eq!(score(&r, &pct("100", "85", "10")), d("6"));
    // A value in no tier and no otherwise clause.
    let r = rule("≥95%得满分，90%（含）-95%得8分");
    assert!(r
        .apply(&pct("95", "70", "10"))
        .unwrap_err()
        .contains("no tier"));
    // A tier awarding more than the weight.
    let r = rule("≥95%得12分，否则不得分");
    assert!(r.apply(&pct("95", "96", "10")).is_err());
}

#[test]
fn tier_near_misses() {
    for text in [
        "达到95%得满分",
        // A bare number: exactly 100 % or at least 100 %?
        "100%得满分，否则不得分",
        "≥95%得满分，90%-95%酌情扣分",
        "≥95%得满分，90个-95%得8分，否则不得分",
        "优秀得满分，良好得8分，一般得6分",
        "根据指标完成情况分为三档，自评分数=完成比例×指标权重×100",
        "≥95%得满分，达到目标值得8分，否则不得分",
    ] {
        refused(text);
    }
}

// ---- binary ------------------------------------------------------------------------------------

#[test]
fn binary_met_or_not() {
    for text in [
        "达到目标值得满分，未达到不得分",
        "实际值达到目标值的，得满分；否则不得分。",
        "完成年度目标得满分，未完成不得分",
        "实现值≥预期值得满分，低于预期值不得分",
    ] {
        assert_eq!(rule(text), StandardRule::Binary, "{text}");
    }
    let r = StandardRule::Binary;
    assert_eq!(score(&r, &count("30", "30", "场", "8")), d("8"));
    assert_eq!(score(&r, &count("30", "29", "场", "8")), d("0"));
    let le = Inputs {
        op: Some(Op::Le),
        ..plain("6", "5", "8")
    };
    assert_eq!(score(&r, &le), d("8"));
    for text in [
        "达到目标值得满分",
        "达到目标值得满分，未达到的酌情扣分",
        "达到目标值得满分，未达到得5分",
        "按时完成得满分，否则不得分",
    ] {
        refused(text);
    }
}

// ---- refusals --------------------------------------------------------------------------------

#[test]
fn judgement_standards_are_refused() {
    for text in [
        "依据工作进度计划等相关基础信息和证据判断，并根据实际情况核定分数。",
        "按规定程序实施的，得满分，否则酌情扣分。",
        "1.预算执行规范性2分，按规定支付的得满分，否则酌情扣分。2.会计核算规范性2分，规范执行得满分。",
        "具有可行性研究材料的得4分。如无，则根据实际情况核定分数。",
        "2.定性指标: 根据指标完成情况分为三档, 自评分数=完成比例*指标权重*100。",
        "1.达到目标值得满分。2.未达到不得分。",
        "",
    ] {
        refused(text);
    }
}

#[test]
fn quantitative_part_of_a_two_part_standard() {
    let r = rule(
        "1.定量指标: 自评分数=评价年度实现值/评价年度预期值*指标权重*100。 2.定性指标: 根据指标完成情况分为三档, 自评分数=完成比例*指标权重*100。",
    );
    assert_eq!(
        r,
        StandardRule::Proportional {
            inverse: false,
            rate: false
        }
    );
    let why = refused("1.定性指标: 按档次计分。2.定性指标: 另按档次计分。");
    assert!(why.contains("定性"), "{why}");
}

// ---- vocabulary ------------------------------------------------------------------------------

fn no_duplicates(name: &str, words: &[&str]) {
    assert!(!words.is_empty(), "{name} is empty");
    let mut seen = std::collections::BTreeSet::new();
    for w in words {
        assert!(seen.insert(*w), "{name}: {w} twice");
    }
}

#[test]
fn vocabulary_lists_are_sets() {
    no_duplicates("ACTUAL_WORDS", standard::ACTUAL_WORDS);
    no_duplicates("TARGET_WORDS", standard::TARGET_WORDS);
    no_duplicates("TARGET_REFS", standard::TARGET_REFS);
    no_duplicates("WEIGHT_WORDS", standard::WEIGHT_WORDS);
    no_duplicates("RATE_WORDS", standard::RATE_WORDS);
    no_duplicates("SCORE_WORDS", standard::SCORE_WORDS);
    no_duplicates("FULL_WORDS", standard::FULL_WORDS);
    no_duplicates("ZERO_WORDS", standard::ZERO_WORDS);
    no_duplicates("FLOOR_WORDS", standard::FLOOR_WORDS);
    no_duplicates("CAP_WORDS", standard::CAP_WORDS);
    no_duplicates("MET_VERBS", standard::MET_VERBS);
    no_duplicates("MISSED_VERBS", standard::MISSED_VERBS);
    no_duplicates("DISCRETIONARY", standard::DISCRETIONARY);
    no_duplicates("BELOW_WORDS", standard::BELOW_WORDS);
    no_duplicates("ABOVE_WORDS", standard::ABOVE_WORDS);
    no_duplicates("OTHERWISE_WORDS", standard::OTHERWISE_WORDS);
    no_duplicates("PROPORTION_WORDS", standard::PROPORTION_WORDS);
    no_duplicates("SCORE_VERBS", standard::SCORE_VERBS);
    no_duplicates("PART_PROPORTIONAL", standard::PART_PROPORTIONAL);
    no_duplicates("PART_IGNORED", standard::PART_IGNORED);
    no_duplicates("SUBJECT_WORDS", standard::SUBJECT_WORDS);
    let ops: Vec<&str> = standard::COMPARISONS.iter().map(|c| c.0).collect();
    no_duplicates("COMPARISONS", &ops);
}

#[test]
fn every_formula_word_is_a_term() {
    for a in standard::ACTUAL_WORDS {
        assert_eq!(
            rule(&format!("{a}/预期值×权重")),
            StandardRule::Proportional {
                inverse: false,
                rate: false
            },
            "{a}"
        );
    }
    for t in standard::TARGET_WORDS {
        assert_eq!(
            rule(&format!("实现值/{t}×权重")),
            StandardRule::Proportional {
                inverse: false,
                rate: false
            },
            "{t}"
        );
    }
    for w in standard::WEIGHT_WORDS {
        assert_eq!(
            rule(&format!("实现值/预期值×{w}")),
            StandardRule::Proportional {
                inverse: false,
                rate: false
            },
            "{w}"
        );
    }
    for r in standard::RATE_WORDS {
        assert_eq!(
            rule(&format!("得分={r}×分值")),
            StandardRule::Proportional {
                inverse: false,
                rate: true
            },
            "{r}"
        );
    }
    for s in standard::SCORE_WORDS {
        assert_eq!(
            rule(&format!("{s}=实现值/预期值×权重")),
            StandardRule::Proportional {
                inverse: false,
                rate: false
            },
            "{s}"
        );
    }
    for s in standard::SATISFIED_WORDS {
        for t in standard::SURVEYED_WORDS {
            let text = format!("{}服务对象数/{t}×分值", s.trim_end_matches('数'));
            let text = if s.ends_with('数') {
                format!("{s}/{t}×分值")
            } else {
                text
            };
            assert_eq!(rule(&text), StandardRule::Share, "{text}");
        }
    }
}

#[test]
fn every_outcome_and_verb_word_reads() {
    for f in standard::FULL_WORDS {
        for z in standard::ZERO_WORDS {
            let text = format!("达到目标值{f}，未达到{z}");
            assert_eq!(rule(&text), StandardRule::Binary, "{text}");
        }
    }
    for v in standard::MET_VERBS {
        let text = format!("{v}目标值得满分，否则不得分");
        assert_eq!(rule(&text), StandardRule::Binary, "{text}");
    }
    for v in standard::MISSED_VERBS {
        let text = format!("达到目标值得满分，{v}目标值的不得分");
        assert_eq!(rule(&text), StandardRule::Binary, "{text}");
    }
    for o in standard::OTHERWISE_WORDS {
        let text = format!("达到目标值得满分，{o}不得分");
        assert_eq!(rule(&text), StandardRule::Binary, "{text}");
    }
    for f in standard::FLOOR_WORDS {
        let text = format!("每低于目标值1%扣0.5分，{f}");
        assert!(matches!(rule(&text), StandardRule::Deduction(_)), "{text}");
    }
    for c in standard::CAP_WORDS {
        let text = format!("实现值/预期值×权重，{c}");
        assert_eq!(
            rule(&text),
            StandardRule::Proportional {
                inverse: false,
                rate: false
            },
            "{text}"
        );
    }
    for w in standard::DISCRETIONARY {
        let text = format!("实现值/预期值×权重，{w}");
        refused(&text);
    }
    for p in standard::PROPORTION_WORDS {
        for v in standard::SCORE_VERBS {
            let text = format!("按{p}{v}");
            assert_eq!(
                rule(&text),
                StandardRule::Proportional {
                    inverse: false,
                    rate: true
                },
                "{text}"
            );
        }
    }
    for p in standard::PART_PROPORTIONAL {
        let text = format!("每低于目标值1%扣0.1分，不足1%的{p}");
        assert!(
            matches!(rule(&text), StandardRule::Deduction(x) if x.partial == Partial::Proportional),
            "{text}"
        );
    }
    for p in standard::PART_IGNORED {
        let text = format!("每低于目标值1%扣0.1分，不足1%的{p}");
        assert!(
            matches!(rule(&text), StandardRule::Deduction(x) if x.partial == Partial::WholeSteps),
            "{text}"
        );
    }
    for w in standard::SUBJECT_WORDS {
        let text = format!("{w}达到目标值得满分，否则不得分");
        assert_eq!(rule(&text), StandardRule::Binary, "{text}");
    }
    for w in standard::BELOW_WORDS {
        let text = format!("每{w}1%扣0.5分");
        assert!(
            matches!(rule(&text), StandardRule::Deduction(x) if x.below),
            "{text}"
        );
    }
    for w in standard::ABOVE_WORDS {
        let text = format!("每{w}1%扣0.5分");
        assert!(
            matches!(rule(&text), StandardRule::Deduction(x) if !x.below),
            "{text}"
        );
    }
}

#[test]
fn every_comparison_bounds_a_tier() {
    for (w, op) in standard::COMPARISONS {
        let text = format!("{w}90%得满分，否则不得分");
        let r = rule(&text);
        let StandardRule::Tiers(Tiers { tiers, .. }) = &r else {
            panic!("{text}: {r:?}")
        };
        let t = &tiers[0];
        let (lo, hi) = (t.lo.map(|e| e.inclusive), t.hi.map(|e| e.inclusive));
        let expected = match op {
            Op::Ge => (Some(Some(true)), None),
            Op::Gt => (Some(Some(false)), None),
            Op::Le => (None, Some(Some(true))),
            Op::Lt => (None, Some(Some(false))),
            _ => (Some(Some(true)), Some(Some(true))),
        };
        assert_eq!((lo, hi), expected, "{text}");
    }
    for (w, op) in standard::POSTFIX_BOUNDS {
        let text = format!("90%{w}得满分，否则不得分");
        let StandardRule::Tiers(Tiers { tiers, .. }) = rule(&text) else {
            panic!("{text}")
        };
        match op {
            Op::Ge => assert_eq!(tiers[0].lo.unwrap().inclusive, Some(true), "{text}"),
            _ => assert_eq!(tiers[0].hi.unwrap().inclusive, Some(true), "{text}"),
        }
    }
}

// ---- robustness ------------------------------------------------------------------------------

const FRAGMENTS: &[&str] = &[
    "≥",
    "≤",
    "<",
    ">",
    "95%",
    "90",
    "得满分",
    "，",
    "；",
    "。",
    "每",
    "低于",
    "超过",
    "1%",
    "扣",
    "0.1分",
    "完成率",
    "-",
    "(含)",
    "以上",
    "以下",
    "至",
    "场",
    "项",
    "否则",
    "不得分",
    "/",
    "×",
    "实现值",
    "预期值",
    "权重",
    "=",
    "得分",
    "1.",
    "2、",
    "(3)",
    "①",
    "达到",
    "目标值",
    "的",
    "按比例",
    "不足",
    "得80%分值",
    "定量指标:",
    "定性指标:",
    "扣完为止",
];

proptest::proptest! {
    #[test]
    fn reading_never_panics(s in "\\PC{0,40}") {
        let _ = read(&s);
    }

    #[test]
    fn vocabulary_soup_never_panics(
        parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..14),
        t in 0u32..300,
        a in 0u32..300,
    ) {
        let text: String = parts.concat();
        if let Reading::Rule(r) = read(&text) {
            for percent in [false, true] {
                let x = Inputs {
                    percent,
                    unit: (!percent).then(|| "场".to_string()),
                    ..plain(&t.to_string(), &a.to_string(), "10")
                };
                if let Ok(applied) = r.apply(&x) {
                    // Never above the weight, never below zero.
                    proptest::prop_assert!(applied.score >= Decimal::ZERO, "{text}");
                    proptest::prop_assert!(applied.score <= d("10"), "{text}");
                }
            }
        }
    }
}
