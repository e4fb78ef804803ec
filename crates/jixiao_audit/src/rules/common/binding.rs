//! Which table cell a prose figure restates, and how the two compare.
//!
//! A figure is bound to a cell by meaning — its subject phrase (科目 name), the measure (决算 or
//! 预算), and the section it is stated in — through the fixed map in [`bind`]. Nothing here
//! looks for "a table value equal to the prose number": a subject the map does not know is not
//! bound at all.

use jixiao_model::{round, Decimal, Form, RoundingMode, Table, TableId, TableRow};

use crate::checker::Checker;
use crate::finding::Related;
use crate::rules::show;

use super::sections::{norm, strip_enumerator, Section};

/// Which half of a table a figure restates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Measure {
    /// 决算数 (this year's actual).
    Actual,
    /// 预算数 (the 三公 table's budget half).
    Budget,
}

/// A table cell a prose figure restates.
#[derive(Clone, Debug)]
pub(crate) struct Cell {
    pub value: Decimal,
    pub raw: String,
    pub unit: Option<String>,
    pub line: u32,
    pub column: Option<u32>,
    /// `收入支出决算总表「一、一般公共预算财政拨款收入」决算数`.
    pub label: String,
    /// The cell is printed blank (its `value` is then 0 and means nothing).
    pub blank: bool,
    /// The table the cell is in.
    pub table: TableId,
}

impl Cell {
    /// The cell as the second location of a finding.
    pub(crate) fn related(&self, cx: &Checker) -> Related {
        Related {
            file: cx.doc.file.clone(),
            line: self.line,
            column: self.column,
            message: format!("{} {}", self.label, self.raw),
        }
    }
}

