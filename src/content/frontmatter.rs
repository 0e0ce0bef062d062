//! Splitting a Markdown file into its TOML front matter and its body.

use std::ops::Range;

/// A file split at its `+++` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the two `+++` lines.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown after the closing line.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file could not be split, with the span to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// What is wrong.
    pub message: &'static str,
    /// What to do.
    pub help: &'static str,
    /// Where.
    pub span: Range<usize>,
}

/// Splits `text` into front matter and body. The first line must be exactly
/// `+++` (after an optional byte-order mark), and so must the closing line.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n').unwrap_or(rest.len());
    let first_line = rest[..first_end].trim_end_matches('\r');
    if first_line.trim() != "+++" {
        return Err(SplitError {
            message: "the file does not start with front matter",
            help: "start the file with a line of exactly +++, then the fields (title = \"…\" …), then another line of +++, then the text",
            span: start..start + first_end,
        });
    }
    let front_offset = start + (first_end + 1).min(rest.len());
    let mut pos = front_offset;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..line_end].trim_end_matches('\r');
        if line.trim_end() == "+++" {
            let body_offset = (line_end + 1).min(text.len());
            return Ok(Split {
                front: &text[front_offset..pos],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = line_end + 1;
    }
    Err(SplitError {
        message: "the front matter is not closed",
        help: "add a line of exactly +++ after the last field, before the text",
        span: start..start + first_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text).expect("splits");
        assert_eq!(s.front, "title = \"A\"\n");
        assert_eq!(&text[s.front_offset..s.front_offset + 5], "title");
        assert_eq!(s.body, "Body\n");
    }

    #[test]
    fn handles_crlf_and_bom() {
        let text = "\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nBody";
        let s = split(text).expect("splits");
        assert_eq!(s.front, "title = \"A\"\r\n");
        assert_eq!(s.body, "Body");
    }

    #[test]
    fn reports_unclosed_and_missing() {
        assert_eq!(split("+++\ntitle = 1\n").map_err(|e| e.message), Err("the front matter is not closed"));
        assert_eq!(split("title = 1\n").map_err(|e| e.message), Err("the file does not start with front matter"));
        assert!(split("").is_err());
    }
}
