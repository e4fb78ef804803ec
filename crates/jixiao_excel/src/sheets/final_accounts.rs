//! 部门决算: the tables of a departmental final account, one under the other.
//!
//! Each table: its title, `单位：万元`, a header whose levels (`预算数/公务用车…/小计`) are
//! merged cells as printed, then the rows. One-sided tables are `科目编码 | 科目名称 | 行次 |
//! amounts`; two-sided ones (收入|支出, 人员经费|公用经费) print both sides on one row, side by
//! side, as the published tables do. Amounts are numbers in `#,##0.00`-style formats that
//! reproduce the printed text.

use std::collections::BTreeMap;

use jixiao_model::{FormKind, Table, TableId, TableRow};
use rust_xlsxwriter::XlsxError;
use serde_json::json;

use super::*;

pub(crate) const COLS: u16 = 32;
pub(crate) fn caps() -> Vec<f64> {
    let mut v = vec![13.0; COLS as usize];
    v[0] = 2.0;
    v
}

/// Columns of one side: code, name, 行次, then values.
const SIDE_FIXED: u16 = 3;

/// The order of sides in a two-sided table: as they first occur in its rows.
fn sides(t: &Table) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in &t.rows {
        if let Some(s) = &r.side {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
    }
    for k in t.side_columns.keys() {
        if !out.contains(k) {
            out.push(k.clone());
        }
    }
    out
}

fn side_cols<'a>(t: &'a Table, side: Option<&str>) -> &'a [String] {
    side.and_then(|s| t.side_columns.get(s))
        .map_or(t.columns.as_slice(), Vec::as_slice)
}

