//! The scoring mechanisms. Parameters come from the [`RuleSet`]; nothing here knows a
//! province's numbers.

use jixiao_model::{Decimal, Form, FormKind, Indicator, Op, Value, ValueKind};
use jixiao_text::fold_label;

use crate::ruleset::{DateMode, Denominator, Mode, Order, ReverseMode, RuleSet, Tier};
use crate::standard;
use crate::{Item, PrintedStandard, Scored, Status};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Scores the forms of one document together: a document is typed by one hand, so when several
/// rounding conventions reproduce a form's execution score, the one that reproduces every
/// form of the document is preferred (seed-style example: 6.622 → 6.62 under rounding and
/// truncation alike, while another form of the same document only reproduces under
/// truncation).
pub fn score_document<'a>(forms: impl IntoIterator<Item = (&'a Form, &'a RuleSet)>) -> Vec<Scored> {
    let pairs: Vec<(&Form, &RuleSet)> = forms.into_iter().collect();
    let first: Vec<Scored> = pairs.iter().map(|(f, r)| score(f, r)).collect();
    // Conventions consistent with every form that detected any.
    let mut common: Option<Vec<String>> = None;
    for s in first.iter().filter(|s| !s.rounding_candidates.is_empty()) {
        common = Some(match common {
            None => s.rounding_candidates.clone(),
            Some(c) => c
                .into_iter()
                .filter(|x| s.rounding_candidates.contains(x))
                .collect(),
        });
    }
    let Some(preferred) = common.and_then(|c| c.first().cloned()) else {
        return first;
    };
    pairs
        .iter()
        .zip(first)
        .map(|((form, rules), s)| {
            if !s.rounding_candidates.contains(&preferred) || s.rounding == preferred {
                return s;
            }
            let mut r = (*rules).clone();
            let (m, o) = preferred
                .split_once(", ")
                .unwrap_or((preferred.as_str(), ""));
            r.rounding.modes.sort_by_key(|x| x.as_str() != m);
            r.rounding.orders.sort_by_key(|x| x.as_str() != o);
            let mut again = score(form, &r);
            again.ruleset = s.ruleset.clone();
            again.notes.push(format!(
                "rounding chosen to agree with the other forms of the document ({preferred})"
            ));
            again
        })
        .collect()
}

/// The rounding convention used for a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Convention {
    mode: Mode,
    order: Order,
}

/// Scores `form` under `rules`. Forms other than self-evaluations and scoresheets come back
/// with no items and a note.
pub fn score(form: &Form, rules: &RuleSet) -> Scored {
    let mut s = Scored {
        kind: form.kind,
        project: form.project.clone(),
        line_start: form.line_start,
        ruleset: format!("{}@{}", rules.name, rules.version),
        rounding: String::new(),
        stated_total: form.total.as_ref().and_then(|t| t.score),
        recomputed_total: None,
        stated_grade: form.grade.clone(),
        recomputed_grade: None,
        stated_total_band: form
            .total
            .as_ref()
            .and_then(|t| t.score)
            .map(|t| rules.grade(t).to_string()),
        items: Vec::new(),
        stated_sum: None,
        weight_sum: None,
        rounding_candidates: Vec::new(),
        notes: Vec::new(),
    };
    if !matches!(
        form.kind,
        FormKind::SelfEvaluation | FormKind::EvaluationScoresheet
    ) {
        s.notes
            .push(format!("{} forms carry no scores", form.kind.zh()));
        s.rounding = "n/a".into();
        return s;
    }
    let default = Convention {
        mode: rules.rounding.default_mode,
        order: rules.rounding.default_order,
    };
    // The execution item first: it is where the rounding convention shows.
    let (exec, conv) = match form.kind {
        FormKind::SelfEvaluation => execution_self_eval(form, rules),
        _ => execution_scoresheet(form, rules),
    };
    s.rounding_candidates = conv
        .iter()
        .map(|c| format!("{}, {}", c.mode.as_str(), c.order.as_str()))
        .collect();
    let conv_found = !conv.is_empty();
    let conv = conv.first().copied().unwrap_or(default);
    s.rounding = if conv_found {
        format!("{}, {}", conv.mode.as_str(), conv.order.as_str())
    } else {
        format!(
            "{}, {} (default: not detected)",
            conv.mode.as_str(),
            conv.order.as_str()
        )
    };
    let exec_line = exec.as_ref().map(|e| e.line);
    if let Some(e) = exec {
        s.items.push(e);
    }
    // A self-evaluation that prints no weights at all is weighted by the rule set's blocks.
    let defaulted = default_weights(form, rules);
    if defaulted.is_some() {
        s.notes.push(format!(
            "no weights printed: 产出 {}, 效益 {}, 满意度 {} spread evenly over each block's indicators (rule set defaults)",
            rules.blocks.output, rules.blocks.benefit, rules.blocks.satisfaction
        ));
    }
    for (k, ind) in form.indicators.iter().enumerate() {
        if form.kind == FormKind::EvaluationScoresheet
            && Some(ind.line) == exec_line
            && is_exec_indicator(ind, rules)
        {
            continue;
        }
        let mut item = match defaulted.as_ref().map(|w| w[k]) {
            Some(w) => {
                let mut with_weight = ind.clone();
                with_weight.weight = Some(w);
                let mut it = indicator(&with_weight, form.year, rules, conv.mode);
                it.flags.push("weight_from_ruleset".into());
                it
            }
            None => indicator(ind, form.year, rules, conv.mode),
        };
        if defaulted.is_some() {
            item.weight = item
                .weight
                .map(|w| jixiao_model::round(w, jixiao_model::RoundingMode::HalfAwayFromZero, 4));
        }
        s.items.push(item);
    }
    totals(&mut s, form, rules, conv.mode);
    s
}

