use jixiao_model::Decimal;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::show;
use crate::tolerance::{check_pct, PctCheck};

use crate::rules::common::{
    growth::{as_printed, show_pct},
    printed_numbers::{find_printed, place},
};

declare_rule! {
    /// ## What it does
    /// Recomputes the completion rate of every per-project sentence of the 绩效自评 part
    /// (`项目全年预算数为B万元，[调增/调减A万元，|经年中调减后实际预算为B′万元，]执行数为E万元，
    /// 完成预算的Z%`) as E / budget × 100, where the budget is B′ when stated, else B ± A, else
    /// B; and checks that B ± A equals B′ when the sentence gives both.
    ///
    /// ## Why is this bad?
    /// These sentences summarise each project's execution for the public. Writing 100 % for a
    /// project that spent four fifths of its budget overstates execution; the scoresheet's 预算
    /// 执行率 points depend on the same figures.
    ///
    /// ## Tolerance
    /// A stated rate with d decimals is right when the true value rounds (or truncates) to it;
    /// a value only the inputs' rounding explains is info. A zero budget is C404's. The adjusted
    /// budget must equal B ± A exactly.
    ///
    /// ## Example
    /// ```text
    /// 档案修复项目绩效自评情况：项目全年预算数为300万元，执行数为236.5万元，完成预算的100%。
    /// ```
    /// 236.50 / 300.00 = 78.83 %, stated 100 %.
    ///
    /// ## How to fix
    /// State the rate the amounts give; if the budget was adjusted during the year, say so and
    /// give the adjusted budget.
    pub struct ProjectExecutionRateMismatch {
        code: "C407",
        severity: Error,
        family: Claims,
        summary: "项目自评句中完成预算比例与执行数、预算数不符",
        summary_en: "Project completion rate does not equal executed / (adjusted) budget",
        since: "0.1.0",
    }
}

impl Rule for ProjectExecutionRateMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for c in &cx.doc.claims {
            if c.kind != "project_execution" {
                continue;
            }
            let project = c
                .subject
                .clone()
                .unwrap_or_else(|| format!("line {}", c.line));
            let mut u = cx.unit(&Self::META, &project, c.line, c.line);
            let unit = c.unit.as_deref();
            let g = |k: &str| c.inputs.get(k).map(|&v| as_printed(v, unit));
            let (Some(budget), Some(executed)) = (g("budget"), g("executed")) else {
                u.insufficient(cx.t(
                    "句中未同时给出预算数和执行数",
                    "the sentence does not give both the budget and the amount executed",
                ));
                cx.close(u);
                continue;
            };
            let adjusted = g("adjusted_budget");
            let adjustment = g("adjustment");
            // B ± A must be the stated adjusted budget.
            if let (Some(adj), Some(a)) = (adjusted, adjustment) {
                u.checked();
                if budget + a != adj {
                    let p = find_printed(cx, c.line, Some("实际预算"), adj, false)
                        .or_else(|| find_printed(cx, c.line, None, adj, false));
                    let (line, column, printed) = match p {
                        Some(p) => (p.line, Some(p.column), p.text),
                        None => (c.line, None, adj.to_string()),
                    };
                    let msg = cx.t(
                        format!(
                            "{project}: 预算 {} {} {} = {}，文中调整后预算为 {printed}",
                            show(budget),
                            if a.is_sign_negative() { "−" } else { "+" },
                            show(a.abs()),
                            show(budget + a)
                        ),
                        format!(
                            "{project}: budget {} {} {} = {}, stated adjusted budget {printed}",
                            show(budget),
                            if a.is_sign_negative() { "−" } else { "+" },
                            show(a.abs()),
                            show(budget + a)
                        ),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(printed),
                            expected: Some(show(budget + a)),
                            path: Some(c.kind.clone()),
                            ..Report::at(line, msg)
                        },
                    );
                }
            }
            let Some(&stated) = c.stated.get("completion_pct") else {
                cx.close(u);
                continue;
            };
            let den = adjusted.unwrap_or(budget + adjustment.unwrap_or(Decimal::ZERO));
            if den.is_zero() {
                u.not_applicable(cx.t("预算数为 0（见 C404）", "zero budget (see C404)"));
                cx.close(u);
                continue;
            }
            u.checked();
            let r = check_pct(stated, executed, den);
            if let PctCheck::Wrong { .. } | PctCheck::Rounding { .. } = r {
                let (line, column, printed) = place(cx, c, stated, true);
                let exp = show_pct(executed, den, stated);
                let den_word = if adjusted.is_some() || adjustment.is_some() {
                    cx.t("调整后预算", "adjusted budget")
                } else {
                    cx.t("预算", "budget")
                };
                let msg = cx.t(
                    format!(
                        "{project}: 执行数 {} / {den_word} {} = {exp}%，文中称完成预算的 {printed}%",
                        show(executed),
                        show(den)
                    ),
                    format!(
                        "{project}: {} / {} = {exp}%, stated {printed}% (executed / {den_word})",
                        show(executed),
                        show(den)
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
