//! The narrow (phone) variants and the small multiples: the same numbers,
//! drawn so that every text renders at 12 CSS px or more on a 320 px screen.

use super::xml::{Node, check, contents, texts_with};
use super::*;

/// The viewBox width of a checked document.
fn view_width(root: &Node) -> f64 {
    root.attr("viewBox").and_then(|v| v.split(' ').nth(2)).and_then(|w| w.parse().ok()).unwrap_or(f64::NAN)
}

/// Every text's estimated extent stays on the canvas.
fn texts_fit(root: &Node) {
    let width = view_width(root);
    for t in root.texts() {
        if t.attr("transform").is_some() {
            continue; // turned labels: checked by the thinning tests
        }
        let w = text_width(&t.content(), t.num("font-size"), t.attr("font-weight").is_some());
        let x = t.num("x");
        let (left, right) = match t.attr("text-anchor") {
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            Some("end") => (x - w, x),
            _ => (x, x + w),
        };
        assert!(left >= -0.5 && right <= width + 0.5, "{:?} at {left}..{right} leaves 0..{width}", t.content());
    }
}

/// The lengths of the bars in the first series' colour.
fn bar_lengths(root: &Node) -> Vec<f64> {
    root.descendants()
        .into_iter()
        .filter(|n| n.name == "rect" && n.attr("fill") == Some("#0072B2"))
        .map(|n| n.num("width"))
        .collect()
}

#[test]
fn narrow_bars_carry_every_value_within_a_phones_width() {
    let root = check(&narrow_bar_chart_svg(&year_on_year()));
    assert_eq!(view_width(&root), f64::from(NARROW_WIDTH));
    for expected in ["756", "1\u{a0}003", "Kvartal 1 2022", "Kvartal 1 2023", "Period"] {
        assert_eq!(texts_with(&root, expected), 1, "{expected}: {:?}", contents(&root));
    }
    let current = root.texts().into_iter().find(|t| t.content() == "Kvartal 1 2023").cloned();
    assert_eq!(current.and_then(|t| t.attr("font-weight").map(str::to_string)).as_deref(), Some("bold"));
    texts_fit(&root);
    // Horizontal bars from one zero line, in proportion: 756 / 1 003.
    let bars = bar_lengths(&root);
    assert_eq!(bars.len(), 2);
    assert!((bars[0] / bars[1] - 756.0 / 1003.0).abs() < 0.02, "{bars:?}");
    // The same chart, wide and narrow: different documents, different ids.
    let wide = check(&bar_chart_svg(&year_on_year()));
    assert_ne!(wide.children[0].attr("id"), root.children[0].attr("id"));
    assert_eq!(wide.children[1].content(), root.children[1].content(), "the same finding");
}

#[test]
fn long_labels_wrap_on_two_lines_and_are_cut_after() {
    let long = "Kommunikation, ledning och styrning av stadens samtliga förvaltningar, bolag och kommunalförbund";
    let c = chart(&[long, "HR"], vec![series("A", &[3.0, 1.0])]);
    let root = check(&narrow_bar_chart_svg(&c));
    let lines: Vec<String> = contents(&root).into_iter().filter(|t| long.contains(t.trim_end_matches('…'))).collect();
    assert_eq!(lines.len(), 2, "{:?}", contents(&root));
    assert!(lines[1].ends_with('…'), "{lines:?}");
    texts_fit(&root);
}

#[test]
fn many_categories_stay_vertical_bars_when_narrow() {
    let labels: Vec<String> = (0..80).map(|i| format!("Vecka {} 2023", i + 1)).collect();
    let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let values: Vec<f64> = (0..80).map(|i| f64::from((i * 37) % 90 + 5)).collect();
    let mut c = chart(&refs, vec![series("A", &values)]);
    c.highlight = Some(79);
    let root = check(&narrow_bar_chart_svg(&c));
    assert_eq!(view_width(&root), f64::from(NARROW_WIDTH));
    let shown: Vec<Node> = root.texts().into_iter().filter(|t| labels.contains(&t.content())).cloned().collect();
    assert!(shown.len() >= 5 && shown.len() < 80, "{}", shown.len());
    assert!(shown.iter().all(|t| t.attr("transform").is_some()), "turned labels");
    assert!(shown.iter().any(|t| t.content() == "Vecka 80 2023" && t.attr("font-weight") == Some("bold")));
    assert_eq!(root.descendants().iter().filter(|n| n.name == "rect" && n.attr("fill") == Some("#0072B2")).count(), 80);
}

#[test]
fn narrow_stacked_bars_have_totals_and_segments() {
    let mut c = chart(
        &["Q1", "Q2", "Q3"],
        vec![series("Drift", &[410.0, 430.0, 370.0]), series("Säkerhet", &[120.0, 90.0, 2.0])],
    );
    c.stacked = true;
    let root = check(&narrow_bar_chart_svg(&c));
    for total in ["530", "520", "372"] {
        let t = root.texts().into_iter().find(|t| t.content() == total).cloned();
        assert_eq!(t.and_then(|t| t.attr("font-weight").map(str::to_string)).as_deref(), Some("bold"), "{total}");
    }
    for segment in ["410", "430", "370", "120", "90"] {
        assert_eq!(texts_with(&root, segment), 1, "{segment}: {:?}", contents(&root));
    }
    assert_eq!(texts_with(&root, "2"), 0, "too thin a segment to label");
    // The legend names the series.
    assert_eq!(texts_with(&root, "Drift"), 1);
    texts_fit(&root);
}

