//! What the F rules share: finding a table (exactly one, not summarised), reading a printed cell
//! with its location, recognising the labelled rows of the two-sided tables, the functional and
//! economic code hierarchy, and comparing with the one tolerance model.
//!
//! Comparisons come in three kinds:
//! - [`Tally::sum`]: a printed total against the sum of printed terms. Beyond the (n + 1) ×
//!   half-unit envelope it is a finding at the total; inside it the difference is remembered,
//!   and [`Tally::close`] reports all of a unit's rounding differences as ONE info finding
//!   (可能为取整误差).
//! - [`Tally::same`]: two printings of the same figure (in two tables, or on two sides of one
//!   table). They come from one amount in 元 rounded the same way, so any difference is an
//!   error: no tolerance.
//! - [`Tally::at_least`]: an inequality. Rounding to 0.01 keeps order, so a printed
//!   violation is a real one: no tolerance.

use std::collections::BTreeMap;

use jixiao_model::{Decimal, Form, FormKind, Table, TableId, TableRow};

use crate::checker::{Checker, Report, Unit};
use crate::finding::{Related, Severity};
use crate::registry::Meta;
use crate::rules::show;
use crate::tolerance::{check_sum, SumCheck};

/// The final-accounts forms of the document.
pub(crate) fn final_forms<'c>(cx: &'c Checker) -> Vec<&'c Form> {
    cx.doc
        .forms
        .iter()
        .filter(|f| f.kind == FormKind::FinalAccounts)
        .collect()
}

/// The one usable table `id` of `form`, or why there is none (not found, found twice,
/// replaced by a summary in the source). The reason is for [`Unit::insufficient`].
pub(crate) fn usable<'f>(cx: &Checker, form: &'f Form, id: TableId) -> Result<&'f Table, String> {
    let found: Vec<&Table> = form.tables.iter().filter(|t| t.id == id).collect();
    match found.as_slice() {
        [] => Err(cx.t(
            format!("未找到{}", id.name()),
            format!("no {} found", id.name_en()),
        )),
        [t] if t.summarised => Err(cx.t(
            format!(
                "{}（第 {} 行）在文本中被概要替代，数字不可恢复",
                t.title, t.line_start
            ),
            format!(
                "{} (line {}) was replaced by a summary in the source; its numbers are lost",
                t.title, t.line_start
            ),
        )),
        [t] => Ok(t),
        [a, b, ..] => Err(cx.t(
            format!(
                "{}出现两次（第 {} 行、第 {} 行），无法确定以哪一张为准",
                id.name(),
                a.line_start,
                b.line_start
            ),
            format!(
                "{} appears twice (lines {} and {}): which one to use is unknown",
                id.name_en(),
                a.line_start,
                b.line_start
            ),
        )),
    }
}

/// The label of a unit over one table.
pub(crate) fn table_label(t: &Table) -> String {
    t.title.clone()
}

/// The label of a unit over a pair of tables.
pub(crate) fn pair_label(a: &str, b: &str) -> String {
    format!("{a} ↔ {b}")
}

/// Starts a unit over the pair of tables `a`, `b` of `form`: both tables, or `None` after
/// closing the unit as insufficient.
pub(crate) fn pair<'c, 'f>(
    cx: &'c Checker,
    meta: &'static Meta,
    form: &'f Form,
    a: TableId,
    b: TableId,
) -> Option<(Unit<'c>, &'f Table, &'f Table)> {
    let ta = usable(cx, form, a);
    let tb = usable(cx, form, b);
    let name = |r: &Result<&Table, String>, id: TableId| match r {
        Ok(t) => t.title.clone(),
        Err(_) => id.name().to_string(),
    };
    let label = pair_label(&name(&ta, a), &name(&tb, b));
    let lines = |r: &Result<&Table, String>| r.as_ref().ok().map(|t| (t.line_start, t.line_end));
    let (start, end) = match (lines(&ta), lines(&tb)) {
        (Some(x), Some(y)) => (x.0.min(y.0), x.1.max(y.1)),
        (Some(x), None) | (None, Some(x)) => x,
        (None, None) => (form.line_start, form.line_end),
    };
    let mut u = cx.unit(meta, label, start, end);
    match (ta, tb) {
        (Ok(x), Ok(y)) => {
            if let Some(reason) = unit_mismatch(cx, x, y) {
                u.insufficient(reason);
                cx.close(u);
                return None;
            }
            Some((u, x, y))
        }
        (ra, rb) => {
            for r in [ra, rb] {
                if let Err(e) = r {
                    u.insufficient(e);
                }
            }
            cx.close(u);
            None
        }
    }
}