pub(crate) fn write(w: &mut W, x: &FormIn) -> Result<(), XlsxError> {
    let f = w.f;
    let Some(form) = x.form else { return Ok(()) };
    let mut r = w.row;
    let title = format!(
        "{}部门决算{}",
        form.year.map_or(String::new(), |y| format!("{y}年度")),
        form.department
            .as_deref()
            .map_or(String::new(), |d| format!("（{d}）"))
    );
    w.merge(r, 1, r, 8, &title, &f.title)?;
    w.ws.set_row_height(r, 26)?;
    w.tag(r, title_tag(FormKind::FinalAccounts, x))?;
    w.text(r, 9, &form.line_start.to_string(), &f.line)?;
    r += 1;
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    if let Some(y) = form.year {
        kv_row(
            w,
            r,
            (1, 2),
            (3, 8),
            "年度",
            &y.to_string(),
            tag("kv").with("k", "year"),
        )?;
        r += 1;
    }
    for (k, label, v) in [
        ("department", "部门", &form.department),
        ("unit", "单位", &form.unit),
        ("project", "项目", &form.project),
    ] {
        if v.is_some() {
            kv_row(w, r, (1, 2), (3, 8), label, &s(v), tag("kv").with("k", k))?;
            r += 1;
        }
    }
    for (i, fld) in form.fields.iter().enumerate() {
        kv_row(
            w,
            r,
            (1, 2),
            (3, 8),
            &fld.label,
            &fld.value,
            tag("kv")
                .with("k", fld.key.as_str())
                .with("l", fld.line)
                .with("o", i),
        )?;
        r += 1;
    }
    r += 1;
    for (ti, t) in form.tables.iter().enumerate() {
        let sds = sides(t);
        let two = !sds.is_empty();
        let blocks: Vec<Option<&str>> = if two {
            sds.iter().map(|s| Some(s.as_str())).collect()
        } else {
            vec![None]
        };
        let widths: Vec<u16> = blocks
            .iter()
            .map(|s| SIDE_FIXED + side_cols(t, *s).len() as u16)
            .collect();
        let total: u16 = widths.iter().sum();
        let last = total.max(3);
        // Title and unit.
        w.merge(r, 1, r, last, &t.title, &f.banner)?;
        let tt = tag("table")
            .with("i", ti)
            .with("id", t.id.as_id())
            .with("al", t.alias.as_str())
            .with("l", t.line_start)
            .with("e", t.line_end)
            .with("es", t.empty_statement)
            .with_opt("esl", t.empty_statement_line)
            .with("sum", t.summarised)
            .with("sides", json!(sds))
            .with("cols", json!(t.columns))
            .with("sc", json!(t.side_columns))
            .with("nu", t.unit.is_none());
        w.tag(r, tt)?;
        w.text(r, last + 1, &t.line_start.to_string(), &f.line)?;
        r += 1;
        w.merge(
            r,
            1,
            r,
            last,
            &format!("单位：{}", t.unit.as_deref().unwrap_or("")),
            &f.text,
        )?;
        w.tag(r, tag("unit"))?;
        r += 1;
        // Header: a side row (two-sided), then the column levels.
        let depth = blocks
            .iter()
            .flat_map(|s| side_cols(t, *s).iter())
            .map(|c| c.split('/').count())
            .max()
            .unwrap_or(1) as u32;
        let top = r;
        let head_rows = depth + u32::from(two);
        let mut c0 = 1u16;
        for (bi, side) in blocks.iter().enumerate() {
            let cols = side_cols(t, *side);
            let hr = if two {
                w.merge(
                    top,
                    c0,
                    top,
                    c0 + widths[bi] - 1,
                    side.unwrap_or(""),
                    &f.head,
                )?;
                top + 1
            } else {
                top
            };
            let bottom = top + head_rows - 1;
            w.merge(hr, c0, bottom, c0, "科目编码", &f.head)?;
            w.merge(
                hr,
                c0 + 1,
                bottom,
                c0 + 1,
                if two { "项目" } else { "科目名称" },
                &f.head,
            )?;
            w.merge(hr, c0 + 2, bottom, c0 + 2, "行次", &f.head)?;
            write_levels(w, hr, bottom, c0 + SIDE_FIXED, cols)?;
            c0 += widths[bi];
        }
        for hrow in top..top + head_rows {
            w.tag(hrow, tag("thead"))?;
        }
        r = top + head_rows;
        // Rows: a two-sided table pairs the sides' rows printed on the same line.
        let mut lines: Vec<Vec<Option<(usize, &TableRow)>>> = Vec::new();
        if two {
            let mut open: BTreeMap<u32, usize> = BTreeMap::new();
            for (i, row) in t.rows.iter().enumerate() {
                let si = sds
                    .iter()
                    .position(|s| Some(s) == row.side.as_ref())
                    .unwrap_or(0);
                let slot = open
                    .get(&row.line)
                    .copied()
                    .filter(|&k| lines[k][si].is_none());
                let k = match slot {
                    Some(k) => k,
                    None => {
                        lines.push(vec![None; blocks.len()]);
                        open.insert(row.line, lines.len() - 1);
                        lines.len() - 1
                    }
                };
                lines[k][si] = Some((i, row));
            }
        } else {
            lines = t
                .rows
                .iter()
                .enumerate()
                .map(|(i, row)| vec![Some((i, row))])
                .collect();
        }
        for cells in &lines {
            let mut c0 = 1u16;
            let mut side_tags = Vec::new();
            let mut line_shown = None;
            for (bi, cell) in cells.iter().enumerate() {
                let n = side_cols(t, blocks[bi]).len();
                match cell {
                    Some((i, row)) => {
                        w.text(r, c0, row.code.as_deref().unwrap_or(""), &f.text)?;
                        w.text(r, c0 + 1, &row.name, &f.text)?;
                        match row.row_no {
                            Some(no) => {
                                w.ws.write_number_with_format(r, c0 + 2, no as f64, &f.center)?;
                            }
                            None => w.text(r, c0 + 2, "", &f.center)?,
                        }
                        let mut odd = Vec::new();
                        for k in 0..n.max(row.values.len()) {
                            let c = c0 + SIDE_FIXED + k as u16;
                            let raw = row.raw.get(k).map_or("", String::as_str);
                            if w.amount(r, c, row.values.get(k).copied().flatten(), raw, &f.input)?
                            {
                                odd.push(c);
                            }
                        }
                        side_tags.push(json!({
                            "o": i, "l": row.line, "x": odd,
                            "nv": row.values.len(), "nr": row.raw.len(),
                        }));
                        line_shown.get_or_insert(row.line);
                    }
                    None => {
                        for c in c0..c0 + widths[bi] {
                            w.text(r, c, "", &f.input)?;
                        }
                        side_tags.push(Json::Null);
                    }
                }
                c0 += widths[bi];
            }
            if let Some(l) = line_shown {
                w.text(r, last + 1, &l.to_string(), &f.line)?;
            }
            w.tag(r, tag("trow").with("s", side_tags))?;
            r += 1;
        }
        if t.empty_statement {
            w.merge(r, 1, r, last, "（本表本年度无发生额）", &f.text)?;
            w.tag(r, tag("info"))?;
            r += 1;
        }
        if t.summarised {
            w.merge(
                r,
                1,
                r,
                last,
                "（原文以文字概述本表，单元格未能读取）",
                &f.text,
            )?;
            w.tag(r, tag("info"))?;
            r += 1;
        }
        r += 1;
    }
    w.tag(r, tag("end"))?;
    w.row = r + 1;
    Ok(())
}

