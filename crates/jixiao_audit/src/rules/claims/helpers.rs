//! Helpers of the C family: where a prose figure sits (its section of the 情况说明, its printed
//! position on the line) and which table cell it restates.
//!
//! A figure is bound to a cell by meaning — its subject phrase (科目 name), the measure (决算 or
//! 预算), and the section it is stated in — through the fixed map in [`bind`]. Nothing here
//! looks for "a table value equal to the prose number": a subject the map does not know is not
//! bound at all.

use jixiao_model::{round, Claim, Decimal, Form, FormKind, RoundingMode, Table, TableId, TableRow};
use jixiao_text::{fold, fold_char, parse_number_prefix};

use crate::checker::Checker;
use crate::finding::Related;
use crate::rules::show;
use crate::tolerance::{check_pct, half_unit, PctCheck};

const CN_NUM: &str = "一二三四五六七八九十";

/// A subject or label folded for comparison: full-width forms to ASCII (`（` → `(`), spaces
/// and quotation marks removed (`“三公”经费` → `三公经费`).
pub(crate) fn norm(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》'
            )
        })
        .collect()
}

/// `s` without a leading `一、` / `（一）` / `1.` enumerator.
fn strip_enumerator(s: &str) -> (&str, bool) {
    let t = s.trim();
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    if n.len() < t.len() {
        if let Some(r) = n.strip_prefix('、') {
            return (r.trim(), true);
        }
    }
    let d = t.trim_start_matches(|c: char| fold_char(c).is_ascii_digit());
    if d.len() < t.len() {
        if let Some(r) = d.strip_prefix(['.', '、', '．']) {
            return (r.trim(), true);
        }
    }
    (t, false)
}

// ---------------------------------------------------------------------------------------------
// Sections.

/// What a part of the 情况说明 is about, from its nearest headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// 年度收入总体情况 / 收入决算情况.
    Income,
    /// 年度支出总体情况 / 支出决算情况 (all funds: 支出决算表).
    Spending,
    /// 财政拨款收入支出 (财政拨款收入支出决算总表).
    Appropriation,
    /// 一般公共预算财政拨款支出 (its own table).
    GeneralBudget,
    /// “三公”经费.
    ThreePublic,
    /// 机关运行经费.
    RunningCosts,
    /// 政府采购.
    Procurement,
    /// 国有资产占用.
    Assets,
    /// 绩效评价.
    Performance,
    Other,
}

/// 0: a part (`第三部分`), 1: a section (`一、`), 2: a subsection (`（一）`).
fn heading_level(t: &str) -> Option<u8> {
    let t = t.trim();
    if t.is_empty()
        || t.contains('\t')
        || t.ends_with(['。', '；', ';'])
        || t.chars().nth(60).is_some()
    {
        return None;
    }
    if t.starts_with('第') && jixiao_text::head(t, 8).contains("部分") {
        return Some(0);
    }
    let n = t.trim_start_matches(|c| CN_NUM.contains(c));
    if n.len() < t.len() && n.starts_with('、') {
        return Some(1);
    }
    if let Some(r) = t.strip_prefix(['（', '(']) {
        let n = r.trim_start_matches(|c| CN_NUM.contains(c));
        if n.len() < r.len() && n.starts_with(['）', ')']) {
            return Some(2);
        }
    }
    None
}

fn classify(t: &str) -> Option<Section> {
    let t = norm(t);
    let has = |w: &str| t.contains(w);
    Some(if has("三公") {
        Section::ThreePublic
    } else if has("机关运行") {
        Section::RunningCosts
    } else if has("政府采购") {
        Section::Procurement
    } else if has("国有资产") {
        Section::Assets
    } else if has("绩效") {
        Section::Performance
    } else if has("一般公共预算财政拨款") && has("支出") {
        Section::GeneralBudget
    } else if has("财政拨款") {
        Section::Appropriation
    } else if has("收入") && !has("支出") {
        Section::Income
    } else if has("支出") && !has("收入") {
        Section::Spending
    } else {
        return None;
    })
}

