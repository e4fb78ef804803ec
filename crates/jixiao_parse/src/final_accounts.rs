//! 部门决算: the nine standard tables (收入支出决算总表 … 财政拨款“三公”经费支出决算表).
//!
//! A table is found by its title: the canonical name or a regional alias, compared with the
//! whole folded title once `表1` / `一、` labels, quotes and a trailing `(2023年度)` are removed
//! (longest alias first, so 财政拨款收入支出决算总表 is never read as 收入支出决算总表). A title
//! counts only when table structure follows it (`单位：` lines, a header row), which rejects the
//! table of contents. The header rows give a second key (their signature) and the value
//! columns; merged header cells are spread over the columns they cover.
//!
//! Data rows are placed by content, never by tab count alone: a 3/5/7-digit code cell, a name
//! cell, a 行次, then the amounts fitted to the value columns (surplus blank cells of a shifted
//! row are dropped, missing trailing cells are blank). Two-sided tables (收入 | 支出 in t1 and
//! t4, 人员经费 | 公用经费 in t6) are split where the second label starts and give one row per
//! side. Repeated page headers (with their `栏次` / misprinted `档次` row) are skipped, `注：`
//! ends the body, `本表本年度无发生额` marks an empty table, an English `Table with N columns`
//! summary marks a table whose numbers are lost. Whatever cannot be placed becomes a warning.

use std::collections::BTreeMap;

use jixiao_model::{Decimal, Form, FormKind, Table, TableId, TableRow, Warning};
use jixiao_text::fold_label;

use crate::grid::year_in;
use crate::Line;

/// The canonical (folded) name of a table.
fn canonical(id: TableId) -> &'static str {
    id.aliases().first().copied().unwrap_or("")
}

