use jixiao_parse::prose::strip_enumerators;

use crate::checker::{Checker, Report, Unit};
use crate::declare_rule;
use crate::finding::{Related, Severity};
use crate::registry::{Meta, Rule};
use crate::tolerance::{check_pct, PctCheck};

use crate::rules::common::{
    binding::{bind, compare_amount, item_levels, AmountCmp, Measure},
    completion::{items, Comparison, Item, Printed},
    growth::show_pct,
    numbers::fmt,
    sections::section_at,
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Reads each budget-completion item of the 一般公共预算 narrative printed in the form
    /// `年初预算为A万元，支出决算为B万元，完成年初预算的Y%。决算数大于年初预算数的主要原因是……`
    /// (several regions print one per 类/款/项) and checks it against itself and the table:
    /// - Y = B / A × 100 at its printed decimals; A = 0 with a stated Y is an error (no rate
    ///   can be computed); the rate names the budget the item states (`完成年初预算的` after
    ///   `年初预算为`, not after `调整预算为`);
    /// - the comparison word (大于/高于/超出 · 小于/低于 · 等于/持平/一致) agrees with A and B;
    /// - an amount the item opens with (`档案馆（项）470万元。年初预算为…`) equals B;
    /// - B equals the row the item names by its 类/款/项 markers (`一般公共服务（类）档案事务
    ///   （款）档案馆（项）`) in its section's table: the 一般公共预算财政拨款支出决算表 in the
    ///   一般公共预算 section, the fund tables in theirs.
    ///
    /// The in-phrase form `完成全年预算10万元的60%` is C406's.
    ///
    /// ## Why is this bad?
    /// The item is the reader's account of how one line of spending went against its budget:
    /// a rate that does not follow from the amounts, a 大于 where the actual is below the
    /// budget, or two different actuals for one item leave the reader unable to tell which
    /// figure is true.
    ///
    /// ## Tolerance
    /// A stated rate with d decimals is right when the true value rounds (or truncates) to
    /// it; a value only the amounts' rounding explains is info. Amounts are compared exactly
    /// (prose may drop trailing zeros). An item with a rate but no budget or no actual amount,
    /// or whose amounts are in different units, is insufficient data; a document with no such
    /// item is not applicable.
    ///
    /// ## Example
    /// ```text
    /// 1. 一般公共服务（类）档案事务（款）档案馆（项）470万元。年初预算为400万元，支出决算为470万元，
    /// 完成年初预算的112.5%，决算数小于年初预算数的主要原因是追加了数字化加工经费。
    /// ```
    /// 470 / 400 = 117.5 %, not 112.5 %; and 470 is more than 400, not 小于.
    ///
    /// ## How to fix
    /// Recompute the rate from the two amounts, use the comparison word the amounts give, and
    /// open the item with its actual amount.
    pub struct BudgetCompletionItemMismatch {
        code: "C412",
        severity: Error,
        family: Claims,
        summary: "预算完成情况条目的完成率、比较用词或金额前后不一致",
        summary_en: "A budget-completion item's rate, comparison word or amounts disagree",
        since: "0.2.0",
    }
}

impl Rule for BudgetCompletionItemMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let list = items(cx, form);
            if list.is_empty() {
                let mut u = cx.form_unit(&Self::META, form);
                u.not_applicable(cx.t(
                    "文中无“年初预算为…支出决算为…”条目",
                    "no `年初预算为…支出决算为…` item in the narrative",
                ));
                cx.close(u);
                continue;
            }
            for item in &list {
                let label = item_label(item);
                let mut u = cx.unit(&Self::META, label, item.line, item.end_line);
                check_item(cx, &mut u, item);
                check_table_row(cx, &mut u, form, item);
                cx.close(u);
            }
        }
    }
}

fn item_label(item: &Item) -> String {
    let head = strip_enumerators(item.head.trim()).trim_end_matches(['，', '。', '：', ':']);
    if head.is_empty() {
        "预算完成情况".to_string()
    } else {
        head.chars().take(40).collect()
    }
}

fn report_at(cx: &Checker, u: &mut Unit, at: &Printed, msg: String, related: Vec<Related>) {
    u.report(
        &cx.doc.file,
        Report {
            column: at.column,
            stated: Some(at.text.clone()),
            related,
            ..Report::at(at.line, msg)
        },
    );
}

fn rel(cx: &Checker, p: &Printed, what: &str) -> Related {
    Related {
        file: cx.doc.file.clone(),
        line: p.line,
        column: p.column,
        message: format!("{what} {}", p.text),
    }
}