/// Starts a unit over table `id` of `form`: the table, or `None` after closing the unit as
/// insufficient (not found, found twice, summarised).
pub(crate) fn single<'c, 'f>(
    cx: &'c Checker,
    meta: &'static Meta,
    form: &'f Form,
    id: TableId,
) -> Option<(Unit<'c>, &'f Table)> {
    match usable(cx, form, id) {
        Ok(t) => Some((cx.unit(meta, table_label(t), t.line_start, t.line_end), t)),
        Err(e) => {
            let mut u = cx.unit(meta, id.name(), form.line_start, form.line_end);
            u.insufficient(e);
            cx.close(u);
            None
        }
    }
}

/// Why two tables' amounts cannot be compared: a missing or different money unit.
pub(crate) fn unit_mismatch(cx: &Checker, a: &Table, b: &Table) -> Option<String> {
    match (&a.unit, &b.unit) {
        (Some(x), Some(y)) if x == y => None,
        (Some(x), Some(y)) => Some(cx.t(
            format!("{} 单位为{x}，{} 单位为{y}，不能直接比较", a.title, b.title),
            format!("{} is in {x}, {} in {y}: not comparable", a.title, b.title),
        )),
        _ => Some(cx.t(
            format!("{} 或 {} 未注明金额单位，不能比较", a.title, b.title),
            format!(
                "{} or {} states no money unit: not comparable",
                a.title, b.title
            ),
        )),
    }
}

/// A row's label: `201 一般公共服务支出`, or the name alone.
pub(crate) fn row_label(r: &TableRow) -> String {
    // 总计 is printed on both sides of a two-sided table: name the side.
    if let Some(side) = &r.side {
        if bare(&r.name) == "总计" {
            return format!("{side}总计");
        }
    }
    match &r.code {
        Some(c) if !r.name.is_empty() => format!("{c} {}", r.name),
        Some(c) => c.clone(),
        None if r.name.is_empty() => format!("第 {} 行", r.line),
        None => r.name.clone(),
    }
}

/// The value columns of `t` on `side` (the whole table for one-sided tables).
pub(crate) fn columns<'t>(t: &'t Table, side: Option<&str>) -> &'t [String] {
    match side.and_then(|s| t.side_columns.get(s)) {
        Some(c) => c,
        None => &t.columns,
    }
}

/// The index of the first column of `t` (on `side`) whose name satisfies `pred`.
pub(crate) fn col(t: &Table, side: Option<&str>, pred: impl Fn(&str) -> bool) -> Option<usize> {
    columns(t, side).iter().position(|c| pred(c))
}

/// The last segment of a column path (`本年支出/小计` → `小计`).
pub(crate) fn leaf(c: &str) -> &str {
    c.rsplit('/').next().unwrap_or(c)
}

/// A printed amount and where it is. Labels, paths and the column are computed only when a
/// finding needs them: most cells are checked and found right.
#[derive(Clone, Debug)]
pub(crate) struct Amt<'a> {
    pub value: Decimal,
    /// The cell as printed.
    pub raw: std::borrow::Cow<'a, str>,
    pub line: u32,
    t: &'a Table,
    row: &'a TableRow,
    k: usize,
    label: Option<String>,
}

