//! Bar charts: structure, content and edge cases.

use super::xml::{Node, check, contents, texts_with};
use super::*;

// -- Document structure --

#[test]
fn bar_chart_structure() {
    let c = year_on_year();
    let svg = bar_chart_svg(&c);
    let root = check(&svg);
    assert_eq!(root.children[0].content(), c.title);
    assert_eq!(root.children[1].content(), c.description);
    assert!(svg.len() < 50_000);
}

#[test]
fn title_and_description_are_escaped() {
    let c = BarChart {
        title: "A <b> & \"c\" 'd'\u{7}".to_string(),
        description: "x < y && y > z".to_string(),
        ..year_on_year()
    };
    let svg = bar_chart_svg(&c);
    let root = check(&svg);
    assert_eq!(root.children[0].content(), "A <b> & \"c\" 'd'");
    assert_eq!(root.children[1].content(), "x < y && y > z");
    assert!(svg.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
}

#[test]
fn ids_are_stable_and_differ_between_charts() {
    let a = check(&bar_chart_svg(&year_on_year()));
    let a2 = check(&bar_chart_svg(&year_on_year()));
    let mut other = year_on_year();
    other.series[0].values[0] = 757.0;
    let b = check(&bar_chart_svg(&other));
    let id = |n: &Node| n.children[0].attr("id").unwrap_or_default().to_string();
    assert_eq!(id(&a), id(&a2));
    assert_ne!(id(&a), id(&b));
    assert!(id(&a).starts_with("insyn-chart-"));
}

#[test]
fn deterministic_output() {
    let mut c = year_on_year();
    c.series.push(series("Övrigt", &[f64::NAN, 3.5]));
    c.stacked = true;
    assert_eq!(bar_chart_svg(&c), bar_chart_svg(&c));
    let r = range(&["A", "B"], &[0.5, 1.0], &[2.5, 1.0], &[8.0, 1.0]);
    assert_eq!(range_chart_svg(&r), range_chart_svg(&r));
}

// -- Bar content --

#[test]
fn value_labels_for_every_bar() {
    let root = check(&bar_chart_svg(&year_on_year()));
    assert_eq!(texts_with(&root, "756"), 1);
    assert_eq!(texts_with(&root, "1\u{a0}003"), 1);
    let mut c = year_on_year();
    c.number_style = NumberStyle::English;
    let root = check(&bar_chart_svg(&c));
    assert_eq!(texts_with(&root, "1,003"), 1);
}

#[test]
fn axes_are_labelled_and_start_at_zero() {
    let root = check(&bar_chart_svg(&year_on_year()));
    let all = contents(&root);
    for expected in ["Period", "Antal incidenter", "0", "1\u{a0}200"] {
        assert!(all.iter().any(|t| t == expected), "{expected} missing: {all:?}");
    }
    // 1003 rounds up to 1 200 in steps of 200.
    assert!(all.iter().any(|t| t == "200"));
    assert!(!all.iter().any(|t| t == "1\u{a0}100"));
    // The y title is vertical.
    let y_title = root.texts().into_iter().find(|t| t.content() == "Antal incidenter").cloned();
    assert!(y_title.and_then(|t| t.attr("transform").map(str::to_string)).is_some());
}

#[test]
fn highlighted_category_is_bold_and_marked() {
    let root = check(&bar_chart_svg(&year_on_year()));
    let find = |label: &str| root.texts().into_iter().find(|t| t.content() == label).cloned();
    let current = find("Kvartal 1 2023").expect("current label");
    let previous = find("Kvartal 1 2022").expect("previous label");
    assert_eq!(current.attr("font-weight"), Some("bold"));
    assert_eq!(previous.attr("font-weight"), None);
    // A marker shape (not just colour) under the current category.
    let markers: Vec<&Node> = root.descendants().into_iter().filter(|n| n.name == "polygon").collect();
    assert_eq!(markers.len(), 1);
    let x = current.num("x");
    let points = markers[0].attr("points").unwrap_or_default();
    let first_x: f64 = points.split([',', ' ']).next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
    assert_eq!(first_x, x);
}

#[test]
fn legend_only_with_several_series() {
    let one = check(&bar_chart_svg(&year_on_year()));
    assert_eq!(texts_with(&one, "Incidenter"), 0);
    let mut c = year_on_year();
    c.series.push(series("Säkerhet", &[12.0, 17.0]));
    let two = check(&bar_chart_svg(&c));
    assert_eq!(texts_with(&two, "Incidenter"), 1);
    assert_eq!(texts_with(&two, "Säkerhet"), 1);
    assert_eq!(texts_with(&two, "12"), 1);
    assert_eq!(texts_with(&two, "17"), 1);
}

#[test]
fn series_differ_by_pattern_not_only_colour() {
    for s in 0..36 {
        for t in 0..s {
            let same = series_colour(s) == series_colour(t) && series_pattern(s) == series_pattern(t);
            assert!(!same, "series {s} and {t} look the same");
        }
    }
    for s in 1..6 {
        assert!(!series_pattern(s).is_empty());
        assert!(!series_pattern(s).contains(&Hatch::Rising), "/ is for counted values");
    }
}

#[test]
fn counted_note_only_for_mixed_values() {
    let note = "Räknat ur registret";
    let with = |counted: Vec<bool>| {
        let mut c = year_on_year();
        c.series[0].counted = counted;
        c.counted_note = Some(note.to_string());
        check(&bar_chart_svg(&c))
    };
    let hatch_count = |root: &Node| {
        root.descendants().iter().filter(|n| n.name == "polyline" && n.attr("stroke") == Some("#FFFFFF")).count()
    };
    let mixed = with(vec![false, true]);
    assert_eq!(texts_with(&mixed, note), 1);
    assert_eq!(hatch_count(&mixed), 1);
    // The counted value's label is starred like its table cell.
    assert_eq!(texts_with(&mixed, "756"), 1);
    assert_eq!(texts_with(&mixed, "1\u{a0}003*"), 1);
    let all = with(vec![true, true]);
    assert_eq!(texts_with(&all, note), 0);
    assert_eq!(hatch_count(&all), 0);
    assert_eq!(texts_with(&all, "1\u{a0}003"), 1);
    let none = with(vec![]);
    assert_eq!(texts_with(&none, note), 0);
}

#[test]
fn stacked_bars_have_segment_labels_and_totals() {
    let mut c = chart(
        &["Q1", "Q2", "Q3"],
        vec![series("Drift", &[410.0, 430.0, 370.0]), series("Säkerhet", &[120.0, 90.0, 2.0])],
    );
    c.stacked = true;
    let root = check(&bar_chart_svg(&c));
    for total in ["530", "520", "372"] {
        let t = root.texts().into_iter().find(|t| t.content() == total).cloned();
        assert_eq!(t.and_then(|t| t.attr("font-weight").map(str::to_string)).as_deref(), Some("bold"));
    }
    for segment in ["410", "430", "370", "120", "90"] {
        assert_eq!(texts_with(&root, segment), 1, "{segment}");
    }
    // 2 is too thin a segment to label; the total still says it.
    assert_eq!(texts_with(&root, "2"), 0);
}

// -- Edge cases --

#[test]
fn no_categories_says_no_data() {
    for c in [
        chart(&[], vec![series("A", &[1.0])]),
        chart(&["A"], vec![]),
        chart(&["A", "B"], vec![series("A", &[f64::NAN, f64::INFINITY])]),
    ] {
        let root = check(&bar_chart_svg(&c));
        assert_eq!(contents(&root), vec!["Inga data att visa".to_string()]);
    }
    let mut c = chart(&[], vec![]);
    c.number_style = NumberStyle::English;
    let root = check(&bar_chart_svg(&c));
    assert_eq!(contents(&root), vec!["No data to show".to_string()]);
}

#[test]
fn single_category() {
    let c = chart(&["Kvartal 1 2023"], vec![series("A", &[42.0])]);
    let root = check(&bar_chart_svg(&c));
    assert_eq!(texts_with(&root, "42"), 1);
    assert_eq!(texts_with(&root, "Kvartal 1 2023"), 1);
}

#[test]
fn all_zeros_draws_axis_and_zero_labels() {
    let c = chart(&["A", "B", "C"], vec![series("A", &[0.0, 0.0, 0.0])]);
    let svg = bar_chart_svg(&c);
    let root = check(&svg);
    // Three value labels and the tick at 0.
    assert_eq!(texts_with(&root, "0"), 4);
    assert_eq!(texts_with(&root, "1"), 1);
    let axis_lines =
        root.descendants().iter().filter(|n| n.name == "polyline" && n.attr("stroke") == Some("#1A1A1A")).count();
    assert!(axis_lines >= 2);
}

#[test]
fn nan_negative_and_short_series_are_missing() {
    let mut c = chart(&["A", "B", "C", "D", "E"], vec![series("A", &[1.7, f64::NAN, -3.0, f64::NEG_INFINITY])]);
    c.series[0].counted = vec![true];
    c.highlight = Some(99);
    let root = check(&bar_chart_svg(&c));
    assert_eq!(texts_with(&root, "1,7"), 1);
    assert_eq!(texts_with(&root, "–"), 4);
    assert_eq!(texts_with(&root, "\u{2212}3"), 0);
}

#[test]
fn long_label_is_truncated() {
    let long = "Mycket".repeat(40);
    let c = chart(&[&long, "B"], vec![series("A", &[1.0, 2.0])]);
    let root = check(&bar_chart_svg(&c));
    let label = contents(&root).into_iter().find(|t| t.starts_with("Mycket")).unwrap_or_default();
    assert!(label.ends_with('…'), "{label}");
    assert!(label.chars().count() <= MAX_LABEL_CHARS);
    // Long series names and notes are cut too.
    let mut c = chart(&["A"], vec![series(&long, &[1.0]), series(&long, &[2.0])]);
    c.series[0].counted = vec![true];
    c.counted_note = Some(long.clone());
    let root = check(&bar_chart_svg(&c));
    assert!(contents(&root).iter().all(|t| t.chars().count() <= 2 * MAX_LABEL_CHARS));
}

#[test]
fn eighty_categories_are_thinned_without_overlap() {
    let labels: Vec<String> = (0..80).map(|i| format!("Vecka {} 2023", i + 1)).collect();
    let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let values: Vec<f64> = (0..80).map(|i| f64::from((i * 37) % 90 + 5)).collect();
    let mut c = chart(&refs, vec![series("A", &values)]);
    c.highlight = Some(41);
    let svg = bar_chart_svg(&c);
    let root = check(&svg);
    let shown: Vec<Node> = root.texts().into_iter().filter(|t| labels.contains(&t.content())).cloned().collect();
    assert!(shown.len() < 80 && shown.len() >= 10, "{}", shown.len());
    for must in ["Vecka 1 2023", "Vecka 42 2023", "Vecka 80 2023"] {
        assert!(shown.iter().any(|t| t.content() == must), "{must} not shown");
    }
    // Rotated, and never closer than a line of text.
    let mut xs: Vec<f64> = shown.iter().map(|t| t.num("x")).collect();
    assert!(shown.iter().all(|t| t.attr("transform").is_some()));
    xs.sort_by(f64::total_cmp);
    for pair in xs.windows(2) {
        assert!(pair[1] - pair[0] >= 13.0, "labels at {pair:?} overlap");
    }
    // Bars are too thin for their value labels, which are dropped then
    // (and only then).
    assert_eq!(texts_with(&root, "42"), 0);
    let bars = root.descendants().iter().filter(|n| n.name == "rect" && n.attr("fill") == Some("#0072B2")).count();
    assert_eq!(bars, 80);
    assert!(svg.len() < 60_000, "{} bytes", svg.len());
}

#[test]
fn ten_categories_three_series_fit_and_are_small() {
    let labels: Vec<String> = (0..10).map(|i| format!("Kvartal {} {}", i % 4 + 1, 2021 + i / 4)).collect();
    let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let mk = |base: f64| (0..10).map(|i| base + f64::from(i) * 13.0).collect::<Vec<_>>();
    let mut c =
        chart(&refs, vec![series("Drift", &mk(400.0)), series("Säkerhet", &mk(100.0)), series("Data", &mk(10.0))]);
    c.series[2].counted = vec![true; 5];
    c.counted_note = Some("Räknat".to_string());
    c.highlight = Some(9);
    let svg = bar_chart_svg(&c);
    let root = check(&svg);
    assert!(svg.len() < 50_000, "{} bytes", svg.len());
    // Every bar has its value label; counted ones (hatched) end in "*".
    for s in &c.series {
        for (i, v) in s.values.iter().enumerate() {
            let star = if s.counted.get(i).copied().unwrap_or(false) { "*" } else { "" };
            let label = format!("{}{star}", format_value(*v, NumberStyle::Swedish));
            assert!(texts_with(&root, &label) >= 1, "{label}");
        }
    }
    // Category labels horizontal, and neighbours do not overlap.
    let mut boxes: Vec<(f64, f64)> = Vec::new();
    for t in root.texts() {
        let content = t.content();
        if labels.iter().any(|l| l.contains(&content)) && t.attr("transform").is_none() && content.contains(' ') {
            let w = text_width(&content, FONT_PX, t.attr("font-weight").is_some());
            let x = t.num("x");
            boxes.push((x - w / 2.0, x + w / 2.0));
        }
    }
    assert!(boxes.len() >= 10, "{boxes:?}");
    boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
    for pair in boxes.windows(2) {
        let same_column = (pair[0].0 + pair[0].1 - pair[1].0 - pair[1].1).abs() < 1.0;
        assert!(same_column || pair[0].1 <= pair[1].0, "{pair:?}");
    }
}

#[test]
fn many_series_and_mismatched_lengths_do_not_panic() {
    for c in ragged_charts() {
        check(&bar_chart_svg(&c));
    }
}

#[test]
fn extreme_values_do_not_panic() {
    for v in [1e300, f64::MAX, 1e-300, f64::MIN_POSITIVE, 5e-324, 0.001, 123_456_789.0] {
        let c = chart(&["A", "B"], vec![series("A", &[v, 1.0])]);
        check(&bar_chart_svg(&c));
        let r = range(&["A"], &[0.0], &[v], &[v]);
        check(&range_chart_svg(&r));
    }
}