/// The block of an indicator by its first-level name: 0 产出, 1 效益, 2 满意度.
fn block_of(ind: &Indicator) -> Option<usize> {
    let l1 = ind.path.first()?;
    if l1.contains("满意") || ind.path.get(1).is_some_and(|l2| l2.contains("满意")) {
        Some(2)
    } else if l1.starts_with("产出") {
        Some(0)
    } else if l1.starts_with("效益") || l1.starts_with("效果") || l1.starts_with("影响") {
        Some(1)
    } else {
        None
    }
}

/// Weights from the rule set's block defaults, for a self-evaluation that prints none: each
/// block's weight spread evenly over its indicators; a missing 满意度 block moves its weight to
/// the block the rule set names.
fn default_weights(form: &Form, rules: &RuleSet) -> Option<Vec<Decimal>> {
    if form.kind != FormKind::SelfEvaluation
        || form.indicators.is_empty()
        || form.indicators.iter().any(|i| i.weight.is_some())
    {
        return None;
    }
    let blocks: Vec<Option<usize>> = form.indicators.iter().map(block_of).collect();
    if blocks.iter().any(Option::is_none) {
        return None;
    }
    let count = |b: usize| blocks.iter().filter(|x| **x == Some(b)).count();
    let mut weight = [
        rules.blocks.output,
        rules.blocks.benefit,
        rules.blocks.satisfaction,
    ];
    if count(2) == 0 {
        let to = if rules.blocks.satisfaction_missing_to == "output" {
            0
        } else {
            1
        };
        weight[to] += weight[2];
        weight[2] = Decimal::ZERO;
    }
    Some(
        blocks
            .iter()
            .map(|b| {
                let b = b.unwrap_or(0);
                weight[b] / Decimal::from(count(b).max(1) as u64)
            })
            .collect(),
    )
}

fn dp(rules: &RuleSet) -> u32 {
    rules.rounding.dp
}

fn is_exec_indicator(ind: &Indicator, rules: &RuleSet) -> bool {
    ind.path
        .last()
        .is_some_and(|l| l.contains(rules.execution.indicator.as_str()))
}

/// `d` printed with at least `dp` decimals (`3.7` → `3.70`).
fn show(d: Decimal, dp: u32) -> String {
    let mut x = d;
    if x.scale() < dp {
        x.rescale(dp);
    }
    x.to_string()
}

