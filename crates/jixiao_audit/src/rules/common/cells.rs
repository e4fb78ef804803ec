//! Printed table cells with their location: an amount, the cell it was printed in, and the
//! labels a finding names it by (computed only when a finding needs them).

use jixiao_model::{Decimal, Table, TableRow};

use crate::checker::Checker;
use crate::finding::Related;
use crate::rules::show;

use super::tables::{columns, leaf, row_label};

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

    pub(crate) fn related(&self, cx: &Checker) -> Related {
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
