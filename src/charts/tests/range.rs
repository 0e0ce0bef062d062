//! Range charts, the legend plan and the counted note.

use super::xml::{Node, check, contents, texts_with};
use super::*;

// -- Range charts --

#[test]
fn range_chart_labels() {
    let r = range(&["E-post", "Växel"], &[0.5, 1.0], &[2.5, 3.0], &[8.0, 12.0]);
    let root = check(&range_chart_svg(&r));
    let all = contents(&root);
    for expected in
        ["median 2,5\u{a0}h", "median 3\u{a0}h", "0,5", "8", "1", "12", "median", "min–max", "Timmar", "Tjänst"]
    {
        assert!(all.iter().any(|t| t == expected), "{expected} missing: {all:?}");
    }
    let mut e = r.clone();
    e.number_style = NumberStyle::English;
    let root = check(&range_chart_svg(&e));
    assert_eq!(texts_with(&root, "median 2.5\u{a0}h"), 1);
}

#[test]
fn range_chart_uses_the_given_label_texts() {
    let mut r = range(&["E-post", "Växel"], &[0.5, 1.0], &[7.583, 3.0], &[173.5, 3.0]);
    r.labels = vec![
        ["30 min".to_string(), "7,6 tim".to_string(), "7,2 dygn".to_string()],
        ["1 tim".to_string(), "3 tim".to_string(), "3 tim".to_string()],
    ];
    let root = check(&range_chart_svg(&r));
    let all = contents(&root);
    for expected in ["median 7,6 tim", "30 min", "7,2 dygn", "median 3 tim", "1 tim"] {
        assert_eq!(texts_with(&root, expected), 1, "{expected} missing: {all:?}");
    }
    // Växel's maximum reads like its median: labelled once.
    assert_eq!(texts_with(&root, "3 tim"), 0, "{all:?}");
    // No number is written the other way.
    assert!(!all.iter().any(|t| t.contains("7,58") || t.ends_with("\u{a0}h")), "{all:?}");
    // Different labels make a different chart.
    let plain = check(&range_chart_svg(&RangeChart { labels: Vec::new(), ..r.clone() }));
    assert_ne!(root.children[0].attr("id"), plain.children[0].attr("id"));
}

#[test]
fn a_long_counted_note_wraps_instead_of_being_cut() {
    let note = "Räknat från avvikelserna på webbplatsen; övriga värden kommer från incidenthanteringssystemet \
                och redovisas per kvartal enligt stadens rutin för kvalitetsavvikelser.";
    let mut c = year_on_year();
    c.series[0].counted = vec![false, true];
    c.counted_note = Some(note.to_string());
    let root = check(&bar_chart_svg(&c));
    let lines: Vec<Node> = root
        .texts()
        .into_iter()
        .filter(|t| t.attr("text-anchor").is_none() || t.attr("text-anchor") == Some("start"))
        .filter(|t| note.contains(&t.content()) && t.content().len() > 10)
        .cloned()
        .collect();
    assert!(lines.len() >= 2, "{:?}", contents(&root));
    let joined = lines.iter().map(Node::content).collect::<Vec<_>>().join(" ");
    assert_eq!(joined, clean_label(note));
    for line in &lines {
        let right = line.num("x") + text_width(&line.content(), FONT_PX, false);
        assert!(right <= f64::from(WIDTH - MARGIN), "{} ends at {right}", line.content());
    }
    // Lines follow each other, and the plot starts below the last one.
    let ys: Vec<f64> = lines.iter().map(|t| t.num("y")).collect();
    assert!(ys.windows(2).all(|w| w[1] - w[0] == f64::from(LINE_PX)), "{ys:?}");
    let tick_top = root
        .texts()
        .into_iter()
        .filter(|t| t.attr("text-anchor") == Some("end"))
        .map(|t| t.num("y"))
        .fold(f64::INFINITY, f64::min);
    assert!(tick_top > ys[ys.len() - 1] + 10.0, "ticks at {tick_top}, legend to {ys:?}");
}

#[test]
fn legend_plan_keeps_short_items_on_one_row() {
    let item = |text: &str| LegendItem { swatch: Swatch::Counted, text: text.to_string() };
    let (lines, height) = plan_legend(vec![item("median"), item("min–max")], 700.0);
    assert_eq!(height, LEGEND_ROW);
    assert_eq!(lines.iter().map(|l| l.dy).collect::<Vec<_>>(), vec![0, 0]);
    assert!(lines[1].dx > lines[0].dx);
    let (lines, height) = plan_legend(vec![item("a"), item(&"ord ".repeat(60)), item("b")], 300.0);
    assert_eq!(lines.first().map(|l| l.dy), Some(0));
    assert!(lines.iter().filter(|l| l.swatch.is_none()).count() >= 1);
    assert!(lines.iter().all(|l| text_width(&l.text, FONT_PX, false) <= 300.0));
    assert_eq!(lines.last().map(|l| (l.dx, l.text.as_str())), Some((0, "b")));
    assert!(height > 2 * LEGEND_ROW);
    assert_eq!(plan_legend(Vec::new(), 700.0), (Vec::new(), 0));
}

#[test]
fn range_chart_min_equals_max() {
    let r = range(&["A", "B"], &[2.25, 1.75], &[2.25, f64::NAN], &[2.25, 1.75]);
    let root = check(&range_chart_svg(&r));
    // One label for A (its median), one for B (its single value).
    assert_eq!(texts_with(&root, "median 2,25\u{a0}h"), 1);
    assert_eq!(texts_with(&root, "2,25"), 0, "{:?}", contents(&root));
    assert_eq!(texts_with(&root, "1,75"), 1);
    let markers = root.descendants().iter().filter(|n| n.name == "circle" && n.attr("fill") == Some("#D55E00")).count();
    assert_eq!(markers, 2, "legend marker and A's median");
}

#[test]
fn range_chart_edge_cases() {
    let empty = check(&range_chart_svg(&range(&[], &[], &[], &[])));
    assert_eq!(contents(&empty), vec!["Inga data att visa".to_string()]);
    let nan = check(&range_chart_svg(&range(&["A"], &[f64::NAN], &[f64::NAN], &[f64::NAN])));
    assert_eq!(contents(&nan), vec!["Inga data att visa".to_string()]);
    // Inconsistent order and short vectors.
    check(&range_chart_svg(&range(&["A", "B", "C"], &[9.0], &[1.0, 2.0], &[0.5])));
    // Many categories: labels thinned, value labels dropped, no panic.
    let labels: Vec<String> = (0..80).map(|i| format!("Tjänst nummer {i}")).collect();
    let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let v: Vec<f64> = (0..80).map(|i| f64::from(i) / 4.0).collect();
    let svg = range_chart_svg(&range(&refs, &v, &v, &v));
    check(&svg);
    assert!(svg.len() < 80_000);
}
