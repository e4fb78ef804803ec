//! The layout sheets: one per form kind, forms stacked one under the other as in the
//! published documents, each block starting with its title row. Shared pieces live here:
//! target/actual values split over 符号 | 数值 | 单位 cells, indicator paths merged down like
//! the printed tables, header `label | value` rows, and the reader's per-form builder.

pub(crate) mod final_accounts;
pub(crate) mod scoresheet;
pub(crate) mod self_eval;
pub(crate) mod target_decl;

use std::collections::BTreeMap;

use calamine::Data;
use jixiao_model::{Decimal, Field, Form, FormKind, Value, ValueKind};
use jixiao_score::{Item, Scored, Status};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, XlsxError,
};
use serde_json::Value as Json;

use crate::cells::{tag, Grid, Tag, TagExt, W};
use crate::CellError;

/// Operators a template offers (strict list).
pub(crate) const OPERATORS: &[&str] = &["≥", "≤", "=", ">", "<", "≈"];
/// Units a template offers (other units are accepted with a notice).
pub(crate) const UNITS: &[&str] = &[
    "%",
    "元",
    "万元",
    "个",
    "项",
    "次",
    "人次",
    "场",
    "家",
    "台",
    "套",
    "份",
    "条",
    "册",
    "篇",
    "天",
    "个月",
    "年",
    "小时",
    "分",
    "公里",
    "平方米",
];

/// Which sheet a form kind lives on.
pub(crate) fn sheet_name(kind: FormKind) -> &'static str {
    match kind {
        FormKind::SelfEvaluation => "自评表",
        FormKind::TargetDeclaration => "目标表",
        FormKind::EvaluationScoresheet => "评分表",
        FormKind::FinalAccounts => "部门决算",
    }
}

/// What a sheet writer gets for one form.
pub(crate) struct FormIn<'a> {
    pub form: Option<&'a Form>,
    pub file: &'a str,
    /// Index of the file among the exported ones (restores document order on import).
    pub file_index: usize,
    pub scored: Option<&'a Scored>,
    /// Writing a fill-in template: inputs unlocked, formulas, validation.
    pub template: bool,
}

impl FormIn<'_> {
    /// The recomputed item for an indicator (by line and path) or the execution block.
    pub(crate) fn item(&self, line: u32, path: &[String]) -> Option<&Item> {
        self.scored?
            .items
            .iter()
            .find(|i| i.line == line && i.path == path && i.rule != "execution")
    }

    pub(crate) fn execution(&self) -> Option<&Item> {
        self.scored?.items.iter().find(|i| i.rule == "execution")
    }
}

/// The title row tag of a form.
pub(crate) fn title_tag(kind: FormKind, x: &FormIn) -> Tag {
    let form = x.form;
    tag("title")
        .with("k", kind.as_str())
        .with("f", x.file)
        .with("fi", x.file_index)
        .with_opt("l", form.map(|f| f.line_start))
        .with_opt("e", form.map(|f| f.line_end))
}

/// Splits a value over 符号 | 数值 | 单位 cells: a number keeps its operator and unit apart;
/// anything else (words, dates, placeholders) stays whole in the 数值 cell.
pub(crate) fn split(v: &Value) -> (String, Option<Decimal>, String, String) {
    match (v.kind, v.value) {
        (ValueKind::Number | ValueKind::Percent, Some(d)) => (
            v.op.map(|o| o.symbol().to_string()).unwrap_or_default(),
            Some(d),
            String::new(),
            v.unit.clone().unwrap_or_default(),
        ),
        _ => (String::new(), None, v.raw.clone(), String::new()),
    }
}

/// Writes a value over (op?, value, unit) columns.
pub(crate) fn write_value(
    w: &mut W,
    row: u32,
    op_col: Option<u16>,
    val_col: u16,
    unit_col: u16,
    v: &Value,
) -> Result<(), XlsxError> {
    let (op, num, text, unit) = split(v);
    let f = w.f;
    let (op, text) = match op_col {
        Some(c) => {
            w.text(row, c, &op, &f.center)?;
            (String::new(), text)
        }
        // No operator column: a number with an operator stays whole.
        None if !op.is_empty() => (op, v.raw.clone()),
        None => (String::new(), text),
    };
    if !op.is_empty() {
        w.text(row, val_col, &text, &f.text)?;
        w.text(row, unit_col, "", &f.center)?;
        return Ok(());
    }
    match num {
        Some(d) => w.dec(row, val_col, Some(d), &f.text)?,
        None => w.text(row, val_col, &text, &f.text)?,
    }
    w.text(row, unit_col, &unit, &f.center)?;
    Ok(())
}

