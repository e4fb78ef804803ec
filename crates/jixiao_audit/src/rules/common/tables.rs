//! Table access: the final-accounts forms, the one usable table of an id (or why there is
//! none), units over one table or a pair of tables, row labels and names, columns, and the
//! labelled rows of the two-sided summary tables (T1, T4).

use jixiao_model::{Form, FormKind, Table, TableId, TableRow};

use crate::checker::{Checker, Unit};
use crate::registry::Meta;

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
