//! Numeric claims in prose (the 情况说明 of a final account, the narrative of a scoresheet).
//!
//! The prose is cut into paragraphs by [`crate::prose::paragraphs`] (the segmentation the text
//! rules of `jixiao_audit` share). Paragraphs without `元`, `%` or `持平` are skipped. A
//! paragraph is cut into sentences at `。！？` and into items at `；;`; clauses inside an item
//! are separated by `，` (or an ASCII comma that is not a thousands separator).
//!
//! Each sentence is scanned once from left to right. An amount (`1,250.40万元`) that no pattern
//! consumes becomes the *head* of its item: the figure the following statements are about. The
//! patterns, and what they record (`inputs` → `stated`):
//!
//! | kind | printed | inputs | stated |
//! |---|---|---|---|
//! | `yoy_change` | 比上年(决算数)增加/减少 X万元，增长/下降 Y% | amount (head), change (±X) | growth_pct (±Y) |
//! | `flat` | 与上年(决算数)持平 | amount | change = 0 |
//! | `budget_change` | 比年初预算(数)增加/减少 X万元，增长/下降 Y%; 与年初预算数持平 | amount, change | growth_pct (or change = 0) |
//! | `budget_completion` | 决算为X万元，完成(全年)预算Z万元的Y% | actual (head), budget | completion_pct |
//! | `project_execution` | 项目全年预算数为X万元，[调增/调减A万元，/经年中调减后实际预算为B万元，]执行数为E万元，完成预算的Z% | budget, adjustment (±A), adjusted_budget (B), executed | completion_pct |
//! | `share` | X万元，占Y% / 占…总额的Y% | amount (when the head is right before 占) | share_pct |
//! | `sum` | 总额X万元，其中：a万元、b万元… | total, part_1, part_2, … | — |
//!
//! A zero base (`增长--（基数为0，不可比）`, `完成预算0万元的--%`) is recorded as the input
//! `base_zero = 1` with no percentage in `stated`. A `持平` that follows a change statement
//! about the same head (`增加0万元，…，与上年决算数持平`) is not a second claim. Numbers keep
//! their printed scale; `unit` is the unit of the amounts (`万元`, `元`, `亿元`).

use std::collections::BTreeMap;

use jixiao_model::{Claim, Decimal};
use jixiao_text::{fold_char, parse_decimal, parse_number_prefix};

use crate::prose::{
    between_digits, paragraphs, strip_enumerators, subject_before, Paragraph as Para,
};
use crate::Line;

fn has_trigger(t: &str) -> bool {
    t.contains('元')
        || t.contains('%')
        || t.contains('％')
        || (t.contains('持') && t.contains("持平"))
}

/// Scans the prose paragraphs of `lines` (see [`crate::prose::paragraphs`]) for claims;
/// paragraphs without `元`, `%` or `持平` are skipped.
pub(crate) fn extract(lines: &[Line], out: &mut Vec<Claim>) {
    for para in paragraphs(lines.iter().map(|l| (l.no, l.text))) {
        // Per line: a `持平` broken over two lines was never a trigger.
        if para.lines().any(|(_, t)| has_trigger(t)) {
            scan_paragraph(&para, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexing.

fn starts_with_digit(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| fold_char(c).is_ascii_digit())
}

/// A number at the start of `s` (digits only; Chinese numerals are not figures here), read
/// like [`parse_number_prefix`] but without allocating for plain ASCII digits.
fn number_at(s: &str) -> Option<(Decimal, usize)> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return if starts_with_digit(s) {
            parse_number_prefix(s)
        } else {
            None
        };
    }
    let mut end = 0;
    while end < b.len() && (b[end].is_ascii_digit() || b[end] == b',' || b[end] == b'.') {
        end += 1;
    }
    if end < b.len() && !b[end].is_ascii() && starts_with_digit(&s[end..]) {
        return parse_number_prefix(s); // full-width digits continue the number
    }
    while b[end - 1] == b',' || b[end - 1] == b'.' {
        end -= 1;
    }
    match parse_decimal(&s[..end]) {
        Some(d) => Some((d, end)),
        None => {
            let cut = s[..end].find(',').unwrap_or(end);
            parse_decimal(&s[..cut]).map(|d| (d, cut))
        }
    }
}

fn skip_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\u{3000}']).len()
}

const MONEY_UNITS: [&str; 4] = ["万元", "亿元", "千元", "元"];