/// Reads a value back from its cells. `printed` is the text the row tag kept: it is used
/// when it still says what the cells say (same operator, number, unit, kind), so that
/// `≥120.00(台次)` survives; otherwise the cells are joined (`≥` `130.00` `台次`).
pub(crate) fn read_value(
    g: &Grid,
    row: u32,
    op_col: Option<u16>,
    val_col: u16,
    unit_col: u16,
    printed: Option<&str>,
) -> Value {
    let op = op_col.map(|c| g.text(row, c)).unwrap_or_default();
    let val = g.text(row, val_col);
    let unit = g.text(row, unit_col);
    let joined = format!("{op}{val}{unit}");
    let fresh = jixiao_text::parse_value(&joined);
    if let Some(p) = printed {
        let kept = jixiao_text::parse_value(p);
        let same = kept.op == fresh.op
            && kept.value == fresh.value
            && kept.value.map(|d| d.scale()) == fresh.value.map(|d| d.scale())
            && kept.unit == fresh.unit
            && kept.kind == fresh.kind
            && kept.date == fresh.date;
        if same {
            return kept;
        }
    }
    if joined.is_empty() {
        return Value::blank();
    }
    fresh
}

/// Adds data validation for operator and unit columns over `rows`.
pub(crate) fn validate_value_cols(
    w: &mut W,
    first: u32,
    last: u32,
    op_col: Option<u16>,
    unit_cols: &[u16],
) -> Result<(), XlsxError> {
    if let Some(c) = op_col {
        let dv = DataValidation::new()
            .allow_list_strings(OPERATORS)?
            .set_input_title("符号")?
            .set_input_message("≥ ≤ = > < ≈；定性指标留空")?
            .set_error_title("符号")?
            .set_error_message("请选择 ≥ ≤ = > < ≈ 之一")?;
        w.ws.add_data_validation(first, c, last, c, &dv)?;
    }
    for &c in unit_cols {
        let dv = DataValidation::new()
            .allow_list_strings(UNITS)?
            .set_error_style(DataValidationErrorStyle::Information)
            .set_error_title("单位")?
            .set_error_message("不在常用单位列表中；确认后仍可使用")?;
        w.ws.add_data_validation(first, c, last, c, &dv)?;
    }
    Ok(())
}

/// Whole-number validation for a year cell.
pub(crate) fn validate_year(w: &mut W, row: u32, col: u16) -> Result<(), XlsxError> {
    let dv = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(2000, 2100))
        .set_error_title("年度")?
        .set_error_message("请填写 2000 至 2100 之间的年度")?;
    w.ws.add_data_validation(row, col, row, col, &dv)?;
    Ok(())
}

/// Writes the path cells of consecutive indicator rows, merging runs of equal upper levels
/// as the printed tables do. `rows[i]` is the sheet row of `paths[i]`; `cols[k]` the column
/// of level k.
pub(crate) fn write_paths(
    w: &mut W,
    rows: &[u32],
    paths: &[&[String]],
    cols: &[u16],
    fmt: &Format,
) -> Result<(), XlsxError> {
    for (k, &col) in cols.iter().enumerate() {
        let mut i = 0;
        while i < paths.len() {
            let key =
                |j: usize| -> Option<&[String]> { (paths[j].len() > k).then(|| &paths[j][..=k]) };
            let mut j = i + 1;
            // Merge only upper levels, and only contiguous rows.
            if k + 1 < cols.len() {
                while j < paths.len()
                    && key(j).is_some()
                    && key(j) == key(i)
                    && rows[j] == rows[j - 1] + 1
                {
                    j += 1;
                }
            }
            let s = paths[i].get(k).map_or("", String::as_str);
            w.merge(rows[i], col, rows[j - 1], col, s, fmt)?;
            i = j;
        }
    }
    Ok(())
}