/// The execution-rate item of a self-evaluation, and the rounding convention that reproduces
/// the stated score (and stated rate, when one is printed).
fn execution_self_eval(form: &Form, rules: &RuleSet) -> (Option<Item>, Vec<Convention>) {
    let Some(funds) = &form.funds else {
        return (None, Vec::new());
    };
    let Some(row) = funds
        .rows
        .iter()
        .find(|r| r.name == "年度资金总额")
        .or(funds.rows.first())
    else {
        return (None, Vec::new());
    };
    let points = row.weight.unwrap_or(rules.execution.points);
    let (den_name, den) = match rules.execution.denominator {
        Denominator::InitialBudget => ("年初预算数", row.initial_budget),
        _ => ("全年预算数", row.annual_budget),
    };
    let mut item = Item {
        path: vec!["预算执行率".into()],
        line: row.line,
        weight: Some(points),
        stated_score: row.score,
        recomputed_score: None,
        min_score: None,
        max_score: None,
        formula: String::new(),
        status: Status::InsufficientData,
        rule: "execution".into(),
        flags: Vec::new(),
        reason: None,
        standard: None,
    };
    let (Some(executed), Some(den)) = (row.executed, den) else {
        item.reason = Some(format!("全年执行数 or {den_name} is blank"));
        return (Some(item), Vec::new());
    };
    if den.is_zero() {
        item.reason = Some(format!("{den_name} is 0: the execution rate is undefined"));
        return (Some(item), Vec::new());
    }
    let (conv, computed) = detect(executed, den, points, row.score, row.rate_pct, rules);
    let d = dp(rules);
    let (rate_pct, sc) = computed;
    item.recomputed_score = Some(sc);
    item.min_score = Some(sc);
    item.max_score = Some(sc);
    let cap = if rules.execution.cap { "min(" } else { "(" };
    let capc = if rules.execution.cap { ", 1)" } else { ")" };
    item.formula = format!(
        "{cap}{} / {}{capc} × {} = {} (执行率 {}%)",
        executed,
        den,
        points,
        show(sc, d),
        show(rate_pct, d)
    );
    if let Some(printed) = row.rate_pct {
        if printed != rate_pct {
            item.flags.push(format!("printed_rate_{}_differs", printed));
        }
    }
    item.status = compare(row.score, sc, rules, &mut item.flags);
    if row.score.is_none() {
        item.reason = Some("得分 is blank".into());
    }
    (Some(item), conv)
}

/// Executes every (mode, order) convention of the rule set on `executed / den × points`.
/// Returns the conventions that reproduce the stated score (and the stated rate, when one is
/// printed and non-zero), in rule-set order, and the (rate %, score) of the first of them — or
/// of the default convention when none does.
fn detect(
    executed: Decimal,
    den: Decimal,
    points: Decimal,
    stated: Option<Decimal>,
    printed_rate: Option<Decimal>,
    rules: &RuleSet,
) -> (Vec<Convention>, (Decimal, Decimal)) {
    let d = dp(rules);
    let compute = |c: Convention| -> (Decimal, Decimal) {
        let mut rate = executed / den;
        if rules.execution.cap && rate > Decimal::ONE {
            rate = Decimal::ONE;
        }
        let rate_pct = c.mode.apply(rate * HUNDRED, d);
        let score = match c.order {
            Order::RateFirst => c.mode.apply(rate_pct / HUNDRED * points, d),
            Order::Direct => c.mode.apply(rate * points, d),
        };
        (rate_pct, score)
    };
    let mut exact = Vec::new();
    let mut score_only = Vec::new();
    for &mode in &rules.rounding.modes {
        for &order in &rules.rounding.orders {
            let c = Convention { mode, order };
            let (rate_pct, score) = compute(c);
            if Some(score) == stated {
                let rate_ok = match printed_rate {
                    Some(p) if !p.is_zero() => p == rate_pct || executed > den,
                    _ => true,
                };
                if rate_ok {
                    exact.push(c);
                } else {
                    score_only.push(c);
                }
            }
        }
    }
    let found = if exact.is_empty() { score_only } else { exact };
    let chosen = found.first().copied().unwrap_or(Convention {
        mode: rules.rounding.default_mode,
        order: rules.rounding.default_order,
    });
    (found, compute(chosen))
}

/// The 资金支出率 row of a scoresheet: paid / denominator × weight.
fn execution_scoresheet(form: &Form, rules: &RuleSet) -> (Option<Item>, Vec<Convention>) {
    let Some(ind) = form.indicators.iter().find(|i| is_exec_indicator(i, rules)) else {
        return (None, Vec::new());
    };
    let mut item = new_item(ind, "execution");
    let money = form.money.as_ref();
    let paid = money.and_then(|m| m.paid);
    let (den_name, den) = match rules.execution.denominator {
        Denominator::Planned => ("预算计划安排", money.and_then(|m| m.planned)),
        _ => ("实际分配下达", money.and_then(|m| m.allocated)),
    };
    let (Some(paid), Some(den), Some(w)) = (paid, den, ind.weight) else {
        item.reason = Some(format!("实际支出金额, {den_name} or the weight is missing"));
        return (Some(item), Vec::new());
    };
    if den.is_zero() {
        item.reason = Some(format!("{den_name} is 0"));
        return (Some(item), Vec::new());
    }
    let (conv, (_, sc)) = detect(paid, den, w, ind.score, None, rules);
    let mut conv: Vec<Convention> = conv
        .into_iter()
        .map(|c| Convention {
            order: Order::Direct,
            ..c
        })
        .collect();
    conv.dedup();
    item.recomputed_score = Some(sc);
    item.min_score = Some(sc);
    item.max_score = Some(sc);
    item.formula = format!(
        "min({paid} / {den}, 1) × {w} = {} ({den_name})",
        show(sc, dp(rules))
    );
    item.status = compare(ind.score, sc, rules, &mut item.flags);
    (Some(item), conv)
}

