use crate::checker::Checker;
use crate::declare_rule;
use crate::registry::{Meta, Rule};
use crate::rules::common::{
    cells::{cell, Term},
    classes::Tree,
    tables::{bare, final_forms, side_rows, single},
    tally::Tally,
};
use jixiao_model::TableId;

declare_rule! {
    /// ## What it does
    /// Checks the 经济分类 hierarchy of the 一般公共预算财政拨款基本支出决算(明细)表 (T6): every
    /// 类 (3-digit code: 301, 302, 303, 310 …) = Σ its 款 (5 digits with its prefix); 人员经费合计
    /// = Σ the classes of the 人员经费 lane; 公用经费合计 = Σ the classes of the 公用经费 lane.
    ///
    /// ## Why is this bad?
    /// A class that is not the sum of its items, or a lane total that is not the sum of its
    /// classes, means an item is misprinted or missing — or an item was printed with the
    /// class total (a 30299 row repeating the whole 302 amount).
    ///
    /// ## Tolerance
    /// The (n + 1) × 0.005 万元 envelope: inside it, one info finding per table (可能为取整误差);
    /// beyond it, an error — however large the difference.
    ///
    /// ## Example
    /// ```text
    /// 302	商品和服务支出	216.00
    /// 30201	办公费	28.00
    /// …
    /// 30299	其他商品和服务支出	216.00
    /// ```
    ///
    /// ## How to fix
    /// Correct the item, the class or the lane total.
    pub struct EconomicParentNotSumOfItems {
        code: "F307",
        severity: Error,
        family: FinalAccounts,
        summary: "经济分类类级或人员/公用经费合计不等于明细之和",
        summary_en: "An economic class or lane total is not the sum of its items",
        since: "0.1.0",
    }
}

impl Rule for EconomicParentNotSumOfItems {
    fn meta(&self) -> &'static Meta {
        &Self::META
    }

    fn check(&self, cx: &mut Checker) {
        for form in final_forms(cx) {
            let Some((mut u, t)) = single(cx, &Self::META, form, TableId::BasicSpending) else {
                continue;
            };
            let mut tally = Tally::default();
            let tree = match Tree::of(
                t.rows
                    .iter()
                    .filter(|r| r.code.as_ref().is_some_and(|c| c.len() <= 5)),
            ) {
                Ok(tree) => tree,
                Err(code) => {
                    u.insufficient(cx.t(
                        format!("{} 中科目 {code} 出现两次，层级无法核对", t.title),
                        format!(
                            "{}: code {code} is printed twice; the hierarchy cannot be checked",
                            t.title
                        ),
                    ));
                    cx.close(u);
                    continue;
                }
            };
            for i in 0..tree.rows.len() {
                let kids = tree.children(i);
                if kids.is_empty() {
                    continue;
                }
                let p = cell(cx, t, tree.rows[i], 0);
                let parts: Result<Vec<Term>, String> = kids
                    .iter()
                    .map(|&j| cell(cx, t, tree.rows[j], 0).map(Term::from))
                    .collect();
                match (p, parts) {
                    (Ok(p), Ok(parts)) => tally.sum(cx, &mut u, &p, &parts, ("款", "items")),
                    (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                }
            }
            for (lane, en) in [("人员经费", "personnel"), ("公用经费", "operating")] {
                let rows = side_rows(t, lane);
                let total = rows
                    .iter()
                    .find(|r| r.code.is_none() && bare(&r.name).contains("合计"));
                let Some(total) = total else {
                    u.insufficient(cx.t(
                        format!("{} 未读到{lane}合计行", t.title),
                        format!("{}: no {en} total row", t.title),
                    ));
                    continue;
                };
                let top: Vec<usize> = tree
                    .top()
                    .into_iter()
                    .filter(|&j| tree.rows[j].side.as_deref() == Some(lane))
                    .collect();
                if top.is_empty() {
                    u.insufficient(cx.t(
                        format!("{} 的{lane}栏未读到经济分类行", t.title),
                        format!("{}: no economic rows in the {en} lane", t.title),
                    ));
                    continue;
                }
                let tot = cell(cx, t, total, 0);
                let parts: Result<Vec<Term>, String> = top
                    .iter()
                    .map(|&j| cell(cx, t, tree.rows[j], 0).map(Term::from))
                    .collect();
                match (tot, parts) {
                    (Ok(tot), Ok(parts)) => tally.sum(cx, &mut u, &tot, &parts, ("类", "classes")),
                    (Err(e), _) | (_, Err(e)) => u.insufficient(e),
                }
            }
            tally.close(cx, u);
        }
    }
}