/// Reads a path: `n` levels (from the tag) through merged cells; without a tag (a row a user
/// added to a template), blank upper levels repeat the row above.
pub(crate) fn read_path(
    g: &Grid,
    row: u32,
    cols: &[u16],
    n: Option<u32>,
    prev: &[String],
) -> Vec<String> {
    match n {
        Some(n) => cols
            .iter()
            .take(n as usize)
            .map(|&c| g.text_merged(row, c))
            .collect(),
        None => {
            let mut path: Vec<String> = cols.iter().map(|&c| g.text_merged(row, c)).collect();
            while path.len() > 1 && path.last().is_some_and(String::is_empty) {
                path.pop();
            }
            let leaf = path.len().saturating_sub(1);
            for (k, p) in path.iter_mut().enumerate() {
                if p.is_empty() && k < leaf {
                    if let Some(up) = prev.get(k) {
                        *p = up.clone();
                    }
                }
            }
            path
        }
    }
}

/// A recomputed score as shown in the audit columns: the number, or `[lo, hi]`.
pub(crate) fn audit_cells(
    w: &mut W,
    row: u32,
    col_score: u16,
    col_note: u16,
    item: Option<&Item>,
) -> Result<(), XlsxError> {
    let Some(it) = item else {
        return Ok(());
    };
    let bad = matches!(it.status, Status::Differs | Status::OutOfRange);
    let f = if bad { &w.f.audit_bad } else { &w.f.audit };
    let f = f.clone();
    match (it.recomputed_score, it.min_score, it.max_score) {
        (Some(r), _, _) => w.dec(row, col_score, Some(r), &f)?,
        (None, Some(lo), Some(hi)) => w.text(row, col_score, &format!("[{lo}, {hi}]"), &f)?,
        _ => w.text(row, col_score, "—", &f)?,
    }
    let mut note = format!("{}：{}", it.status.zh(), it.formula);
    if let Some(r) = &it.reason {
        note.push_str(&format!("（{r}）"));
    }
    w.text(row, col_note, &note, &f)?;
    Ok(())
}

/// The total and grade audit cells of a form.
pub(crate) fn audit_total(
    w: &mut W,
    row: u32,
    col_score: u16,
    col_note: u16,
    s: Option<&Scored>,
) -> Result<(), XlsxError> {
    let Some(s) = s else { return Ok(()) };
    let bad = s.recomputed_total.is_some() && s.recomputed_total != s.stated_total;
    let f = if bad { &w.f.audit_bad } else { &w.f.audit }.clone();
    w.dec(row, col_score, s.recomputed_total, &f)?;
    let note = format!(
        "Σ 自评得分 {}；复核总分 {}",
        s.stated_sum.map_or("—".into(), |d| d.to_string()),
        s.recomputed_total.map_or("—".into(), |d| d.to_string())
    );
    w.text(row, col_note, &note, &f)?;
    Ok(())
}

pub(crate) fn audit_grade(
    w: &mut W,
    row: u32,
    col_score: u16,
    col_note: u16,
    s: Option<&Scored>,
) -> Result<(), XlsxError> {
    let Some(s) = s else { return Ok(()) };
    let bad = s.recomputed_grade.is_some() && s.recomputed_grade != s.stated_grade;
    let f = if bad { &w.f.audit_bad } else { &w.f.audit }.clone();
    w.text(
        row,
        col_score,
        s.recomputed_grade.as_deref().unwrap_or("—"),
        &f,
    )?;
    w.text(row, col_note, &format!("规则集 {}", s.ruleset), &f)?;
    Ok(())
}

/// Writes a `label | value` row for a header attribute or a field (`k`: `project`,
/// `department`, `unit`, `year` or a field key).
#[allow(clippy::too_many_arguments)]
pub(crate) fn kv_row(
    w: &mut W,
    row: u32,
    label_cols: (u16, u16),
    value_cols: (u16, u16),
    label: &str,
    value: &str,
    t: Tag,
) -> Result<(), XlsxError> {
    let f = w.f;
    w.merge(row, label_cols.0, row, label_cols.1, label, &f.label)?;
    w.merge(row, value_cols.0, row, value_cols.1, value, &f.wrap)?;
    w.tag(row, t)?;
    Ok(())
}

/// The field of a form, with its index (to restore the order of `fields`).
pub(crate) fn fields_by_key(form: Option<&Form>) -> BTreeMap<&str, (usize, &Field)> {
    form.map(|f| {
        f.fields
            .iter()
            .enumerate()
            .map(|(i, x)| (x.key.as_str(), (i, x)))
            .collect()
    })
    .unwrap_or_default()
}