impl<'a> Amt<'a> {
    /// The same amount under another label.
    pub fn labelled(mut self, label: impl Into<String>) -> Amt<'a> {
        self.label = Some(label.into());
        self
    }

    fn unnamed(&self) -> bool {
        self.row.code.is_none() && self.row.name.is_empty()
    }

    fn col_name(&self) -> &'a str {
        columns(self.t, self.row.side.as_deref())
            .get(self.k)
            .map_or("", String::as_str)
    }

    /// Short label for messages (`201 一般公共服务支出 基本支出`).
    pub fn label(&self) -> String {
        if let Some(l) = &self.label {
            return l.clone();
        }
        let cols = columns(self.t, self.row.side.as_deref());
        match (self.unnamed(), cols.len() > 1) {
            (true, _) => self.col_name().to_string(),
            (false, true) => format!("{} {}", row_label(self.row), leaf(self.col_name())),
            (false, false) => row_label(self.row),
        }
    }

    /// `row › column` (the table is the unit's label).
    pub fn path(&self) -> String {
        let cols = columns(self.t, self.row.side.as_deref());
        let col_name = self.col_name();
        if self.unnamed() {
            col_name.to_string()
        } else if col_name.is_empty() || cols.len() == 1 {
            row_label(self.row)
        } else {
            format!("{} › {col_name}", row_label(self.row))
        }
    }

    /// The table's title.
    pub fn table(&self) -> &'a str {
        &self.t.title
    }

    /// The column of the printed cell on its line.
    pub fn column(&self, cx: &Checker) -> Option<u32> {
        locate(cx, self.t, self.row, self.k)
    }

    /// `table › row › column`.
    pub fn full(&self) -> String {
        format!("{} › {}", self.table(), self.path())
    }

    fn related(&self, cx: &Checker) -> Related {
        Related {
            file: cx.doc.file.clone(),
            line: self.line,
            column: self.column(cx),
            message: format!("{} {}", self.full(), self.raw),
        }
    }
}

/// The column of cell `k` of `row`, accounting for the other lane printed on the same line.
fn locate(cx: &Checker, t: &Table, row: &TableRow, k: usize) -> Option<u32> {
    let mut cells: Vec<String> = Vec::new();
    let mut offset = 0;
    if row.side.is_some() {
        // Rows of the first lane come first on a line; count its cells before ours.
        for other in t.rows.iter().filter(|r| r.line == row.line) {
            if std::ptr::eq(other, row) {
                break;
            }
            cells.extend(other.raw.iter().cloned());
            offset += other.raw.len();
        }
    }
    cells.extend(row.raw.iter().cloned());
    cx.column_of_value(row.line, &cells, offset + k)
}

/// Cell `k` of `row` (on the row's side), or why it cannot be read.
pub(crate) fn cell<'a>(
    cx: &Checker,
    t: &'a Table,
    row: &'a TableRow,
    k: usize,
) -> Result<Amt<'a>, String> {
    match row.values.get(k).copied().flatten() {
        Some(value) => Ok(Amt {
            value,
            raw: match row.raw.get(k) {
                Some(r) => std::borrow::Cow::Borrowed(r.as_str()),
                None => std::borrow::Cow::Owned(show(value)),
            },
            line: row.line,
            t,
            row,
            k,
            label: None,
        }),
        None => {
            let a = Amt {
                value: Decimal::ZERO,
                raw: "".into(),
                line: row.line,
                t,
                row,
                k,
                label: None,
            };
            let path = format!("{} › {}", t.title, a.path());
            let raw = row.raw.get(k).map_or("", |s| s.trim());
            Err(if raw.is_empty() {
                cx.t(
                    format!("{path}（第 {} 行）空白", row.line),
                    format!("{path} (line {}) is blank", row.line),
                )
            } else {
                cx.t(
                    format!("{path}（第 {} 行）“{raw}”不是金额", row.line),
                    format!("{path} (line {}) `{raw}` is not an amount", row.line),
                )
            })
        }
    }
}

/// A term of a sum; `minus` subtracts it.
#[derive(Clone, Debug)]
pub(crate) struct Term<'a> {
    pub amt: Amt<'a>,
    pub minus: bool,
}

impl<'a> From<Amt<'a>> for Term<'a> {
    fn from(amt: Amt<'a>) -> Term<'a> {
        Term { amt, minus: false }
    }
}

/// `d` with thousands separators and at least two decimals (`86,257.73`, `-1.00`).
pub(crate) fn fmt(d: Decimal) -> String {
    grouped(&show(d))
}

/// `d` with thousands separators and its own decimals (`1,250.4`).
pub(crate) fn printed(d: Decimal) -> String {
    grouped(&d.to_string())
}

