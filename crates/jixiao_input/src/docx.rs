//! DOCX (Office Open XML word processing): paragraphs and tables in document order.
//!
//! A paragraph outside a table is a line (a tab typed in it separates cells, a line break
//! starts a new line); a table row is a line of tab-separated cells, the paragraphs of a cell
//! joined by spaces. A cell spanning `n` grid columns (`gridSpan`) is followed by `n − 1`
//! empty cells, and a vertically merged cell's continuation is an empty cell, so columns line
//! up as in the printed table. A table nested in a cell is flattened into that cell's text.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};

use crate::{zipped, Format, InputError, Source};

/// Reads the main document part of a DOCX container.
pub fn read<'a>(file: &str, bytes: &[u8]) -> Result<Source<'a>, InputError> {
    zipped::guard(file, bytes)?;
    let xml = zipped::entry(file, bytes, "word/document.xml")?;
    let xml = String::from_utf8(xml)
        .map_err(|_| InputError::new(file, "word/document.xml is not UTF-8"))?;
    Ok(Source {
        format: Format::Docx,
        text: Cow::Owned(document_text(file, &xml)?),
        pages: Vec::new(),
        notices: Vec::new(),
    })
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    span: usize,
}

/// The tab-separated text of a `word/document.xml` part.
pub fn document_text(file: &str, xml: &str) -> Result<String, InputError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut out = String::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| InputError::new(file, format!("word/document.xml: {e}")))?;
        match event {
            Event::Start(e) => {
                match e.local_name().as_ref() {
                    b"t" => in_text = true,
                    b"tbl" => tables.push(Table::default()),
                    b"tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                            t.span = 1;
                        }
                    }
                    _ => {}
                }
                empty_element(&e, &mut para, &mut tables);
            }
            Event::Empty(e) => empty_element(&e, &mut para, &mut tables),
            Event::Text(t) if in_text => {
                if let Ok(s) = t.decode() {
                    para.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text => para.push_str(entity(&r)),
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let text = std::mem::take(&mut para);
                    match tables.last_mut() {
                        Some(t) => {
                            let text = text.trim();
                            if !text.is_empty() {
                                if !t.cell.is_empty() {
                                    t.cell.push(' ');
                                }
                                t.cell.push_str(text);
                            }
                        }
                        None => {
                            for (k, line) in text.split('\n').enumerate() {
                                if k > 0 {
                                    out.push('\n');
                                }
                                out.push_str(line.trim_end());
                            }
                            out.push('\n');
                        }
                    }
                }
                b"tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = std::mem::take(&mut t.cell);
                        t.row.push(cell.replace('\t', " "));
                        for _ in 1..t.span {
                            t.row.push(String::new());
                        }
                    }
                }
                b"tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                b"tbl" => {
                    if let Some(done) = tables.pop() {
                        match tables.last_mut() {
                            // A nested table: its text goes into the enclosing cell.
                            Some(outer) => {
                                for row in done.rows {
                                    for c in row.into_iter().filter(|c| !c.is_empty()) {
                                        if !outer.cell.is_empty() {
                                            outer.cell.push(' ');
                                        }
                                        outer.cell.push_str(&c);
                                    }
                                }
                            }
                            None => crate::rows_to_text(&done.rows, &mut out),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Elements that stand for characters or spans: tabs, breaks, `gridSpan`.
fn empty_element(e: &BytesStart<'_>, para: &mut String, tables: &mut [Table]) {
    match e.local_name().as_ref() {
        b"tab" if !in_props(e) => para.push(if tables.is_empty() { '\t' } else { ' ' }),
        b"br" | b"cr" => para.push(if tables.is_empty() { '\n' } else { ' ' }),
        b"gridSpan" => {
            if let Some(t) = tables.last_mut() {
                t.span = attr(e, b"val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .clamp(1, 64);
            }
        }
        _ => {}
    }
}

/// `w:tab` also occurs inside `w:tabs` (tab stop definitions), with a `w:pos` attribute.
fn in_props(e: &BytesStart<'_>) -> bool {
    attr(e, b"pos").is_some()
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn entity(name: &[u8]) -> &'static str {
    match name {
        b"amp" => "&",
        b"lt" => "<",
        b"gt" => ">",
        b"quot" => "\"",
        b"apos" => "'",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_tables_in_order() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p>
<w:tbl>
 <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>项目名称</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>示范</w:t></w:r></w:p></w:tc></w:tr>
 <w:tr><w:tc><w:p><w:r><w:t>产出</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>
<w:p><w:r><w:t>说明</w:t><w:tab/><w:t>一</w:t><w:br/><w:t>二</w:t></w:r></w:p>
</w:body></w:document>"#;
        assert_eq!(
            document_text("x.docx", xml).unwrap(),
            "项目支出绩效自评表\n项目名称\t\t示范\n产出\t数量 指标\tA&B\n说明\t一\n二\n"
        );
    }
}