/// match / differs, with a `possibly_rounding` flag inside the tolerance.
fn compare(
    stated: Option<Decimal>,
    recomputed: Decimal,
    rules: &RuleSet,
    flags: &mut Vec<String>,
) -> Status {
    match stated {
        None => Status::InsufficientData,
        Some(s) if s == recomputed => Status::Match,
        Some(s) => {
            if (s - recomputed).abs() <= rules.rounding.tolerance {
                flags.push("possibly_rounding".into());
            }
            Status::Differs
        }
    }
}

fn contains_any(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| text.contains(w.as_str()))
}

/// The tier an actual value's wording selects (tiers are tried in rule-set order).
fn tier_of<'a>(text: &str, rules: &'a RuleSet) -> Option<&'a Tier> {
    let t = fold_label(text);
    if t.is_empty() {
        return None;
    }
    rules
        .qualitative
        .tiers
        .iter()
        .find(|tier| contains_any(&t, &tier.words))
}

/// The tier that counts as fully achieved (the one reaching 100 %).
fn top_tier(rules: &RuleSet) -> Option<&Tier> {
    rules.qualitative.tiers.iter().max_by_key(|t| t.max_pct)
}

fn new_item(ind: &Indicator, rule: &str) -> Item {
    Item {
        path: ind.path.clone(),
        line: ind.line,
        weight: ind.weight,
        stated_score: ind.score,
        recomputed_score: None,
        min_score: None,
        max_score: None,
        formula: String::new(),
        status: Status::InsufficientData,
        rule: rule.into(),
        flags: Vec::new(),
        reason: None,
        standard: None,
    }
}

/// Normalised unit for comparing a target with an actual value.
fn unit_key(v: &Value) -> Option<String> {
    if v.kind == ValueKind::Percent {
        return Some("%".into());
    }
    v.unit
        .as_deref()
        .map(|u| u.trim().trim_matches(['(', ')']).to_string())
        .filter(|u| !u.is_empty())
}

/// Factor that converts an amount in unit `from` into unit `to` when they differ only by a
/// magnitude word (`万元` → `元` is 10 000), if any.
fn magnitude(from: &str, to: &str) -> Option<Decimal> {
    fn split(u: &str) -> (Decimal, &str) {
        if let Some(r) = u.strip_prefix("亿") {
            (Decimal::from(100_000_000), r)
        } else if let Some(r) = u.strip_prefix('万') {
            (Decimal::from(10_000), r)
        } else if let Some(r) = u.strip_prefix('千') {
            (Decimal::from(1_000), r)
        } else {
            (Decimal::ONE, u)
        }
    }
    let (a, ra) = split(from);
    let (b, rb) = split(to);
    (ra == rb).then(|| a / b)
}

/// Scores one indicator; a machine-readable printed standard that did not score it is kept on
/// the item with the reason.
fn indicator(ind: &Indicator, year: Option<u16>, rules: &RuleSet, mode: Mode) -> Item {
    let mut it = indicator_scored(ind, year, rules, mode);
    if it.standard.is_some() {
        return it;
    }
    let Some(text) = ind.standard.as_deref() else {
        return it;
    };
    if let standard::Reading::Rule(rule) = standard::read(text) {
        let why = if it.status == Status::NotApplicable {
            "the item is not applicable"
        } else if it.weight.is_none() {
            "no weight is printed"
        } else {
            "the target and actual are not both numbers"
        };
        it.standard = Some(PrintedStandard {
            text: text.to_string(),
            form: rule.form().into(),
            used: false,
            fallback: Some(why.into()),
        });
    }
    it
}