/// An amount with its unit: `1,250.40万元` → (1250.40, 万元, length).
fn money_at(s: &str) -> Option<(Decimal, &'static str, usize)> {
    let (v, n) = number_at(s)?;
    let sp = skip_spaces(&s[n..]);
    let r = &s[n + sp..];
    MONEY_UNITS
        .iter()
        .find(|u| r.starts_with(*u))
        .map(|u| (v, *u, n + sp + u.len()))
}

/// A percentage: `4.2%` → (4.2, length).
fn pct_at(s: &str) -> Option<(Decimal, usize)> {
    let (v, n) = number_at(s)?;
    let sp = skip_spaces(&s[n..]);
    let r = &s[n + sp..];
    let pct = r.chars().next().filter(|c| *c == '%' || *c == '％')?;
    Some((v, n + sp + pct.len_utf8()))
}

/// `--`, `--%`, `—` with an optional `（基数为0，不可比）` after it.
fn dash_at(s: &str) -> Option<usize> {
    let n = ["－－", "——", "--", "—", "－"]
        .iter()
        .find(|d| s.starts_with(*d))
        .map(|d| d.len())?;
    let mut p = n;
    if let Some(c) = s[p..].chars().next().filter(|c| *c == '%' || *c == '％') {
        p += c.len_utf8();
    }
    p += skip_spaces(&s[p..]);
    if let Some(open) = s[p..].chars().next().filter(|c| *c == '（' || *c == '(') {
        let inner = &s[p + open.len_utf8()..];
        if let Some(close) = inner.find(['）', ')']) {
            let body = &inner[..close];
            if body.contains("不可比") || body.contains("基数") {
                let close_len = inner[close..].chars().next().map_or(1, char::len_utf8);
                p += open.len_utf8() + close + close_len;
            }
        }
    }
    Some(p)
}

/// The first of `pats` that `s` starts with, and its length.
fn prefix_of(s: &str, pats: &[&str]) -> Option<usize> {
    pats.iter().find(|p| s.starts_with(*p)).map(|p| p.len())
}

/// Clause separators skipped between the parts of one statement.
fn skip_separators(s: &str) -> usize {
    let t = s.trim_start_matches(['，', ',', ' ', '\u{3000}', '、']);
    s.len() - t.len()
}

const DIRECTIONS: &[(&str, i8)] = &[
    ("增加了", 1),
    ("增加", 1),
    ("增长了", 1),
    ("增长", 1),
    ("上升了", 1),
    ("上升", 1),
    ("提高了", 1),
    ("提高", 1),
    ("增幅为", 1),
    ("增幅", 1),
    ("减少了", -1),
    ("减少", -1),
    ("下降了", -1),
    ("下降", -1),
    ("降低了", -1),
    ("降低", -1),
    ("降幅为", -1),
    ("降幅", -1),
];

fn direction_at(s: &str) -> Option<(i8, usize)> {
    let (w, sign) = DIRECTIONS.iter().find(|(w, _)| s.starts_with(w))?;
    let mut n = w.len();
    if s[n..].starts_with('为') {
        n += '为'.len_utf8();
    }
    Some((*sign, n))
}