fn comparison() -> PanelChart {
    let panel = |title: &str, values: [f64; 2]| Panel {
        title: title.to_string(),
        values: values.to_vec(),
        counted: Vec::new(),
    };
    PanelChart {
        title: "Kvartal 1 2023 jämfört med Kvartal 1 2022".to_string(),
        description: "Incidenter ökade.".to_string(),
        categories: vec!["Kvartal 1 2022".to_string(), "Kvartal 1 2023".to_string()],
        panels: vec![
            panel("Incidenter", [756.0, 1003.0]),
            panel("Major incidents", [f64::NAN, 11.0]),
            panel("Personuppgiftsincidenter", [f64::NAN, 5.0]),
        ],
        highlight: Some(1),
        scale_note: "Varje panel har en egen skala som börjar på noll.".to_string(),
        counted_note: Some("* räknat".to_string()),
        number_style: NumberStyle::Swedish,
    }
}

#[test]
fn every_panel_has_its_own_scale_from_zero() {
    for (svg, width) in [(panel_chart_svg(&comparison()), WIDTH), (narrow_panel_chart_svg(&comparison()), NARROW_WIDTH)]
    {
        let root = check(&svg);
        assert_eq!(view_width(&root), f64::from(width));
        // 11 and 5 are drawn as long as 1 003: each panel's largest value
        // spans its panel.
        let bars = bar_lengths(&root);
        assert_eq!(bars.len(), 4, "{bars:?}");
        let longest = bars.iter().copied().fold(0.0, f64::max);
        assert!(bars[1..].iter().all(|&b| b > 0.8 * longest), "{bars:?}");
        for heading in ["Incidenter", "Major incidents", "Personuppgiftsincidenter"] {
            let t = root.texts().into_iter().find(|t| t.content() == heading).cloned();
            assert_eq!(t.and_then(|t| t.attr("font-weight").map(str::to_string)).as_deref(), Some("bold"));
        }
        for value in ["756", "1\u{a0}003", "11", "5"] {
            assert_eq!(texts_with(&root, value), 1, "{value}: {:?}", contents(&root));
        }
        let all = contents(&root).join(" ");
        assert!(all.ends_with("Varje panel har en egen skala som börjar på noll."), "{all}");
        assert_eq!(texts_with(&root, "–"), 2, "unknown, not zero");
        assert_eq!(texts_with(&root, "* räknat"), 0, "nothing is counted");
        texts_fit(&root);
    }
}

#[test]
fn counted_values_are_marked_across_panels() {
    let mut c = comparison();
    c.panels[1].counted = vec![true, true];
    c.panels[1].values = vec![3.0, 11.0];
    let root = check(&panel_chart_svg(&c));
    // Official in one panel, counted in another: the chart mixes them, so
    // the counted ones carry a star and a hatch, as in the table.
    for value in ["3*", "11*", "756", "5", "* räknat"] {
        assert_eq!(texts_with(&root, value), 1, "{value}: {:?}", contents(&root));
    }
}

#[test]
fn panels_with_nothing_known_say_no_data() {
    let mut c = comparison();
    for p in &mut c.panels {
        p.values = vec![f64::NAN, f64::NAN];
    }
    assert_eq!(contents(&check(&narrow_panel_chart_svg(&c))), vec!["Inga data att visa".to_string()]);
    c.categories.clear();
    assert_eq!(contents(&check(&panel_chart_svg(&c))), vec!["Inga data att visa".to_string()]);
}

#[test]
fn narrow_range_writes_the_values_under_each_line() {
    let mut r =
        range(&["E-post", "Växel", "Tom"], &[0.5, 3.0, f64::NAN], &[7.583, 3.0, f64::NAN], &[173.5, 3.0, f64::NAN]);
    r.labels = vec![
        ["30 min".to_string(), "7,6 tim".to_string(), "7,2 dygn".to_string()],
        ["3 tim".to_string(), "3 tim".to_string(), "3 tim".to_string()],
    ];
    let root = check(&narrow_range_chart_svg(&r));
    assert_eq!(view_width(&root), f64::from(NARROW_WIDTH));
    for expected in
        ["E-post", "median 7,6 tim", "30 min – 7,2 dygn", "Växel", "median 3 tim", "median", "min–max", "Timmar"]
    {
        assert_eq!(texts_with(&root, expected), 1, "{expected}: {:?}", contents(&root));
    }
    assert_eq!(texts_with(&root, "3 tim"), 0, "Växel's single value is its median: written once");
    assert_eq!(texts_with(&root, "Tom"), 0, "a category with no value is left out");
    texts_fit(&root);
    let empty = check(&narrow_range_chart_svg(&range(&[], &[], &[], &[])));
    assert_eq!(contents(&empty), vec!["Inga data att visa".to_string()]);
}

#[test]
fn narrow_variants_survive_bad_data() {
    for v in [1e300, f64::MAX, 1e-300, f64::MIN_POSITIVE, 5e-324, 0.001, 123_456_789.0] {
        check(&narrow_bar_chart_svg(&chart(&["A", "B"], vec![series("A", &[v, 1.0])])));
        let mut stacked = chart(&["A", "B"], vec![series("A", &[v, 1.0]), series("B", &[v, v])]);
        stacked.stacked = true;
        check(&narrow_bar_chart_svg(&stacked));
        check(&narrow_range_chart_svg(&range(&["A"], &[0.0], &[v], &[v])));
        let mut c = comparison();
        c.panels[0].values = vec![v, f64::INFINITY];
        check(&panel_chart_svg(&c));
        check(&narrow_panel_chart_svg(&c));
    }
    for c in ragged_charts() {
        check(&narrow_bar_chart_svg(&c));
    }
    for c in [chart(&[], vec![series("A", &[1.0])]), chart(&["A"], vec![]), chart(&["A"], vec![series("A", &[-1.0])])] {
        assert_eq!(contents(&check(&narrow_bar_chart_svg(&c))), vec!["Inga data att visa".to_string()]);
    }
}
