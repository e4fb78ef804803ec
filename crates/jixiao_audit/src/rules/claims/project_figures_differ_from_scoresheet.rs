use jixiao_model::{Decimal, FormKind};

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Related;
use crate::registry::{Meta, Rule};
use crate::rules::show;

use crate::rules::common::{
    growth::as_printed, printed_numbers::find_printed_after, sections::norm,
};

declare_rule! {
    /// ## What it does
    /// Binds each per-project sentence of the 绩效自评 part (`X项目绩效自评情况：项目全年预算数为
    /// B万元，…执行数为E万元…`) to the 指标评分表 of the same project (same name after folding
    /// full-width forms, same 评价年度 as the final account) and checks the sentence against the
    /// sheet's 资金情况: the budget (B, or the adjusted budget) must be the sheet's 预算计划安排 or
    /// 实际分配下达, and E must be its 实际支出 (市本级 + 转移支付).
    ///
    /// ## Why is this bad?
    /// The sentence and the annexed scoresheet describe the same money of the same project. If
    /// they disagree, the execution rate and the score built on one of them are wrong.
    ///
    /// ## Tolerance
    /// None: the same figure printed twice must be equal (prose may drop trailing zeros). A
    /// sheet for another year is not applicable; a project without a sheet, a sheet whose money
    /// block was summarised away or is blank, or amounts in an unknown unit are insufficient data.
    ///
    /// ## Example
    /// ```text
    /// 档案修复项目绩效自评情况：项目全年预算数为200万元，执行数为150万元，完成预算的75%。
    /// ```
    /// with the project's scoresheet: `资金使用 实际支出 市本级 160万元`.
    ///
    /// ## How to fix
    /// Correct whichever of the sentence and the scoresheet is wrong.
    pub struct ProjectFiguresDifferFromScoresheet {
        code: "C409",
        severity: Error,
        family: Claims,
        summary: "项目自评句中的预算数或执行数与该项目评分表资金情况不符",
        summary_en: "A project sentence's budget or amount executed contradicts its scoresheet",
        since: "0.1.0",
    }
}

