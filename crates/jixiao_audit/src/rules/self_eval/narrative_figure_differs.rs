use jixiao_model::{Decimal, Form, FormKind, Indicator, Value};
use jixiao_text::fold;

use crate::checker::{Checker, Report, Unit};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::forms_of;
use crate::tolerance::half_unit;
use jixiao_parse::prose::numbers_in;

declare_rule! {
    /// ## What it does
    /// Flags a figure stated in a self-evaluation's narrative — 实际完成情况, an indicator's
    /// 偏差原因分析 note, or 预期目标 — that differs from the same indicator's value in the table:
    /// the actual value (实际完成值) for what was done, the target (年度指标值) for 预期目标 and for
    /// a figure introduced as the goal (`目标`, `预期`, `计划`).
    ///
    /// A figure belongs to an indicator when the indicator's name (or its name without a
    /// trailing 数/数量/个数/次数/人数) comes before the figure in the same clause, and the figure
    /// is printed with the indicator's unit, and no other number comes between. Bounds and approximations (`超过`, `不少于`, `约`,
    /// `以上`, `余`, `左右`) are not statements of the value and are skipped, as is a figure two
    /// indicators could claim. A figure printed with fewer decimals than the table matches when
    /// it is the table's value rounded to its printed decimals.
    ///
    /// ## Why is this bad?
    /// The narrative and the table report the same year's work; a reviewer reading one cannot
    /// tell which figure is true, and the score was computed from the table's.
    ///
    /// ## Example
    /// ```text
    /// 年度总体目标	保障平台稳定运行。	全年完成数据接口维护45个。
    /// 产出指标	数量指标	数据接口维护数	≥40.00(个)	42.00(个)	20.00	20.00
    /// ```
    ///
    /// ## How to fix
    /// Correct whichever of the two is wrong, so that the narrative restates the table.
    pub struct NarrativeFigureDiffersFromTable {
        code: "S114",
        severity: Warning,
        family: SelfEvaluation,
        summary: "文字说明中的指标数值与表中不一致",
        summary_en: "Narrative states an indicator figure that differs from the table",
        since: "0.1.0",
    }
}

/// Trailing words of an indicator name that a narrative usually leaves out (`数据接口维护数` is
/// stated as `数据接口维护45个`).
const NAME_SUFFIXES: [&str; 5] = ["数量", "个数", "次数", "人数", "数"];

/// Words between the name and the figure that make the figure a bound, not the value.
const BOUND_BEFORE: [&str; 10] = [
    "超过",
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "低于",
    "高于",
    "约",
    "近",
    "逾",
];

/// Words right after the unit that make the figure a bound or an approximation.
const BOUND_AFTER: [&str; 6] = ["以上", "以下", "以内", "余", "多", "左右"];

/// Words between the name and the figure that introduce the goal, not the result.
const GOAL_WORDS: [&str; 4] = ["目标", "预期", "计划", "指标值"];

/// Which of an indicator's values a narrative text restates by default.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Target,
    Actual,
}

/// A figure of the narrative bound to an indicator.
struct Stated<'f> {
    ind: &'f Indicator,
    side: Side,
    value: Decimal,
    printed: String,
    unit: String,
    /// The clause from the indicator's name to the figure (to place the caret).
    context: String,
}

impl Rule for NarrativeFigureDiffersFromTable {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for (_, form) in forms_of(cx, &[FormKind::SelfEvaluation]) {
            let mut u = cx.form_unit(&Self::META, form);
            let mut compared = 0;
            for (line, text, side) in narratives(form) {
                for s in stated_figures(form, &text, side) {
                    compared += 1;
                    report_if_different(cx, &mut u, line, &s);
                }
            }
            if compared == 0 {
                u.not_applicable(cx.t(
                    "文字说明中未见与指标同名、同单位的数值",
                    "the narrative states no figure with an indicator's name and unit",
                ));
            }
            cx.close(u);
        }
    }
}

/// The narrative texts of a form: (line, text, the side they restate by default).
fn narratives(form: &Form) -> Vec<(u32, String, Side)> {
    let mut out = Vec::new();
    for f in &form.fields {
        match f.key.as_str() {
            "expected_goal" => out.push((f.line, fold(&f.value), Side::Target)),
            "actual_outcome" => out.push((f.line, fold(&f.value), Side::Actual)),
            _ => {}
        }
    }
    for ind in &form.indicators {
        if let Some(n) = ind.note.as_deref().filter(|n| !n.trim().is_empty()) {
            out.push((ind.line, fold(n), Side::Actual));
        }
    }
    out
}

