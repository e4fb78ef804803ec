use jixiao_model::TableId;
use std::collections::BTreeMap;

use crate::checker::{Checker, Report};
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::tables::{final_forms, single};

declare_rule! {
    /// ## What it does
    /// Checks that every 决算 table states its money unit (`单位：万元`) and that all tables use
    /// the same one.
    ///
    /// ## Why is this bad?
    /// Without a unit the amounts cannot be compared with the narrative or with another
    /// table; a table in 元 among tables in 万元 is off by a factor of 10,000. The F rules
    /// compare two tables only when both state the same unit.
    ///
    /// ## Example
    /// ```text
    /// 支出决算表
    /// 单位：安澜市档案馆
    /// 项目	…
    /// ```
    /// (no `单位：万元` line).
    ///
    /// ## How to fix
    /// Add the unit line, or convert the table to the unit of the others.
    pub struct TableUnitMissing {
        code: "D508",
        severity: Warning,
        family: Disclosure,
        summary: "决算表未注明金额单位或单位不一致",
        summary_en: "Table without a money unit, or with a different unit",
        since: "0.1.0",
    }
}

impl Rule for TableUnitMissing {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            // The unit most tables state.
            let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
            for t in &form.tables {
                if let Some(u) = &t.unit {
                    *votes.entry(u.as_str()).or_default() += 1;
                }
            }
            let common = votes.iter().max_by_key(|(_, n)| **n).map(|(u, _)| *u);
            for id in TableId::ALL {
                let Some((mut u, t)) = single(cx, &Self::META, form, id) else {
                    continue;
                };
                u.checked();
                let msg = match (&t.unit, common) {
                    (None, _) => Some(cx.t(
                        format!("{} 未注明金额单位（如“单位：万元”）", t.title),
                        format!("{} states no money unit", t.title),
                    )),
                    (Some(x), Some(c)) if x != c => Some(cx.t(
                        format!("{} 的金额单位为{x}，其他表为{c}", t.title),
                        format!("{} is in {x} while the other tables are in {c}", t.title),
                    )),
                    _ => None,
                };
                if let Some(msg) = msg {
                    u.report(&cx.doc.file, Report::at(t.line_start, msg));
                }
                cx.close(u);
            }
        }
    }
}
