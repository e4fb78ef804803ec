use jixiao_model::TableId;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};

use crate::rules::common::{
    binding::{fund_section, item_levels, item_name, item_section, LEVEL_MARKERS},
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
    /// folded. A 功能分类 code printed with a name (`2101102事业单位医疗`) must be a row of the
    /// table and carry that name (the prose's may run on into the sentence: `档案馆支出`). The
    /// table is taken as right.
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

/// The section's table when it can be read; else notes why on the unit.
fn readable<'f>(
    cx: &Checker,
    u: &mut crate::checker::Unit,
    form: &'f jixiao_model::Form,
    id: TableId,
) -> Option<&'f jixiao_model::Table> {
    match form.table(id) {
        Some(t) if !t.summarised => Some(t),
        _ => {
            u.insufficient(cx.t(
                format!("未找到可核对名称的{}", id.name()),
                format!("no readable {} to check the names against", id.name()),
            ));
            None
        }
    }
}

/// Words after a number that make it a count or an amount, not a code (`208万元`, `203个`).
const COUNT_WORDS: &[&str] = &[
    "万", "元", "年", "个", "人次", "人员", "次", "项", "辆", "批", "台", "家",
];

/// The lengths of a 功能分类 code (类, 款, 项).
const CODE_LENGTHS: [usize; 3] = [3, 5, 7];

/// Codes of the 功能分类 printed with a name in `clause` (`2012604档案馆`, `2101102 事业单位
/// 医疗`): a run of 3, 5 or 7 digits beginning with 2, not part of a number, directly followed
/// by the name (Chinese characters up to a bracket, punctuation or a figure).
fn coded_names(clause: &str) -> Vec<(&str, String)> {
    let b = clause.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let prev = clause[..start].chars().next_back();
        if !CODE_LENGTHS.contains(&(i - start))
            || b[start] != b'2'
            || prev.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            continue;
        }
        let rest = clause[i..].trim_start_matches([' ', '\u{3000}']);
        let name: String = rest
            .chars()
            .take_while(|c| matches!(*c as u32, 0x4E00..=0x9FFF))
            .collect();
        let counted = COUNT_WORDS.iter().any(|w| name.starts_with(w));
        if name.chars().count() >= 2 && !counted {
            out.push((&clause[start..i], name));
        }
    }
    out
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
            for para in paragraphs(cx, form).iter() {
                let sec = section_at(cx, form, para.line());
                for (off, s) in sentences(&para.text) {
                    for (at, clause) in clauses(s) {
                        let before = &para.text[..off + at];
                        let (line, column) = locate(cx, para, off + at);
                        for (code, name) in coded_names(clause) {
                            let Some(id) = names_table(fund_section(sec, before)) else {
                                continue;
                            };
                            seen += 1;
                            let Some(t) = readable(cx, &mut u, form, id) else {
                                continue;
                            };
                            u.checked();
                            let row = t.rows.iter().find(|r| r.code.as_deref() == Some(code));
                            let msg = match row {
                                Some(r) => {
                                    let (a, b) = (item_name(&r.name), item_name(&name));
                                    if a.starts_with(&b) || b.starts_with(&a) {
                                        continue;
                                    }
                                    cx.t(
                                        format!(
                                            "{}中编码 {code} 为“{}”，文中为“{name}”",
                                            t.title, r.name
                                        ),
                                        format!(
                                            "{} names code {code} `{}`, the text `{name}`",
                                            t.title, r.name
                                        ),
                                    )
                                }
                                None => cx.t(
                                    format!("{}中无编码 {code}（文中为“{name}”）", t.title),
                                    format!(
                                        "{} has no code {code} (the text names `{name}`)",
                                        t.title
                                    ),
                                ),
                            };
                            let r = Report {
                                column,
                                stated: Some(format!("{code}{name}")),
                                ..Report::at(line, msg)
                            };
                            u.report(&cx.doc.file, r);
                        }
                        let levels = item_levels(clause);
                        if levels.is_empty() {
                            continue;
                        }
                        let Some(id) = names_table(item_section(sec, clause, before)) else {
                            continue;
                        };
                        seen += 1;
                        let Some(t) = readable(cx, &mut u, form, id) else {
                            continue;
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

#[cfg(test)]
mod tests {
    use super::coded_names;

    #[test]
    fn codes_with_names() {
        let n = |s: &str| {
            coded_names(s)
                .into_iter()
                .map(|(c, n)| format!("{c}{n}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            n("其中2101102 事业单位医疗62.1万元"),
            ["2101102事业单位医疗"]
        );
        assert_eq!(n("208社会保障和就业支出"), ["208社会保障和就业支出"]);
        assert!(n("2024年度支出208万元，增长2.5%").is_empty());
        assert!(n("1,208个站点").is_empty());
        assert!(n("共208万元").is_empty());
        assert_eq!(n("20101人大事务"), ["20101人大事务"]);
    }
}
