use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    tables::{final_forms, single},
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks the empty-table statement both ways: a table that states 本表本年度无发生额 (or
    /// 本表无数据) must print only zeros or blanks (an error otherwise); a table whose amounts are
    /// all zero or blank should carry that statement (a warning otherwise).
    ///
    /// ## Why is this bad?
    /// A statement that contradicts the table's own figures leaves the reader unsure which is
    /// true; an all-zero table without the statement looks like a table left unfilled.
    ///
    /// ## Example
    /// ```text
    /// 	合计	0.00	0.00	0.00
    /// ```
    /// with no 本表本年度无发生额 under it; or the statement under a table printing 110.00.
    ///
    /// ## How to fix
    /// Remove the statement from a table with transactions, or add it to an empty table.
    pub struct EmptyTableStatementMismatch {
        code: "D502",
        severity: Error,
        family: Disclosure,
        summary: "空表说明与表中数字不符",
        summary_en: "Empty-table statement contradicts the table",
        since: "0.1.0",
    }
}

impl Rule for EmptyTableStatementMismatch {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            for id in TableId::ALL {
                let Some((mut u, t)) = single(cx, &Self::META, form, id) else {
                    continue;
                };
                u.checked();
                let nonzero = t.rows.iter().find_map(|r| {
                    r.values
                        .iter()
                        .position(|v| v.is_some_and(|d| !d.is_zero()))
                        .map(|k| (r, k))
                });
                match (t.empty_statement, nonzero) {
                    (true, Some((r, k))) => {
                        let line = t.empty_statement_line.unwrap_or(t.line_start);
                        let at = cell(cx, t, r, k).ok();
                        let shown = at
                            .as_ref()
                            .map_or_else(String::new, |a| format!("{} {}", a.path(), a.raw));
                        let msg = cx.t(
                            format!("{} 注明本年度无发生额，但表中有金额（{shown}，第 {} 行）", t.title, r.line),
                            format!("{} states no transactions, but prints an amount ({shown}, line {})", t.title, r.line),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                related: at
                                    .map(|a| crate::finding::Related {
                                        file: cx.doc.file.clone(),
                                        line: a.line,
                                        column: a.column(cx),
                                        message: shown.clone(),
                                    })
                                    .into_iter()
                                    .collect(),
                                ..Report::at(line, msg)
                            },
                        );
                    }
                    (false, None) if t.rows.is_empty() => {
                        u.insufficient(cx.t(
                            format!("{} 未读到任何数据行", t.title),
                            format!("{}: no data row was read", t.title),
                        ));
                    }
                    (false, None) => {
                        let msg = cx.t(
                            format!("{} 金额全为零或空白，未注明“本表本年度无发生额”", t.title),
                            format!("{} prints only zeros or blanks but does not state 本表本年度无发生额", t.title),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                severity: Some(Severity::Warning),
                                ..Report::at(t.line_start, msg)
                            },
                        );
                    }
                    _ => {}
                }
                cx.close(u);
            }
        }
    }
}