fn check_item(cx: &Checker, u: &mut Unit, item: &Item) {
    let (Some(a), Some(b)) = (&item.budget, &item.actual) else {
        if item.rate.is_some() {
            u.insufficient(cx.t(
                "完成率所依据的年初预算或支出决算金额未给出",
                "the budget or actual amount of the completion rate is not stated",
            ));
        } else {
            u.not_applicable(cx.t(
                "条目未同时给出年初预算和支出决算",
                "the item does not state both budget and actual",
            ));
        }
        return;
    };
    if a.unit != b.unit {
        u.insufficient(cx.t(
            "年初预算与支出决算的金额单位不同",
            "budget and actual are in different units",
        ));
        return;
    }
    u.checked();
    // The opening amount restates the actual.
    if let Some(o) = &item.opening {
        if o.unit == b.unit && o.value != b.value {
            let msg = cx.t(
                format!("条目开头金额为 {}，支出决算为 {}", o.text, b.text),
                format!("the item opens with {}, its actual is {}", o.text, b.text),
            );
            report_at(cx, u, o, msg, vec![rel(cx, b, "支出决算为")]);
        }
    }
    if let (Some(y), Some(bk), Some(rk)) = (&item.rate, item.budget_kind, item.rate_kind) {
        if bk != rk {
            let msg = cx.t(
                format!("完成率称按{rk}预算计算，而条目给出的是{bk}预算 {}", a.text),
                format!(
                    "the rate is stated against the {rk} budget, the item gives the {bk} budget {}",
                    a.text
                ),
            );
            report_at(cx, u, y, msg, vec![rel(cx, a, "预算为")]);
        }
    }
    if let Some(y) = &item.rate {
        match check_pct(y.value, b.value, a.value) {
            PctCheck::Exact => {}
            PctCheck::ZeroDenominator => {
                let msg = cx.t(
                    format!("年初预算为 0，不能计算完成率，却写 {}%", y.text),
                    format!(
                        "the budget is 0, yet a completion rate of {}% is stated",
                        y.text
                    ),
                );
                report_at(cx, u, y, msg, vec![rel(cx, a, "年初预算为")]);
            }
            PctCheck::Rounding { expected } | PctCheck::Wrong { expected } => {
                let exp = show_pct(b.value, a.value, y.value);
                let mut msg = cx.t(
                    format!(
                        "完成率 {} / {} = {exp}%，文中为 {}%",
                        b.text, a.text, y.text
                    ),
                    format!(
                        "completion {} / {} = {exp}%, stated {}%",
                        b.text, a.text, y.text
                    ),
                );
                // The rate that fits the opening amount instead.
                if let Some(o) = item.opening.as_ref().filter(|o| o.value != b.value) {
                    if check_pct(y.value, o.value, a.value) == PctCheck::Exact {
                        msg.push_str(&cx.t(
                            format!("（按开头金额 {} 计算）", o.text),
                            format!(" (computed on the opening amount {})", o.text),
                        ));
                    }
                }
                let rounding = matches!(
                    check_pct(y.value, b.value, a.value),
                    PctCheck::Rounding { .. }
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column: y.column,
                        stated: Some(y.text.clone()),
                        expected: Some(fmt(expected)),
                        related: vec![rel(cx, a, "年初预算为"), rel(cx, b, "支出决算为")],
                        severity: rounding.then_some(Severity::Info),
                        ..Report::at(y.line, msg)
                    },
                );
            }
        }
    }
    if let Some((cmp, word, at)) = &item.comparison {
        let actual = match b.value.cmp(&a.value) {
            std::cmp::Ordering::Greater => Comparison::Greater,
            std::cmp::Ordering::Less => Comparison::Less,
            std::cmp::Ordering::Equal => Comparison::Equal,
        };
        if *cmp != actual {
            let msg = cx.t(
                format!(
                    "文中说决算数“{word}”年初预算数，而支出决算 {} 与年初预算 {} {}",
                    b.text,
                    a.text,
                    relation(actual).0
                ),
                format!(
                    "the text says the actual is `{word}` the budget, but the actual {} is {} the budget {}",
                    b.text,
                    relation(actual).1,
                    a.text
                ),
            );
            report_at(
                cx,
                u,
                at,
                msg,
                vec![rel(cx, a, "年初预算为"), rel(cx, b, "支出决算为")],
            );
        }
    }
}

/// How the actual stands to the budget, in Chinese and English.
fn relation(c: Comparison) -> (&'static str, &'static str) {
    match c {
        Comparison::Greater => ("相比更大", "above"),
        Comparison::Less => ("相比更小", "below"),
        Comparison::Equal => ("相等", "equal to"),
    }
}

/// B against the row the item names by its 类/款/项 markers, in the table of the item's section
/// (一般公共预算, 政府性基金 or 国有资本经营); nothing in another section.
fn check_table_row(cx: &Checker, u: &mut Unit, form: &jixiao_model::Form, item: &Item) {
    let Some(b) = &item.actual else { return };
    if item_levels(&item.head).is_empty() {
        return;
    }
    let sec = section_at(cx, form, item.line);
    let Some(bound) = bind(cx, form, &item.head, sec, Measure::Actual) else {
        return;
    };
    let cell = match bound {
        Ok(c) => c,
        Err(reason) => {
            u.insufficient(reason);
            return;
        }
    };
    if let AmountCmp::Differs { .. } = compare_amount(cx, b.value, b.unit, &cell) {
        let msg = cx.t(
            format!("支出决算为 {}，{} 为 {}", b.text, cell.label, cell.raw),
            format!("actual stated {}, {} is {}", b.text, cell.label, cell.raw),
        );
        report_at(cx, u, b, msg, vec![cell.related(cx)]);
    }
}