impl Rule for ProjectFiguresDifferFromScoresheet {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        let sheets: Vec<_> = cx
            .doc
            .forms
            .iter()
            .filter(|f| f.kind == FormKind::EvaluationScoresheet)
            .collect();
        for c in &cx.doc.claims {
            if c.kind != "project_execution" {
                continue;
            }
            let Some(project) = c.subject.clone() else {
                continue;
            };
            let mut u = cx.unit(&Self::META, &project, c.line, c.line);
            if sheets.is_empty() {
                u.not_applicable(cx.t("文档中无指标评分表", "the document has no scoresheet"));
                cx.close(u);
                continue;
            }
            let key = norm(&project);
            let year = cx
                .doc
                .forms
                .iter()
                .find(|f| {
                    f.kind == FormKind::FinalAccounts
                        && f.line_start <= c.line
                        && c.line <= f.line_end
                })
                .and_then(|f| f.year);
            let named: Vec<_> = sheets
                .iter()
                .filter(|s| s.project.as_deref().map(norm).as_deref() == Some(key.as_str()))
                .collect();
            let same_year: Vec<_> = named
                .iter()
                .filter(|s| year.is_none() || s.year.is_none() || s.year == year)
                .collect();
            let sheet = match (named.len(), same_year.len()) {
                (0, _) => {
                    u.insufficient(cx.t(
                        format!("未找到项目「{project}」的指标评分表"),
                        format!("no scoresheet for project `{project}`"),
                    ));
                    cx.close(u);
                    continue;
                }
                (_, 0) => {
                    let y = named[0].year.map(|y| y.to_string()).unwrap_or_default();
                    u.not_applicable(cx.t(
                        format!("该项目评分表的评价年度为 {y}，与决算年度不同"),
                        format!(
                            "the project's scoresheet evaluates {y}, not the final account's year"
                        ),
                    ));
                    cx.close(u);
                    continue;
                }
                (_, 1) => same_year[0],
                _ => {
                    u.insufficient(cx.t(
                        format!("项目「{project}」有多张同年度评分表"),
                        format!("several scoresheets of one year for `{project}`"),
                    ));
                    cx.close(u);
                    continue;
                }
            };
            let Some(money) = &sheet.money else {
                u.insufficient(cx.t("评分表无资金情况", "the scoresheet has no money block"));
                cx.close(u);
                continue;
            };
            if cx
                .doc
                .warnings
                .iter()
                .any(|w| w.line_start <= money.line && money.line <= w.line_end)
            {
                u.insufficient(cx.t(
                    format!("评分表资金情况（第 {} 行）未能完整识别", money.line),
                    format!(
                        "the scoresheet's money block (line {}) was not fully read",
                        money.line
                    ),
                ));
                cx.close(u);
                continue;
            }
            if money.unit.is_none() || money.unit != c.unit {
                u.insufficient(cx.t(
                    "评分表或句中金额单位不明或不同",
                    "the amount units of the sheet and the sentence are unknown or differ",
                ));
                cx.close(u);
                continue;
            }
            let unit = c.unit.as_deref();
            let g = |k: &str| c.inputs.get(k).map(|&v| as_printed(v, unit));
            let related = |what: String| Related {
                file: cx.doc.file.clone(),
                line: money.line,
                column: None,
                message: what,
            };
            // Budget: the sentence's budget or adjusted budget is one of the sheet's.
            let mut sentence_budgets: Vec<Decimal> = g("budget").into_iter().collect();
            if let Some(a) = g("adjusted_budget") {
                sentence_budgets.push(a);
            } else if let (Some(b), Some(a)) = (g("budget"), g("adjustment")) {
                sentence_budgets.push(b + a);
            }
            let allocated = money
                .allocated
                .map(|a| a + money.allocated_transfer.unwrap_or(Decimal::ZERO));
            let sheet_budgets: Vec<Decimal> = money.planned.into_iter().chain(allocated).collect();
            if sheet_budgets.is_empty() || sentence_budgets.is_empty() {
                u.insufficient(cx.t("预算数无从比较", "no budget to compare"));
            } else {
                u.checked();
                if !sentence_budgets.iter().any(|b| sheet_budgets.contains(b)) {
                    let b = sentence_budgets[0];
                    let p = find_printed_after(cx, c.line, &["预算数为"], b, false);
                    let (line, column, printed) = match p {
                        Some(p) => (p.line, Some(p.column), p.text),
                        None => (c.line, None, b.to_string()),
                    };
                    let sheet_desc = format!(
                        "预算计划安排 {} / 实际分配下达 {}",
                        money.planned.map(show).unwrap_or_else(|| "—".into()),
                        allocated.map(show).unwrap_or_else(|| "—".into())
                    );
                    let msg = cx.t(
                        format!("{project}: 文中预算数 {printed}，评分表资金情况为 {sheet_desc}"),
                        format!("{project}: the sentence's budget is {printed}, the scoresheet gives {sheet_desc}"),
                    );
                    u.report(
                        &cx.doc.file,
                        Report {
                            column,
                            stated: Some(printed),
                            expected: money.planned.or(allocated).map(show),
                            path: Some(c.kind.clone()),
                            related: vec![related(format!("{project} 资金情况 {sheet_desc}"))],
                            ..Report::at(line, msg)
                        },
                    );
                }
            }
            // Executed: the sheet's 实际支出.
            let paid = money
                .paid
                .map(|p| p + money.paid_transfer.unwrap_or(Decimal::ZERO));
            match (g("executed"), paid) {
                (Some(e), Some(p)) => {
                    u.checked();
                    if e != p {
                        let found = find_printed_after(cx, c.line, &["执行数"], e, false);
                        let (line, column, printed) = match found {
                            Some(x) => (x.line, Some(x.column), x.text),
                            None => (c.line, None, e.to_string()),
                        };
                        let msg = cx.t(
                            format!("{project}: 文中执行数 {printed}，评分表实际支出为 {}", show(p)),
                            format!("{project}: the sentence's amount executed is {printed}, the scoresheet's 实际支出 is {}", show(p)),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                column,
                                stated: Some(printed),
                                expected: Some(show(p)),
                                path: Some(c.kind.clone()),
                                related: vec![related(format!(
                                    "{project} 资金情况 实际支出 {}",
                                    show(p)
                                ))],
                                ..Report::at(line, msg)
                            },
                        );
                    }
                }
                _ => u.insufficient(cx.t("执行数无从比较", "no amount executed to compare")),
            }
            cx.close(u);
        }
    }
}
