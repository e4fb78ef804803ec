use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    tables::{bare, col, final_forms, leaf, pair, side_rows, total_row},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that 基本支出 in the 合计 row of the 一般公共预算财政拨款支出决算表 (T5) equals
    /// 人员经费合计 + 公用经费合计 of the 一般公共预算财政拨款基本支出决算(明细)表 (T6).
    ///
    /// ## Why is this bad?
    /// The second table breaks the first one's basic spending down by economic class; totals
    /// that disagree mean an economic item is missing or misprinted, or the tables come from
    /// different drafts.
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope over the three printed figures: inside it, info
    /// (可能为取整误差); beyond it, an error.
    ///
    /// ## Example
    /// ```text
    /// 	合计	2,325.60	1,650.30	675.30	（一般公共预算财政拨款支出决算表）
    /// 	人员经费合计	1,354.30		公用经费合计	286.00
    /// ```
    ///
    /// ## How to fix
    /// Correct the basic-spending total or the economic items.
    pub struct BasicSpendingNotPersonnelPlusOperating {
        code: "F314",
        severity: Error,
        family: FinalAccounts,
        summary: "基本支出不等于人员经费与公用经费之和",
        summary_en: "Basic spending is not personnel plus operating costs",
        since: "0.1.0",
    }
}

impl Rule for BasicSpendingNotPersonnelPlusOperating {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t5, t6)) = pair(
                cx,
                &Self::META,
                form,
                TableId::GeneralBudget,
                TableId::BasicSpending,
            ) else {
                continue;
            };
            let mut tally = Tally::pair();
            let basic = col(t5, None, |c| leaf(c).contains("基本支出"))
                .and_then(|k| total_row(t5).map(|r| cell(cx, t5, r, k)));
            let lane_total = |lane: &str| {
                side_rows(t6, lane)
                    .into_iter()
                    .find(|r| r.code.is_none() && bare(&r.name).contains("合计"))
                    .map(|r| cell(cx, t6, r, 0).map(|a| Term::from(a.labelled(bare(&r.name)))))
            };
            match (basic, lane_total("人员经费"), lane_total("公用经费")) {
                (Some(b), Some(p), Some(o)) => match (b, p, o) {
                    (Ok(b), Ok(p), Ok(o)) => tally.sum(
                        cx,
                        &mut u,
                        &b,
                        &[p, o],
                        ("人员经费与公用经费", "personnel and operating"),
                    ),
                    (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => u.insufficient(e),
                },
                _ => u.insufficient(cx.t(
                    format!(
                        "未读到{}合计行的基本支出，或{}的人员经费合计、公用经费合计",
                        t5.title, t6.title
                    ),
                    format!(
                        "the basic-spending total of {} or the lane totals of {} were not read",
                        t5.title, t6.title
                    ),
                )),
            }
            tally.close(cx, u);
        }
    }
}