/// Scores one indicator (the printed standard first where it is readable and the values are
/// numbers, then the rule set).
fn indicator_scored(ind: &Indicator, year: Option<u16>, rules: &RuleSet, mode: Mode) -> Item {
    let d = dp(rules);
    let name = ind.path.last().cloned().unwrap_or_default();
    let note = ind.note.as_deref().unwrap_or("");
    // Not applicable: the activity stopped, or the form says 不适用.
    if contains_any(&ind.actual.raw, &rules.not_applicable.words)
        || contains_any(&ind.target.raw, &rules.not_applicable.words)
        || contains_any(note, &rules.not_applicable.words)
    {
        let mut it = new_item(ind, "not_applicable");
        it.status = Status::NotApplicable;
        let word = rules
            .not_applicable
            .words
            .iter()
            .find(|w| {
                ind.actual.raw.contains(w.as_str())
                    || note.contains(w.as_str())
                    || ind.target.raw.contains(w.as_str())
            })
            .cloned()
            .unwrap_or_default();
        it.reason = Some(format!("marked {word:?}: weight dropped, total rescaled"));
        it.formula = "—".into();
        return it;
    }
    let Some(w) = ind.weight else {
        let mut it = new_item(ind, "unscorable");
        it.reason = Some("no weight (分值/权重) printed".into());
        it.formula = "—".into();
        return it;
    };
    let t = &ind.target;
    let a = &ind.actual;
    // Judgement rows: no expected or achieved value by design ('/' or blank on both sides).
    if matches!(t.kind, ValueKind::Placeholder | ValueKind::Blank)
        && matches!(a.kind, ValueKind::Placeholder | ValueKind::Blank)
    {
        let mut it = new_item(ind, "judgement");
        it.min_score = Some(Decimal::ZERO);
        it.max_score = Some(w);
        it.formula = format!("0 ≤ score ≤ {w} (judgement item)");
        it.status = range_status(ind.score, Decimal::ZERO, w, true);
        return it;
    }
    let is_date = t.kind == ValueKind::Date
        || (t.kind == ValueKind::Qualitative && contains_any(&t.raw, &rules.dates.keywords))
        || (t.kind == ValueKind::Qualitative
            && contains_any(&name, &rules.dates.keywords)
            && t.raw.contains("及时"));
    if is_date {
        return date_item(ind, year, w, rules, mode);
    }
    // Satisfaction given as counts (`满意95人/调查100人`, `95/100`): the rate is scored.
    if contains_any(&name, &rules.satisfaction.keywords) {
        if let (Some(rate), Some(tv)) = (satisfaction_rate(&a.raw), t.value) {
            let d = dp(rules);
            let sc = mode.apply((rate / tv).min(Decimal::ONE) * w, d);
            let mut it = new_item(ind, "satisfaction");
            it.recomputed_score = Some(sc);
            it.min_score = Some(sc);
            it.max_score = Some(sc);
            it.formula = format!(
                "{} → {}%; min({} / {tv}, 1) × {w} = {}",
                a.raw,
                show(mode.apply(rate, d), d),
                show(mode.apply(rate, d), d),
                show(sc, d)
            );
            it.status = compare(ind.score, sc, rules, &mut it.flags);
            return it;
        }
    }
    let quantitative =
        |v: &Value| matches!(v.kind, ValueKind::Number | ValueKind::Percent) && v.value.is_some();
    if quantitative(t) && quantitative(a) {
        // The printed standard first, where it is machine-readable and fits the values.
        let mut printed = None;
        if let Some(text) = ind.standard.as_deref() {
            if let standard::Reading::Rule(rule) = standard::read(text) {
                match standard_item(ind, &rule, text, w, rules, mode) {
                    Ok(it) => return it,
                    Err(why) => {
                        printed = Some(PrintedStandard {
                            text: text.to_string(),
                            form: rule.form().into(),
                            used: false,
                            fallback: Some(why),
                        })
                    }
                }
            }
        }
        let mut it = quantitative_item(ind, &name, w, rules, mode);
        it.standard = printed;
        return it;
    }
    // A zero target (零起, 0人) met by a qualitative "achieved".
    if quantitative(t) && t.value == Some(Decimal::ZERO) {
        let mut it = new_item(ind, "zero_target");
        match tier_of(&a.raw, rules) {
            Some(tier) if Some(tier) == top_tier(rules) => {
                it.recomputed_score = Some(w);
                it.min_score = Some(w);
                it.max_score = Some(w);
                it.formula = format!("target 0 met ({}) → {w}", a.raw);
                it.status = compare(ind.score, w, rules, &mut it.flags);
            }
            Some(tier) => {
                it.recomputed_score = Some(Decimal::ZERO);
                it.min_score = Some(Decimal::ZERO);
                it.max_score = Some(Decimal::ZERO);
                it.formula = format!("target 0 not met ({}) → 0", tier.name);
                it.status = compare(ind.score, Decimal::ZERO, rules, &mut it.flags);
            }
            None => {
                it.reason = Some(format!(
                    "actual {:?} is neither a number nor a completion tier",
                    a.raw
                ))
            }
        }
        return it;
    }
    // Qualitative: the actual wording selects a tier; an actual equal to the target is achieved.
    let tier = if !a.raw.is_empty() && fold_label(&a.raw) == fold_label(&t.raw) {
        top_tier(rules)
    } else {
        tier_of(&a.raw, rules)
    };
    let mut it = new_item(ind, "qualitative");
    match tier {
        Some(tier) => {
            let lo = w * tier.min_pct / HUNDRED;
            let hi = w * tier.max_pct / HUNDRED;
            it.min_score = Some(mode.apply(lo, d));
            it.max_score = Some(mode.apply(hi, d));
            let bracket = if tier.max_inclusive { "]" } else { ")" };
            it.formula = format!(
                "{} → [{}%, {}%{bracket} × {w} = [{}, {}{bracket}",
                tier.name,
                tier.min_pct,
                tier.max_pct,
                show(lo, d),
                show(hi, d)
            );
            it.status = range_status(ind.score, lo, hi, tier.max_inclusive);
        }
        None if a.kind == ValueKind::Blank => it.reason = Some("实际完成值 is blank".into()),
        None => {
            it.reason = Some(format!("actual {:?} names no completion tier and is not a number comparable with the target {:?}", a.raw, t.raw));
            it.min_score = Some(Decimal::ZERO);
            it.max_score = Some(w);
        }
    }
    if let Some(s) = ind.score {
        if s > w {
            it.flags.push("score_above_weight".into());
        }
    }
    it
}

