use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    tables::{col, final_forms, leaf, pair, summary_side, total_row},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that appropriation spending does not exceed all spending: on every row of the
    /// 一般公共预算财政拨款支出决算表 (T5), 基本支出 and 项目支出 ≤ the same code's row of the
    /// 支出决算表 (T3) (a code missing from T3 counts as 0); and 本年支出合计 of the 财政拨款
    /// 收入支出决算总表 (T4) ≤ 本年支出合计 of the 收入支出决算总表 (T1).
    ///
    /// ## Why is this bad?
    /// General-budget appropriations are one of the sources of all spending, so they cannot
    /// exceed it row by row. A violation usually means two drafts were mixed or a column was
    /// shifted.
    ///
    /// ## Tolerance
    /// None: rounding keeps order. This is a derived inequality, reported as a warning.
    ///
    /// ## Example
    /// ```text
    /// 2130313	水文测报	445.30	0.00	445.30	…	（支出决算表）
    /// 2130313	水文测报	455.30	0.00	455.30	（一般公共预算财政拨款支出决算表）
    /// ```
    ///
    /// ## How to fix
    /// Find the table with the wrong figure and correct it.
    pub struct AppropriationSpendingExceedsTotal {
        code: "F317",
        severity: Warning,
        family: FinalAccounts,
        summary: "财政拨款支出大于总支出",
        summary_en: "Appropriation spending exceeds total spending",
        since: "0.1.0",
    }
}

const WHY: (&str, &str) = (
    "财政拨款支出是全部支出的一部分，不应更大",
    "appropriation spending is part of all spending and cannot be larger",
);

impl Rule for AppropriationSpendingExceedsTotal {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            if let Some((mut u, t3, t5)) = pair(
                cx,
                &Self::META,
                form,
                TableId::Expenditure,
                TableId::GeneralBudget,
            ) {
                let mut tally = Tally::pair();
                for word in ["基本支出", "项目支出"] {
                    let (Some(k3), Some(k5)) = (
                        col(t3, None, |c| leaf(c).contains(word)),
                        col(t5, None, |c| leaf(c).contains(word)),
                    ) else {
                        u.insufficient(
                            cx.t(format!("未找到{word}栏"), format!("no {word} column")),
                        );
                        continue;
                    };
                    for r5 in &t5.rows {
                        let r3 = match &r5.code {
                            Some(c) => t3.rows.iter().find(|r| r.code.as_ref() == Some(c)),
                            None if total_row(t5).is_some_and(|t| std::ptr::eq(t, r5)) => {
                                total_row(t3)
                            }
                            None => continue,
                        };
                        let a5 = match cell(cx, t5, r5, k5) {
                            Ok(a) => a,
                            Err(e) => {
                                u.insufficient(e);
                                continue;
                            }
                        };
                        match r3.map(|r3| cell(cx, t3, r3, k3)) {
                            Some(Ok(a3)) => tally.not_above(cx, &mut u, &a5, &a3, WHY),
                            Some(Err(e)) => u.insufficient(e),
                            None => tally.unmatched(cx, &mut u, &a5, (&t3.title, &t3.title)),
                        }
                    }
                }
                tally.close(cx, u);
            }
            if let Some((mut u, t1, t4)) = pair(
                cx,
                &Self::META,
                form,
                TableId::Summary,
                TableId::Appropriation,
            ) {
                let mut tally = Tally::pair();
                let k4 = col(t4, Some("支出"), |c| c == "合计").unwrap_or(0);
                match (
                    summary_side(t4, "支出").total,
                    summary_side(t1, "支出").total,
                ) {
                    (Some(a), Some(b)) => match (cell(cx, t4, a, k4), cell(cx, t1, b, 0)) {
                        (Ok(a), Ok(b)) => tally.not_above(cx, &mut u, &a, &b, WHY),
                        (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                    },
                    _ => u.insufficient(
                        cx.t("未读到本年支出合计", "the expenditure total was not read"),
                    ),
                }
                tally.close(cx, u);
            }
        }
    }
}