/// An indicator's name as a narrative may print it: the folded last level without spaces or a
/// trailing `(unit)`, and that name without a generic trailing count word.
fn name_forms(ind: &Indicator) -> Vec<String> {
    let Some(last) = ind.path.last() else {
        return Vec::new();
    };
    let mut name: String = fold(last).chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(open) = name.rfind('(') {
        if name.ends_with(')') && open > 0 {
            name.truncate(open);
        }
    }
    let mut out = vec![name.clone()];
    if let Some(short) = NAME_SUFFIXES.iter().find_map(|s| name.strip_suffix(s)) {
        if short.chars().count() >= 2 {
            out.push(short.to_string());
        }
    }
    out
}

/// The unit of an indicator's value, folded, when it has a number and a unit.
fn unit_of(v: &Value) -> Option<String> {
    v.value?;
    v.unit.as_deref().map(fold).filter(|u| !u.is_empty())
}

/// The figures of `text` bound to an indicator of `form` by name and unit.
fn stated_figures<'f>(form: &'f Form, text: &str, default: Side) -> Vec<Stated<'f>> {
    let mut out = Vec::new();
    for clause in text.split(['，', '。', '；', '、', ';', '!', '?']) {
        for n in numbers_in(clause) {
            let (at, value, printed) = (n.at, n.value, n.printed);
            let before = &clause[..at];
            let after = clause[at + printed.len()..].trim_start();
            // (indicator, matched name length, text between the name and the figure)
            let mut best: Option<(&Indicator, usize, &str)> = None;
            let mut name_at = 0;
            let mut tie = false;
            for ind in &form.indicators {
                let Some(unit) = unit_of(&ind.actual).or_else(|| unit_of(&ind.target)) else {
                    continue;
                };
                if !after.starts_with(unit.as_str()) {
                    continue;
                }
                let hit = name_forms(ind)
                    .into_iter()
                    .filter_map(|n| before.rfind(n.as_str()).map(|p| (n.len(), p)))
                    .max_by_key(|(len, _)| *len);
                let Some((len, p)) = hit else {
                    continue;
                };
                match best {
                    Some((_, l, _)) if l > len => {}
                    Some((_, l, _)) if l == len => tie = true,
                    _ => {
                        best = Some((ind, len, &before[p + len..]));
                        name_at = p;
                        tie = false;
                    }
                }
            }
            let Some((ind, _, between)) = best.filter(|_| !tie) else {
                continue;
            };
            let unit = unit_of(&ind.actual)
                .or_else(|| unit_of(&ind.target))
                .unwrap_or_default();
            let rest = after[unit.len()..].trim_start();
            // Another number between the name and the figure: the figure is not the first one
            // stated for the name.
            if between.chars().any(|c| c.is_ascii_digit())
                || BOUND_BEFORE.iter().any(|w| between.contains(w))
                || BOUND_AFTER.iter().any(|w| rest.starts_with(w))
            {
                continue;
            }
            let side = if GOAL_WORDS.iter().any(|w| between.contains(w)) {
                Side::Target
            } else {
                default
            };
            out.push(Stated {
                ind,
                side,
                value,
                context: clause[name_at..at + printed.len()].to_string(),
                printed,
                unit,
            });
        }
    }
    out
}

/// Reports `s` when it differs from its indicator's value beyond the rounding of its printed
/// decimals.
fn report_if_different(cx: &Checker, u: &mut Unit, line: u32, s: &Stated) {
    let (v, label_zh, label_en) = match s.side {
        Side::Actual => (&s.ind.actual, "实际完成值", "actual value"),
        Side::Target => (&s.ind.target, "年度指标值", "target"),
    };
    let Some(table) = v
        .value
        .filter(|_| !v.approx && unit_of(v).as_deref() == Some(&s.unit))
    else {
        return;
    };
    u.checked();
    if (s.value - table).abs() <= half_unit(s.value) {
        return;
    }
    let name = s.ind.path.last().map_or("", String::as_str);
    let stated = format!("{}{}", s.printed, s.unit);
    let msg = cx.t(
        format!(
            "文字说明写明“{name}”为 {stated}，表中{label_zh}为 {}",
            v.raw
        ),
        format!(
            "the narrative states {name} as {stated}; the table's {label_en} is {}",
            v.raw
        ),
    );
    u.report(
        &cx.doc.file,
        Report {
            column: column(cx, line, s),
            stated: Some(stated),
            expected: Some(v.raw.clone()),
            path: Some(s.ind.path.join("/")),
            ..Report::at(line, msg)
        },
    );
}

/// The column of the stated figure: after its clause context on the line, else the first
/// occurrence of the figure.
fn column(cx: &Checker, line: u32, s: &Stated) -> Option<u32> {
    let before = s.context.chars().count() - s.printed.chars().count();
    cx.column_of(line, &s.context, None)
        .map(|c| c + before as u32)
        .or_else(|| cx.column_of(line, &s.printed, None))
}