/// `satisfied / surveyed × 100` from an actual value that gives both counts.
fn satisfaction_rate(raw: &str) -> Option<Decimal> {
    let t = fold_label(raw);
    let (a, b) = t.split_once('/')?;
    let num = |s: &str| -> Option<Decimal> {
        let digits: String = s
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        jixiao_text::parse_decimal(&digits)
    };
    let (x, y) = (num(a)?, num(b)?);
    (!y.is_zero() && x <= y).then(|| x / y * HUNDRED)
}

fn range_status(stated: Option<Decimal>, lo: Decimal, hi: Decimal, hi_inclusive: bool) -> Status {
    match stated {
        None => Status::InsufficientData,
        Some(s) if s >= lo && (s < hi || (hi_inclusive && s == hi)) => Status::InRange,
        Some(_) => Status::OutOfRange,
    }
}

/// Target and actual in one unit: equal units, convertible by a magnitude word, or assumed
/// equal when one is missing (flag `unit_assumed`); the reason when they cannot be compared.
fn comparable(ind: &Indicator) -> Result<(Decimal, Decimal, Vec<String>), String> {
    let (t, a) = (&ind.target, &ind.actual);
    let (Some(tv), Some(mut av)) = (t.value, a.value) else {
        return Err("target or actual is not a number".into());
    };
    let mut flags = Vec::new();
    match (unit_key(t), unit_key(a)) {
        (Some(tu), Some(au)) if tu != au => match magnitude(&au, &tu) {
            Some(f) => av *= f,
            None => {
                return Err(format!(
                    "target unit {tu:?} and actual unit {au:?} cannot be converted"
                ))
            }
        },
        (Some(_), None) | (None, Some(_)) => flags.push("unit_assumed".into()),
        _ => {}
    }
    Ok((tv, av, flags))
}

/// Scores a numeric indicator by its printed standard; the reason when these values cannot
/// be scored by it (the caller then falls back to the rule set's formula).
fn standard_item(
    ind: &Indicator,
    rule: &standard::StandardRule,
    text: &str,
    w: Decimal,
    rules: &RuleSet,
    mode: Mode,
) -> Result<Item, String> {
    let d = dp(rules);
    let (tv, av, mut flags) = comparable(ind)?;
    let units = [unit_key(&ind.target), unit_key(&ind.actual)];
    let percent = units.iter().any(|u| u.as_deref() == Some("%"));
    let x = standard::Inputs {
        target: tv,
        actual: av,
        op: ind.target.op,
        percent,
        unit: if percent {
            None
        } else {
            units.into_iter().flatten().next()
        },
        weight: w,
    };
    let applied = rule.apply(&x)?;
    let s = mode.apply(applied.score, d);
    let lower_better = matches!(ind.target.op, Some(Op::Le | Op::Lt));
    if !lower_better && tv > Decimal::ZERO && av / tv >= rules.quantitative.overachieve_ratio {
        flags.push("target_may_be_too_low".into());
    }
    let mut it = new_item(ind, "standard");
    it.recomputed_score = Some(s);
    it.min_score = Some(s);
    it.max_score = Some(s);
    it.formula = format!(
        "评分标准 ({}): {} = {}",
        rule.form(),
        applied.working,
        show(s, d)
    );
    it.flags = flags;
    it.status = compare(ind.score, s, rules, &mut it.flags);
    if ind.score.is_some_and(|x| x > w) {
        it.flags.push("score_above_weight".into());
    }
    it.standard = Some(PrintedStandard {
        text: text.to_string(),
        form: rule.form().into(),
        used: true,
        fallback: None,
    });
    Ok(it)
}

