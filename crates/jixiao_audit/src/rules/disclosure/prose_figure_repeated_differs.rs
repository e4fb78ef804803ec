use std::collections::BTreeMap;

use jixiao_model::{Claim, Decimal};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Related;
use crate::registry::{Meta, Rule};
use crate::rules::common::{numbers::printed, prose::form_range, tables::final_forms};

declare_rule! {
    /// ## What it does
    /// Flags a figure the 情况说明 states twice with two different values: the same subject
    /// phrase (`一般公共预算财政拨款收入`, `公务接待费`) with a different current-year amount in
    /// another sentence (a change, share, completion or itemised-total statement). Generic
    /// subjects (`基本支出`, `项目支出`, which differ between the all-funds and the
    /// general-budget sections) are not compared.
    ///
    /// ## Why is this bad?
    /// One of the two printings is wrong, and the percentages computed from it are then wrong
    /// too.
    ///
    /// ## Tolerance
    /// None: two printings of one figure must be equal (prose may drop trailing zeros:
    /// `1,250.4` = `1,250.40`).
    ///
    /// ## Example
    /// ```text
    /// 1. 一般公共预算财政拨款收入2,345.6万元，比上年决算数增加…
    /// 其中：一般公共预算财政拨款收入2,354.6万元，…
    /// ```
    ///
    /// ## How to fix
    /// Check the figure against the tables and correct the wrong printing.
    pub struct ProseFigureRepeatedDiffers {
        code: "D507",
        severity: Error,
        family: Disclosure,
        summary: "说明中同一数字前后不一致",
        summary_en: "The same figure is stated twice in prose with different values",
        since: "0.1.0",
    }
}

/// Subjects too generic to identify one figure.
const GENERIC: &[&str] = &[
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "本年收入",
    "本年支出",
    "收入",
    "支出",
    "合计",
    "总计",
    "其中",
    "共涉及资金",
];

/// The current-year amount a claim states, if it states one.
fn amount(c: &Claim) -> Option<Decimal> {
    let key = match c.kind.as_str() {
        "yoy_change" | "flat" | "share" | "budget_change" => "amount",
        "budget_completion" => "actual",
        "sum" => "total",
        _ => return None,
    };
    c.inputs.get(key).copied()
}

fn subject_key(s: &str) -> String {
    jixiao_text::fold_label(s)
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | ' '))
        .collect()
}

impl Rule for ProseFigureRepeatedDiffers {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let (a, b) = form_range(cx, form);
            let mut groups: BTreeMap<(String, String), Vec<(&Claim, Decimal)>> = BTreeMap::new();
            for c in cx.doc.claims.iter().filter(|c| (a..=b).contains(&c.line)) {
                let (Some(s), Some(v)) = (c.subject.as_deref(), amount(c)) else {
                    continue;
                };
                let key = subject_key(s);
                if key.chars().count() < 4 || GENERIC.contains(&key.as_str()) {
                    continue;
                }
                let unit = c.unit.clone().unwrap_or_default();
                groups.entry((key, unit)).or_default().push((c, v));
            }
            let mut compared = 0;
            for ((subject, unit), list) in &groups {
                if list.len() < 2 {
                    continue;
                }
                compared += 1;
                u.checked();
                let (first, v0) = list[0];
                // One finding per differing printing, at the later one.
                let mut reported: Vec<Decimal> = Vec::new();
                for &(c, v) in &list[1..] {
                    if v == v0 || reported.contains(&v) {
                        continue;
                    }
                    reported.push(v);
                    let column = cx
                        .column_of(c.line, &printed(v), None)
                        .or_else(|| cx.column_of(c.line, &v.to_string(), None));
                    let msg = cx.t(
                        format!(
                            "{subject} 在第 {} 行为 {}{unit}，此处为 {}{unit}：同一数字前后不一致",
                            first.line,
                            printed(v0),
                            printed(v)
                        ),
                        format!(
                            "{subject} is {} {unit} on line {} but {} {unit} here: the same figure differs",
                            printed(v0),
                            first.line,
                            printed(v)
                        ),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(printed(v)),
                            expected: Some(v0.to_string()),
                            path: Some(subject.clone()),
                            related: vec![Related {
                                file: cx.doc.file.clone(),
                                line: first.line,
                                column: None,
                                message: format!("{subject} {}{unit}", printed(v0)),
                            }],
                            ..Report::at(c.line, msg)
                        },
                    );
                }
            }
            if compared == 0 {
                u.not_applicable(cx.t(
                    "说明中没有重复陈述的数字",
                    "no figure is stated twice in the prose",
                ));
            }
            cx.close(u);
        }
    }
}