/// The section of `fa`'s narrative that `line` belongs to: its subsection heading when that
/// says what it is about, else its section heading.
pub(crate) fn section_at(cx: &Checker, fa: &Form, line: u32) -> Section {
    let mut sub: Option<&str> = None;
    let mut top: Option<&str> = None;
    let mut l = line;
    while l > fa.line_start {
        l -= 1;
        let Some(t) = cx.lines.get(l as usize - 1) else {
            continue;
        };
        match heading_level(t) {
            Some(0) => break,
            Some(1) => {
                top = Some(t);
                break;
            }
            Some(2) if sub.is_none() => sub = Some(t),
            _ => {}
        }
    }
    sub.and_then(classify)
        .or_else(|| top.and_then(classify))
        .unwrap_or(Section::Other)
}

/// The final-accounts form whose lines hold `line`.
pub(crate) fn final_accounts_at<'c>(cx: &'c Checker, line: u32) -> Option<&'c Form> {
    cx.doc
        .forms
        .iter()
        .find(|f| f.kind == FormKind::FinalAccounts && f.line_start <= line && line <= f.line_end)
}

// ---------------------------------------------------------------------------------------------
// Binding a figure to its table cell.

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
    let list = lookups(&norm(subject), sec, measure)?;
    let mut first_err = None;
    for l in list {
        match lookup(cx, fa, l) {
            Ok(c) => return Some(Ok(c)),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    first_err.map(Err)
}

/// 机关运行经费's counterpart: 公用经费合计 of the basic-spending detail table.
pub(crate) fn operating_costs_total(cx: &Checker, fa: &Form) -> Result<Cell, String> {
    lookup(
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
    lookup(
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
    lookup(
        cx,
        fa,
        lk(TableId::Summary, side, Row::Named(name), Col::First),
    )
    .or_else(|e| lookup(cx, fa, lk(alt, None, Row::Total, Col::Containing(name))).map_err(|_| e))
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

fn lookup(cx: &Checker, fa: &Form, l: Lookup) -> Result<Cell, String> {
    let Some(t) = fa.table(l.table) else {
        let n = l.table.name();
        return Err(cx.t(format!("未找到{n}"), format!("no {n} found")));
    };
    if t.summarised {
        return Err(cx.t(
            format!("{}被摘要替代，数字不可恢复", t.title),
            format!(
                "{} was replaced by a summary; its figures are not recoverable",
                t.title
            ),
        ));
    }
    let cols: &[String] = match l.side {
        Some(s) => t.side_columns.get(s).map_or(&t.columns, |c| c),
        None => &t.columns,
    };
    let k = match l.col {
        Col::First => (!cols.is_empty()).then_some(0),
        Col::Containing(w) => cols.iter().position(|c| norm(c).contains(w)),
        Col::ThreePublic(half, items) => items.iter().find_map(|item| {
            cols.iter().position(|c| {
                let c = norm(c);
                c.starts_with(half) && c.rsplit('/').next() == Some(*item)
            })
        }),
    };
    let col_desc = match l.col {
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
    let row = find_row(t, l, cols.len());
    let row_desc = match l.row {
        Row::Named(n) | Row::Enumerated(n) => n,
        Row::Total => "合计",
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
    let value = match row.values.get(k).copied().flatten() {
        Some(v) => v,
        None if t.empty_statement && raw.trim().is_empty() => Decimal::ZERO,
        None => return Err(cx.t(format!("{label} 空白"), format!("{label} is blank"))),
    };
    let second = matches!(row.side.as_deref(), Some("支出" | "公用经费"));
    Ok(Cell {
        value,
        raw: if raw.trim().is_empty() {
            show(value)
        } else {
            raw.trim().to_string()
        },
        unit: t.unit.clone(),
        line: row.line,
        column: cell_column(cx, row, k, second),
        label,
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

// ---------------------------------------------------------------------------------------------
// Comparing a prose amount with a cell.

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

// ---------------------------------------------------------------------------------------------
// Printed numbers.

/// A number printed on a source line.
#[derive(Clone, Debug)]
pub(crate) struct Printed {
    pub line: u32,
    /// 1-based character column.
    pub column: u32,
    /// As printed (`86,005.03`).
    pub text: String,
}

/// Numbers in `text`: (byte offset, value, printed text, followed by `%`).
fn numbers_in(text: &str) -> Vec<(usize, Decimal, String, bool)> {
    let mut out = Vec::new();
    let mut prev = ' ';
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let f = fold_char(c);
        if f.is_ascii_digit() && !(prev.is_ascii_digit() || prev == '.' || prev == ',') {
            if let Some((v, n)) = parse_number_prefix(&text[i..]) {
                let after = text[i + n..].trim_start_matches([' ', '\u{3000}']);
                let pct = after.starts_with(['%', '％']);
                out.push((i, v, text[i..i + n].to_string(), pct));
                prev = '0';
                i += n;
                continue;
            }
        }
        prev = f;
        i += c.len_utf8();
    }
    out
}

/// The printed figure `value` (a percentage when `pct`) of a claim at `line`: the first such
/// number after `anchor` (the claim's subject) on the line, or on the next lines of a wrapped
/// sentence. Used only to place the caret of a claim already bound by its subject.
pub(crate) fn find_printed(
    cx: &Checker,
    line: u32,
    anchor: Option<&str>,
    value: Decimal,
    pct: bool,
) -> Option<Printed> {
    match anchor {
        Some(a) => find_printed_after(cx, line, &[a], value, pct),
        None => find_printed_after(cx, line, &[], value, pct),
    }
}

/// Like [`find_printed`], after each of `anchors` in turn (`[subject, "完成"]`).
pub(crate) fn find_printed_after(
    cx: &Checker,
    line: u32,
    anchors: &[&str],
    value: Decimal,
    pct: bool,
) -> Option<Printed> {
    for l in line..line + 4 {
        let text = *cx.lines.get((l as usize).checked_sub(1)?)?;
        let mut start = 0;
        if l == line {
            for a in anchors.iter().filter(|a| !a.is_empty()) {
                if let Some(i) = text[start..].find(a) {
                    start += i;
                }
            }
        }
        for (b, v, printed, is_pct) in numbers_in(&text[start..]) {
            if v == value.abs() && is_pct == pct {
                return Some(Printed {
                    line: l,
                    column: text[..start + b].chars().count() as u32 + 1,
                    text: printed,
                });
            }
        }
    }
    None
}

/// Where to report a claim's figure: the printed number when found, else the claim's line.
pub(crate) fn place(
    cx: &Checker,
    claim: &Claim,
    value: Decimal,
    pct: bool,
) -> (u32, Option<u32>, String) {
    match find_printed(cx, claim.line, claim.subject.as_deref(), value, pct) {
        Some(p) => (p.line, Some(p.column), p.text),
        None => (claim.line, None, value.abs().to_string()),
    }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic.

/// A prose amount in 万元 as the 2-decimal figure it restates (narrative drops trailing zeros:
/// `15,970.4` is `15,970.40`), so that its rounding is half a unit of the second decimal.
pub(crate) fn as_printed(d: Decimal, unit: Option<&str>) -> Decimal {
    let mut x = d;
    if unit == Some("万元") && x.scale() < 2 {
        x.rescale(2);
    }
    x
}

/// A percentage for messages: the true value at two decimals (more when the stated value has
/// more).
pub(crate) fn show_pct(num: Decimal, den: Decimal, stated: Decimal) -> String {
    let Some(q) = num.checked_div(den) else {
        return "?".into();
    };
    let dp = stated.scale().max(2);
    let mut v = round(q * Decimal::ONE_HUNDRED, RoundingMode::HalfAwayFromZero, dp);
    v.rescale(dp);
    v.to_string()
}

/// `(amount − change)` as printed in messages: `(19.56 + 3.59)` for a decrease.
pub(crate) fn base_expr(amount: Decimal, change: Decimal) -> String {
    if change.is_sign_negative() {
        format!("({amount} + {})", change.abs())
    } else {
        format!("({amount} − {change})")
    }
}

/// Checks a stated growth rate against |change| / (amount − change) × 100. The base is the
/// difference of two printed figures, so it carries the rounding of both: a value only that
/// explains is rounding, not an error.
pub(crate) fn check_growth(stated: Decimal, amount: Decimal, change: Decimal) -> PctCheck {
    let base = amount - change;
    let num = change.abs();
    let r = check_pct(stated.abs(), num, base);
    let PctCheck::Wrong { expected } = r else {
        return r;
    };
    let hc = half_unit(change);
    let hb = half_unit(amount) + hc;
    let mut lo: Option<Decimal> = None;
    let mut hi: Option<Decimal> = None;
    for (n, d) in [
        (num - hc, base - hb),
        (num - hc, base + hb),
        (num + hc, base - hb),
        (num + hc, base + hb),
    ] {
        if d <= Decimal::ZERO {
            continue;
        }
        let Some(v) = n
            .max(Decimal::ZERO)
            .checked_div(d)
            .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
        else {
            continue;
        };
        lo = Some(lo.map_or(v, |x: Decimal| x.min(v)));
        hi = Some(hi.map_or(v, |x: Decimal| x.max(v)));
    }
    let s = stated.abs();
    let h = half_unit(stated);
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo <= s + h && s - h <= hi => PctCheck::Rounding { expected },
        _ => r,
    }
}

// ---------------------------------------------------------------------------------------------
// Figures: amounts stated in the narrative, with their subjects.

/// An amount stated in the narrative of a final account.
#[derive(Clone, Debug)]
pub(crate) struct Figure<'c> {
    pub fa: &'c Form,
    pub line: u32,
    pub column: Option<u32>,
    /// As printed.
    pub text: String,
    pub subject: String,
    pub value: Decimal,
    pub unit: Option<String>,
    pub measure: Measure,
    pub section: Section,
}

/// Every amount the narrative of a final account states about a named subject: the heads of
/// the parsed claims (amount, actual, budget of a 三公 completion, the total of an itemised
/// sum) and plain statements (`总收入1,298万元`, `公务接待费支出1.2万元`) read here, each with its
/// subject (the phrase since the last clause boundary). Project sentences are left to C409.
pub(crate) fn figures<'c>(cx: &'c Checker) -> Vec<Figure<'c>> {
    let mut out: Vec<Figure> = Vec::new();
    for c in &cx.doc.claims {
        let Some(fa) = final_accounts_at(cx, c.line) else {
            continue;
        };
        let Some(subject) = c.subject.as_deref() else {
            continue;
        };
        let sec = section_at(cx, fa, c.line);
        let mut push = |key: &str, measure: Measure| {
            if let Some(&v) = c.inputs.get(key) {
                let (line, column, text) = match find_printed(cx, c.line, Some(subject), v, false) {
                    Some(p) => (p.line, Some(p.column), p.text),
                    None => (c.line, None, v.to_string()),
                };
                out.push(Figure {
                    fa,
                    line,
                    column,
                    text,
                    subject: subject.to_string(),
                    value: v,
                    unit: c.unit.clone(),
                    measure,
                    section: sec,
                });
            }
        };
        match c.kind.as_str() {
            "yoy_change" | "flat" | "budget_change" | "share" => push("amount", Measure::Actual),
            "budget_completion" => {
                push("actual", Measure::Actual);
                if let Some(&b) = c.inputs.get("budget") {
                    // The budget is printed after `完成` (`完成全年预算10万元的60%`).
                    let (line, column, text) =
                        match find_printed_after(cx, c.line, &[subject, "完成"], b, false) {
                            Some(p) => (p.line, Some(p.column), p.text),
                            None => (c.line, None, b.to_string()),
                        };
                    out.push(Figure {
                        fa,
                        line,
                        column,
                        text,
                        subject: subject.to_string(),
                        value: b,
                        unit: c.unit.clone(),
                        measure: Measure::Budget,
                        section: sec,
                    });
                }
            }
            "sum" => push("total", Measure::Actual),
            _ => {}
        }
    }
    // Plain statements outside the tables.
    for fa in cx
        .doc
        .forms
        .iter()
        .filter(|f| f.kind == FormKind::FinalAccounts)
    {
        for line in fa.line_start..=fa.line_end {
            if fa
                .tables
                .iter()
                .any(|t| t.line_start <= line && line <= t.line_end)
            {
                continue;
            }
            let Some(text) = cx.lines.get(line as usize - 1) else {
                continue;
            };
            if text.contains('\t') || !text.contains('元') {
                continue;
            }
            for (b, v, printed, pct) in numbers_in(text) {
                if pct {
                    continue;
                }
                let rest = text[b + printed.len()..].trim_start_matches([' ', '\u{3000}']);
                let Some(unit) = ["万元", "亿元", "千元", "元"]
                    .into_iter()
                    .find(|u| rest.starts_with(u))
                else {
                    continue;
                };
                let Some(subject) = subject_before(&text[..b]) else {
                    continue;
                };
                if out
                    .iter()
                    .any(|f| f.line == line && f.value == v && norm(&f.subject) == norm(&subject))
                {
                    continue;
                }
                out.push(Figure {
                    fa,
                    line,
                    column: Some(text[..b].chars().count() as u32 + 1),
                    text: printed,
                    subject,
                    value: v,
                    unit: Some(unit.to_string()),
                    measure: Measure::Actual,
                    section: section_at(cx, fa, line),
                });
            }
        }
    }
    out
}

/// The subject of an amount printed right after `head`: the phrase since the last clause
/// boundary, without enumerators, the leading `2024年度` (and what precedes it), `本单位`, and
/// trailing verbs (`为`, `决算为`); `…费支出` becomes `…费`.
fn subject_before(head: &str) -> Option<String> {
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut t = head[start..].trim();
    loop {
        let before = t.len();
        t = strip_enumerator(t).0;
        if let Some(r) = t.strip_prefix(['（', '(']) {
            let n = r.trim_start_matches(|c| CN_NUM.contains(c));
            if n.len() < r.len() {
                if let Some(r) = n.strip_prefix(['）', ')']) {
                    t = r;
                }
            }
        }
        for p in ["其中", "具体情况"] {
            if let Some(r) = t.strip_prefix(p) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    if let Some(i) = t.rfind("年度") {
        t = &t[i + "年度".len()..];
    }
    for p in ["本单位", "我单位", "本部门", "我部门"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r;
        }
    }
    loop {
        let before = t.len();
        for s in ["为", "是", "达", "共计", "共", "约", "决算数", "决算"] {
            if let Some(r) = t.strip_suffix(s) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    if t.ends_with("费支出") {
        t = &t[..t.len() - "支出".len()];
    }
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_subjects() {
        assert_eq!(
            heading_level("一、2024年度收入支出决算总体情况说明"),
            Some(1)
        );
        assert_eq!(heading_level("（二）年度支出总体情况"), Some(2));
        assert_eq!(
            heading_level("第三部分：某单位2024年度部门决算情况说明"),
            Some(0)
        );
        assert_eq!(heading_level("（一）负责收集整理档案资料。"), None);
        assert_eq!(heading_level("1. 基本支出820万元"), None);
        assert_eq!(classify("（二）年度支出总体情况"), Some(Section::Spending));
        assert_eq!(
            classify("（一）2024年度财政拨款收入说明"),
            Some(Section::Appropriation)
        );
        assert_eq!(
            classify("三、2024年度财政拨款“三公”经费支出决算情况说明"),
            Some(Section::ThreePublic)
        );
        assert_eq!(classify("一、2024年度收入支出决算总体情况说明"), None);
        assert_eq!(
            subject_before("某馆2024年度总收入").as_deref(),
            Some("总收入")
        );
        assert_eq!(
            subject_before("某馆2024年度总收入1,298万元，其中本年收入").as_deref(),
            Some("本年收入")
        );
        assert_eq!(
            subject_before("1. 因公出国（境）费支出决算为").as_deref(),
            Some("因公出国（境）费")
        );
        assert_eq!(norm("“三公”经费 （境）"), "三公经费(境)");
    }

    #[test]
    fn numbers_and_growth() {
        let n = numbers_in("收入1,250.4万元，增长4.2%，共3个");
        assert_eq!(n.len(), 3);
        assert_eq!(n[0].2, "1,250.4");
        assert!(n[1].3);
        let d = |s: &str| jixiao_text::parse_decimal(s).unwrap();
        assert_eq!(
            check_growth(d("4.2"), d("1250.40"), d("50.40")),
            PctCheck::Exact
        );
        // 1.7 / (2.4 + 1.7) = 41.46 %; 41.2 % is reachable only through the rounding of both
        // printed figures the base is derived from.
        assert!(matches!(
            check_growth(d("41.2"), d("2.40"), d("-1.70")),
            PctCheck::Rounding { .. }
        ));
        // 2.6 / (12.4 + 2.6) = 17.33 %: 18.6 % is wrong.
        assert!(matches!(
            check_growth(d("18.6"), d("12.40"), d("-2.60")),
            PctCheck::Wrong { .. }
        ));
        assert_eq!(
            check_growth(d("100"), d("0.3"), d("0.3")),
            PctCheck::ZeroDenominator
        );
    }
}
