//! The 功能分类 (functional classification) and 经济分类 code tree: codes nest by 3/5/7
//! digits; the 类 names of the two-sided tables' lines map to their codes.

use std::collections::BTreeMap;

use jixiao_model::{Table, TableRow};

use super::tables::bare;

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

#[cfg(test)]
mod tests {
    use super::*;

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