fn grouped(s: &str) -> String {
    let (sign, s) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// The findings of one unit under construction, with its rounding differences.
#[derive(Default)]
pub(crate) struct Tally<'a> {
    rounding: Vec<(Amt<'a>, String, String)>,
    /// The unit spans two tables: finding paths name the table.
    pair: bool,
}

impl<'a> Tally<'a> {
    /// A tally for a unit over two tables.
    pub fn pair() -> Tally<'a> {
        Tally {
            pair: true,
            ..Tally::default()
        }
    }

    fn path(&self, a: &Amt<'a>) -> String {
        if self.pair {
            a.full()
        } else {
            a.path()
        }
    }

    /// Compares `total` with the signed sum of `parts`. `many` (zh, en) names the parts when
    /// they are too many to list (`款`, `classes`).
    pub fn sum(
        &mut self,
        cx: &Checker,
        u: &mut Unit,
        total: &Amt<'a>,
        parts: &[Term<'a>],
        many: (&str, &str),
    ) {
        u.checked();
        let values: Vec<Decimal> = parts
            .iter()
            .map(|p| if p.minus { -p.amt.value } else { p.amt.value })
            .collect();
        let sum: Decimal = values.iter().sum();
        let (diff, env, beyond) = match check_sum(total.value, &values, cx.config.envelope_factor) {
            SumCheck::Exact => return,
            SumCheck::Rounding { diff, envelope } => (diff, envelope, false),
            SumCheck::Beyond { diff, envelope } => (diff, envelope, true),
        };
        let (expr_zh, expr_en) = if parts.len() <= 4 {
            let mut zh = String::new();
            let mut en = String::new();
            for (i, p) in parts.iter().enumerate() {
                let op = match (i, p.minus) {
                    (0, false) => "",
                    (0, true) => "− ",
                    (_, false) => " + ",
                    (_, true) => " − ",
                };
                let t = format!("{op}{} {}", p.amt.label(), p.amt.raw);
                zh.push_str(&t);
                en.push_str(&t);
            }
            (zh, en)
        } else {
            (
                format!("Σ {}（{} 项）", many.0, parts.len()),
                format!("Σ {} ({} terms)", many.1, parts.len()),
            )
        };
        if !beyond {
            self.rounding.push((
                total.clone(),
                cx.t(
                    format!(
                        "{} {} ≠ {expr_zh} = {}（差 {}，容差 {}）",
                        total.label(),
                        total.raw,
                        fmt(sum),
                        fmt(diff),
                        env.normalize()
                    ),
                    format!(
                        "{} {} ≠ {expr_en} = {} (difference {}, envelope {})",
                        total.label(),
                        total.raw,
                        fmt(sum),
                        fmt(diff),
                        env.normalize()
                    ),
                ),
                show(sum),
            ));
            return;
        }
        let msg = cx.t(
            format!(
                "{} {} ≠ {expr_zh} = {}（差 {}，超出取整容差 {}）",
                total.label(),
                total.raw,
                fmt(sum),
                fmt(diff),
                env.normalize()
            ),
            format!(
                "{} {} ≠ {expr_en} = {} (difference {}, beyond the rounding envelope {})",
                total.label(),
                total.raw,
                fmt(sum),
                fmt(diff),
                env.normalize()
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: total.column(cx),
                stated: Some(total.raw.to_string()),
                expected: Some(show(sum)),
                path: Some(self.path(total)),
                // Long sums list only their non-zero terms.
                related: parts
                    .iter()
                    .filter(|p| parts.len() <= 4 || !p.amt.value.is_zero())
                    .map(|p| p.amt.related(cx))
                    .collect(),
                ..Report::at(total.line, msg)
            },
        );
    }

    /// Two printings of one figure: `at` (where the finding goes) must equal `other`.
    pub fn same(&mut self, cx: &Checker, u: &mut Unit, at: &Amt<'a>, other: &Amt) {
        u.checked();
        if at.value == other.value {
            return;
        }
        let diff = at.value - other.value;
        let msg = cx.t(
            format!(
                "{} {} ≠ {} {}（差 {}）：同一数字两处填列应完全一致",
                at.full(),
                at.raw,
                other.full(),
                other.raw,
                fmt(diff)
            ),
            format!(
                "{} {} ≠ {} {} (difference {}): two printings of one figure must be equal",
                at.full(),
                at.raw,
                other.full(),
                other.raw,
                fmt(diff)
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: at.column(cx),
                stated: Some(at.raw.to_string()),
                expected: Some(other.raw.to_string()),
                path: Some(self.path(at)),
                related: vec![other.related(cx)],
                ..Report::at(at.line, msg)
            },
        );
    }

    /// A printed figure that the document does not print elsewhere although it should
    /// (`missing` says where it was looked for); the expected amount is zero.
    pub fn unmatched(&mut self, cx: &Checker, u: &mut Unit, at: &Amt<'a>, missing: (&str, &str)) {
        u.checked();
        if at.value.is_zero() {
            return;
        }
        let msg = cx.t(
            format!(
                "{} {} 在{}中没有对应行（应为同一数字）",
                at.full(),
                at.raw,
                missing.0
            ),
            format!(
                "{} {} has no matching row in {} (it should print the same figure)",
                at.full(),
                at.raw,
                missing.1
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: at.column(cx),
                stated: Some(at.raw.to_string()),
                expected: Some("0.00".into()),
                path: Some(self.path(at)),
                ..Report::at(at.line, msg)
            },
        );
    }

    /// An upper bound `at ≤ limit`; the finding goes at `at`. `why` (zh, en) explains it.
    pub fn not_above(
        &mut self,
        cx: &Checker,
        u: &mut Unit,
        at: &Amt<'a>,
        limit: &Amt<'a>,
        why: (&str, &str),
    ) {
        u.checked();
        if at.value <= limit.value {
            return;
        }
        let diff = at.value - limit.value;
        let msg = cx.t(
            format!(
                "{} {} > {} {}（超出 {}）：{}",
                at.full(),
                at.raw,
                limit.full(),
                limit.raw,
                fmt(diff),
                why.0
            ),
            format!(
                "{} {} > {} {} (by {}): {}",
                at.full(),
                at.raw,
                limit.full(),
                limit.raw,
                fmt(diff),
                why.1
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: at.column(cx),
                stated: Some(at.raw.to_string()),
                expected: Some(format!("≤ {}", limit.raw)),
                path: Some(self.path(at)),
                related: vec![limit.related(cx)],
                ..Report::at(at.line, msg)
            },
        );
    }

    /// An inequality `big ≥ small`; the finding goes at `big`. `why` (zh, en) explains it.
    pub fn at_least(
        &mut self,
        cx: &Checker,
        u: &mut Unit,
        big: &Amt<'a>,
        small: &Amt<'a>,
        why: (&str, &str),
    ) {
        u.checked();
        if big.value >= small.value {
            return;
        }
        let diff = big.value - small.value;
        let msg = cx.t(
            format!(
                "{} {} < {} {}（差 {}）：{}",
                big.full(),
                big.raw,
                small.full(),
                small.raw,
                fmt(diff),
                why.0
            ),
            format!(
                "{} {} < {} {} (difference {}): {}",
                big.full(),
                big.raw,
                small.full(),
                small.raw,
                fmt(diff),
                why.1
            ),
        );
        u.report(
            &cx.doc.file,
            Report {
                column: big.column(cx),
                stated: Some(big.raw.to_string()),
                expected: Some(format!("≥ {}", small.raw)),
                path: Some(self.path(big)),
                related: vec![small.related(cx)],
                ..Report::at(big.line, msg)
            },
        );
    }

    /// Reports the unit's rounding differences as one info finding and closes the unit.
    pub fn close(self, cx: &Checker, mut u: Unit) {
        if let Some((first, _, expected)) = self.rounding.first() {
            let n = self.rounding.len();
            let items: Vec<&str> = self.rounding.iter().map(|r| r.1.as_str()).collect();
            let msg = cx.t(
                format!(
                    "{n} 处差异在取整容差之内（可能为取整误差）：{}",
                    items.join("；")
                ),
                format!(
                    "{n} difference(s) inside the rounding envelope (possibly rounding): {}",
                    items.join("; ")
                ),
            );
            u.report(
                &cx.doc.file,
                Report {
                    column: first.column(cx),
                    stated: Some(first.raw.to_string()),
                    expected: Some(expected.clone()),
                    path: Some(self.path(first)),
                    severity: Some(Severity::Info),
                    related: self
                        .rounding
                        .iter()
                        .skip(1)
                        .map(|r| r.0.related(cx))
                        .collect(),
                    ..Report::at(first.line, msg)
                },
            );
        }
        cx.close(u);
    }
}

/// A row's name without its list numbering (`一、`, `（一）`, `1.`) or `其中：`, folded.
pub(crate) fn bare(name: &str) -> String {
    let mut s = jixiao_text::fold_label(name);
    loop {
        let t = s.trim_start();
        let next = if let Some(r) = t.strip_prefix("其中:") {
            Some(r.to_string())
        } else if let Some(r) = t.strip_prefix("其中") {
            Some(r.to_string())
        } else if t.starts_with('(') {
            t.find(')')
                .filter(|&i| i <= 10 && t[1..i].chars().all(is_numeral_char))
                .map(|i| t[i + 1..].to_string())
        } else {
            let end = t
                .char_indices()
                .find(|(_, c)| !is_numeral_char(*c))
                .map_or(t.len(), |(i, _)| i);
            if end > 0 && t[end..].starts_with(['、', '.', ',', '．']) {
                let sep = t[end..].chars().next().map_or(0, char::len_utf8);
                Some(t[end + sep..].to_string())
            } else {
                None
            }
        };
        match next {
            Some(n) if n != s => s = n,
            _ => return s.trim().to_string(),
        }
    }
}

fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c)
}