/// Table ids joined for a warning (`t5 or t4`).
fn id_list(ids: &[TableId]) -> String {
    ids.iter()
        .map(|i| i.as_id())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The result of matching a title line against the alias table.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TitleMatch {
    /// Candidate ids, best first; more than one when the title is ambiguous. Empty when the
    /// line only looks like a table title (`…决算…表`) but matches no alias.
    ids: Vec<TableId>,
    alias: &'static str,
    /// The title says it continues a table (`(续)`, `续表`).
    continued: bool,
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'' | '『' | '』' | '《' | '》'
    )
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// Removes list and table labels in front of a folded title (`表1`, `表一`, `附表3-1`, `一、`,
/// `1.`, `(二)`, `- `).
fn strip_labels(mut s: &str) -> &str {
    loop {
        let t = s.trim_start_matches([' ', '-', '•', '·', '*', '—', '●']);
        let after_table = t.strip_prefix("附表").or_else(|| t.strip_prefix('表'));
        if let Some(r) = after_table {
            let n = r.trim_start_matches(|c: char| is_numeral(c) || c == '-');
            if n.len() < r.len() {
                s = n.trim_start_matches(['、', '.', ':', '：', ' ', '-']);
                continue;
            }
        }
        let n = t.trim_start_matches(is_numeral);
        if n.len() < t.len() {
            if let Some(r) = n.strip_prefix(['、', '.']) {
                s = r;
                continue;
            }
        }
        if let Some(r) = t.strip_prefix('(') {
            if let Some(close) = r.find(')') {
                if close > 0 && r[..close].chars().all(is_numeral) {
                    s = &r[close + 1..];
                    continue;
                }
            }
        }
        return t;
    }
}

/// The folded form of a title used for matching, and whether it marks a continuation.
fn normalise_title(raw: &str) -> (String, bool) {
    let folded: String = fold_label(raw).chars().filter(|c| !is_quote(*c)).collect();
    let mut t = strip_labels(&folded).trim().to_string();
    let mut continued = false;
    loop {
        if let Some(r) = t.strip_suffix("(续)").or_else(|| t.strip_suffix("(续表)")) {
            t = r.trim_end().to_string();
            continued = true;
            continue;
        }
        if let Some(r) = t.strip_suffix("续表") {
            t = r.trim_end().to_string();
            continued = true;
            continue;
        }
        if t.ends_with(')') {
            if let Some(open) = t.rfind('(') {
                if t[open..].contains('年') {
                    t.truncate(open);
                    t = t.trim_end().to_string();
                    continue;
                }
            }
        }
        break;
    }
    (t.replace(' ', ""), continued)
}

/// Matches a normalised title against `aliases`: whole-title equality, or the alias preceded
/// by a year (`2023年度收入决算表`). Longest alias wins; ties between ids are ambiguities.
fn match_aliases(
    t: &str,
    aliases: &[(TableId, &'static str)],
) -> Option<(Vec<TableId>, &'static str)> {
    let mut best: Option<(usize, Vec<TableId>, &'static str)> = None;
    for &(id, alias) in aliases {
        let hit = t == alias
            || t.strip_suffix(alias)
                .is_some_and(|p| p.ends_with("年度") || p.ends_with('年'));
        if !hit {
            continue;
        }
        match &mut best {
            Some((len, ids, _)) if alias.len() == *len => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            Some((len, _, _)) if alias.len() < *len => {}
            _ => best = Some((alias.len(), vec![id], alias)),
        }
    }
    best.map(|(_, ids, alias)| (ids, alias))
}

/// Classifies a line as a table title (cheap rejection on the raw text first).
fn title_match(raw: &str) -> Option<TitleMatch> {
    if raw.len() > 240 || !crate::segment::has_biao(raw) || !raw.contains("决算") {
        return None;
    }
    if raw.split('\t').filter(|c| !c.trim().is_empty()).count() > 1 {
        return None;
    }
    let trimmed = raw.trim();
    if trimmed.starts_with("- ") || trimmed.contains("……") || trimmed.contains("...") {
        return None; // table-of-contents entries
    }
    let (t, continued) = normalise_title(trimmed);
    if let Some((ids, alias)) = match_aliases(&t, TableId::all_aliases()) {
        return Some(TitleMatch {
            ids,
            alias,
            continued,
        });
    }
    // Looks like the title of some other 决算 table.
    let looks = t.ends_with('表')
        && !t.starts_with('第')
        && !t.contains(':')
        && !t.contains("部门决算表")
        && t.chars().count() <= 40;
    looks.then_some(TitleMatch {
        ids: Vec::new(),
        alias: "",
        continued,
    })
}

fn filled_count(text: &str) -> usize {
    if !text.contains('\t') {
        return usize::from(!text.trim().is_empty());
    }
    text.split('\t').filter(|c| !c.trim().is_empty()).count()
}

fn is_unit_text(t: &str) -> bool {
    let t = t.trim_start();
    t.starts_with("单位")
        || t.starts_with("编制单位")
        || t.starts_with("金额单位")
        || t.starts_with("填报单位")
}

/// True when table structure (unit lines, a header row, an empty-table statement, a summary)
/// follows the title at `i` before anything else that looks like a title.
fn followed_by_table(lines: &[Line], i: usize, titles: &[(usize, TitleMatch)]) -> bool {
    let mut seen = 0;
    for (k, l) in lines.iter().enumerate().skip(i + 1) {
        if l.is_blank() {
            continue;
        }
        seen += 1;
        if seen > 8 {
            return false;
        }
        let t = l.text.trim();
        if titles.binary_search_by_key(&k, |t| t.0).is_ok() {
            return false;
        }
        if filled_count(l.text) >= 2 || is_unit_text(t) || is_summary(t) || is_empty_statement(t) {
            return true;
        }
        let f = fold_label(t);
        let label = f.starts_with('表') && f.chars().count() <= 6;
        let year = f.starts_with('(') && f.contains('年') && f.chars().count() <= 12;
        if !(label || year) {
            return false;
        }
    }
    false
}

/// Index of the first line that is the title of one of the nine standard tables, if any.
pub(crate) fn first_table_title(lines: &[Line]) -> Option<usize> {
    let candidates = title_candidates(lines);
    candidates
        .iter()
        .find(|(i, m)| !m.ids.is_empty() && followed_by_table(lines, *i, &candidates))
        .map(|(i, _)| *i)
}

/// Every line that looks like a table title, in order (whether a table follows is checked
/// separately).
fn title_candidates(lines: &[Line]) -> Vec<(usize, TitleMatch)> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| title_match(l.text).map(|m| (i, m)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Line classes inside a table region.

fn is_summary(t: &str) -> bool {
    t.starts_with("Table with") || t.starts_with("Main evaluation table") || {
        t.starts_with("Table ") && t.contains("columns")
    }
}

fn is_empty_statement(t: &str) -> bool {
    t.contains("本年度无发生额")
        || t.contains("本表无发生额")
        || t.contains("本表无数据")
        || t.contains("本年度无数据")
}

fn is_note_start(t: &str) -> bool {
    t.starts_with("注：")
        || t.starts_with("注:")
        || t.starts_with("注 ")
        || t.starts_with("备注")
        || (t.starts_with('注') && t[3..].starts_with(|c: char| c.is_ascii_digit()))
}

/// A numbered continuation of a note block (`2. 本套报表…`, `（2）…`).
fn is_note_continuation(t: &str) -> bool {
    let f = jixiao_text::fold(t);
    let digits = f.trim_start_matches(|c: char| c.is_ascii_digit());
    (digits.len() < f.len() && digits.starts_with(['.', '、', ')']))
        || (f.starts_with('(') && f[1..].starts_with(|c: char| c.is_ascii_digit()))
        || f.starts_with("本表")
        || f.starts_with("本套报表")
}

fn is_page_number(t: &str) -> bool {
    let core = t.trim_matches(|c: char| c == '-' || c == '—' || c.is_whitespace());
    (!core.is_empty() && core.len() <= 4 && core.bytes().all(|b| b.is_ascii_digit()))
        || (t.starts_with('第') && t.ends_with('页') && t.chars().count() <= 12)
}

fn is_placeholder(c: &str) -> bool {
    matches!(c, "-" | "--" | "—" | "——" | "－" | "/" | "－－" | "…")
}

/// A function (3/5/7 digits) or economic (3/5 digits) classification code.
fn is_code(c: &str) -> bool {
    matches!(c.len(), 3 | 5 | 7) && c.bytes().all(|b| b.is_ascii_digit())
}

/// `201 一般公共服务支出` printed in one cell.
fn split_code_name(c: &str) -> Option<(&str, &str)> {
    let end = c.find(|ch: char| !ch.is_ascii_digit())?;
    let (code, rest) = c.split_at(end);
    if is_code(code) && rest.starts_with([' ', '\u{3000}']) && is_label(rest.trim()) {
        Some((code, rest.trim()))
    } else {
        None
    }
}

/// [`fold_label`] of a cell, without the work when the cell is already folded.
fn fold_cell(c: &str) -> String {
    let clean = c
        .chars()
        .all(|ch| !ch.is_whitespace() && ch != '<' && jixiao_text::fold_char(ch) == ch);
    if clean {
        c.to_string()
    } else {
        fold_label(c)
    }
}

/// A printed amount ([`jixiao_text::parse_decimal`]), rejecting text cells cheaply: only a
/// cell that starts like a number (a digit or sign, half- or full-width) is parsed.
fn amount(c: &str) -> Option<Decimal> {
    // ASCII digit or sign, or a full-width form (`０`, `－`: EF BC xx).
    let numeric = match *c.as_bytes().first()? {
        b'0'..=b'9' | b'-' | b'+' | b'.' => true,
        0xEF => c.as_bytes().get(1) == Some(&0xBC),
        _ => false,
    };
    if numeric {
        jixiao_text::parse_decimal(c)
    } else {
        None
    }
}

/// A small integer as printed in a 行次 cell.
fn row_number(c: &str) -> Option<u32> {
    if c.is_empty() || c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    c.parse().ok()
}

/// A text cell that can name a row (not a number, not a placeholder).
fn is_label(c: &str) -> bool {
    !c.is_empty()
        && !is_placeholder(c)
        && !c.bytes().all(|b| b.is_ascii_digit())
        && amount(c).is_none()
}

/// The `栏次` row (also misprinted `档次`), or a bare row of column numbers `1 2 3 …`.
fn is_column_number_row(cells: &[&str]) -> bool {
    let mut k = 0u32;
    let mut word = false;
    for c in cells.iter().filter(|c| !c.is_empty()) {
        if *c == "栏次" || *c == "档次" || *c == "栏号" {
            word = true;
            continue;
        }
        match row_number(c) {
            Some(n) if word || n == k + 1 => k = n,
            _ => return false,
        }
    }
    word || k >= 2
}

/// Count of column numbers in a 栏次 row.
fn column_numbers(cells: &[&str]) -> usize {
    cells.iter().filter(|c| row_number(c).is_some()).count()
}

/// A header row: no amount, no code followed by a name.
fn is_header_like(cells: &[&str]) -> bool {
    cells
        .iter()
        .all(|c| c.is_empty() || (amount(c).is_none() && !is_code(c)))
}

/// The key a header line is recognised by when a page repeats it.
fn header_key(cells: &[&str]) -> String {
    let mut k = String::new();
    for c in cells.iter().filter(|c| !c.is_empty()) {
        k.push_str(&fold_label(c));
        k.push('|');
    }
    k
}

// ---------------------------------------------------------------------------------------------
// Header → schema.

#[derive(Clone, Debug, PartialEq, Eq)]
struct Lane {
    side: Option<String>,
    /// First cell index of the lane in the header.
    start: usize,
    /// Number of cells of the lane in the header.
    width: usize,
    code: bool,
    name: bool,
    row_no: bool,
    columns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Schema {
    lanes: Vec<Lane>,
}

impl Schema {
    fn value_count(&self) -> usize {
        self.lanes.iter().map(|l| l.columns.len()).sum()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ColKind {
    Ignore,
    Code,
    Name,
    RowNo,
    Value,
}

fn classify(path: &[String]) -> ColKind {
    if path.is_empty() {
        return ColKind::Ignore;
    }
    if path
        .iter()
        .any(|p| p.contains("编码") || p.ends_with("代码") || p == "编号")
    {
        return ColKind::Code;
    }
    if path.iter().any(|p| p == "行次") {
        return ColKind::RowNo;
    }
    if path.iter().any(|p| p == "栏次" || p == "档次") {
        return ColKind::Ignore;
    }
    if path.iter().any(|p| {
        matches!(
            p.as_str(),
            "项目" | "科目" | "名称" | "项目名称" | "支出项目"
        ) || p.ends_with("科目名称")
    }) {
        return ColKind::Name;
    }
    ColKind::Value
}

const SIDE_WORDS: [&str; 4] = ["收入", "支出", "人员经费", "公用经费"];

fn default_sides(id: TableId) -> [&'static str; 2] {
    if id == TableId::BasicSpending {
        ["人员经费", "公用经费"]
    } else {
        ["收入", "支出"]
    }
}

/// The label of header cell (r, c), spreading a merged group label (`预算数`,
/// `公务用车购置及运行维护费`) over the empty cells to its right that have sub-labels below.
fn header_label(rows: &[Vec<String>], r: usize, c: usize, lane_start: usize) -> Option<&str> {
    let cell = |r: usize, c: usize| rows[r].get(c).map_or("", String::as_str);
    if !cell(r, c).is_empty() {
        return Some(cell(r, c));
    }
    let below = |c: usize| (r + 1..rows.len()).any(|r2| !cell(r2, c).is_empty());
    if !below(c) {
        return None;
    }
    let left = (lane_start..c).rev().find(|&c2| !cell(r, c2).is_empty())?;
    below(left).then(|| cell(r, left))
}

/// Builds the schema of a table from its header rows (folded cells).
fn build_schema(rows: &[Vec<String>], id: TableId) -> Option<Schema> {
    let width = rows.iter().map(Vec::len).max()?;
    let mut starts: Vec<(usize, Option<String>)> = vec![(0, None)];
    let mut label_rows: &[Vec<String>] = rows;
    // A side row: only 收入 / 支出 (人员经费 / 公用经费) labels.
    let first: Vec<(usize, &String)> = rows[0]
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .collect();
    if first.len() == 2 && first.iter().all(|(_, c)| SIDE_WORDS.contains(&c.as_str())) {
        starts = first
            .iter()
            .map(|(i, c)| (*i, Some((*c).clone())))
            .collect();
        starts[0].0 = 0;
        label_rows = &rows[1..];
    } else if matches!(
        id,
        TableId::Summary | TableId::Appropriation | TableId::BasicSpending
    ) {
        // No side row: split where the first label of the widest row repeats.
        if let Some(row) = rows
            .iter()
            .max_by_key(|r| r.iter().filter(|c| !c.is_empty()).count())
        {
            if let Some(l0) = row.iter().find(|c| !c.is_empty()) {
                let i0 = row.iter().position(|c| c == l0).unwrap_or(0);
                if let Some(j) = row.iter().skip(i0 + 1).position(|c| c == l0) {
                    let sides = default_sides(id);
                    starts = vec![
                        (0, Some(sides[0].to_string())),
                        (i0 + 1 + j, Some(sides[1].to_string())),
                    ];
                }
            }
        }
    }
    if label_rows.is_empty() {
        return None;
    }
    let mut lanes = Vec::new();
    for (k, (start, side)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(width, |s| s.0);
        let mut lane = Lane {
            side: side.clone(),
            start: *start,
            width: end - start,
            code: false,
            name: false,
            row_no: false,
            columns: Vec::new(),
        };
        for c in *start..end {
            let mut path: Vec<String> = Vec::new();
            for r in 0..label_rows.len() {
                if let Some(l) = header_label(label_rows, r, c, *start) {
                    if path.last().map(String::as_str) != Some(l) {
                        path.push(l.to_string());
                    }
                }
            }
            match classify(&path) {
                ColKind::Code => lane.code = true,
                ColKind::Name => lane.name = true,
                ColKind::RowNo => lane.row_no = true,
                ColKind::Value => lane.columns.push(path.join("/")),
                ColKind::Ignore => {}
            }
        }
        lanes.push(lane);
    }
    if lanes.iter().any(|l| l.columns.is_empty()) {
        return None;
    }
    Some(Schema { lanes })
}

/// The columns a standard table has when its header is missing or unreadable.
fn default_schema(id: TableId) -> Option<Schema> {
    // Which of the name, code and 行次 cells the standard layout prints, per table.
    let (code, name, row_no) = match id {
        TableId::Summary | TableId::Appropriation => (false, true, true),
        TableId::SanGong => (false, false, false),
        _ => (true, true, false),
    };
    let mut start = 0;
    let mut lanes = Vec::new();
    for (side, columns) in id.columns() {
        let width = usize::from(code) + usize::from(name) + usize::from(row_no) + columns.len();
        lanes.push(Lane {
            side: side.map(str::to_string),
            start,
            width,
            code,
            name,
            row_no,
            columns,
        });
        start += width;
    }
    (!lanes.is_empty()).then_some(Schema { lanes })
}

/// Which standard tables a header could belong to (its signature).
fn header_signature(rows: &[Vec<String>]) -> Vec<TableId> {
    let mut text = String::new();
    for r in rows {
        for c in r.iter().filter(|c| !c.is_empty()) {
            text.push_str(c);
            text.push('|');
        }
    }
    let has = |w: &str| text.contains(w);
    let two_sided = has("收入|") && has("支出|") && has("行次");
    if has("因公出国") && has("公务接待") {
        vec![TableId::SanGong]
    } else if has("人员经费") && has("公用经费") {
        vec![TableId::BasicSpending]
    } else if two_sided && has("一般公共预算财政拨款") && has("政府性基金预算财政拨款")
    {
        vec![TableId::Appropriation]
    } else if two_sided && has("决算数") {
        vec![TableId::Summary]
    } else if has("年初结转和结余") && has("年末结转和结余") && has("本年支出") {
        vec![TableId::GovernmentFund]
    } else if has("本年收入合计") && has("财政拨款收入") {
        vec![TableId::Income]
    } else if has("基本支出")
        && has("项目支出")
        && (has("上缴上级支出") || has("经营支出") || has("对附属单位补助"))
    {
        vec![TableId::Expenditure]
    } else if has("基本支出") && has("项目支出") {
        vec![
            TableId::GeneralBudget,
            TableId::StateCapital,
            TableId::Expenditure,
        ]
    } else {
        Vec::new()
    }
}

// ---------------------------------------------------------------------------------------------
// Row placement.

/// One side of a placed row.
#[derive(Debug)]
struct Placed {
    code: Option<String>,
    name: Option<String>,
    row_no: Option<u32>,
    values: Vec<Option<Decimal>>,
    raw: Vec<String>,
}

/// Reads one lane of a row: `[code] [name] [行次] values…`, by content.
fn place_lane(cells: &[&str], lane: &Lane) -> Result<Option<Placed>, String> {
    let n = lane.columns.len();
    let mut i = 0;
    let skip_empty = |i: &mut usize| {
        while *i < cells.len() && cells[*i].is_empty() {
            *i += 1;
        }
    };
    let mut code = None;
    let mut name = None;
    if lane.code || lane.name {
        skip_empty(&mut i);
    }
    if lane.code && i < cells.len() {
        if is_code(cells[i]) {
            code = Some(cells[i].to_string());
            i += 1;
            let mut j = i;
            skip_empty(&mut j);
            if j < cells.len() && is_label(cells[j]) {
                i = j;
            }
        } else if let Some((c, nm)) = split_code_name(cells[i]) {
            code = Some(c.to_string());
            name = Some(fold_cell(nm));
            i += 1;
        }
    }
    if lane.name && name.is_none() && i < cells.len() && is_label(cells[i]) {
        name = Some(fold_cell(cells[i]));
        i += 1;
    }
    let mut row_no = None;
    if lane.row_no {
        let mut j = i;
        if name.is_none() {
            skip_empty(&mut j);
        }
        if let Some(n) = cells.get(j).and_then(|c| row_number(c)) {
            row_no = Some(n);
            i = j + 1;
        } else if cells.get(i).is_some_and(|c| c.is_empty()) && cells.len() - i > n {
            i += 1; // the blank 行次 cell
        }
    }
    let mut rest: &[&str] = &cells[i.min(cells.len())..];
    while rest.len() > n && rest[0].is_empty() {
        rest = &rest[1..];
    }
    while rest.len() > n && rest[rest.len() - 1].is_empty() {
        rest = &rest[..rest.len() - 1];
    }
    if rest.len() > n {
        return Err(format!(
            "row has {} value cells for {} columns ({})",
            rest.len(),
            n,
            lane.columns.join(", ")
        ));
    }
    let mut values = Vec::with_capacity(n);
    let mut raw = Vec::with_capacity(n);
    for k in 0..n {
        let c = rest.get(k).copied().unwrap_or("");
        let v = amount(c);
        if v.is_none() && !c.is_empty() && !is_placeholder(c) {
            return Err(format!("text `{c}` where an amount was expected"));
        }
        values.push(v);
        raw.push(c.to_string());
    }
    let has_values = values.iter().any(Option::is_some);
    if code.is_none() && name.is_none() {
        if !lane.code && !lane.name {
            return Ok(has_values.then_some(Placed {
                code,
                name: Some(String::new()),
                row_no,
                values,
                raw,
            }));
        }
        if has_values {
            return Err("amounts without a row label".to_string());
        }
        return Ok(None);
    }
    Ok(Some(Placed {
        code,
        name,
        row_no,
        values,
        raw,
    }))
}

/// Index after the label that starts at `j` (a code and its name, or a name), if a label
/// starts there.
fn label_at(cells: &[&str], j: usize, code_col: bool) -> Option<usize> {
    let c = cells[j];
    if code_col && is_code(c) {
        let next = (j + 1..cells.len()).find(|&k| !cells[k].is_empty())?;
        return is_label(cells[next]).then_some(next + 1);
    }
    if code_col && split_code_name(c).is_some() {
        return Some(j + 1);
    }
    is_label(c).then_some(j + 1)
}

/// Splits a row into lanes by where their labels start.
fn split_lanes<'c>(cells: &'c [&'c str], schema: &Schema) -> [&'c [&'c str]; 2] {
    let lanes = &schema.lanes;
    let code_col = lanes.iter().any(|l| l.code);
    // Where the first two labels start.
    let mut starts = [0usize; 2];
    let mut count = 0;
    let mut j = 0;
    while j < cells.len() && count < 2 {
        match label_at(cells, j, code_col) {
            Some(after) => {
                starts[count] = j;
                count += 1;
                j = after;
            }
            None => j += 1,
        }
    }
    let second = lanes.get(1).map_or(cells.len(), |l| l.start);
    let cut = match count {
        0 => second.min(cells.len()),
        1 => {
            let j = starts[0];
            let before = cells[..j].iter().any(|c| !c.is_empty());
            if j >= second || before {
                j
            } else {
                (j + lanes[0].width).min(cells.len())
            }
        }
        _ => starts[1],
    };
    [&cells[..cut], &cells[cut..]]
}

// ---------------------------------------------------------------------------------------------
// Reading a table region.

struct Reader<'w> {
    table: Table,
    schema: Option<Schema>,
    title_ids: Vec<TableId>,
    header_rows: Vec<Vec<String>>,
    header_keys: Vec<String>,
    header_labels: Vec<String>,
    header_done: bool,
    column_numbers: Option<(usize, u32)>,
    in_notes: bool,
    last_was_row: bool,
    org: Option<String>,
    warnings: &'w mut Vec<Warning>,
}

enum Step {
    Continue,
    /// The table ended before this line (prose follows).
    End,
}

impl Reader<'_> {
    fn warn(&mut self, a: u32, b: u32, msg: String) {
        self.warnings.push(Warning::new(a, b, msg));
    }

    /// `单位：万元` (amount unit) or `单位：<organisation>`; several may share a line.
    fn unit_text(&mut self, text: &str) {
        // (label start, value start) of every `…单位：`.
        let mut labels = Vec::new();
        let mut i = 0;
        while let Some(p) = text[i..].find("单位") {
            let after = i + p + "单位".len();
            let t = text[after..].trim_start();
            if let Some(v) = t.strip_prefix(['：', ':']) {
                labels.push((i + p, text.len() - v.len()));
            }
            i = after;
        }
        for (k, &(_, vs)) in labels.iter().enumerate() {
            let ve = labels.get(k + 1).map_or(text.len(), |l| l.0);
            let v = text[vs..ve].trim_start_matches([' ', '\u{3000}']);
            let v = v.split([' ', '\t', '\u{3000}']).next().unwrap_or("");
            let v = v
                .trim_end_matches("金额")
                .trim_end_matches("编制")
                .trim_end_matches("填报")
                .trim();
            if v.is_empty() {
                continue;
            }
            if matches!(v, "万元" | "元" | "亿元" | "千元") {
                self.table.unit = Some(v.to_string());
            } else if self.org.is_none() {
                self.org = Some(v.to_string());
            }
        }
    }

    fn finish_header(&mut self, line: u32) {
        if self.header_done {
            return;
        }
        self.header_done = true;
        let id = self.table.id;
        let sig = header_signature(&self.header_rows);
        if self.title_ids.len() > 1 {
            // Ambiguous title: let the header decide, by signature or else by shape (one or
            // two sides).
            let two_sided = self.header_rows.iter().any(|r| {
                let filled: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
                filled.len() >= 2 && filled.iter().all(|c| SIDE_WORDS.contains(&c.as_str()))
            });
            let shape = |i: &&TableId| {
                default_schema(**i).is_some_and(|d| (d.lanes.len() > 1) == two_sided)
            };
            let pick = self.title_ids.iter().find(|i| sig.contains(i));
            let pick = pick.or_else(|| self.title_ids.iter().find(shape));
            self.table.id = *pick.unwrap_or(&self.title_ids[0]);
        } else if id == TableId::Other {
            if let [only] = sig.as_slice() {
                self.table.id = *only;
                self.table.alias = format!("header:{}", canonical(*only));
            } else {
                let msg = if sig.is_empty() {
                    format!("unrecognised table `{}`", self.table.title)
                } else {
                    format!(
                        "unrecognised table `{}` (header fits {})",
                        self.table.title,
                        id_list(&sig)
                    )
                };
                self.warn(self.table.line_start, line, msg);
            }
        } else if !sig.is_empty() && !sig.contains(&id) {
            self.warn(
                self.table.line_start,
                line,
                format!(
                    "title `{}` names {} but the header looks like {}",
                    self.table.title,
                    id,
                    id_list(&sig)
                ),
            );
        }
        let id = self.table.id;
        let schema = if self.header_rows.is_empty() {
            None
        } else {
            build_schema(&self.header_rows, id)
        };
        let schema = match schema {
            Some(s) => Some(s),
            None => {
                let d = default_schema(id);
                let msg = if d.is_some() {
                    "table header missing or unreadable; standard columns assumed"
                } else {
                    "table header missing or unreadable; rows not placed"
                };
                self.warn(self.table.line_start, line, msg.to_string());
                d
            }
        };
        if let (Some(s), Some((count, l))) = (&schema, self.column_numbers) {
            if count != s.value_count() {
                self.warn(
                    l,
                    l,
                    format!(
                        "栏次 row numbers {count} columns but the header has {} value columns",
                        s.value_count()
                    ),
                );
            }
        }
        if let Some(s) = &schema {
            self.table.columns = s.lanes[0].columns.clone();
            if s.lanes.len() > 1 {
                for lane in &s.lanes {
                    if let Some(side) = &lane.side {
                        self.table
                            .side_columns
                            .insert(side.clone(), lane.columns.clone());
                    }
                }
            }
        }
        self.schema = schema;
    }

    fn is_repeated_header(&self, cells: &[&str]) -> bool {
        if !is_header_like(cells) {
            return false;
        }
        let key = header_key(cells);
        if self.header_keys.contains(&key) {
            return true;
        }
        let filled: Vec<String> = cells
            .iter()
            .filter(|c| !c.is_empty())
            .map(|c| fold_label(c))
            .collect();
        filled.len() >= 2 && filled.iter().all(|c| self.header_labels.contains(c))
    }

    fn place(&mut self, cells: &[&str], line: u32) {
        let Some(schema) = &self.schema else {
            self.warn(
                line,
                line,
                "row of a table whose columns are unknown".into(),
            );
            return;
        };
        let split;
        let parts: &[&[&str]] = if schema.lanes.len() == 1 {
            std::slice::from_ref(&cells)
        } else {
            split = split_lanes(cells, schema);
            &split
        };
        let before = self.table.rows.len();
        for (part, lane) in parts.iter().zip(&schema.lanes) {
            match place_lane(part, lane) {
                Ok(Some(p)) => self.table.rows.push(TableRow {
                    code: p.code,
                    name: p.name.unwrap_or_default(),
                    side: lane.side.clone(),
                    row_no: p.row_no,
                    values: p.values,
                    raw: p.raw,
                    line,
                }),
                Ok(None) => {}
                Err(e) => {
                    let side = lane
                        .side
                        .as_deref()
                        .map_or(String::new(), |s| format!(" ({s})"));
                    self.warnings.push(Warning::new(
                        line,
                        line,
                        format!("{}{side}: {e}", self.table.id),
                    ));
                }
            }
        }
        if self.table.rows.len() > before {
            self.table.line_end = line;
            self.last_was_row = true;
        }
    }

    /// Reads one non-blank line; `cells` are its trimmed tab-separated cells.
    fn step(&mut self, l: &Line, cells: &[&str]) -> Step {
        let t = l.text.trim();
        let filled = cells.iter().filter(|c| !c.is_empty()).count();
        let after_row = std::mem::take(&mut self.last_was_row);
        if filled <= 2 && is_empty_statement(t) {
            self.table.empty_statement = true;
            self.table.empty_statement_line.get_or_insert(l.no);
            self.table.line_end = l.no;
            self.in_notes |= is_note_start(t);
            return Step::Continue;
        }
        if filled <= 1 && is_summary(t) {
            self.table.summarised = true;
            self.table.line_end = l.no;
            self.warn(
                l.no,
                l.no,
                format!(
                    "{} `{}` was replaced by a summary in the source; its numbers are not recoverable",
                    self.table.id, self.table.title
                ),
            );
            return Step::Continue;
        }
        if filled <= 1 && is_note_start(t) {
            self.in_notes = true;
            self.table.line_end = l.no;
            return Step::Continue;
        }
        if self.in_notes {
            if filled <= 1 && is_note_continuation(t) {
                self.table.line_end = l.no;
                return Step::Continue;
            }
            return Step::End;
        }
        // A tab-separated line with one short label after the header is a row whose amounts
        // are all blank (`\t合计\t\t\t`), not prose.
        let blank_row = self.header_done
            && filled == 1
            && l.text.contains('\t')
            && !is_page_number(t)
            && t.chars().count() <= 30
            && !t.contains('。');
        if filled <= 1 && !blank_row {
            if !self.header_done && self.header_rows.is_empty() {
                let f = fold_label(t);
                if is_unit_text(t) {
                    self.unit_text(t);
                    self.table.line_end = l.no;
                    return Step::Continue;
                }
                if f.starts_with('(') && f.contains('年') && f.chars().count() <= 12 {
                    return Step::Continue;
                }
            }
            if is_page_number(t) {
                return Step::Continue;
            }
            // A row name wrapped onto its own line.
            let single_lane = self.schema.as_ref().is_some_and(|s| s.lanes.len() == 1);
            if after_row
                && single_lane
                && is_label(t)
                && t.chars().count() <= 16
                && !t.contains(['。', '：', ':'])
                && !t.starts_with(['第', '表'])
                && self.schema.as_ref().is_some_and(|s| s.lanes[0].name)
            {
                if let Some(r) = self.table.rows.last_mut() {
                    r.name.push_str(&fold_label(t));
                    self.table.line_end = l.no;
                    return Step::Continue;
                }
            }
            return Step::End;
        }
        if !self.header_done
            && self.header_rows.is_empty()
            && cells
                .iter()
                .filter(|c| !c.is_empty())
                .all(|c| is_unit_text(c))
        {
            self.unit_text(&cells.join("  "));
            self.table.line_end = l.no;
            return Step::Continue;
        }
        if is_column_number_row(cells) {
            if !self.header_done {
                self.column_numbers = Some((column_numbers(cells), l.no));
                self.table.line_end = l.no;
                self.finish_header(l.no);
            }
            return Step::Continue;
        }
        if !self.header_done {
            if is_header_like(cells) {
                self.header_keys.push(header_key(cells));
                for c in cells.iter().filter(|c| !c.is_empty()) {
                    self.header_labels.push(fold_label(c));
                }
                self.header_rows
                    .push(cells.iter().map(|c| fold_label(c)).collect());
                self.table.line_end = l.no;
                return Step::Continue;
            }
            self.finish_header(l.no);
        } else if self.is_repeated_header(cells) {
            return Step::Continue;
        }
        self.place(cells, l.no);
        Step::Continue
    }
}

/// Reads the lines of one table region (after its title). Returns the index of the first line
/// that is no longer part of the table.
fn read_region(reader: &mut Reader, lines: &[Line]) -> usize {
    reader.in_notes = false;
    reader.last_was_row = false;
    let mut cells: Vec<&str> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if l.is_blank() {
            continue;
        }
        cells.clear();
        cells.extend(l.text.split('\t').map(str::trim));
        if let Step::End = reader.step(l, &cells) {
            return k;
        }
    }
    lines.len()
}

/// Tab-separated lines with amounts after a table ended and before the next title: they look
/// like table rows that could not be placed.
fn warn_stray_rows(lines: &[Line], stop_at_prose: bool, warnings: &mut Vec<Warning>) {
    let mut region: Option<(u32, u32)> = None;
    let flush = |region: &mut Option<(u32, u32)>, warnings: &mut Vec<Warning>| {
        if let Some((a, b)) = region.take() {
            warnings.push(Warning::new(
                a,
                b,
                "table-like lines outside any recognised table",
            ));
        }
    };
    for l in lines {
        if l.is_blank() {
            continue;
        }
        if filled_count(l.text) >= 2 {
            match &mut region {
                Some((_, b)) => *b = l.no,
                None => region = Some((l.no, l.no)),
            }
        } else {
            flush(&mut region, warnings);
            if stop_at_prose {
                break;
            }
        }
    }
    flush(&mut region, warnings);
}

/// Year and department from a heading such as `2024年度安澜市档案馆部门决算`.
fn heading(lines: &[Line]) -> (Option<u16>, Option<String>) {
    for l in lines {
        let t = l.text.trim();
        if t.len() > 200 || !t.contains("部门决算") || t.contains('\t') {
            continue;
        }
        let Some(year) = year_in(t) else { continue };
        let head = &t[..t.find("部门决算").unwrap_or(t.len())];
        let ys = year.to_string();
        let Some(yp) = head.find(&ys) else {
            return (Some(year), None);
        };
        let after = head[yp + ys.len()..]
            .trim_start()
            .trim_start_matches("年度")
            .trim_start_matches('年')
            .trim();
        let before = head[..yp].trim();
        let before = before
            .rsplit_once(['：', ':'])
            .map_or(before, |(_, b)| b)
            .trim();
        let dept = if !after.is_empty() { after } else { before };
        return (Some(year), (!dept.is_empty()).then(|| dept.to_string()));
    }
    (None, None)
}

/// What a continued title needs from the table it continues.
struct Carry {
    schema: Option<Schema>,
    header_keys: Vec<String>,
    header_labels: Vec<String>,
}

fn new_table(id: TableId, title: &Line, alias: &str) -> Table {
    Table {
        id,
        title: title.text.trim().to_string(),
        alias: alias.to_string(),
        unit: None,
        columns: Vec::new(),
        side_columns: BTreeMap::new(),
        rows: Vec::new(),
        line_start: title.no,
        line_end: title.no,
        empty_statement: false,
        empty_statement_line: None,
        summarised: false,
    }
}

pub(crate) fn parse(lines: &[Line], warnings: &mut Vec<Warning>) -> Form {
    let first = lines.iter().find(|l| !l.is_blank()).or(lines.first());
    let last = lines.iter().rev().find(|l| !l.is_blank()).or(lines.last());
    let start = first.map_or(1, |l| l.no);
    let mut form = Form::new(FormKind::FinalAccounts, start);
    form.line_end = last.map_or(start, |l| l.no);
    let (year, dept) = heading(lines);
    form.year = year;
    form.department = dept;

    let candidates = title_candidates(lines);
    let titles: Vec<&(usize, TitleMatch)> = candidates
        .iter()
        .filter(|(i, _)| followed_by_table(lines, *i, &candidates))
        .collect();

    let mut org: Option<String> = None;
    let mut carry: Option<Carry> = None;
    for (k, (ti, m)) in titles.iter().enumerate() {
        let region_end = titles.get(k + 1).map_or(lines.len(), |t| t.0);
        let title_line = &lines[*ti];
        let region = &lines[ti + 1..region_end];
        if m.ids.len() > 1 {
            warnings.push(Warning::new(
                title_line.no,
                title_line.no,
                format!(
                    "title `{}` could name {}; the header decides",
                    title_line.text.trim(),
                    id_list(&m.ids)
                ),
            ));
        }
        // A title repeated on the next page (or marked 续) continues the table just read.
        let continues = m.ids.len() == 1 && form.tables.last().is_some_and(|t| t.id == m.ids[0]);
        let (table, prior) = match (continues, form.tables.pop(), carry.take()) {
            (true, Some(t), Some(c)) => (t, Some(c)),
            (_, popped, _) => {
                if let Some(t) = popped {
                    form.tables.push(t);
                }
                let id = m.ids.first().copied().unwrap_or(TableId::Other);
                (new_table(id, title_line, m.alias), None)
            }
        };
        let mut reader = Reader {
            table,
            schema: None,
            title_ids: m.ids.clone(),
            header_rows: Vec::new(),
            header_keys: Vec::new(),
            header_labels: Vec::new(),
            header_done: false,
            column_numbers: None,
            in_notes: false,
            last_was_row: false,
            org: None,
            warnings,
        };
        if let Some(c) = prior {
            reader.schema = c.schema;
            reader.header_keys = c.header_keys;
            reader.header_labels = c.header_labels;
            reader.header_done = true;
        }
        let used = read_region(&mut reader, region);
        if !reader.header_done {
            let t = &reader.table;
            if !reader.header_rows.is_empty() {
                reader.finish_header(t.line_end);
            } else if !t.empty_statement && !t.summarised {
                let (a, b) = (t.line_start, t.line_end);
                let msg = format!("{} `{}`: no table follows the title", t.id, t.title);
                reader.warn(a, b, msg);
            }
        }
        if org.is_none() {
            org = reader.org.take();
        }
        carry = Some(Carry {
            schema: reader.schema.take(),
            header_keys: std::mem::take(&mut reader.header_keys),
            header_labels: std::mem::take(&mut reader.header_labels),
        });
        form.tables.push(reader.table);
        let is_last = k + 1 == titles.len();
        warn_stray_rows(&region[used..], is_last, warnings);
    }
    form.unit = org;
    if form.department.is_none() {
        form.department = form.unit.clone();
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::split_lines;

    fn parse_text(text: &str) -> (Form, Vec<Warning>) {
        let lines = split_lines(text);
        let mut w = Vec::new();
        let f = parse(&lines, &mut w);
        (f, w)
    }

    #[test]
    fn titles_match_whole_names_longest_first() {
        let m = title_match("财政拨款收入支出决算总表").unwrap();
        assert_eq!(m.ids, [TableId::Appropriation]);
        let m = title_match("表1 收入支出决算总表").unwrap();
        assert_eq!(
            (m.ids.as_slice(), m.alias),
            (&[TableId::Summary][..], "收入支出决算总表")
        );
        let m = title_match("六、一般公共预算财政拨款基本支出决算明细表").unwrap();
        assert_eq!(
            (m.ids.as_slice(), m.alias),
            (
                &[TableId::BasicSpending][..],
                "一般公共预算财政拨款基本支出决算明细表"
            )
        );
        assert_eq!(
            title_match("财政拨款「三公」经费支出决算表").unwrap().ids,
            [TableId::SanGong]
        );
        assert_eq!(
            title_match("财政拨款\"三公\"经费支出决算表").unwrap().ids,
            [TableId::SanGong]
        );
        assert_eq!(
            title_match("财政拨款三公经费支出决算表").unwrap().ids,
            [TableId::SanGong]
        );
        assert_eq!(
            title_match("2023年度收入决算表").unwrap().ids,
            [TableId::Income]
        );
        assert_eq!(
            title_match("收入决算表（2023年度）").unwrap().ids,
            [TableId::Income]
        );
        assert_eq!(
            title_match("表 三 支出决算表").unwrap().ids,
            [TableId::Expenditure]
        );
        assert_eq!(
            title_match("部门收支决算总表").unwrap().alias,
            "部门收支决算总表"
        );
        // Not titles: prose about the tables, TOC entries, a table row.
        assert!(title_match("一、2023年度收入支出决算总体情况说明").is_none());
        assert!(title_match("- 一、收入支出决算总表").is_none());
        assert!(title_match("收入决算表\t12.00\t3.00").is_none());
        // `项目支出决算表` is not 支出决算表 with a prefix.
        assert!(title_match("项目支出决算表").is_some_and(|m| m.ids.is_empty()));
    }

    #[test]
    fn ambiguous_alias_lists_every_candidate() {
        const TEST_ALIASES: &[(TableId, &str)] = &[
            (TableId::GeneralBudget, "财政拨款支出决算表"),
            (TableId::Appropriation, "财政拨款支出决算表"),
            (TableId::Expenditure, "支出决算表"),
        ];
        let (ids, alias) = match_aliases("财政拨款支出决算表", TEST_ALIASES).unwrap();
        assert_eq!(ids, [TableId::GeneralBudget, TableId::Appropriation]);
        assert_eq!(alias, "财政拨款支出决算表");
    }

    #[test]
    fn ambiguous_title_is_decided_by_the_header() {
        let text = "财政拨款支出决算表\n单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n功能分类科目编码\t科目名称\t\t\t\n\t合计\t3.00\t1.00\t2.00\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.tables[0].id, TableId::GeneralBudget);
        assert_eq!(f.tables[0].alias, "财政拨款支出决算表");
        assert_eq!(f.tables[0].rows.len(), 1);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("t5 or t4"), "{w:?}");
        let text = "财政拨款支出决算表\n单位：万元\n收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t合计\n本年收入合计\t1\t3.00\t本年支出合计\t2\t3.00\n";
        let (f, _) = parse_text(text);
        assert_eq!(f.tables[0].id, TableId::Appropriation);
        assert_eq!(f.tables[0].rows.len(), 2);
    }

    #[test]
    fn toc_entries_are_not_table_titles() {
        let text = "目录\n一、收入支出决算总表\n二、收入决算表\n\n第三部分\n收入支出决算总表\n\n单位：万元\n项目\t行次\t决算数\n";
        let lines = split_lines(text);
        assert_eq!(first_table_title(&lines), Some(5));
    }

    #[test]
    fn merged_header_cells_spread_over_their_sub_columns() {
        let rows: Vec<Vec<String>> = [
            "预算数\t\t\t\t决算数\t\t\t",
            "合计\t公务用车费\t\t接待费\t合计\t公务用车费\t\t接待费",
            "\t购置费\t运行费\t\t\t购置费\t运行费\t",
        ]
        .iter()
        .map(|r| r.split('\t').map(fold_label).collect())
        .collect();
        let s = build_schema(&rows, TableId::SanGong).unwrap();
        assert_eq!(
            s.lanes[0].columns,
            [
                "预算数/合计",
                "预算数/公务用车费/购置费",
                "预算数/公务用车费/运行费",
                "预算数/接待费",
                "决算数/合计",
                "决算数/公务用车费/购置费",
                "决算数/公务用车费/运行费",
                "决算数/接待费"
            ]
        );
    }

    #[test]
    fn shifted_rows_are_placed_by_content() {
        let text = "支出决算表\n单位：测试单位\n单位：万元\n项目\t\t本年支出合计\t基本支出\t项目支出\n功能分类科目编码\t科目名称\t\t\t\n栏次\t\t1\t2\t3\n\t合计\t10.00\t4.00\t6.00\n合计\t\t10.00\t4.00\t6.00\n201\t一般公共服务支出\t10.00\t-\t6.00\n20101 人大事务\t10.00\t4.00\n2010101\t行政运行\t\t\t\t10.00\t4.00\t6.00\n";
        let (f, w) = parse_text(text);
        let t = &f.tables[0];
        assert_eq!(t.id, TableId::Expenditure);
        assert_eq!(t.columns, ["本年支出合计", "基本支出", "项目支出"]);
        assert_eq!(t.unit.as_deref(), Some("万元"));
        assert_eq!(f.unit.as_deref(), Some("测试单位"));
        assert_eq!(t.rows.len(), 5, "{w:?}");
        assert_eq!(t.rows[0].name, "合计");
        assert_eq!(t.rows[0].code, None);
        assert_eq!(t.rows[1].values, t.rows[0].values);
        assert_eq!(t.rows[2].values[1], None);
        assert_eq!(t.rows[2].raw[1], "-");
        assert_eq!(t.rows[3].code.as_deref(), Some("20101"));
        assert_eq!(t.rows[3].name, "人大事务");
        assert_eq!(t.rows[3].raw, ["10.00", "4.00", ""]);
        assert_eq!(t.rows[4].values[2], Some(Decimal::new(600, 2)));
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn unplaceable_cells_become_warnings() {
        let text = "收入决算表\n单位：万元\n项目\t\t本年收入合计\t财政拨款收入\n功能分类科目编码\t科目名称\t\t\n201\t一般公共服务支出\t1.00\t1.00\t9.00\t9.00\n202\t外交支出\t1.00\t未知\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.tables[0].rows.len(), 0);
        assert_eq!(w.len(), 2, "{w:?}");
        assert_eq!((w[0].line_start, w[1].line_start), (5, 6));
    }

    #[test]
    fn unknown_title_is_identified_by_its_header() {
        let text = "本单位收入情况决算表\n单位：万元\n项目\t\t本年收入合计\t财政拨款收入\t其他收入\n功能分类科目编码\t科目名称\t\t\t\n合计\t\t3.00\t2.00\t1.00\n";
        let (f, w) = parse_text(text);
        let t = &f.tables[0];
        assert_eq!(t.id, TableId::Income);
        assert_eq!(t.alias, "header:收入决算表");
        assert_eq!(t.rows.len(), 1);
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn title_and_header_disagreeing_is_a_warning() {
        let text = "收入决算表\n单位：万元\n人员经费\t\t\t公用经费\t\t\n经济分类科目编码\t科目名称\t金额\t经济分类科目编码\t科目名称\t金额\n301\t工资福利支出\t1.00\t302\t商品和服务支出\t2.00\n";
        let (f, w) = parse_text(text);
        assert_eq!(f.tables[0].id, TableId::Income);
        assert!(
            w.iter().any(|w| w.message.contains("header looks like t6")),
            "{w:?}"
        );
    }

    #[test]
    fn summarised_table_is_flagged() {
        let text = "收入决算表\n单位：万元\nTable with 9 columns: 科目编码, 科目名称, 合计 …\n\n第三部分 说明\n";
        let (f, w) = parse_text(text);
        assert!(f.tables[0].summarised);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line_start, 3);
    }
}
