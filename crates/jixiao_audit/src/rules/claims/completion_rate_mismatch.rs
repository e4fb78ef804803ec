use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::tolerance::{check_pct, PctCheck};

use crate::rules::common::{
    binding::{bind, Measure},
    growth::{as_printed, show_pct},
    printed_numbers::place,
    sections::{final_accounts_at, section_at},
};

declare_rule! {
    /// ## What it does
    /// Recomputes every stated budget completion (`支出决算为X万元，完成全年预算B万元的Y%`) as
    /// X / B × 100 and compares it with Y at its printed decimals. When the sentence gives the
    /// budget but not the actual of a “三公” item, the actual is taken from the 决算数 half of the
    /// 三公 table.
    ///
    /// ## Why is this bad?
    /// The completion rate tells the reader how much of the budget was used; a rate that does
    /// not follow from the two amounts beside it misreports budget execution.
    ///
    /// ## Tolerance
    /// A stated rate with d decimals is right when the true value rounds (or truncates) to it;
    /// a value only the inputs' rounding explains is info. A zero budget is C404's.
    ///
    /// ## Example
    /// ```text
    /// 公务接待费支出决算为1.2万元，完成预算4万元的40%。
    /// ```
    /// 1.20 / 4.00 = 30.00 %, stated 40 %.
    ///
    /// ## How to fix
    /// State the rate the amounts give, or correct the amount that is wrong.
    pub struct CompletionRateMismatch {
        code: "C406",
        severity: Error,
        family: Claims,
        summary: "预算完成率与决算数、预算数不符",
        summary_en: "Budget completion rate does not equal actual / budget",
        since: "0.1.0",
    }
}

impl Rule for CompletionRateMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            if c.kind != "budget_completion" {
                continue;
            }
            let Some(&stated) = c.stated.get("completion_pct") else {
                continue;
            };
            let subject = c.subject.clone().unwrap_or_else(|| c.kind.clone());
            let mut u = cx.unit(&Self::META, &subject, c.line, c.line);
            let unit = c.unit.as_deref();
            let Some(&budget) = c.inputs.get("budget") else {
                u.insufficient(cx.t("句中未给出预算数", "the sentence gives no budget"));
                cx.close(u);
                continue;
            };
            let mut related = Vec::new();
            let actual = match c.inputs.get("actual") {
                Some(&a) => Some(a),
                None => final_accounts_at(cx, c.line).and_then(|fa| {
                    let sec = section_at(cx, fa, c.line);
                    let cell = bind(cx, fa, &subject, sec, Measure::Actual)?.ok()?;
                    related.push(cell.related(cx));
                    Some(cell.value)
                }),
            };
            let Some(actual) = actual else {
                u.insufficient(cx.t(
                    format!("{subject}: 句中未给出决算数，表中也无对应单元格"),
                    format!("{subject}: no actual amount in the sentence nor a table cell for it"),
                ));
                cx.close(u);
                continue;
            };
            let (actual, budget) = (as_printed(actual, unit), as_printed(budget, unit));
            if budget.is_zero() {
                u.not_applicable(cx.t("预算数为 0（见 C404）", "zero budget (see C404)"));
                cx.close(u);
                continue;
            }
            u.checked();
            let r = check_pct(stated, actual, budget);
            if let PctCheck::Wrong { .. } | PctCheck::Rounding { .. } = r {
                let (line, column, printed) = place(cx, c, stated, true);
                let exp = show_pct(actual, budget, stated);
                let msg = cx.t(
                    format!("{subject}: 完成率 {actual} / {budget} = {exp}%，文中为 {printed}%"),
                    format!(
                        "{subject}: completion {actual} / {budget} = {exp}%, stated {printed}%"
                    ),
                );
                u.report(
                    &cx.doc.file,
                    Report {
                        column,
                        stated: Some(printed),
                        expected: Some(exp),
                        path: Some(c.kind.clone()),
                        related,
                        severity: matches!(r, PctCheck::Rounding { .. }).then_some(Severity::Info),
                        ..Report::at(line, msg)
                    },
                );
            }
            cx.close(u);
        }
    }
}