/// The rows of `side` (all rows for a one-sided table), in source order.
pub(crate) fn side_rows<'t>(t: &'t Table, side: &str) -> Vec<&'t TableRow> {
    t.rows
        .iter()
        .filter(|r| r.side.as_deref() == Some(side))
        .collect()
}

/// The labelled rows of one side of a summary table (T1, T4).
#[derive(Default)]
pub(crate) struct Side<'t> {
    /// Numbered lines before the current-year total (income sources, function classes).
    pub lines: Vec<&'t TableRow>,
    /// 本年收入合计 / 本年支出合计.
    pub total: Option<&'t TableRow>,
    /// 使用非财政拨款结余 / 结余分配.
    pub adjust: Option<&'t TableRow>,
    /// 年初结转和结余 / 年末结转和结余.
    pub balance: Option<&'t TableRow>,
    /// Rows between the balance and 总计 (T4's per-fund 年初 lines).
    pub balance_parts: Vec<&'t TableRow>,
    /// 总计.
    pub grand: Option<&'t TableRow>,
}

/// Reads the income (`收入`) or expenditure (`支出`) side of T1 or T4.
pub(crate) fn summary_side<'t>(t: &'t Table, side: &str) -> Side<'t> {
    let mut s = Side::default();
    for r in side_rows(t, side) {
        let b = bare(&r.name);
        if b.is_empty() {
            continue;
        }
        if b.contains("本年收入合计")
            || b.contains("本年支出合计")
            || b == "本年收入"
            || b == "本年支出"
        {
            s.total.get_or_insert(r);
        } else if b.contains("总计") {
            s.grand.get_or_insert(r);
        } else if b.contains("使用非财政拨款结余")
            || b.contains("结余分配")
            || b.contains("用事业基金弥补")
        {
            s.adjust.get_or_insert(r);
        } else if (b.contains("年初") || b.contains("年末")) && b.contains("结转") {
            s.balance.get_or_insert(r);
        } else if s.total.is_none() {
            s.lines.push(r);
        } else if s.balance.is_some() && s.grand.is_none() {
            s.balance_parts.push(r);
        }
    }
    s
}