/// Writes the levels of `a/b/c` column names as merged header cells.
fn write_levels(
    w: &mut W,
    top: u32,
    bottom: u32,
    c0: u16,
    cols: &[String],
) -> Result<(), XlsxError> {
    let f = w.f;
    let parts: Vec<Vec<&str>> = cols.iter().map(|c| c.split('/').collect()).collect();
    let depth = (bottom - top + 1) as usize;
    for level in 0..depth {
        let mut i = 0;
        while i < parts.len() {
            let p = &parts[i];
            if level >= p.len() {
                i += 1;
                continue;
            }
            let is_last = level + 1 == p.len();
            // Horizontal run of columns sharing the same prefix through this level.
            let mut j = i + 1;
            if !is_last {
                while j < parts.len()
                    && parts[j].len() > level + 1
                    && parts[j][..=level] == p[..=level]
                {
                    j += 1;
                }
            }
            let row0 = top + level as u32;
            let row1 = if is_last { bottom } else { row0 };
            w.merge(
                row0,
                c0 + i as u16,
                row1,
                c0 + (j - 1) as u16,
                p[level],
                &f.head,
            )?;
            i = j;
        }
    }
    Ok(())
}

/// State of the table being read.
#[derive(Default)]
pub(crate) struct TableState {
    pub table: Option<Table>,
    pub index: usize,
    pub sides: Vec<String>,
    pub rows: Vec<(usize, TableRow)>,
}

