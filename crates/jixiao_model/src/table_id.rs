//! The nine standard tables of a departmental final account (部门决算), named once.
//!
//! Every crate refers to a table through [`TableId`]: the reader matches titles against its
//! [`aliases`](TableId::aliases), the rules name it by [`name`](TableId::name) in findings, the
//! writers lay it out by its [`columns`](TableId::columns). In JSON a table id is `t1` … `t9`
//! (or `other`), as it always was.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A standard final-accounts table (`t1` … `t9` in JSON), or [`TableId::Other`] for a table
/// whose title matched no alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TableId {
    /// `t1` 收入支出决算总表 (two-sided: 收入 | 支出).
    #[serde(rename = "t1")]
    Summary,
    /// `t2` 收入决算表.
    #[serde(rename = "t2")]
    Income,
    /// `t3` 支出决算表.
    #[serde(rename = "t3")]
    Expenditure,
    /// `t4` 财政拨款收入支出决算总表 (two-sided: 收入 | 支出).
    #[serde(rename = "t4")]
    Appropriation,
    /// `t5` 一般公共预算财政拨款支出决算表.
    #[serde(rename = "t5")]
    GeneralBudget,
    /// `t6` 一般公共预算财政拨款基本支出决算表 (two-sided: 人员经费 | 公用经费).
    #[serde(rename = "t6")]
    BasicSpending,
    /// `t7` 政府性基金预算财政拨款收入支出决算表.
    #[serde(rename = "t7")]
    GovernmentFund,
    /// `t8` 国有资本经营预算财政拨款支出决算表.
    #[serde(rename = "t8")]
    StateCapital,
    /// `t9` 财政拨款“三公”经费支出决算表.
    #[serde(rename = "t9")]
    SanGong,
    /// A 决算 table that is none of the nine (`other`).
    #[serde(rename = "other")]
    Other,
}

/// Title aliases: (table, folded alias without quotes). The first alias of a table is its
/// canonical name; the order is the order of preference when two tables share an alias.
const ALIASES: &[(TableId, &str)] = {
    use TableId::*;
    &[
        (Summary, "收入支出决算总表"),
        (Summary, "部门收支决算总表"),
        (Summary, "部门收入支出决算总表"),
        (Summary, "收支决算总表"),
        (Summary, "收入支出决算表"),
        (Income, "收入决算表"),
        (Income, "部门收入决算表"),
        (Income, "收入决算总表"),
        (Expenditure, "支出决算表"),
        (Expenditure, "部门支出决算表"),
        (Expenditure, "支出决算总表"),
        (Appropriation, "财政拨款收入支出决算总表"),
        (Appropriation, "财政拨款收支决算总表"),
        (Appropriation, "部门财政拨款收支决算总表"),
        (Appropriation, "财政拨款收入支出决算表"),
        (GeneralBudget, "一般公共预算财政拨款支出决算表"),
        (GeneralBudget, "一般公共预算财政拨款支出决算明细表"),
        (GeneralBudget, "一般公共预算财政拨款支出决算功能分类明细表"),
        (GeneralBudget, "一般公共预算支出决算表"),
        (BasicSpending, "一般公共预算财政拨款基本支出决算表"),
        (BasicSpending, "一般公共预算财政拨款基本支出决算明细表"),
        (BasicSpending, "一般公共预算财政拨款基本支出决算经济分类表"),
        (BasicSpending, "一般公共预算基本支出决算表"),
        (BasicSpending, "一般公共预算基本支出决算明细表"),
        (BasicSpending, "基本支出决算表"),
        (BasicSpending, "基本支出决算明细表"),
        (GovernmentFund, "政府性基金预算财政拨款收入支出决算表"),
        (GovernmentFund, "政府性基金预算财政拨款收支决算表"),
        (GovernmentFund, "政府性基金预算财政拨款支出决算表"),
        (GovernmentFund, "政府性基金预算支出决算表"),
        (StateCapital, "国有资本经营预算财政拨款支出决算表"),
        (StateCapital, "国有资本经营预算财政拨款收入支出决算表"),
        (StateCapital, "国有资本经营预算财政拨款收支决算表"),
        (StateCapital, "国有资本经营预算支出决算表"),
        (SanGong, "财政拨款三公经费支出决算表"),
        (SanGong, "一般公共预算财政拨款三公经费支出决算表"),
        (SanGong, "三公经费财政拨款支出决算表"),
        (SanGong, "三公经费支出决算表"),
        // A short regional title that fits two tables: the header decides.
        (GeneralBudget, "财政拨款支出决算表"),
        (Appropriation, "财政拨款支出决算表"),
    ]
};

/// The value columns of `t9`, in printed order under each of 预算数 and 决算数.
const SAN_GONG_ITEMS: [&str; 6] = [
    "合计",
    "因公出国(境)费",
    "公务用车购置及运行维护费/小计",
    "公务用车购置及运行维护费/公务用车购置费",
    "公务用车购置及运行维护费/公务用车运行维护费",
    "公务接待费",
];

impl TableId {
    /// The nine standard tables in their published order.
    pub const ALL: [TableId; 9] = [
        TableId::Summary,
        TableId::Income,
        TableId::Expenditure,
        TableId::Appropriation,
        TableId::GeneralBudget,
        TableId::BasicSpending,
        TableId::GovernmentFund,
        TableId::StateCapital,
        TableId::SanGong,
    ];