#[derive(Clone, Copy)]
enum Row {
    /// The row whose name (enumerator removed) is this.
    Named(&'static str),
    /// Same, and the name is printed with an enumerator (`一、`): T4's 收入 line, not the
    /// like-named sub-row under 年初财政拨款结转和结余.
    Enumerated(&'static str),
    /// The 合计 row (or the only data row of the 三公 table).
    Total,
}

#[derive(Clone, Copy)]
enum Col {
    First,
    /// The first column whose name contains this.
    Containing(&'static str),
    /// The 三公 table: the half (`决算` / `预算`) and the item's last header segment.
    ThreePublic(&'static str, &'static [&'static str]),
}

#[derive(Clone, Copy)]
struct Lookup {
    table: TableId,
    side: Option<&'static str>,
    row: Row,
    col: Col,
}

const fn lk(table: TableId, side: Option<&'static str>, row: Row, col: Col) -> Lookup {
    Lookup {
        table,
        side,
        row,
        col,
    }
}

const IN: Option<&str> = Some("收入");

const OUT: Option<&str> = Some("支出");

/// The cells a subject may name, in order of preference (the later ones restate the same
/// figure in another table). `None`: the subject is not a table figure.
fn lookups(s: &str, sec: Section, measure: Measure) -> Option<Vec<Lookup>> {
    let half = match measure {
        Measure::Actual => "决算",
        Measure::Budget => "预算",
    };
    let three = |items: &'static [&'static str]| {
        Some(vec![lk(
            TableId::SanGong,
            None,
            Row::Total,
            Col::ThreePublic(half, items),
        )])
    };
    if s.contains("三公") {
        return three(&["合计"]);
    }
    if sec == Section::ThreePublic {
        match s {
            "因公出国(境)费" | "因公出国(境)费用" | "因公出国费" => {
                return three(&["因公出国(境)费", "因公出国(境)费用"])
            }
            "公务用车购置及运行维护费" => {
                return three(&["小计", "公务用车购置及运行维护费"])
            }
            "公务用车购置费" | "公务用车购置支出" | "公务用车购置" => {
                return three(&["公务用车购置费"])
            }
            "公务用车运行维护费" | "公务用车运行费" => {
                return three(&["公务用车运行维护费"])
            }
            "公务接待费" => return three(&["公务接待费"]),
            _ => {}
        }
    }
    if measure == Measure::Budget {
        return None;
    }
    let appropriation = sec == Section::Appropriation;
    let v = match s {
        "一般公共预算财政拨款收入" => vec![
            lk(
                TableId::Summary,
                IN,
                Row::Enumerated("一般公共预算财政拨款收入"),
                Col::First,
            ),
            lk(
                TableId::Appropriation,
                IN,
                Row::Enumerated("一般公共预算财政拨款"),
                Col::First,
            ),
        ],
        "政府性基金预算财政拨款收入" => vec![
            lk(
                TableId::Summary,
                IN,
                Row::Enumerated("政府性基金预算财政拨款收入"),
                Col::First,
            ),
            lk(
                TableId::Appropriation,
                IN,
                Row::Enumerated("政府性基金预算财政拨款"),
                Col::First,
            ),
        ],
        "国有资本经营预算财政拨款收入" => vec![
            lk(
                TableId::Summary,
                IN,
                Row::Enumerated("国有资本经营预算财政拨款收入"),
                Col::First,
            ),
            lk(
                TableId::Appropriation,
                IN,
                Row::Enumerated("国有资本经营预算财政拨款"),
                Col::First,
            ),
        ],
        "上级补助收入" => vec![lk(
            TableId::Summary,
            IN,
            Row::Enumerated("上级补助收入"),
            Col::First,
        )],
        "事业收入" => vec![lk(
            TableId::Summary,
            IN,
            Row::Enumerated("事业收入"),
            Col::First,
        )],
        "经营收入" => vec![lk(
            TableId::Summary,
            IN,
            Row::Enumerated("经营收入"),
            Col::First,
        )],
        "附属单位上缴收入" => {
            vec![lk(
                TableId::Summary,
                IN,
                Row::Enumerated("附属单位上缴收入"),
                Col::First,
            )]
        }
        "其他收入" => vec![lk(
            TableId::Summary,
            IN,
            Row::Enumerated("其他收入"),
            Col::First,
        )],
        "本年收入" | "本年收入合计" if appropriation => {
            vec![lk(
                TableId::Appropriation,
                IN,
                Row::Named("本年收入合计"),
                Col::First,
            )]
        }
        "本年收入" | "本年收入合计" => vec![
            lk(TableId::Summary, IN, Row::Named("本年收入合计"), Col::First),
            lk(
                TableId::Income,
                None,
                Row::Total,
                Col::Containing("本年收入合计"),
            ),
        ],
        "总收入" | "收入总计" if appropriation => {
            vec![lk(
                TableId::Appropriation,
                IN,
                Row::Named("总计"),
                Col::First,
            )]
        }
        "总收入" | "收入总计" => {
            vec![lk(TableId::Summary, IN, Row::Named("总计"), Col::First)]
        }
        "本年支出" | "本年支出合计" if appropriation => {
            vec![lk(
                TableId::Appropriation,
                OUT,
                Row::Named("本年支出合计"),
                Col::Containing("合计"),
            )]
        }
        "本年支出" | "本年支出合计" => vec![
            lk(
                TableId::Summary,
                OUT,
                Row::Named("本年支出合计"),
                Col::First,
            ),
            lk(
                TableId::Expenditure,
                None,
                Row::Total,
                Col::Containing("本年支出合计"),
            ),
        ],
        "总支出" | "支出总计" if appropriation => {
            vec![lk(
                TableId::Appropriation,
                OUT,
                Row::Named("总计"),
                Col::Containing("合计"),
            )]
        }
        "总支出" | "支出总计" => {
            vec![lk(TableId::Summary, OUT, Row::Named("总计"), Col::First)]
        }
        // `收入支出总计1,298万元`: the two 总计 lines are equal (F301), the income one is read.
        "收入支出总计" if appropriation => {
            vec![lk(
                TableId::Appropriation,
                IN,
                Row::Named("总计"),
                Col::First,
            )]
        }
        "收入支出总计" => {
            vec![lk(TableId::Summary, IN, Row::Named("总计"), Col::First)]
        }
        "财政拨款收入总计" | "财政拨款收入支出总计" => {
            vec![lk(
                TableId::Appropriation,
                IN,
                Row::Named("总计"),
                Col::First,
            )]
        }
        "财政拨款支出总计" => vec![lk(
            TableId::Appropriation,
            OUT,
            Row::Named("总计"),
            Col::Containing("合计"),
        )],
        // The lanes of the basic-spending detail table, stated in its section.
        "人员经费" | "人员经费合计" | "人员经费支出" if sec == Section::GeneralBudget =>
        {
            vec![lk(
                TableId::BasicSpending,
                Some("人员经费"),
                Row::Named("人员经费合计"),
                Col::First,
            )]
        }
        "公用经费" | "公用经费合计" | "公用经费支出" if sec == Section::GeneralBudget =>
        {
            vec![lk(
                TableId::BasicSpending,
                Some("公用经费"),
                Row::Named("公用经费合计"),
                Col::First,
            )]
        }
        "基本支出" if sec == Section::Spending => {
            vec![lk(
                TableId::Expenditure,
                None,
                Row::Total,
                Col::Containing("基本支出"),
            )]
        }
        "项目支出" if sec == Section::Spending => {
            vec![lk(
                TableId::Expenditure,
                None,
                Row::Total,
                Col::Containing("项目支出"),
            )]
        }
        "基本支出" if sec == Section::GeneralBudget => {
            vec![lk(
                TableId::GeneralBudget,
                None,
                Row::Total,
                Col::Containing("基本支出"),
            )]
        }
        "项目支出" if sec == Section::GeneralBudget => {
            vec![lk(
                TableId::GeneralBudget,
                None,
                Row::Total,
                Col::Containing("项目支出"),
            )]
        }
        "一般公共预算财政拨款基本支出" | "一般公共预算基本支出" => {
            vec![lk(
                TableId::GeneralBudget,
                None,
                Row::Total,
                Col::Containing("基本支出"),
            )]
        }
        "一般公共预算财政拨款项目支出" | "一般公共预算项目支出" => {
            vec![lk(
                TableId::GeneralBudget,
                None,
                Row::Total,
                Col::Containing("项目支出"),
            )]
        }
        "上缴上级支出" => vec![lk(
            TableId::Expenditure,
            None,
            Row::Total,
            Col::Containing("上缴上级支出"),
        )],
        "经营支出" => vec![lk(
            TableId::Expenditure,
            None,
            Row::Total,
            Col::Containing("经营支出"),
        )],
        "对附属单位补助支出" => {
            vec![lk(
                TableId::Expenditure,
                None,
                Row::Total,
                Col::Containing("对附属单位补助支出"),
            )]
        }
        "财政拨款收入" | "财政拨款收入合计" => {
            vec![lk(
                TableId::Appropriation,
                IN,
                Row::Named("本年收入合计"),
                Col::First,
            )]
        }
        "财政拨款支出" | "财政拨款支出合计" => {
            vec![lk(
                TableId::Appropriation,
                OUT,
                Row::Named("本年支出合计"),
                Col::Containing("合计"),
            )]
        }
        "一般公共预算财政拨款支出" => vec![
            lk(TableId::GeneralBudget, None, Row::Total, Col::First),
            lk(
                TableId::Appropriation,
                OUT,
                Row::Named("本年支出合计"),
                Col::Containing("一般公共预算"),
            ),
        ],
        "政府性基金预算财政拨款支出" => vec![
            lk(
                TableId::Appropriation,
                OUT,
                Row::Named("本年支出合计"),
                Col::Containing("政府性基金"),
            ),
            lk(
                TableId::GovernmentFund,
                None,
                Row::Total,
                Col::Containing("小计"),
            ),
        ],
        "国有资本经营预算财政拨款支出" => vec![
            lk(
                TableId::Appropriation,
                OUT,
                Row::Named("本年支出合计"),
                Col::Containing("国有资本经营"),
            ),
            lk(
                TableId::StateCapital,
                None,
                Row::Total,
                Col::Containing("小计"),
            ),
        ],
        _ => return None,
    };
    Some(v)
}

/// Words a subject may end with that qualify the verb, not the figure (`收入、支出总计均为`,
/// `分别为`): dropped before the subject is looked up.
pub(crate) const SUBJECT_TAILS: &[&str] = &["均", "各", "分别"];

/// The subject folded for lookup: [`norm`], without a trailing [`SUBJECT_TAILS`] word.
pub(crate) fn lookup_key(subject: &str) -> String {
    let mut k = norm(subject);
    for t in SUBJECT_TAILS {
        if let Some(r) = k.strip_suffix(t) {
            k = r.to_string();
        }
    }
    k
}

/// The table cell `subject` names in `fa`, when the subject is a table figure: `Ok` with the
/// cell, or `Err` with the reason it cannot be read (table missing or summarised, row or
/// column absent, cell blank).
pub(crate) fn bind(
    cx: &Checker,
    fa: &Form,
    subject: &str,
    sec: Section,
    measure: Measure,
) -> Option<Result<Cell, String>> {
    bind_or_blank(cx, fa, subject, sec, measure).map(|r| r.and_then(|c| not_blank(cx, c)))
}

/// As [`bind`], but a cell printed blank is returned (with `blank` set) when no other cell of
/// the subject can be read, so that a caller can tell a blank cell from a missing one.
pub(crate) fn bind_or_blank(
    cx: &Checker,
    fa: &Form,
    subject: &str,
    sec: Section,
    measure: Measure,
) -> Option<Result<Cell, String>> {
    let key = lookup_key(subject);
    let Some(list) = lookups(&key, sec, measure) else {
        return item_table(sec)
            .filter(|_| measure == Measure::Actual)
            .and_then(|(table, col)| bind_item(cx, fa, &key, table, col));
    };
    let mut first_err = None;
    let mut blank = None;
    for l in list {
        match lookup(cx, fa, l) {
            Ok(c) if c.blank => {
                blank.get_or_insert(c);
            }
            Ok(c) => return Some(Ok(c)),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    blank.map(Ok).or(first_err.map(Err))
}

fn not_blank(cx: &Checker, c: Cell) -> Result<Cell, String> {
    if c.blank {
        Err(cx.t(format!("{} 空白", c.label), format!("{} is blank", c.label)))
    } else {
        Ok(c)
    }
}

/// The levels of the 功能分类 a subject names with their markers, outermost first:
/// `一般公共服务（类）档案事务（款）档案馆（项）` → [(3, 一般公共服务), (5, 档案事务), (7, 档案馆)];
/// `一般公共服务支出（类）` → [(3, 一般公共服务)]. Names lose a trailing `支出`; text after the
/// last marker (`支出`) is ignored. Empty when the subject has no marker.
pub(crate) fn item_levels(subject: &str) -> Vec<(usize, String)> {
    let key = norm(subject);
    let mut out = Vec::new();
    let mut rest = key.as_str();
    loop {
        let next = LEVEL_MARKERS
            .iter()
            .filter_map(|&(m, len)| rest.find(m).map(|i| (i, m, len)))
            .min_by_key(|&(i, _, _)| i);
        let Some((i, m, len)) = next else { break };
        let name = item_name(&rest[..i]);
        if !name.is_empty() {
            out.push((len, name));
        }
        rest = &rest[i + m.len()..];
    }
    out
}

/// The level markers of the 功能分类 in prose and the code length of their level.
pub(crate) const LEVEL_MARKERS: &[(&str, usize)] = &[("(类)", 3), ("(款)", 5), ("(项)", 7)];

/// A 类/款/项 name folded for comparison: [`norm`], without list markers and a trailing `支出`.
pub(crate) fn item_name(name: &str) -> String {
    let n = norm(jixiao_parse::prose::strip_enumerators(name.trim()));
    n.strip_suffix("支出").unwrap_or(&n).to_string()
}

/// The words that name a fund's narrative, with its section: a marked 类/款/项 outside those
/// sections (in the 财政拨款 overview, say) belongs to the fund named last before it.
pub(crate) const FUND_SECTIONS: &[(&str, Section)] = &[
    ("一般公共预算", Section::GeneralBudget),
    ("政府性基金", Section::GovernmentFund),
    ("国有资本经营", Section::StateCapital),
];

/// The lanes of the basic-spending detail table (一般公共预算 only), as subjects.
pub(crate) const LANE_SUBJECTS: &[&str] = &[
    "人员经费",
    "人员经费合计",
    "人员经费支出",
    "公用经费",
    "公用经费合计",
    "公用经费支出",
];

/// True when the fund a figure is about decides its table: a marked 类/款/项, or a lane of the
/// basic-spending detail table.
pub(crate) fn placed_by_fund(subject: &str) -> bool {
    !item_levels(subject).is_empty() || LANE_SUBJECTS.contains(&lookup_key(subject).as_str())
}

/// The section a figure about `subject` is read in: `sec`, unless the subject is
/// [`placed_by_fund`] and stated outside the fund sections, when the fund named last in
/// `before` (the text that precedes it in its paragraph) decides (a lane only for 一般公共预算,
/// the one fund the detail table covers).
pub(crate) fn item_section(sec: Section, subject: &str, before: &str) -> Section {
    if !placed_by_fund(subject) {
        return sec;
    }
    let lane = item_levels(subject).is_empty();
    let fund = fund_section(sec, before);
    if lane && fund != Section::GeneralBudget {
        return sec;
    }
    fund
}

/// `sec` when it is a fund's section; else the section of the fund named last in `before`
/// ([`FUND_SECTIONS`]), or `sec` when none is named.
pub(crate) fn fund_section(sec: Section, before: &str) -> Section {
    if item_table(sec).is_some() {
        return sec;
    }
    FUND_SECTIONS
        .iter()
        .filter_map(|&(w, s)| before.rfind(w).map(|i| (i, s)))
        .max_by_key(|&(i, _)| i)
        .map_or(sec, |(_, s)| s)
}

/// The table whose 类/款/项 rows a section's item sentences restate, and its amount column.
fn item_table(sec: Section) -> Option<(TableId, Col)> {
    match sec {
        Section::GeneralBudget => Some((TableId::GeneralBudget, Col::First)),
        Section::GovernmentFund => Some((TableId::GovernmentFund, Col::Containing("小计"))),
        Section::StateCapital => Some((TableId::StateCapital, Col::Containing("小计"))),
        _ => None,
    }
}

/// The row of `t` a subject's 类/款/项 levels name: the deepest level's row, under the rows
/// of the outer levels when they are given. `None` when the subject names no level.
pub(crate) fn item_row<'t>(
    t: &'t Table,
    levels: &[(usize, String)],
) -> Option<Result<&'t TableRow, String>> {
    let (depth, name) = levels.last()?;
    let parents: Vec<&TableRow> = levels[..levels.len() - 1]
        .iter()
        .filter_map(|(len, n)| {
            t.rows.iter().find(|r| {
                r.code.as_deref().is_some_and(|c| c.len() == *len) && item_name(&r.name) == *n
            })
        })
        .collect();
    let found = t.rows.iter().find(|r| {
        r.code.as_deref().is_some_and(|c| {
            c.len() == *depth
                && parents
                    .iter()
                    .all(|p| p.code.as_deref().is_some_and(|pc| c.starts_with(pc)))
        }) && item_name(&r.name) == *name
    });
    Some(found.ok_or_else(|| name.clone()))
}

fn bind_item(
    cx: &Checker,
    fa: &Form,
    key: &str,
    table: TableId,
    col: Col,
) -> Option<Result<Cell, String>> {
    let levels = item_levels(key);
    if levels.is_empty() {
        return None;
    }
    let Some(t) = fa.table(table) else {
        let n = table.name();
        return Some(Err(cx.t(format!("未找到{n}"), format!("no {n} found"))));
    };
    let (row, name) = match item_row(t, &levels)? {
        Ok(r) => (Some(r), String::new()),
        Err(name) => (None, name),
    };
    Some(read_cell(cx, t, None, row, &name, col).and_then(|c| not_blank(cx, c)))
}

/// 机关运行经费's counterpart: 公用经费合计 of the basic-spending detail table.
pub(crate) fn operating_costs_total(cx: &Checker, fa: &Form) -> Result<Cell, String> {
    lookup_filled(
        cx,
        fa,
        lk(
            TableId::BasicSpending,
            Some("公用经费"),
            Row::Named("公用经费合计"),
            Col::First,
        ),
    )
}

/// The 决算 合计 of the 三公 table (the base of 三公 shares).
pub(crate) fn three_public_total(cx: &Checker, fa: &Form) -> Result<Cell, String> {
    lookup_filled(
        cx,
        fa,
        lk(
            TableId::SanGong,
            None,
            Row::Total,
            Col::ThreePublic("决算", &["合计"]),
        ),
    )
}

/// 本年收入合计 or 本年支出合计 of the 收入支出决算总表 (the base of income and spending
/// shares).
pub(crate) fn year_total(cx: &Checker, fa: &Form, income: bool) -> Result<Cell, String> {
    let (side, name, alt) = if income {
        (IN, "本年收入合计", TableId::Income)
    } else {
        (OUT, "本年支出合计", TableId::Expenditure)
    };
    lookup_filled(
        cx,
        fa,
        lk(TableId::Summary, side, Row::Named(name), Col::First),
    )
    .or_else(|e| {
        lookup_filled(cx, fa, lk(alt, None, Row::Total, Col::Containing(name))).map_err(|_| e)
    })
}

/// True when the subject names an income line of the 收入支出决算总表 (its share base is 本年收入
/// 合计); false for a spending column of the 支出决算表; `None` otherwise.
pub(crate) fn income_or_spending(subject: &str) -> Option<bool> {
    match norm(subject).as_str() {
        "一般公共预算财政拨款收入"
        | "政府性基金预算财政拨款收入"
        | "国有资本经营预算财政拨款收入"
        | "上级补助收入"
        | "事业收入"
        | "经营收入"
        | "附属单位上缴收入"
        | "其他收入"
        | "财政拨款收入" => Some(true),
        "基本支出" | "项目支出" | "上缴上级支出" | "经营支出" | "对附属单位补助支出" => {
            Some(false)
        }
        _ => None,
    }
}

/// [`lookup`], a blank cell being an error.
fn lookup_filled(cx: &Checker, fa: &Form, l: Lookup) -> Result<Cell, String> {
    lookup(cx, fa, l).and_then(|c| not_blank(cx, c))
}

fn lookup(cx: &Checker, fa: &Form, l: Lookup) -> Result<Cell, String> {
    let Some(t) = fa.table(l.table) else {
        let n = l.table.name();
        return Err(cx.t(format!("未找到{n}"), format!("no {n} found")));
    };
    let ncols = match l.side {
        Some(s) => t.side_columns.get(s).map_or(&t.columns, |c| c),
        None => &t.columns,
    }
    .len();
    let row_desc = match l.row {
        Row::Named(n) | Row::Enumerated(n) => n,
        Row::Total => "合计",
    };
    read_cell(cx, t, l.side, find_row(t, l, ncols), row_desc, l.col)
}

/// Cell `col` of `row` of table `t` (on `side` of a two-sided table); `row_desc` names the
/// row when it was not found.
fn read_cell(
    cx: &Checker,
    t: &Table,
    side: Option<&str>,
    row: Option<&TableRow>,
    row_desc: &str,
    col: Col,
) -> Result<Cell, String> {
    if t.summarised {
        return Err(cx.t(
            format!("{}被摘要替代，数字不可恢复", t.title),
            format!(
                "{} was replaced by a summary; its figures are not recoverable",
                t.title
            ),
        ));
    }
    let cols: &[String] = match side {
        Some(s) => t.side_columns.get(s).map_or(&t.columns, |c| c),
        None => &t.columns,
    };
    let k = match col {
        Col::First => (!cols.is_empty()).then_some(0),
        Col::Containing(w) => cols.iter().position(|c| norm(c).contains(w)),
        Col::ThreePublic(half, items) => items.iter().find_map(|item| {
            cols.iter().position(|c| {
                let c = norm(c);
                c.starts_with(half) && c.rsplit('/').next() == Some(*item)
            })
        }),
    };
    let col_desc = match col {
        Col::First => String::new(),
        Col::Containing(w) => w.to_string(),
        Col::ThreePublic(half, items) => format!("{half}数/{}", items[0]),
    };
    let Some(k) = k else {
        return Err(cx.t(
            format!("{}中无「{col_desc}」栏", t.title),
            format!("{} has no column `{col_desc}`", t.title),
        ));
    };
    let Some(row) = row else {
        return Err(cx.t(
            format!("{}中未找到「{row_desc}」行", t.title),
            format!("{} has no row `{row_desc}`", t.title),
        ));
    };
    let col_name = cols.get(k).cloned().unwrap_or_default();
    let label = if row.name.trim().is_empty() {
        format!("{}「{}」", t.title, col_name)
    } else {
        format!("{}「{}」{}", t.title, row.name, col_name)
    };
    let raw = row.raw.get(k).cloned().unwrap_or_default();
    let (value, blank) = match row.values.get(k).copied().flatten() {
        Some(v) => (v, false),
        None if t.empty_statement && raw.trim().is_empty() => (Decimal::ZERO, false),
        None => (Decimal::ZERO, true),
    };
    let second = matches!(row.side.as_deref(), Some("支出" | "公用经费"));
    Ok(Cell {
        value,
        raw: if blank {
            String::new()
        } else if raw.trim().is_empty() {
            show(value)
        } else {
            raw.trim().to_string()
        },
        unit: t.unit.clone(),
        line: row.line,
        column: if blank {
            None
        } else {
            cell_column(cx, row, k, second)
        },
        label,
        blank,
        table: t.id,
    })
}

fn find_row(t: &Table, l: Lookup, ncols: usize) -> Option<&TableRow> {
    let side_ok = |r: &TableRow| l.side.is_none() || r.side.as_deref() == l.side;
    match l.row {
        Row::Named(n) => t
            .rows
            .iter()
            .find(|r| side_ok(r) && norm(strip_enumerator(&r.name).0) == n),
        Row::Enumerated(n) => t.rows.iter().find(|r| {
            let (name, enumerated) = strip_enumerator(&r.name);
            side_ok(r) && enumerated && norm(name) == n
        }),
        Row::Total => t
            .rows
            .iter()
            .find(|r| side_ok(r) && r.code.is_none() && norm(&r.name) == "合计")
            .or_else(|| {
                (t.id == TableId::SanGong)
                    .then(|| {
                        t.rows.iter().find(|r| {
                            r.code.is_none() && r.name.trim().is_empty() && r.values.len() == ncols
                        })
                    })
                    .flatten()
            }),
    }
}

/// The column of value cell `k` of `row`; on the second side of a two-sided line the equal
/// cells of the first side are skipped.
fn cell_column(cx: &Checker, row: &TableRow, k: usize, second: bool) -> Option<u32> {
    if !second {
        return cx.column_of_value(row.line, &row.raw, k);
    }
    let target = row.raw.get(k)?.trim();
    if target.is_empty() {
        return None;
    }
    let text = *cx.lines.get(row.line as usize - 1)?;
    let mut positions = Vec::new();
    let mut off = 0usize;
    for cell in text.split('\t') {
        if cell.trim() == target {
            let lead = cell.len() - cell.trim_start().len();
            positions.push(off + lead);
        }
        off += cell.len() + 1;
    }
    let after = row.raw[k..].iter().filter(|v| v.trim() == target).count();
    let byte = *positions.get(positions.len().checked_sub(after)?)?;
    Some(text[..byte].chars().count() as u32 + 1)
}

fn unit_factor(u: &str) -> Option<Decimal> {
    Some(match u {
        "元" => Decimal::ONE,
        "千元" => Decimal::from(1_000),
        "万元" => Decimal::from(10_000),
        "亿元" => Decimal::from(100_000_000),
        _ => return None,
    })
}

/// How a prose amount compares with the cell it restates.
pub(crate) enum AmountCmp {
    Equal,
    /// Different; `expected` is the cell's value in the prose's unit.
    Differs {
        expected: String,
    },
    /// The units cannot be compared.
    Unknown(String),
}

/// Compares prose `stated` (in `unit`) with `cell`. In the same unit the two printings must
/// be equal (prose may drop trailing zeros: `1,250.4` = `1,250.40`). In different units the
/// finer printing is rounded (or truncated) to the coarser one.
pub(crate) fn compare_amount(
    cx: &Checker,
    stated: Decimal,
    unit: Option<&str>,
    cell: &Cell,
) -> AmountCmp {
    let (Some(u), Some(tu)) = (unit, cell.unit.as_deref()) else {
        return AmountCmp::Unknown(cx.t("金额单位不明", "amount unit unknown"));
    };
    if u == tu {
        return if stated == cell.value {
            AmountCmp::Equal
        } else {
            AmountCmp::Differs {
                expected: cell.raw.clone(),
            }
        };
    }
    let (Some(fu), Some(ft)) = (unit_factor(u), unit_factor(tu)) else {
        return AmountCmp::Unknown(cx.t(
            format!("单位 {u} 与 {tu} 无法换算"),
            format!("units {u} and {tu} cannot be converted"),
        ));
    };
    // The cell in the prose's unit.
    let in_prose = cell.value * ft / fu;
    let stated_in_table = stated * fu / ft;
    let equal = if stated.scale() <= in_prose.scale() {
        let dp = stated.scale();
        round(in_prose, RoundingMode::HalfAwayFromZero, dp) == stated
            || round(in_prose, RoundingMode::Truncate, dp) == stated
    } else {
        let dp = cell.value.scale();
        round(stated_in_table, RoundingMode::HalfAwayFromZero, dp) == cell.value
            || round(stated_in_table, RoundingMode::Truncate, dp) == cell.value
    };
    if equal {
        AmountCmp::Equal
    } else {
        AmountCmp::Differs {
            expected: in_prose.normalize().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_and_item_levels() {
        assert_eq!(lookup_key("支出总计均"), "支出总计");
        assert_eq!(lookup_key("收入支出总计分别"), "收入支出总计");
        assert!(SUBJECT_TAILS.contains(&"均"));
        assert_eq!(
            item_levels("1. 一般公共服务（类）档案事务（款）档案馆（项）"),
            [
                (3, "一般公共服务".to_string()),
                (5, "档案事务".to_string()),
                (7, "档案馆".to_string())
            ]
        );
        assert_eq!(
            item_levels("其中：社会保障和就业支出（类）支出"),
            [(3, "社会保障和就业".to_string())]
        );
        assert!(item_levels("一般公共服务支出").is_empty());
        assert_eq!(item_name("住房改革支出"), "住房改革");
        assert_eq!(item_name("中医药"), "中医药");
        assert_eq!(
            item_section(
                Section::Appropriation,
                "一般公共服务（类）支出",
                "一般公共预算财政拨款支出1,250.4万元，主要用于以下方面："
            ),
            Section::GeneralBudget
        );
        assert_eq!(
            item_section(Section::Appropriation, "本年支出", "一般公共预算"),
            Section::Appropriation
        );
        assert_eq!(
            item_section(
                Section::Appropriation,
                "人员经费",
                "一般公共预算财政拨款基本支出"
            ),
            Section::GeneralBudget
        );
        assert_eq!(
            item_section(Section::Spending, "人员经费", "基本支出820万元，其中："),
            Section::Spending
        );
        assert_eq!(
            item_section(Section::Appropriation, "公用经费", "政府性基金预算财政拨款"),
            Section::Appropriation
        );
        assert_eq!(
            LEVEL_MARKERS.iter().map(|m| m.1).collect::<Vec<_>>(),
            [3, 5, 7]
        );
    }
}