fn quantitative_item(ind: &Indicator, name: &str, w: Decimal, rules: &RuleSet, mode: Mode) -> Item {
    let d = dp(rules);
    let t = &ind.target;
    let (tv, av, mut flags) = match comparable(ind) {
        Ok(x) => x,
        Err(why) => {
            let mut it = new_item(ind, "positive");
            it.reason = Some(why);
            return it;
        }
    };
    let is_satisfaction = contains_any(name, &rules.satisfaction.keywords);
    let op = t.op;
    let reverse = matches!(op, Some(Op::Le | Op::Lt))
        || (tv.is_zero() && !matches!(op, Some(Op::Ge | Op::Gt)))
        || (!matches!(op, Some(Op::Ge | Op::Gt))
            && contains_any(name, &rules.quantitative.reverse_keywords));
    let (rule, raw, formula): (&str, Decimal, String) = if reverse && tv.is_zero() {
        let s = if av <= Decimal::ZERO {
            w
        } else {
            Decimal::ZERO
        };
        (
            "zero_target",
            s,
            format!("target 0, actual {av} → {}", show(s, d)),
        )
    } else if reverse {
        if av <= tv {
            ("reverse", w, format!("{av} ≤ {tv} → {w}"))
        } else {
            match rules.quantitative.reverse_mode {
                ReverseMode::Ratio => {
                    let s = tv / av * w;
                    (
                        "reverse",
                        s,
                        format!("{tv} / {av} × {w} = {}", show(mode.apply(s, d), d)),
                    )
                }
                ReverseMode::Linear2x => {
                    let s = ((Decimal::ONE - (av - tv) / tv) * w).max(Decimal::ZERO);
                    (
                        "reverse",
                        s,
                        format!(
                            "max(0, 1 − ({av} − {tv}) / {tv}) × {w} = {}",
                            show(mode.apply(s, d), d)
                        ),
                    )
                }
            }
        }
    } else if tv.is_zero() {
        ("positive", w, format!("target 0 → {w}"))
    } else {
        let ratio = av / tv;
        let s = ratio.min(Decimal::ONE) * w;
        if ratio >= rules.quantitative.overachieve_ratio {
            flags.push("target_may_be_too_low".into());
        }
        if matches!(op, Some(Op::Gt)) && av == tv {
            flags.push("strict_boundary".into());
        }
        let rule = if is_satisfaction {
            "satisfaction"
        } else {
            "positive"
        };
        let f = if ratio >= Decimal::ONE {
            format!("min({av} / {tv}, 1) × {w} = {}", show(mode.apply(s, d), d))
        } else {
            format!("{av} / {tv} × {w} = {}", show(mode.apply(s, d), d))
        };
        (rule, s, f)
    };
    let mut s = mode.apply(raw, d);
    if rules.quantitative.strict_ops && flags.iter().any(|f| f == "strict_boundary") {
        // Under strict operators, meeting a `>` target exactly is not meeting it.
        s = mode.apply(
            w * rules
                .qualitative
                .tiers
                .iter()
                .map(|t| t.max_pct)
                .filter(|p| *p < HUNDRED)
                .max()
                .unwrap_or(HUNDRED)
                / HUNDRED,
            d,
        );
    }
    let mut it = new_item(ind, rule);
    it.recomputed_score = Some(s);
    it.min_score = Some(s);
    it.max_score = Some(s);
    it.formula = formula;
    it.flags = flags;
    it.status = compare(ind.score, s, rules, &mut it.flags);
    if ind.score.is_some_and(|x| x > w) {
        it.flags.push("score_above_weight".into());
    }
    it
}

/// Compares an actual date with a deadline; dates without a year take the form's year.
fn date_met(target: &str, actual: &str, year: Option<u16>) -> Option<bool> {
    let full = |d: &str| -> Option<(u32, u32, u32)> {
        let parts: Vec<u32> = d.split('-').filter_map(|p| p.parse().ok()).collect();
        match parts.as_slice() {
            [y, m, dd] => Some((*y, *m, *dd)),
            [m, dd] if *m <= 12 => Some((u32::from(year?), *m, *dd)),
            [y, m] => Some((*y, *m, 31)),
            [y] => Some((*y, 12, 31)),
            _ => None,
        }
    };
    Some(full(actual)? <= full(target)?)
}

