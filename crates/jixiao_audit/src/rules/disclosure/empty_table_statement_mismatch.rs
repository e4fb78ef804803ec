use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::finding::Severity;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::cell,
    prose::{clauses, locate, paragraphs, sentences},
    tables::{final_forms, single},
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks the empty-table statement both ways: a table that states 本表本年度无发生额 (or
    /// 本表无数据) must print only zeros or blanks (an error otherwise); a table whose amounts are
    /// all zero or blank should carry that statement (a warning otherwise). The narrative is
    /// held to the fund tables the same way: a sentence saying there was no 政府性基金 (or 国有
    /// 资本经营) income or spending (`本单位无政府性基金预算财政拨款收入和支出`) while that table
    /// prints an amount is an error.
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

/// The word a sentence names fund table `id` by, for the two fund tables.
fn fund_word(id: TableId) -> Option<&'static str> {
    match id {
        TableId::GovernmentFund => Some("政府性基金"),
        TableId::StateCapital => Some("国有资本经营"),
        _ => None,
    }
}

/// Words that say a fund had nothing (`本单位无政府性基金预算财政拨款收入和支出`).
const NONE_WORDS: &[&str] = &["无", "没有", "未发生", "未安排"];

/// The byte offset of a clause of `s` saying there was no income or spending of `fund`: a
/// [`NONE_WORDS`] word directly before the fund's name, and 收入 or 支出 after it.
fn says_none(s: &str, fund: &str) -> Option<usize> {
    clauses(s).into_iter().find_map(|(at, c)| {
        let i = c.find(fund)?;
        let before = c[..i].trim_end_matches(['本', '年', '度']);
        let none = NONE_WORDS.iter().any(|w| before.ends_with(w));
        let rest = &c[i..];
        (none && (rest.contains("收入") || rest.contains("支出"))).then_some(at)
    })
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
                if let (Some(fund), Some((r, k))) = (fund_word(id), nonzero) {
                    for para in paragraphs(cx, form).iter() {
                        for (off, sent) in sentences(&para.text) {
                            let Some(at) = says_none(sent, fund) else {
                                continue;
                            };
                            let (line, column) = locate(cx, para, off + at);
                            let shown = cell(cx, t, r, k).map_or_else(
                                |_| String::new(),
                                |a| format!("{} {}", a.path(), a.raw),
                            );
                            let msg = cx.t(
                                format!("文中称无{fund}收支，但{}有金额（{shown}）", t.title),
                                format!("the text says there is no {fund} income or spending, but {} prints an amount ({shown})", t.title),
                            );
                            u.report(
                                &cx.doc.file,
                                Report {
                                    column,
                                    ..Report::at(line, msg)
                                },
                            );
                        }
                    }
                }
                cx.close(u);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::says_none;

    #[test]
    fn none_sentences() {
        assert!(says_none("本单位无政府性基金预算财政拨款收入和支出", "政府性基金").is_some());
        assert!(says_none("本年度没有国有资本经营预算财政拨款支出", "国有资本经营").is_some());
        assert!(says_none("本中心无政府性基金预算项目", "政府性基金").is_none());
        assert!(says_none("政府性基金预算财政拨款收入120万元", "政府性基金").is_none());
    }
}