pub(crate) fn read_row(b: &mut Builder, g: &Grid, row: u32, t: Option<&Tag>, errs: &mut Errs) {
    let Some(t) = t else { return };
    match t.role() {
        "kv" => b.kv(g, row, t, 1, 3),
        "table" => {
            finish_table(b);
            let jv = |k: &str| t.get(k).cloned().unwrap_or(Json::Null);
            let columns: Vec<String> = serde_json::from_value(jv("cols")).unwrap_or_default();
            let side_columns: BTreeMap<String, Vec<String>> =
                serde_json::from_value(jv("sc")).unwrap_or_default();
            let sides: Vec<String> = serde_json::from_value(jv("sides")).unwrap_or_default();
            let flag = |k: &str| t.get(k).and_then(Json::as_bool).unwrap_or(false);
            b.tables.table = Some(Table {
                id: t
                    .str("id")
                    .and_then(TableId::from_id)
                    .unwrap_or(TableId::Other),
                title: g.text_merged(row, 1),
                alias: t.str("al").unwrap_or("").to_string(),
                unit: if flag("nu") {
                    None
                } else {
                    Some(String::new())
                },
                columns,
                side_columns,
                rows: Vec::new(),
                line_start: t.u32("l").unwrap_or(row + 1),
                line_end: t.u32("e").unwrap_or(row + 1),
                empty_statement: flag("es"),
                empty_statement_line: t.u32("esl"),
                summarised: flag("sum"),
            });
            b.tables.index = t.u32("i").unwrap_or(0) as usize;
            b.tables.sides = sides;
        }
        "unit" => {
            if let Some(tb) = b.tables.table.as_mut() {
                let s = g.text_merged(row, 1);
                let u = s.split(['：', ':']).nth(1).unwrap_or("").trim().to_string();
                if tb.unit.is_some() || !u.is_empty() {
                    tb.unit = Some(u);
                }
            }
        }
        "trow" => {
            let Some(tb) = b.tables.table.as_ref() else {
                return;
            };
            let two = !b.tables.sides.is_empty();
            let blocks: Vec<Option<String>> = if two {
                b.tables.sides.iter().cloned().map(Some).collect()
            } else {
                vec![None]
            };
            let cells = t
                .get("s")
                .and_then(Json::as_array)
                .cloned()
                .unwrap_or_default();
            let mut c0 = 1u16;
            let mut out = Vec::new();
            for (bi, side) in blocks.iter().enumerate() {
                let n = side_cols(tb, side.as_deref()).len();
                if let Some(meta) = cells.get(bi).filter(|m| !m.is_null()) {
                    let get = |k: &str| meta.get(k).and_then(Json::as_u64).unwrap_or(0) as usize;
                    let odd: Vec<u16> = meta
                        .get("x")
                        .and_then(Json::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|v| v.as_u64().map(|c| c as u16))
                                .collect()
                        })
                        .unwrap_or_default();
                    let (nv, nr) = (get("nv"), get("nr"));
                    let mut values = Vec::new();
                    let mut raw = Vec::new();
                    for k in 0..nv.max(nr) {
                        let (v, s) = g.amount(row, c0 + SIDE_FIXED + k as u16, &odd, errs);
                        if k < nv {
                            values.push(v);
                        }
                        if k < nr {
                            raw.push(s);
                        }
                    }
                    let row_no = match g.get(row, c0 + 2) {
                        Data::Float(x) if *x >= 0.0 && x.fract() == 0.0 => Some(*x as u32),
                        Data::Int(i) if *i >= 0 => Some(*i as u32),
                        Data::Empty => None,
                        other => {
                            let s = other.to_string();
                            match s.trim().parse::<u32>() {
                                Ok(v) => Some(v),
                                Err(_) if s.trim().is_empty() => None,
                                Err(_) => {
                                    errs.push(g.err(row, c0 + 2, &s, "is not a row number (行次)"));
                                    None
                                }
                            }
                        }
                    };
                    out.push((
                        get("o"),
                        TableRow {
                            code: non_empty(g.text(row, c0)),
                            name: g.text(row, c0 + 1),
                            side: side.clone(),
                            row_no,
                            values,
                            raw,
                            line: meta
                                .get("l")
                                .and_then(Json::as_u64)
                                .map_or(row + 1, |l| l as u32),
                        },
                    ));
                }
                c0 += SIDE_FIXED + n as u16;
            }
            b.tables.rows.extend(out);
        }
        "end" => finish_table(b),
        _ => {}
    }
}

pub(crate) fn finish_table(b: &mut Builder) {
    if let Some(mut tb) = b.tables.table.take() {
        let mut rows = std::mem::take(&mut b.tables.rows);
        rows.sort_by_key(|(o, _)| *o);
        tb.rows = rows.into_iter().map(|(_, r)| r).collect();
        b.form.tables.push(tb);
    }
}
