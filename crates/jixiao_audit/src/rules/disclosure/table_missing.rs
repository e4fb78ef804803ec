use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    prose::{form_range, in_table},
    tables::final_forms,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks that a 部门决算 discloses all nine tables (收入支出决算总表, 收入决算表, 支出决算表,
    /// 财政拨款收入支出决算总表, 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算
    /// 表, 政府性基金预算财政拨款收入支出决算表, 国有资本经营预算财政拨款支出决算表, 财政拨款“三公”
    /// 经费支出决算表). Tables are found by title and header in any order (regions number them
    /// differently). A missing table is an error, reported at its entry in the table of contents
    /// when there is one; a table whose numbers were replaced by a summary in the text is a
    /// warning (its figures cannot be checked). When the table of contents lists tables, a table
    /// the body has but the contents omit is a warning.
    ///
    /// ## Why is this bad?
    /// The nine tables are the required content of a 部门决算 disclosure; a table with no
    /// transactions is still published, with the statement 本表本年度无发生额.
    ///
    /// ## Example
    /// ```text
    /// - 八、国有资本经营预算财政拨款支出决算表
    /// ```
    /// listed in the contents, but no such table in the body.
    ///
    /// ## How to fix
    /// Publish the table (empty, with 本表本年度无发生额, if nothing happened).
    ///
    /// ## Deliberately not checked
    /// - The order of the tables. Regions number and order the nine tables differently (the
    ///   Shanghai order is one of several); the content, not the sequence, is required, so a
    ///   table is found by title and header wherever it stands.
    /// - Page count and file size (the peer GovBudgetChecker's V33-003: fewer than 8 pages an
    ///   error, more than 300 pages or 50 MB a warning). jixiao reads extracted text, which has
    ///   no pages and whose size says nothing about the PDF's; what a truncated file lacks —
    ///   tables — is reported here table by table.
    ///
    /// ## References
    /// 财政部《部门决算公开》格式要求: nine tables.
    pub struct TableMissing {
        code: "D501",
        severity: Error,
        family: Disclosure,
        summary: "九张决算表缺表",
        summary_en: "One of the nine final-accounts tables is missing",
        since: "0.1.0",
    }
}

/// `s` without quotes and spaces, for comparing titles.
fn plain(s: &str) -> String {
    jixiao_text::fold_label(s)
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | ' '))
        .collect()
}

/// The names a table of contents may list table `id` under: its name, and its `明细表` form.
fn toc_names(id: TableId) -> impl Iterator<Item = String> {
    let want = plain(id.name());
    let detail = want.replace("决算表", "决算明细表");
    [want, detail].into_iter()
}

impl Rule for TableMissing {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let (first, _) = form_range(cx, form);
            // The body begins at the first table; the contents are the lines before it.
            let body = form
                .tables
                .iter()
                .map(|t| t.line_start)
                .min()
                .unwrap_or(form.line_end);
            let toc_lists_tables = (first..body).any(|n| {
                !in_table(form, n)
                    && cx.lines.get(n as usize - 1).is_some_and(|l| {
                        let p = plain(l);
                        TableId::ALL
                            .iter()
                            .any(|&id| toc_names(id).any(|w| p.ends_with(&w)))
                    })
            });
            for id in TableId::ALL {
                let found: Vec<_> = form.tables.iter().filter(|t| t.id == id).collect();
                let (start, end) = found.first().map_or((form.line_start, form.line_end), |t| {
                    (t.line_start, t.line_end)
                });
                let mut u = cx.unit(&Self::META, id.name(), start, end);
                u.checked();
                let listed = |n: u32| {
                    !in_table(form, n)
                        && cx.lines.get(n as usize - 1).is_some_and(|l| {
                            let p = plain(l);
                            let titles = found.iter().map(|t| plain(&t.title));
                            toc_names(id)
                                .chain(titles)
                                .any(|w| p.ends_with(&w) && !p.ends_with(&format!("财政拨款{w}")))
                        })
                };
                match found.first() {
                    Some(t) if t.summarised => {
                        let msg = cx.t(
                            format!("{} 在文本中被概要替代，表中数字无法核对", t.title),
                            format!("{} was replaced by a summary in the text; its figures cannot be checked", t.title),
                        );
                        u.report(
                            &cx.doc.file,
                            Report {
                                severity: Some(crate::finding::Severity::Warning),
                                ..Report::at(t.line_start, msg)
                            },
                        );
                    }
                    Some(t) => {
                        // A table of contents that lists tables but not this one.
                        if toc_lists_tables && !(first..body).any(listed) {
                            let msg = cx.t(
                                format!("正文有{}，但目录未列出该表", t.title),
                                format!("the body has {} but the contents do not list it", t.title),
                            );
                            u.report(
                                &cx.doc.file,
                                Report {
                                    severity: Some(crate::finding::Severity::Warning),
                                    ..Report::at(t.line_start, msg)
                                },
                            );
                        }
                    }
                    None => {
                        // The table of contents names it, before the first table.
                        let toc = (first..body).find(|&n| listed(n));
                        let line = toc.unwrap_or(form.line_start);
                        let msg = match toc {
                            Some(_) => cx.t(
                                format!("目录列有{}，但正文中未找到该表", id.name()),
                                format!(
                                    "the contents list {} but the body has no such table",
                                    id.name()
                                ),
                            ),
                            None => cx.t(
                                format!("未找到{}（九张决算表之一）", id.name()),
                                format!("{} (one of the nine tables) was not found", id.name()),
                            ),
                        };
                        u.report(&cx.doc.file, Report::at(line, msg));
                    }
                }
                cx.close(u);
            }
        }
    }
}