/// The 合计 row of a coded table (no code, named 合计 / 总计).
pub(crate) fn total_row(t: &Table) -> Option<&TableRow> {
    t.rows.iter().find(|r| {
        r.code.is_none() && {
            let b = bare(&r.name);
            matches!(
                b.as_str(),
                "合计" | "总计" | "本年支出合计" | "本年收入合计" | "支出合计" | "收入合计"
            )
        }
    })
}

/// The coded rows of `t` whose codes nest (3/5/7 digits): each row's parent is the row with
/// the longest code that is a proper prefix of its own. Rows whose code is printed twice make
/// the hierarchy unreadable (`Err` with the code).
pub(crate) struct Tree<'t> {
    pub rows: Vec<&'t TableRow>,
    /// Parent index (into `rows`) of each row, `None` for top-level rows.
    pub parent: Vec<Option<usize>>,
}

impl<'t> Tree<'t> {
    pub fn of(rows: impl IntoIterator<Item = &'t TableRow>) -> Result<Tree<'t>, String> {
        let rows: Vec<&TableRow> = rows
            .into_iter()
            .filter(|r| {
                r.code
                    .as_ref()
                    .is_some_and(|c| matches!(c.len(), 3 | 5 | 7))
            })
            .collect();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, r) in rows.iter().enumerate() {
            let c = r.code.as_deref().unwrap_or_default();
            if seen.insert(c, i).is_some() {
                return Err(c.to_string());
            }
        }
        let parent = rows
            .iter()
            .map(|r| {
                let c = r.code.as_deref().unwrap_or_default();
                [5usize, 3]
                    .iter()
                    .filter(|&&n| n < c.len())
                    .find_map(|&n| seen.get(&c[..n]).copied())
            })
            .collect();
        Ok(Tree { rows, parent })
    }