fn date_item(ind: &Indicator, year: Option<u16>, w: Decimal, rules: &RuleSet, mode: Mode) -> Item {
    let d = dp(rules);
    let t = &ind.target;
    let a = &ind.actual;
    let mut it = new_item(ind, "date");
    // Met or not: an actual date against the deadline, or the actual's wording.
    let met: Option<(bool, String)> = match (t.date.as_deref(), a.date.as_deref()) {
        (Some(td), Some(ad)) => {
            date_met(td, ad, year).map(|m| (m, format!("{ad} {} {td}", if m { "≤" } else { ">" })))
        }
        _ => {
            let tier = if !a.raw.is_empty() && fold_label(&a.raw) == fold_label(&t.raw) {
                top_tier(rules)
            } else {
                tier_of(&a.raw, rules)
            };
            match rules.dates.mode {
                DateMode::Qualitative => {
                    if let Some(tier) = tier {
                        let lo = w * tier.min_pct / HUNDRED;
                        let hi = w * tier.max_pct / HUNDRED;
                        let bracket = if tier.max_inclusive { "]" } else { ")" };
                        it.min_score = Some(mode.apply(lo, d));
                        it.max_score = Some(mode.apply(hi, d));
                        it.formula = format!(
                            "{} → [{}%, {}%{bracket} × {w} = [{}, {}{bracket}",
                            tier.name,
                            tier.min_pct,
                            tier.max_pct,
                            show(lo, d),
                            show(hi, d)
                        );
                        it.status = range_status(ind.score, lo, hi, tier.max_inclusive);
                        return it;
                    }
                    None
                }
                DateMode::Binary => {
                    tier.map(|tier| (Some(tier) == top_tier(rules), tier.name.clone()))
                }
            }
        }
    };
    match met {
        Some((m, why)) => {
            let s = if m { w } else { Decimal::ZERO };
            it.recomputed_score = Some(s);
            it.min_score = Some(s);
            it.max_score = Some(s);
            it.formula = format!(
                "{why} → {} {}",
                if m { "met" } else { "not met" },
                show(s, d)
            );
            it.status = compare(ind.score, s, rules, &mut it.flags);
        }
        None => {
            it.reason = Some(format!(
                "cannot tell whether {:?} met the deadline {:?}",
                a.raw, t.raw
            ));
            it.min_score = Some(Decimal::ZERO);
            it.max_score = Some(w);
        }
    }
    it
}

/// Totals: Σ stated, recomputed total (rescaled when items are not applicable), grades.
fn totals(s: &mut Scored, form: &Form, rules: &RuleSet, mode: Mode) {
    let d = dp(rules);
    let mut stated_sum = Some(Decimal::ZERO);
    let mut weight_sum = Decimal::ZERO;
    let mut applicable_weight = Decimal::ZERO;
    let mut total = Decimal::ZERO;
    let mut taken_as_stated = 0usize;
    let mut unknown = 0usize;
    for it in &s.items {
        let w = it.weight.unwrap_or(Decimal::ZERO);
        weight_sum += w;
        stated_sum = match (stated_sum, it.stated_score) {
            (Some(acc), Some(x)) => Some(acc + x),
            (acc, None) if it.status == Status::NotApplicable => acc,
            _ => None,
        };
        let contribution = match it.status {
            Status::NotApplicable => continue,
            Status::Match | Status::Differs => it.recomputed_score,
            Status::InRange => it.stated_score,
            Status::OutOfRange => match (it.stated_score, it.min_score, it.max_score) {
                (Some(x), Some(lo), Some(hi)) => Some(x.clamp(lo, hi)),
                _ => None,
            },
            Status::InsufficientData => {
                if it.stated_score.is_some() {
                    taken_as_stated += 1;
                }
                it.stated_score.or(it.recomputed_score)
            }
        };
        applicable_weight += w;
        match contribution {
            Some(c) => total += c,
            None => unknown += 1,
        }
    }
    if s.items.is_empty() {
        s.notes
            .push("no scored items were read: no recomputed total".into());
        return;
    }
    s.stated_sum = stated_sum;
    s.weight_sum = Some(weight_sum);
    if unknown > 0 {
        s.notes.push(format!(
            "{unknown} item(s) have neither a stated nor a recomputable score: no recomputed total"
        ));
        return;
    }
    let na = s
        .items
        .iter()
        .filter(|i| i.status == Status::NotApplicable)
        .count();
    if na > 0 && !applicable_weight.is_zero() {
        let full = form
            .total
            .as_ref()
            .and_then(|t| t.weight)
            .filter(|w| !w.is_zero())
            .unwrap_or(HUNDRED);
        s.notes.push(format!(
            "{na} item(s) not applicable: total rescaled, Σ {} / {} × {} ",
            show(total, d),
            applicable_weight,
            full
        ));
        total = total / applicable_weight * full;
    }
    if taken_as_stated > 0 {
        s.notes.push(format!(
            "{taken_as_stated} item(s) with insufficient data enter the total as stated"
        ));
    }
    let total = mode.apply(total, d);
    s.recomputed_total = Some(total);
    s.recomputed_grade = Some(rules.grade(total).to_string());
}