    /// The JSON identifier: `t1` … `t9`, `other`.
    ///
    /// ```
    /// use jixiao_model::TableId;
    /// assert_eq!(TableId::SanGong.as_id(), "t9");
    /// assert_eq!(TableId::from_id("t9"), Some(TableId::SanGong));
    /// ```
    pub fn as_id(self) -> &'static str {
        match self {
            TableId::Summary => "t1",
            TableId::Income => "t2",
            TableId::Expenditure => "t3",
            TableId::Appropriation => "t4",
            TableId::GeneralBudget => "t5",
            TableId::BasicSpending => "t6",
            TableId::GovernmentFund => "t7",
            TableId::StateCapital => "t8",
            TableId::SanGong => "t9",
            TableId::Other => "other",
        }
    }

    /// The table with JSON identifier `id` (`t1` … `t9`, `other`).
    pub fn from_id(id: &str) -> Option<TableId> {
        TableId::ALL
            .into_iter()
            .chain([TableId::Other])
            .find(|t| t.as_id() == id)
    }

    /// The canonical Chinese title as published (财政拨款“三公”经费支出决算表); `决算表` for
    /// [`TableId::Other`].
    pub fn name(self) -> &'static str {
        match self {
            TableId::SanGong => "财政拨款“三公”经费支出决算表",
            TableId::Other => "决算表",
            t => t.aliases()[0],
        }
    }

    /// An English name, for English findings.
    pub fn name_en(self) -> &'static str {
        match self {
            TableId::Summary => "income and expenditure summary",
            TableId::Income => "income table",
            TableId::Expenditure => "expenditure table",
            TableId::Appropriation => "fiscal appropriation summary",
            TableId::GeneralBudget => "general-budget expenditure table",
            TableId::BasicSpending => "general-budget basic expenditure table",
            TableId::GovernmentFund => "government-fund table",
            TableId::StateCapital => "state-capital table",
            TableId::SanGong => "three official expenses table",
            TableId::Other => "final-accounts table",
        }
    }

    /// Every (table, alias) pair, aliases folded and without quotes, in order of preference;
    /// the first alias of each table is its canonical name.
    pub fn all_aliases() -> &'static [(TableId, &'static str)] {
        ALIASES
    }

    /// The aliases of this table (folded, without quotes), canonical name first.
    pub fn aliases(self) -> Vec<&'static str> {
        ALIASES
            .iter()
            .filter(|(t, _)| *t == self)
            .map(|(_, a)| *a)
            .collect()
    }

    /// The two sides of a two-sided table (`收入` | `支出`, `人员经费` | `公用经费`).
    pub fn sides(self) -> Option<[&'static str; 2]> {
        match self {
            TableId::Summary | TableId::Appropriation => Some(["收入", "支出"]),
            TableId::BasicSpending => Some(["人员经费", "公用经费"]),
            _ => None,
        }
    }

    /// The value columns of the standard layout, per side (one entry with side `None` for a
    /// one-sided table); header levels are joined with `/` (`本年支出/小计`). Empty for
    /// [`TableId::Other`].
    pub fn columns(self) -> Vec<(Option<&'static str>, Vec<String>)> {
        let cols = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let one = |c: &[&str]| vec![(None, cols(c))];
        match self {
            TableId::Summary => vec![
                (Some("收入"), cols(&["决算数"])),
                (Some("支出"), cols(&["决算数"])),
            ],
            TableId::Income => one(&[
                "本年收入合计",
                "财政拨款收入",
                "上级补助收入",
                "事业收入",
                "经营收入",
                "附属单位上缴收入",
                "其他收入",
            ]),
            TableId::Expenditure => one(&[
                "本年支出合计",
                "基本支出",
                "项目支出",
                "上缴上级支出",
                "经营支出",
                "对附属单位补助支出",
            ]),
            TableId::Appropriation => vec![
                (Some("收入"), cols(&["金额"])),
                (
                    Some("支出"),
                    cols(&[
                        "合计",
                        "一般公共预算财政拨款",
                        "政府性基金预算财政拨款",
                        "国有资本经营预算财政拨款",
                    ]),
                ),
            ],
            TableId::GeneralBudget => one(&["本年支出合计", "基本支出", "项目支出"]),
            TableId::BasicSpending => vec![
                (Some("人员经费"), cols(&["金额"])),
                (Some("公用经费"), cols(&["金额"])),
            ],
            TableId::GovernmentFund => one(&[
                "年初结转和结余",
                "本年收入",
                "本年支出/小计",
                "本年支出/基本支出",
                "本年支出/项目支出",
                "年末结转和结余",
            ]),
            TableId::StateCapital => {
                one(&["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"])
            }
            TableId::SanGong => {
                let c = ["预算数", "决算数"]
                    .iter()
                    .flat_map(|half| SAN_GONG_ITEMS.iter().map(move |c| format!("{half}/{c}")))
                    .collect();
                vec![(None, c)]
            }
            TableId::Other => Vec::new(),
        }
    }
}

impl fmt::Display for TableId {
    /// Writes the JSON identifier (`t1`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_json() {
        for t in TableId::ALL.into_iter().chain([TableId::Other]) {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_id()));
            assert_eq!(serde_json::from_str::<TableId>(&json).unwrap(), t);
            assert_eq!(TableId::from_id(t.as_id()), Some(t));
        }
        let ids: Vec<_> = TableId::ALL.iter().map(|t| t.as_id()).collect();
        assert_eq!(ids, ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"]);
    }

    #[test]
    fn every_table_has_a_canonical_alias_and_columns() {
        for t in TableId::ALL {
            assert!(!t.aliases().is_empty(), "{t}");
            assert!(!t.columns().is_empty(), "{t}");
            assert_eq!(t.sides().is_some(), t.columns().len() == 2, "{t}");
        }
        assert_eq!(TableId::SanGong.aliases()[0], "财政拨款三公经费支出决算表");
        assert_eq!(TableId::SanGong.columns()[0].1.len(), 12);
    }
}
