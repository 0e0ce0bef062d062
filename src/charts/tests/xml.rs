//! A tiny XML reader, enough to check well-formedness and structure, and
//! the checks every chart document must pass.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<Node>,
    pub(super) text: String,
}

impl Node {
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    /// All descendants (depth first), self excluded.
    pub(super) fn descendants(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        for c in &self.children {
            out.push(c);
            out.extend(c.descendants());
        }
        out
    }
    pub(super) fn texts(&self) -> Vec<&Node> {
        self.descendants().into_iter().filter(|n| n.name == "text").collect()
    }
    /// Text content as a browser would show it (white space collapsed).
    pub(super) fn content(&self) -> String {
        self.text.split([' ', '\t', '\n', '\r']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }
    pub(super) fn num(&self, name: &str) -> f64 {
        self.attr(name).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
    }
}

pub(super) fn decode_entities(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or("unterminated entity")? + i;
        let ent = &rest[i + 1..end];
        let c = match ent {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ if ent.starts_with("#x") => {
                u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32).ok_or("bad char ref")?
            }
            _ if ent.starts_with('#') => ent[1..].parse::<u32>().ok().and_then(char::from_u32).ok_or("bad char ref")?,
            _ => return Err(format!("unknown entity &{ent};")),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

pub(super) fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

pub(super) fn xml_char_ok(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Parses a document: optional XML declaration, one root element, tags
/// balanced, attributes quoted and unique, entities known.
pub(super) fn parse(doc: &str) -> Result<Node, String> {
    if let Some(c) = doc.chars().find(|&c| !xml_char_ok(c)) {
        return Err(format!("character not allowed in XML: {:?}", c));
    }
    let mut s = doc;
    if let Some(rest) = s.strip_prefix("<?xml") {
        s = &rest[rest.find("?>").ok_or("unterminated declaration")? + 2..];
    }
    s = s.trim_start();
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    while !s.is_empty() {
        if root.is_some() {
            if s.trim().is_empty() {
                break;
            }
            return Err(format!("content after the root: {:.40}", s));
        }
        if let Some(rest) = s.strip_prefix("<!--") {
            s = &rest[rest.find("-->").ok_or("unterminated comment")? + 3..];
        } else if let Some(rest) = s.strip_prefix("</") {
            let end = rest.find('>').ok_or("unterminated end tag")?;
            let name = rest[..end].trim();
            let node = stack.pop().ok_or("end tag without start")?;
            if node.name != name {
                return Err(format!("</{name}> closes <{}>", node.name));
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(node),
                None => root = Some(node),
            }
            s = &rest[end + 1..];
        } else if let Some(rest) = s.strip_prefix('<') {
            let name_end = rest.find(|c: char| !is_name_char(c)).ok_or("unterminated tag")?;
            let name = &rest[..name_end];
            if name.is_empty() {
                return Err("empty tag name".into());
            }
            let mut node =
                Node { name: name.to_string(), attrs: Vec::new(), children: Vec::new(), text: String::new() };
            let mut r = &rest[name_end..];
            let self_closing = loop {
                let t = r.trim_start();
                if let Some(after) = t.strip_prefix("/>") {
                    r = after;
                    break true;
                }
                if let Some(after) = t.strip_prefix('>') {
                    r = after;
                    break false;
                }
                if t.len() == r.len() {
                    return Err(format!("no space before attribute in <{name}>"));
                }
                let eq = t.find('=').ok_or("attribute without value")?;
                let key = t[..eq].trim();
                if key.is_empty() || !key.chars().all(is_name_char) {
                    return Err(format!("bad attribute name {key:?}"));
                }
                let v = t[eq + 1..].trim_start();
                let quote = v.chars().next().ok_or("eof in attribute")?;
                if quote != '"' && quote != '\'' {
                    return Err(format!("unquoted attribute {key}"));
                }
                let close = v[1..].find(quote).ok_or("unterminated attribute")? + 1;
                let raw = &v[1..close];
                if raw.contains('<') {
                    return Err(format!("'<' in attribute {key}"));
                }
                if node.attrs.iter().any(|(k, _)| k == key) {
                    return Err(format!("duplicate attribute {key}"));
                }
                node.attrs.push((key.to_string(), decode_entities(raw)?));
                r = &v[close + 1..];
            };
            s = r;
            if self_closing {
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            } else {
                stack.push(node);
            }
        } else {
            let end = s.find('<').unwrap_or(s.len());
            let text = decode_entities(&s[..end])?;
            match stack.last_mut() {
                Some(node) => node.text.push_str(&text),
                None if text.trim().is_empty() => {}
                None => return Err("text outside the root".into()),
            }
            s = &s[end..];
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("<{}> not closed", open.name));
    }
    root.ok_or_else(|| "no root element".to_string())
}

/// Parses and checks everything every chart must satisfy.
pub(super) fn check(svg: &str) -> Node {
    let root = match parse(svg) {
        Ok(root) => root,
        Err(e) => panic!("not well-formed: {e}\n{svg}"),
    };
    assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
    assert_eq!(root.name, "svg");
    assert_eq!(root.attr("xmlns"), Some("http://www.w3.org/2000/svg"));
    assert_eq!(root.attr("width"), None, "root must not have a width");
    assert_eq!(root.attr("height"), None, "root must not have a height");
    assert_eq!(root.attr("role"), Some("img"));
    assert!(matches!(root.attr("xml:lang"), Some("sv" | "en")), "the language of its words");
    let view_box = root.attr("viewBox").unwrap_or_default();
    let vb: Vec<f64> = view_box.split(' ').map(|v| v.parse().unwrap_or(f64::NAN)).collect();
    assert_eq!(vb.len(), 4, "viewBox {view_box}");
    assert!(vb[0] == 0.0 && vb[1] == 0.0 && vb[2] > 0.0 && vb[3] > 0.0);
    // <title> and <desc> first, referenced by aria-labelledby.
    assert_eq!(root.children[0].name, "title");
    assert_eq!(root.children[1].name, "desc");
    let ids: Vec<&str> = root.attr("aria-labelledby").unwrap_or_default().split(' ').collect();
    assert_eq!(
        ids,
        vec![root.children[0].attr("id").unwrap_or("missing"), root.children[1].attr("id").unwrap_or("missing"),]
    );
    assert_ne!(ids[0], ids[1]);
    // A white background covering the canvas.
    let bg = &root.children[2];
    assert_eq!(bg.name, "rect");
    assert_eq!(bg.attr("fill"), Some("#FFFFFF"));
    assert_eq!((bg.num("width"), bg.num("height")), (vb[2], vb[3]));
    // The system font stack on every text, whole-number font sizes.
    for t in root.texts() {
        assert_eq!(t.attr("font-family"), Some(FONT_STACK));
        let size = t.num("font-size");
        assert!(size == size.round() && size >= 12.0, "font-size {size}");
    }
    assert!(!svg.contains("&apos;Segoe UI&apos;"), "font stack left escaped");
    // Nothing external, nothing non-finite.
    assert_eq!(svg.matches("http").count(), 1, "only the xmlns may be a URL");
    assert!(!svg.contains("url("));
    assert!(!svg.contains("href"));
    assert!(!svg.contains("NaN"));
    for n in root.descendants() {
        for (key, value) in &n.attrs {
            let numeric = match key.as_str() {
                "x" | "y" | "width" | "height" | "cx" | "cy" | "r" | "font-size" | "stroke-width" => {
                    vec![value.as_str()]
                }
                "points" => value.split([' ', ',']).filter(|v| !v.is_empty()).collect(),
                _ => Vec::new(),
            };
            for v in numeric {
                let ok = v.parse::<f64>().is_ok_and(f64::is_finite)
                    && v.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.');
                assert!(ok, "{key}={value:?} on <{}>", n.name);
            }
            if key == "width" || key == "height" || key == "r" {
                assert!(value.parse::<f64>().is_ok_and(|v| v >= 0.0), "{key}={value}");
            }
        }
    }
    root
}

pub(super) fn texts_with(root: &Node, content: &str) -> usize {
    root.texts().iter().filter(|t| t.content() == content).count()
}

pub(super) fn contents(root: &Node) -> Vec<String> {
    root.texts().iter().map(|t| t.content()).collect()
}