/// Field rows a writer did not place itself, in their order.
pub(crate) fn other_fields<'a>(form: Option<&'a Form>, placed: &[&str]) -> Vec<(usize, &'a Field)> {
    form.map(|f| {
        f.fields
            .iter()
            .enumerate()
            .filter(|(_, x)| !placed.contains(&x.key.as_str()))
            .collect()
    })
    .unwrap_or_default()
}

/// A form being read back from its rows.
pub(crate) struct Builder {
    pub form: Form,
    pub file: String,
    /// Fields with their original index (tag `o`), sorted at the end.
    pub fields: Vec<(usize, Field)>,
    /// Inside the indicator table (rows without tags are indicators).
    pub in_table: bool,
    pub template: bool,
    pub last_row: u32,
    /// A template's funds rows: recompute what their formula cells show.
    pub funds_formulas: bool,
    /// Labels of the goal columns (self-evaluation).
    pub goal_labels: (String, String),
    /// The final-accounts table being read.
    pub tables: final_accounts::TableState,
}

impl Builder {
    pub(crate) fn new(row: u32, t: &Tag, kind: FormKind, fallback_file: &str) -> Builder {
        let template = t.u32("l").is_none();
        let mut form = Form::new(kind, t.u32("l").unwrap_or(row + 1));
        form.line_end = t.u32("e").unwrap_or(row + 1);
        Builder {
            form,
            file: t.str("f").unwrap_or(fallback_file).to_string(),
            fields: Vec::new(),
            in_table: false,
            template,

            last_row: row,
            funds_formulas: false,
            goal_labels: (String::new(), String::new()),
            tables: final_accounts::TableState::default(),
        }
    }

    /// The source line of a row: the tag's `key`, else the sheet row (1-based).
    pub(crate) fn line(&self, t: Option<&Tag>, key: &str, row: u32) -> u32 {
        t.and_then(|t| t.u32(key)).unwrap_or(row + 1)
    }

    /// A field from a value cell; template rows left blank give none.
    pub(crate) fn field(&mut self, t: &Tag, suffix: &str, label: String, value: String, row: u32) {
        let Some(key) = t.str(&format!("k{suffix}")).map(str::to_string) else {
            return;
        };
        let line = t.u32(&format!("l{suffix}"));
        if line.is_none() && value.is_empty() {
            return;
        }
        let ord = t
            .u32(&format!("o{suffix}"))
            .map_or(usize::MAX / 2 + self.fields.len(), |o| o as usize);
        self.fields.push((
            ord,
            Field {
                key,
                label,
                value,
                line: line.unwrap_or(row + 1),
            },
        ));
    }

    /// A header attribute or field from a `label | value` row.
    pub(crate) fn kv(&mut self, g: &Grid, row: u32, t: &Tag, label_col: u16, value_col: u16) {
        let value = g.text_merged(row, value_col);
        match t.str("k") {
            Some("project") => self.form.project = non_empty(value),
            Some("department") => self.form.department = non_empty(value),
            Some("unit") => self.form.unit = non_empty(value),
            Some("year") => self.form.year = year_of(&value),
            Some(_) => {
                let label = g.text_merged(row, label_col);
                self.field(t, "", label, value, row);
            }
            None => {}
        }
    }

    pub(crate) fn finish(mut self) -> (String, Form) {
        final_accounts::finish_table(&mut self);
        if self.funds_formulas {
            self_eval::apply_formulas(&mut self.form);
        }
        self.fields.sort_by_key(|(o, _)| *o);
        self.form.fields = self.fields.into_iter().map(|(_, f)| f).collect();
        if self.template {
            self.form.line_end = self.last_row + 1;
        }
        (self.file, self.form)
    }
}

pub(crate) fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The year in `(2022年度)`, `2022`, `评价年度 2023`.
pub(crate) fn year_of(s: &str) -> Option<u16> {
    let digits: String = s
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

/// True when every cell of a row in `cols` is empty.
pub(crate) fn row_blank(g: &Grid, row: u32, cols: std::ops::RangeInclusive<u16>) -> bool {
    cols.into_iter()
        .all(|c| matches!(g.get(row, c), Data::Empty) || g.text(row, c).is_empty())
}

/// Columns listed in a tag's `x` (cells whose non-numeric text was printed so).
pub(crate) fn text_cols(t: Option<&Tag>) -> Vec<u16> {
    t.and_then(|t| t.get("x"))
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_u64().map(|c| c as u16))
                .collect()
        })
        .unwrap_or_default()
}

/// Errors of one sheet, gathered while reading.
pub(crate) type Errs = Vec<CellError>;
