use jixiao_model::TableId;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    binding::{item_levels, item_name, item_section, LEVEL_MARKERS},
    prose::{clauses, locate, paragraphs, sentences},
    sections::{section_at, Section},
    tables::final_forms,
};

declare_rule! {
    /// ## What it does
    /// Checks the names of the 功能分类 the narrative gives with their level markers
    /// (`社会保障和就业（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）`) against
    /// the table the section restates — the 一般公共预算财政拨款支出决算表 in the 一般公共预算
    /// section, the 政府性基金 / 国有资本经营 table in theirs, and elsewhere (the 财政拨款
    /// overview) the table of the fund the text names last before the item: every named 类 must be a 3-digit row
    /// of that table, every 款 a 5-digit row and every 项 a 7-digit row, under the 类/款 named
    /// before it. Names are compared without a trailing `支出` and with full-width brackets
    /// folded. The table is taken as right.
    ///
    /// ## Why is this bad?
    /// A name the table does not have (an old 科目 name, a typo, an item of another 类) leaves
    /// the reader unable to find the row the sentence explains, and the amount beside it cannot
    /// be checked.
    ///
    /// ## Tolerance
    /// Exact after folding. A section whose table is missing or summarised is insufficient
    /// data; a narrative with no marked 类/款/项 is not applicable.
    ///
    /// ## Example
    /// ```text
    /// 卫生健康（类）行政事业单位医疗（款）行政单位医疗（项）62.1万元。
    /// ```
    /// with the table's 项 under 21011 named 事业单位医疗.
    ///
    /// ## How to fix
    /// Use the table's 科目 names in the narrative.
    pub struct ItemNameDiffersFromTable {
        code: "C414",
        severity: Warning,
        family: Claims,
        summary: "文字说明中的类/款/项名称与决算表不符",
        summary_en: "A 类/款/项 name in the narrative is not the table's",
        since: "0.2.0",
    }
}

/// The table whose 科目 names a section's marked items must use.
fn names_table(sec: Section) -> Option<TableId> {
    match sec {
        Section::GeneralBudget => Some(TableId::GeneralBudget),
        Section::GovernmentFund => Some(TableId::GovernmentFund),
        Section::StateCapital => Some(TableId::StateCapital),
        _ => None,
    }
}

fn level_word(len: usize) -> &'static str {
    LEVEL_MARKERS
        .iter()
        .find(|(_, l)| *l == len)
        .map_or("", |(m, _)| m.trim_matches(['(', ')']))
}

impl Rule for ItemNameDiffersFromTable {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let mut u = cx.form_unit(&Self::META, form);
            let mut seen = 0;
            for para in paragraphs(cx, form) {
                let sec = section_at(cx, form, para.line());
                for (off, s) in sentences(&para.text) {
                    for (at, clause) in clauses(s) {
                        let levels = item_levels(clause);
                        if levels.is_empty() {
                            continue;
                        }
                        let before = &para.text[..off + at];
                        let Some(id) = names_table(item_section(sec, clause, before)) else {
                            continue;
                        };
                        seen += 1;
                        let t = match form.table(id) {
                            Some(t) if !t.summarised => t,
                            _ => {
                                u.insufficient(cx.t(
                                    format!("未找到可核对名称的{}", id.name()),
                                    format!("no readable {} to check the names against", id.name()),
                                ));
                                continue;
                            }
                        };
                        u.checked();
                        let mut parent: Option<&str> = None;
                        for (len, name) in &levels {
                            let row = t.rows.iter().find(|r| {
                                r.code.as_deref().is_some_and(|c| {
                                    c.len() == *len && parent.is_none_or(|p| c.starts_with(p))
                                }) && item_name(&r.name) == *name
                            });
                            if let Some(r) = row {
                                parent = r.code.as_deref();
                                continue;
                            }
                            let word = level_word(*len);
                            let names: Vec<&str> = t
                                .rows
                                .iter()
                                .filter(|r| {
                                    r.code.as_deref().is_some_and(|c| {
                                        c.len() == *len && parent.is_some_and(|p| c.starts_with(p))
                                    })
                                })
                                .map(|r| r.name.as_str())
                                .take(4)
                                .collect();
                            let hint = if names.is_empty() {
                                String::new()
                            } else {
                                cx.t(
                                    format!("；表中该级为：{}", names.join("、")),
                                    format!("; the table has: {}", names.join(", ")),
                                )
                            };
                            let (line, column) = locate(cx, &para, off + at);
                            let msg = cx.t(
                                format!("{}中无名为“{name}”的{word}{hint}", t.title),
                                format!("{} has no {word} named `{name}`{hint}", t.title),
                            );
                            u.report(
                                &cx.doc.file,
                                Report {
                                    column,
                                    stated: Some(name.clone()),
                                    ..Report::at(line, msg)
                                },
                            );
                            break;
                        }
                    }
                }
            }
            if seen == 0 {
                u.not_applicable(cx.t(
                    "文中未以（类）（款）（项）标注科目",
                    "the narrative names no 类/款/项 with its marker",
                ));
            }
            cx.close(u);
        }
    }
}
