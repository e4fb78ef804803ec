use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::tolerance::PctCheck;

use crate::rules::common::{
    growth::{as_printed, base_expr, check_growth, show_pct},
    printed_numbers::place,
};

declare_rule! {
    /// ## What it does
    /// Recomputes every stated year-on-year or against-budget growth rate (`比上年决算数增加X万元，
    /// 增长Y%`, `比年初预算数减少X万元，下降Y%`) as |X| / (amount − X) × 100, where the amount is
    /// the figure the sentence is about, and compares it with Y at Y's printed decimals.
    ///
    /// ## Why is this bad?
    /// The rate is derived from the two amounts in the same sentence; a rate that does not
    /// follow from them means one of the three numbers is wrong. A common slip is to copy the
    /// rate of the total into an item's sentence.
    ///
    /// ## Tolerance
    /// A stated rate with d decimals is right when the true value rounds (or truncates) to it.
    /// The base (amount − change) is the difference of two printed figures, so a rate that only
    /// the rounding of both explains is info (可能为取整误差). Narrative 万元 amounts are read
    /// as the 2-decimal figures they restate (`15,970.4` = `15,970.40`). A zero base is C404's;
    /// a change larger than the amount it grew to is C403's.
    ///
    /// ## Example
    /// ```text
    /// 公务用车运行维护费12.4万元，比上年决算数减少2.6万元，下降18.6%。
    /// ```
    /// 2.60 / (12.40 + 2.60) = 17.33 %, stated 18.6 % (the rate of the 三公 total).
    ///
    /// ## How to fix
    /// State the rate the two amounts give, or correct the amount that is wrong.
    pub struct GrowthRateMismatch {
        code: "C401",
        severity: Error,
        family: Claims,
        summary: "增长率与本年数、增减额不符",
        summary_en: "Growth rate does not follow from the amount and its change",
        since: "0.1.0",
    }
}

impl Rule for GrowthRateMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            if !matches!(c.kind.as_str(), "yoy_change" | "budget_change") {
                continue;
            }
            let Some(&stated) = c.stated.get("growth_pct") else {
                continue;
            };
            let subject = c.subject.clone().unwrap_or_else(|| c.kind.clone());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            let unit = c.unit.as_deref();
            let (Some(&amount), Some(&change)) = (c.inputs.get("amount"), c.inputs.get("change"))
            else {
                u.insufficient(cx.t(
                    "句中未同时给出本年数和增减额，无法复算增长率",
                    "the sentence does not give both the amount and its change",
                ));
                cx.close(u);
                continue;
            };
            let (amount, change) = (as_printed(amount, unit), as_printed(change, unit));
            let base = amount - change;
            if base.is_zero() {
                u.not_applicable(cx.t("基数为 0（见 C404）", "zero base (see C404)"));
                cx.close(u);
                continue;
            }
            if base.is_sign_negative() {
                u.not_applicable(cx.t(
                    "增减额大于本年数（见 C403）",
                    "change exceeds the amount (see C403)",
                ));
                cx.close(u);
                continue;
            }
            u.checked();
            let r = check_growth(stated, amount, change);
            if let PctCheck::Wrong { .. } | PctCheck::Rounding { .. } = r {
                let (line, column, printed) = place(cx, c, stated, true);
                let exp = show_pct(change.abs(), base, stated);
                let msg = cx.t(
                    format!(
                        "{subject}: 增长率 {} / {} = {exp}%，文中为 {printed}%",
                        change.abs(),
                        base_expr(amount, change),
                    ),
                    format!(
                        "{subject}: growth {} / {} = {exp}%, stated {printed}%",
                        change.abs(),
                        base_expr(amount, change),
                    ),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column,
                        stated: Some(printed),
                        expected: Some(exp),
                        path: Some(c.kind.clone()),
                        severity: matches!(r, PctCheck::Rounding { .. }).then_some(Severity::Info),
                        ..Report::at(line, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}