fn signed(v: Decimal, sign: i8) -> Decimal {
    if sign < 0 {
        -v
    } else {
        v
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns. Offsets are relative to the start of the text they are given.

/// The body of a change statement after its marker: `增加50.4万元，增长4.2%`,
/// `减少12万元，下降12%`, `增长6.5%`, `增加0万元，增长--（基数为0，不可比）`.
#[derive(Debug, Default)]
struct Change {
    change: Option<(Decimal, &'static str, usize)>,
    pct: Option<(Decimal, usize)>,
    base_zero: bool,
    len: usize,
}

fn change_body(s: &str) -> Option<Change> {
    let mut p = skip_separators(s);
    let (sign, n) = direction_at(&s[p..])?;
    p += n;
    p += skip_spaces(&s[p..]);
    let mut c = Change::default();
    if let Some((v, unit, n)) = money_at(&s[p..]) {
        c.change = Some((signed(v, sign), unit, p));
        p += n;
        c.len = p;
        let q = p + skip_separators(&s[p..]);
        if let Some((sign2, n2)) = direction_at(&s[q..]) {
            let r = q + n2 + skip_spaces(&s[q + n2..]);
            if let Some((v, n)) = pct_at(&s[r..]) {
                c.pct = Some((signed(v, sign2), r));
                c.len = r + n;
            } else if let Some(n) = dash_at(&s[r..]) {
                c.base_zero = true;
                c.len = r + n;
            }
        }
        return Some(c);
    }
    if let Some((v, n)) = pct_at(&s[p..]) {
        c.pct = Some((signed(v, sign), p));
        c.len = p + n;
        return Some(c);
    }
    let n = dash_at(&s[p..])?;
    c.base_zero = true;
    c.len = p + n;
    Some(c)
}

const YOY_MARKERS: &[&str] = &[
    "比上年度决算数",
    "比上年决算数",
    "比上年度决算",
    "比上年决算",
    "比上年同期",
    "比上年度",
    "比上年",
    "较上年决算数",
    "较上年决算",
    "较上年同期",
    "较上年度",
    "较上年",
    "与上年相比",
    "同比",
];

const BUDGET_MARKERS: &[&str] = &[
    "比年初预算数",
    "比年初预算",
    "较年初预算数",
    "较年初预算",
    "与年初预算相比",
];

/// `完成(全年)预算10万元的60%` → (budget, its offset, pct, base_zero, length).
struct Completion {
    budget: (Decimal, &'static str, usize),
    pct: Option<(Decimal, usize)>,
    base_zero: bool,
    len: usize,
}

fn completion_at(s: &str) -> Option<Completion> {
    let mut p = "完成".len();
    p += prefix_of(&s[p..], &["全年", "年初", "年度", "调整后"]).unwrap_or(0);
    p += prefix_of(&s[p..], &["预算"])?;
    p += prefix_of(&s[p..], &["数为", "数", "为"]).unwrap_or(0);
    p += skip_spaces(&s[p..]);
    let (v, unit, n) = money_at(&s[p..])?;
    let budget = (v, unit, p);
    p += n;
    p += prefix_of(&s[p..], &["的"])?;
    p += skip_spaces(&s[p..]);
    if let Some((v, n)) = pct_at(&s[p..]) {
        return Some(Completion {
            budget,
            pct: Some((v, p)),
            base_zero: false,
            len: p + n,
        });
    }
    let n = dash_at(&s[p..])?;
    Some(Completion {
        budget,
        pct: None,
        base_zero: true,
        len: p + n,
    })
}

const PROJECT_MARKERS: &[&str] = &[
    "项目全年预算数为",
    "项目全年预算为",
    "项目年度预算数为",
    "全年预算数为",
    "全年预算为",
    "年度预算数为",
];

/// The figures of a project-execution sentence after its budget: `调增30.4万元`,
/// `经年中调减后实际预算为140万元`, `执行数为100万元`, `完成预算的100%`.
#[derive(Debug, Default)]
struct Execution {
    adjustment: Option<(Decimal, usize)>,
    adjusted: Option<(Decimal, usize)>,
    executed: Option<(Decimal, usize)>,
    pct: Option<(Decimal, usize)>,
    base_zero: bool,
    len: usize,
}

fn find_money_after(s: &str, keys: &[&str]) -> Option<(Decimal, usize, usize)> {
    for k in keys {
        let mut from = 0;
        while let Some(i) = s[from..].find(k) {
            let at = from + i + k.len();
            let at = at + prefix_of(&s[at..], &["了"]).unwrap_or(0);
            let at = at + skip_spaces(&s[at..]);
            if let Some((v, _, n)) = money_at(&s[at..]) {
                return Some((v, at, at + n));
            }
            from = from + i + k.len();
        }
    }
    None
}

fn execution_after(s: &str) -> Execution {
    let mut e = Execution::default();
    let mut end = 0;
    if let Some((v, at, n)) = find_money_after(s, &["调增"]) {
        e.adjustment = Some((v, at));
        end = end.max(n);
    } else if let Some((v, at, n)) = find_money_after(s, &["调减"]) {
        e.adjustment = Some((-v, at));
        end = end.max(n);
    }
    if let Some((v, at, n)) = find_money_after(
        s,
        &[
            "实际预算为",
            "调整后预算数为",
            "调整后预算为",
            "调整后全年预算为",
        ],
    ) {
        e.adjusted = Some((v, at));
        end = end.max(n);
    }
    if let Some((v, at, n)) = find_money_after(
        s,
        &[
            "实际执行数为",
            "执行数为",
            "执行金额为",
            "实际支出为",
            "实际支出",
        ],
    ) {
        e.executed = Some((v, at));
        end = end.max(n);
    }
    for k in [
        "完成预算的",
        "预算执行率为",
        "执行率为",
        "完成率为",
        "预算完成率为",
    ] {
        if let Some(i) = s.find(k) {
            let at = i + k.len();
            let at = at + skip_spaces(&s[at..]);
            if let Some((v, n)) = pct_at(&s[at..]) {
                e.pct = Some((v, at));
                end = end.max(at + n);
                break;
            }
            if let Some(n) = dash_at(&s[at..]) {
                e.base_zero = true;
                end = end.max(at + n);
                break;
            }
        }
    }
    e.len = end;
    e
}

/// `占95.7%`, `占政府采购支出总额的77.3%`, `占比12%` → (pct, its offset, length).
fn share_at(s: &str) -> Option<(Decimal, usize, usize)> {
    let body = &s["占".len()..];
    for (q, c) in body.char_indices().take(60) {
        if matches!(c, '，' | '；' | ';' | '。') || (c == ',' && !between_digits(body, q)) {
            return None;
        }
        if !fold_char(c).is_ascii_digit() {
            continue;
        }
        let before = &body[..q];
        let ok = before.is_empty()
            || ["的", "比", "为", "比重", "比例", "约"]
                .iter()
                .any(|e| before.ends_with(e));
        if ok {
            if let Some((v, n)) = pct_at(&body[q..]) {
                let at = "占".len() + q;
                return Some((v, at, at + n));
            }
        }
        return None;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Subjects.

/// The project a `…项目绩效自评情况：` sentence is about.
fn project_name(s: &str, upto: usize) -> Option<String> {
    let head = &s[..upto];
    let i = head
        .find("项目绩效自评情况")
        .or_else(|| head.find("绩效自评情况"))?;
    let name = strip_enumerators(&head[..i]);
    (!name.is_empty()).then(|| name.to_string())
}

// ---------------------------------------------------------------------------------------------
// Scanning.

/// The figure an item is about.
#[derive(Clone, Debug)]
struct Head {
    value: Decimal,
    unit: &'static str,
    /// Offset in the sentence of the number, and of the end of its unit.
    pos: usize,
    end: usize,
    subject: Option<String>,
    /// A change statement already used this head (a later 持平 repeats it).
    changed: bool,
}

/// A money figure no pattern consumed.
struct Primary {
    value: Decimal,
    unit: &'static str,
    pos: usize,
    subject: Option<String>,
}

struct Ctx<'p> {
    para: &'p Para,
    /// Offset of the sentence in the paragraph.
    base: usize,
    s: &'p str,
}

impl Ctx<'_> {
    /// The item (between `；`) around offset `pos`.
    fn item(&self, pos: usize) -> &str {
        let s = self.s;
        let a = s[..pos]
            .rfind(['；', ';'])
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        let b = s[pos..].find(['；', ';']).map_or(s.len(), |i| pos + i);
        s[a..b].trim()
    }

    fn claim(
        &self,
        kind: &str,
        first: usize,
        subject: Option<String>,
        unit: Option<&str>,
    ) -> Claim {
        Claim {
            line: self.para.line_at(self.base + first),
            text: self.item(first).to_string(),
            kind: kind.to_string(),
            subject,
            inputs: BTreeMap::new(),
            stated: BTreeMap::new(),
            unit: unit.map(str::to_string),
        }
    }
}

/// Offset of the next `。！？!?` at or after `from` (or the end of `text`). `rare` says whether
/// the paragraph holds any of `！？!?`; without them a memchr for `。` suffices.
fn sentence_end(text: &str, from: usize, rare: bool) -> usize {
    let rest = &text[from..];
    let end = if rare {
        rest.find(['。', '！', '？', '!', '?'])
    } else {
        rest.find('。')
    };
    end.map_or(text.len(), |i| from + i)
}

fn scan_paragraph(para: &Para, out: &mut Vec<Claim>) {
    let text = para.text.as_str();
    let rare = text.contains(['！', '？', '!', '?']);
    let mut start = 0;
    let mut prev_total: Option<(Primary, usize)> = None;
    while start < text.len() {
        let end = sentence_end(text, start, rare);
        let ctx = Ctx {
            para,
            base: start,
            s: &text[start..end],
        };
        prev_total = scan_sentence(&ctx, prev_total.take(), out);
        start = end + text[end..].chars().next().map_or(0, char::len_utf8);
    }
}

/// Scans one sentence; returns the total a following `其中：` sentence may itemise.
fn scan_sentence(
    ctx: &Ctx,
    prev_total: Option<(Primary, usize)>,
    out: &mut Vec<Claim>,
) -> Option<(Primary, usize)> {
    let s = ctx.s;
    let mut head: Option<Head> = None;
    let mut primaries: Vec<Primary> = Vec::new();
    let b = s.as_bytes();
    let mut pos = 0;
    while pos < b.len() {
        // Decode cheaply: only ASCII and 3-byte characters can start a pattern.
        let x = b[pos];
        let (width, c) = if x < 0x80 {
            (1, char::from(x))
        } else if x >= 0xF0 {
            (4, '\0')
        } else if x >= 0xE0 {
            let v = (u32::from(x & 0x0F) << 12)
                | (u32::from(b[pos + 1] & 0x3F) << 6)
                | u32::from(b[pos + 2] & 0x3F);
            (3, char::from_u32(v).unwrap_or('\0'))
        } else {
            (2, '\0')
        };
        let step = match c {
            '；' | ';' => {
                head = None;
                0
            }
            '比' | '较' | '同' | '与' => change_claims(ctx, pos, &mut head, out),
            '完' => completion_claim(ctx, pos, &head, out),
            '项' | '全' | '年' => project_claim(ctx, pos, out),
            '占' => share_claim(ctx, pos, &head, out),
            '0'..='9' | '０'..='９' => {
                let rest = &s[pos..];
                if let Some((value, unit, n)) = money_at(rest) {
                    let subject = subject_before(&s[..pos]);
                    primaries.push(Primary {
                        value,
                        unit,
                        pos,
                        subject: subject.clone(),
                    });
                    head = Some(Head {
                        value,
                        unit,
                        pos,
                        end: pos + n,
                        subject,
                        changed: false,
                    });
                    n
                } else {
                    number_at(rest).map_or(0, |(_, n)| n)
                }
            }
            _ => 0,
        };
        pos += if step == 0 { width } else { step };
    }
    sum_claim(ctx, &primaries, prev_total, out);
    // What a following `其中：` sentence may itemise.
    primaries.pop().map(|p| (p, ctx.base))
}

/// `比上年…` / `比年初预算…` change statements and `与上年…持平`. Returns the bytes consumed.
fn change_claims(ctx: &Ctx, pos: usize, head: &mut Option<Head>, out: &mut Vec<Claim>) -> usize {
    let rest = &ctx.s[pos..];
    if rest.starts_with("与上年") || rest.starts_with("与年初预算") {
        if let Some(i) = rest.find("持平") {
            let window = &rest[..i];
            let same_clause =
                !window.contains(['，', '；', '。', ',']) && window.chars().count() <= 12;
            if same_clause && !window.contains("相比") {
                let kind = if rest.starts_with("与上年") {
                    "flat"
                } else {
                    "budget_change"
                };
                if let Some(h) = head.as_mut().filter(|h| !h.changed) {
                    let mut c = ctx.claim(kind, h.pos, h.subject.clone(), Some(h.unit));
                    c.inputs.insert("amount".into(), h.value);
                    c.stated.insert("change".into(), Decimal::ZERO);
                    out.push(c);
                    h.changed = true;
                }
                return i + "持平".len();
            }
        }
    }
    let (kind, marker) = if let Some(n) = prefix_of(rest, YOY_MARKERS) {
        ("yoy_change", n)
    } else if let Some(n) = prefix_of(rest, BUDGET_MARKERS) {
        ("budget_change", n)
    } else {
        return 0;
    };
    let Some(ch) = change_body(&rest[marker..]) else {
        return 0;
    };
    let first_fig = ch.change.map(|c| c.2).or(ch.pct.map(|p| p.1)).unwrap_or(0) + marker + pos;
    let (first, subject, unit) = match head.as_ref() {
        Some(h) => (h.pos, h.subject.clone(), Some(h.unit)),
        None => (
            first_fig,
            subject_before(&ctx.s[..pos]),
            ch.change.map(|c| c.1),
        ),
    };
    let mut c = ctx.claim(kind, first, subject, unit);
    if let Some(h) = head.as_mut() {
        c.inputs.insert("amount".into(), h.value);
        h.changed = true;
    }
    if let Some((v, _, _)) = ch.change {
        c.inputs.insert("change".into(), v);
    }
    if ch.base_zero {
        c.inputs.insert("base_zero".into(), Decimal::ONE);
    }
    if let Some((v, _)) = ch.pct {
        c.stated.insert("growth_pct".into(), v);
    }
    out.push(c);
    marker + ch.len
}

fn completion_claim(ctx: &Ctx, pos: usize, head: &Option<Head>, out: &mut Vec<Claim>) -> usize {
    let rest = &ctx.s[pos..];
    if !rest.starts_with("完成") {
        return 0;
    }
    let Some(co) = completion_at(rest) else {
        return 0;
    };
    let (first, subject, unit) = match head {
        Some(h) => (h.pos, h.subject.clone(), h.unit),
        None => (
            pos + co.budget.2,
            subject_before(&ctx.s[..pos]),
            co.budget.1,
        ),
    };
    let mut c = ctx.claim("budget_completion", first, subject, Some(unit));
    if let Some(h) = head {
        c.inputs.insert("actual".into(), h.value);
    }
    c.inputs.insert("budget".into(), co.budget.0);
    if co.base_zero {
        c.inputs.insert("base_zero".into(), Decimal::ONE);
    }
    if let Some((v, _)) = co.pct {
        c.stated.insert("completion_pct".into(), v);
    }
    out.push(c);
    co.len
}

fn project_claim(ctx: &Ctx, pos: usize, out: &mut Vec<Claim>) -> usize {
    let rest = &ctx.s[pos..];
    let Some(marker) = prefix_of(rest, PROJECT_MARKERS) else {
        return 0;
    };
    let at = marker + skip_spaces(&rest[marker..]);
    let Some((budget, unit, n)) = money_at(&rest[at..]) else {
        return 0;
    };
    let after = at + n;
    let e = execution_after(&rest[after..]);
    if e.executed.is_none() && e.pct.is_none() && !e.base_zero {
        return 0;
    }
    let mut c = ctx.claim(
        "project_execution",
        pos + at,
        project_name(ctx.s, pos),
        Some(unit),
    );
    c.text = ctx.s.trim().to_string();
    c.inputs.insert("budget".into(), budget);
    if let Some((v, _)) = e.adjustment {
        c.inputs.insert("adjustment".into(), v);
    }
    if let Some((v, _)) = e.adjusted {
        c.inputs.insert("adjusted_budget".into(), v);
    }
    if let Some((v, _)) = e.executed {
        c.inputs.insert("executed".into(), v);
    }
    if e.base_zero {
        c.inputs.insert("base_zero".into(), Decimal::ONE);
    }
    if let Some((v, _)) = e.pct {
        c.stated.insert("completion_pct".into(), v);
    }
    out.push(c);
    after + e.len
}

fn share_claim(ctx: &Ctx, pos: usize, head: &Option<Head>, out: &mut Vec<Claim>) -> usize {
    let rest = &ctx.s[pos..];
    let Some((pct, pct_at_, len)) = share_at(rest) else {
        return 0;
    };
    // The head is the amount only when nothing but a separator stands between it and 占.
    let adjacent = head.as_ref().filter(|h| {
        h.end <= pos
            && ctx.s[h.end..pos]
                .chars()
                .all(|c| matches!(c, '，' | ',' | ' ' | '\u{3000}' | '（' | '('))
    });
    let mut c = match adjacent {
        Some(h) => {
            let mut c = ctx.claim("share", h.pos, h.subject.clone(), Some(h.unit));
            c.inputs.insert("amount".into(), h.value);
            c
        }
        None => ctx.claim("share", pos + pct_at_, subject_before(&ctx.s[..pos]), None),
    };
    c.stated.insert("share_pct".into(), pct);
    out.push(c);
    len
}

/// `总额X万元，其中：a万元、b万元、c万元` (also a `其中：` sentence after a `合计X万元` one).
fn sum_claim(
    ctx: &Ctx,
    primaries: &[Primary],
    prev_total: Option<(Primary, usize)>,
    out: &mut Vec<Claim>,
) {
    let s = ctx.s;
    let Some(q) = s.find("其中") else { return };
    if s[q + "其中".len()..].contains("其中") {
        return; // nested itemisation: which parts add up is not clear
    }
    let parts: Vec<&Primary> = primaries.iter().filter(|p| p.pos > q).collect();
    if parts.len() < 2 {
        return;
    }
    let own_total = primaries.iter().rfind(|p| p.pos < q);
    let (total_value, total_unit, line, text, subject) = match own_total {
        Some(t) => (
            t.value,
            t.unit,
            ctx.para.line_at(ctx.base + t.pos),
            s.trim().to_string(),
            t.subject.clone(),
        ),
        None => {
            // The last amount of the sentence before, when that sentence states a total.
            let Some((t, prev_base)) = prev_total.filter(|(_, b)| {
                let prev = &ctx.para.text[*b..ctx.base];
                strip_enumerators(&s[..q]).is_empty()
                    && ["合计", "总额", "总计", "总收入", "总支出"]
                        .iter()
                        .any(|w| prev.contains(w))
            }) else {
                return;
            };
            let text = ctx.para.text[prev_base..ctx.base + s.len()]
                .trim()
                .to_string();
            let line = ctx.para.line_at(prev_base + t.pos);
            (t.value, t.unit, line, text, t.subject)
        }
    };
    if parts.iter().any(|p| p.unit != total_unit) {
        return;
    }
    let mut c = Claim {
        line,
        text,
        kind: "sum".to_string(),
        subject,
        inputs: BTreeMap::new(),
        stated: BTreeMap::new(),
        unit: Some(total_unit.to_string()),
    };
    c.inputs.insert("total".into(), total_value);
    for (k, p) in parts.iter().enumerate() {
        c.inputs.insert(format!("part_{}", k + 1), p.value);
    }
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::split_lines;

    fn claims(text: &str) -> Vec<Claim> {
        let lines = split_lines(text);
        let mut out = Vec::new();
        extract(&lines, &mut out);
        out
    }

    fn d(s: &str) -> Decimal {
        parse_decimal(s).unwrap()
    }

    #[test]
    fn numbers_are_read_like_parse_number_prefix() {
        for s in [
            "12,345.67万元",
            "2,468.1万",
            "3.，",
            "100,。",
            "12,3456",
            "２３.５万元",
            "7",
        ] {
            assert_eq!(number_at(s), parse_number_prefix(s), "{s}");
        }
        assert_eq!(number_at("年"), None);
    }

    #[test]
    fn yoy_change_with_amount_change_and_rate() {
        let c = claims("1. 事业收入1,234.50万元，比上年决算数增加200.5万元，增长19.4%。主要原因：业务量增加。\n");
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].kind, "yoy_change");
        assert_eq!(c[0].subject.as_deref(), Some("事业收入"));
        assert_eq!(c[0].inputs["amount"], d("1,234.50"));
        assert_eq!(c[0].inputs["amount"].scale(), 2);
        assert_eq!(c[0].inputs["change"], d("200.5"));
        assert_eq!(c[0].stated["growth_pct"], d("19.4"));
        assert_eq!(c[0].unit.as_deref(), Some("万元"));
        assert_eq!(c[0].line, 1);
        assert_eq!(
            c[0].text,
            "1. 事业收入1,234.50万元，比上年决算数增加200.5万元，增长19.4%"
        );
    }

    #[test]
    fn decreases_are_negative() {
        let c = claims("基本支出88万元，较上年减少12万元，下降12%。\n");
        assert_eq!(c[0].inputs["change"], d("-12"));
        assert_eq!(c[0].stated["growth_pct"], d("-12"));
    }

    #[test]
    fn flat_is_not_repeated_after_a_zero_change() {
        let c = claims("经营收入0万元，与上年决算数持平。\n附属收入0万元，比上年决算数增加0万元，增长--（基数为0，不可比），主要变动情况：与上年决算数持平。\n");
        let kinds: Vec<&str> = c.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, ["flat", "yoy_change"]);
        assert_eq!(c[0].stated["change"], Decimal::ZERO);
        assert_eq!(c[0].inputs["amount"], d("0"));
        assert_eq!(c[1].inputs["base_zero"], Decimal::ONE);
        assert!(c[1].stated.is_empty());
        assert_eq!(c[1].line, 2);
    }

    #[test]
    fn budget_change_and_zero_base() {
        let c = claims("其中：一般公共预算财政拨款支出500万元，比年初预算数增加50万元，增长11.1%；政府性基金预算财政拨款支出0万元，比年初预算数增加0万元，增长--（基数为0，不可比）。\n");
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(c.iter().all(|c| c.kind == "budget_change"));
        assert_eq!(c[0].subject.as_deref(), Some("一般公共预算财政拨款支出"));
        assert_eq!(c[0].stated["growth_pct"], d("11.1"));
        assert_eq!(c[1].inputs["base_zero"], Decimal::ONE);
        assert_eq!(
            c[1].text,
            "政府性基金预算财政拨款支出0万元，比年初预算数增加0万元，增长--（基数为0，不可比）"
        );
    }

    #[test]
    fn completion_and_change_share_one_head() {
        let c = claims("2023年度“三公”经费财政拨款支出决算为12.5万元，完成全年预算20万元的62.5%，比上年决算数减少1.5万元，下降10.7%。\n");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].kind, "budget_completion");
        assert_eq!(c[0].subject.as_deref(), Some("“三公”经费财政拨款支出"));
        assert_eq!(c[0].inputs["actual"], d("12.5"));
        assert_eq!(c[0].inputs["budget"], d("20"));
        assert_eq!(c[0].stated["completion_pct"], d("62.5"));
        assert_eq!(c[1].kind, "yoy_change");
        assert_eq!(c[1].inputs["amount"], d("12.5"));
    }

    #[test]
    fn shares_with_and_without_amount() {
        let c = claims("支出中，因公出国（境）费8万元，占80%；公务接待费支出2万元，占20%。货物采购金额占货物支出金额的64.7%。\n");
        assert_eq!(c.len(), 3, "{c:?}");
        assert_eq!(c[0].subject.as_deref(), Some("因公出国（境）费"));
        assert_eq!(c[0].inputs["amount"], d("8"));
        assert_eq!(c[0].stated["share_pct"], d("80"));
        assert_eq!(c[1].subject.as_deref(), Some("公务接待费"));
        assert!(c[2].inputs.is_empty());
        assert_eq!(c[2].subject.as_deref(), Some("货物采购金额"));
        assert_eq!(c[2].unit, None);
    }

    #[test]
    fn project_execution_with_adjustments() {
        let c = claims("甲项目绩效自评情况：项目全年预算数为100万元，调减20万元，执行数为80万元，完成预算的100%。项目绩效目标完成情况主要是：完成。\n乙项目项目绩效自评情况：项目全年预算数为300万元，经年中调减后实际预算为120万元，执行数为60万元，完成预算的50%。\n");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].kind, "project_execution");
        assert_eq!(c[0].subject.as_deref(), Some("甲"));
        assert_eq!(c[0].inputs["budget"], d("100"));
        assert_eq!(c[0].inputs["adjustment"], d("-20"));
        assert_eq!(c[0].inputs["executed"], d("80"));
        assert_eq!(c[0].stated["completion_pct"], d("100"));
        assert_eq!(c[1].subject.as_deref(), Some("乙项目"));
        assert_eq!(c[1].inputs["adjusted_budget"], d("120"));
        assert!(!c[1].inputs.contains_key("adjustment"));
    }

    #[test]
    fn sums_in_one_sentence_and_across_sentences() {
        let c = claims("本单位政府采购支出总额30万元，其中：政府采购货物支出10万元、政府采购工程支出5万元、政府采购服务支出15万元。\n\n财政拨款收入合计9万元。其中：一般公共预算财政拨款收入9万元，比上年决算数增加1万元，增长12.5%；政府性基金预算财政拨款收入0万元，与上年决算数持平。\n");
        let sums: Vec<&Claim> = c.iter().filter(|c| c.kind == "sum").collect();
        assert_eq!(sums.len(), 2, "{c:?}");
        assert_eq!(sums[0].inputs["total"], d("30"));
        assert_eq!(sums[0].inputs["part_3"], d("15"));
        assert_eq!(sums[0].subject.as_deref(), Some("政府采购支出总额"));
        assert_eq!(sums[1].inputs.len(), 3);
        assert_eq!(sums[1].inputs["part_1"], d("9"));
        assert_eq!(sums[1].inputs["part_2"], d("0"));
        assert_eq!(sums[1].line, 3);
        assert_eq!(sums[1].subject.as_deref(), Some("财政拨款收入合计"));
    }

    #[test]
    fn wrapped_sentence_keeps_the_line_of_its_first_figure() {
        let text = "本单位2023年度机关运行经费支出47.5万元，比上年决算数增加4.75万元，增长11.1%。主要原因是办公设备购置和\n\n维修费用增加，其中公务用车运行维护费支出比上年决算数减少0.5万元，下降4.2%。\n";
        let c = claims(text);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].line, 1);
        assert_eq!(c[1].line, 3);
        assert_eq!(c[1].inputs["change"], d("-0.5"));
        assert!(!c[1].inputs.contains_key("amount"));
    }

    #[test]
    fn table_rows_and_plain_prose_give_nothing() {
        let c = claims("合计\t\t86.00\t比上年增加1万元，增长2%\n国有资产占用情况说明\n单位价值100万元以上设备3台。\n");
        assert!(c.is_empty(), "{c:?}");
    }
}