    /// Indices of the children of row `i`.
    pub fn children(&self, i: usize) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&j| self.parent[j] == Some(i))
            .collect()
    }

    /// Indices of the top-level rows.
    pub fn top(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&j| self.parent[j].is_none())
            .collect()
    }
}

/// The level word of a function (`类`/`款`/`项`) or economic code's children.
pub(crate) fn children_word(code: &str) -> (&'static str, &'static str) {
    match code.len() {
        3 => ("款", "sections"),
        _ => ("项", "items"),
    }
}

/// True when every amount of `t` is zero or blank.
pub(crate) fn all_zero(t: &Table) -> bool {
    t.rows
        .iter()
        .flat_map(|r| r.values.iter())
        .all(|v| v.is_none_or(|d| d.is_zero()))
}

/// Marks `u` not applicable when `t` states 本表本年度无发生额 and prints no amount; returns
/// true if it did (the caller then closes the unit).
pub(crate) fn empty_table(cx: &Checker, t: &Table, u: &mut Unit) -> bool {
    if t.empty_statement && all_zero(t) {
        u.not_applicable(cx.t(
            format!("{}注明本年度无发生额", t.title),
            format!("{} states it has no transactions this year", t.title),
        ));
        return true;
    }
    false
}

/// Functional classification 类 (3 digits) by name, for the two-sided tables whose lines
/// carry names only. Older and newer names of a class both map to its code.
pub(crate) const FUNCTION_CLASSES: &[(&str, &str)] = &[
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("207", "文化体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("210", "医疗卫生与计划生育支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("215", "资源勘探信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("220", "国土海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// The 类 code a line name denotes (`十九、住房保障支出` → `221`).
pub(crate) fn class_code(name: &str) -> Option<&'static str> {
    let b = bare(name);
    FUNCTION_CLASSES
        .iter()
        .find(|(_, n)| *n == b)
        .map(|(c, _)| *c)
}

/// Matches the function-class lines of a summary table with the 类 rows (3-digit codes) of a
/// coded table: by the class code the line's name denotes, else by equal names. Returns the
/// pairs, the lines with no class row, and the class rows with no line.
pub(crate) type ClassMatch<'a, 'b> = (
    Vec<(&'a TableRow, &'b TableRow)>,
    Vec<&'a TableRow>,
    Vec<&'b TableRow>,
);

pub(crate) fn match_classes<'a, 'b>(
    lines: &[&'a TableRow],
    coded: &'b Table,
) -> ClassMatch<'a, 'b> {
    let classes: Vec<&TableRow> = coded
        .rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
        .collect();
    let mut used = vec![false; classes.len()];
    let mut pairs = Vec::new();
    let mut lonely = Vec::new();
    for l in lines {
        let code = class_code(&l.name);
        let b = bare(&l.name);
        let hit = classes.iter().enumerate().position(|(i, r)| {
            !used[i] && (code.is_some() && r.code.as_deref() == code || bare(&r.name) == b)
        });
        match hit {
            Some(i) => {
                used[i] = true;
                pairs.push((*l, classes[i]));
            }
            None => lonely.push(*l),
        }
    }
    let orphans = classes
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(r, _)| *r)
        .collect();
    (pairs, lonely, orphans)
}

/// The six columns of one half (预算数 / 决算数) of T9, in the order 合计, 出国, 公车小计,
/// 购置, 运行维护, 接待.
pub(crate) fn half_columns(t: &Table, half: &str) -> Option<[usize; 6]> {
    let cols = &t.columns;
    let find =
        |p: &dyn Fn(&str) -> bool| cols.iter().position(|c| c.starts_with(half) && p(leaf(c)));
    Some([
        find(&|l| l == "合计")?,
        find(&|l| l.contains("出国"))?,
        find(&|l| l == "小计")?,
        find(&|l| l.contains("购置") && !l.contains("运行"))?,
        find(&|l| l.contains("运行维护") && !l.contains("购置"))?,
        find(&|l| l.contains("接待"))?,
    ])
}

/// The data rows of T9: rows with at least one amount.
pub(crate) fn data_rows(t: &Table) -> Vec<&TableRow> {
    t.rows
        .iter()
        .filter(|r| r.values.iter().any(Option::is_some))
        .collect()
}

/// A T9 cell labelled with its half and item.
pub(crate) fn item<'a>(
    cx: &Checker,
    t: &'a Table,
    r: &'a TableRow,
    k: usize,
) -> Result<Amt<'a>, String> {
    cell(cx, t, r, k).map(|a| {
        let c = &t.columns[k];
        let half = c.split('/').next().unwrap_or_default();
        let l = match leaf(c) {
            "小计" => format!("{half} 公务用车小计"),
            x => format!("{half} {x}"),
        };
        a.labelled(l)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn row(code: Option<&str>, name: &str) -> TableRow {
        TableRow {
            code: code.map(str::to_string),
            name: name.to_string(),
            side: None,
            row_no: None,
            values: vec![],
            raw: vec![],
            line: 1,
        }
    }

    #[test]
    fn names_lose_their_numbering() {
        assert_eq!(bare("十九、住房保障支出"), "住房保障支出");
        assert_eq!(bare("（一）一般公共预算财政拨款"), "一般公共预算财政拨款");
        assert_eq!(bare("1. 事业收入"), "事业收入");
        assert_eq!(bare("其中：当年财政拨款"), "当年财政拨款");
        assert_eq!(bare("总计"), "总计");
        assert_eq!(class_code("十二、农林水支出"), Some("213"));
        assert_eq!(class_code("七、文化体育与传媒支出"), Some("207"));
        assert_eq!(class_code("本年支出合计"), None);
    }

    #[test]
    fn amounts_are_grouped() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(fmt(d("86257.7")), "86,257.70");
        assert_eq!(fmt(d("-1")), "-1.00");
        assert_eq!(fmt(d("123.45")), "123.45");
        assert_eq!(printed(d("2345.6")), "2,345.6");
        assert_eq!(printed(d("1000000")), "1,000,000");
    }

    #[test]
    fn codes_nest_by_longest_prefix() {
        let rows = [
            row(None, "合计"),
            row(Some("213"), "农林水支出"),
            row(Some("21303"), "水利"),
            row(Some("2130301"), "行政运行"),
            // A 项 whose 款 row is missing hangs under its 类.
            row(Some("2136601"), "基础设施建设和经济发展"),
            row(Some("221"), "住房保障支出"),
        ];
        let t = Tree::of(&rows).unwrap();
        assert_eq!(t.rows.len(), 5);
        assert_eq!(t.top(), [0, 4]);
        assert_eq!(t.children(0), [1, 3]);
        assert_eq!(t.children(1), [2]);
        let twice = [row(Some("213"), "a"), row(Some("213"), "b")];
        assert_eq!(Tree::of(&twice).err().as_deref(), Some("213"));
    }
}
