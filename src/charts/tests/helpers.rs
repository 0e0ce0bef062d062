//! The building blocks: palette, scale, label planning, hatching, text
//! helpers, and the plotters adapter.

use super::xml::parse;
use super::*;

#[test]
fn palette_contrast() {
    for c in PALETTE {
        let ratio = contrast_ratio(c, PAPER);
        assert!(ratio >= 3.0, "{c:?} has {ratio:.2}:1 against white");
    }
    assert!(contrast_ratio(INK, PAPER) >= 4.5);
    // Hatch lines stand out on every fill.
    for c in PALETTE.into_iter().chain([PAPER]) {
        assert!(contrast_ratio(hatch_ink(c), c) >= 3.0, "{c:?}");
    }
    // Known values: black on white is 21:1.
    assert!((contrast_ratio(RGBColor(0, 0, 0), PAPER) - 21.0).abs() < 1e-9);
}

// -- Helpers --

#[test]
fn nice_scale() {
    let s = Scale::nice(1003.0, true);
    assert_eq!((s.top, s.step, s.ticks), (1200.0, 200.0, 6));
    let s = Scale::nice(756.0, true);
    assert_eq!((s.top, s.step), (800.0, 200.0));
    let s = Scale::nice(2.7, false);
    assert_eq!((s.top, s.step, s.decimals), (3.0, 0.5, 1));
    let s = Scale::nice(3.0, true);
    assert_eq!((s.top, s.step), (3.0, 1.0));
    let s = Scale::nice(0.0, true);
    assert_eq!((s.top, s.step), (1.0, 1.0));
    let s = Scale::nice(f64::NAN, true);
    assert_eq!((s.top, s.step), (1.0, 1.0));
    // Integer data never gets fractional ticks.
    for max in [1.0, 2.0, 3.0, 4.0, 7.0, 11.0] {
        let s = Scale::nice(max, true);
        assert!(s.step >= 1.0 && s.step.fract() == 0.0 && s.top >= max);
    }
    for max in [0.07, 0.3, 1.5, 9.99, 47.0, 101.0, 999_999.0] {
        let s = Scale::nice(max, false);
        assert!(s.top >= max && s.ticks <= 6 && s.ticks >= 1, "{max}: {s:?}");
        let mantissa = s.step / 10f64.powf(s.step.log10().floor());
        assert!([1.0, 2.0, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "{s:?}");
    }
}

#[test]
fn thinning_keeps_first_last_and_highlight() {
    assert_eq!(thin_indices(10, 3, 2, None), vec![0, 3, 6, 9]);
    // 9 and 6 are too close to the highlighted 8.
    assert_eq!(thin_indices(10, 3, 2, Some(8)), vec![0, 3, 8]);
    assert_eq!(thin_indices(10, 3, 1, Some(8)), vec![0, 3, 8, 9]);
    assert_eq!(thin_indices(80, 3, 2, Some(77)).last(), Some(&79));
    assert_eq!(thin_indices(1, 3, 2, Some(0)), vec![0]);
    assert!(thin_indices(0, 3, 2, Some(0)).is_empty());
}

#[test]
fn hatch_paths_stay_inside_their_rectangle() {
    let rects = [
        Rect::new(10, 20, 40, 200),
        Rect::new(-5, -7, 13, 11),
        Rect::new(0, 0, 300, 9),
        Rect::new(3, 3, 6, 6),
        Rect::new(0, 0, 1, 1),
    ];
    for r in rects {
        for h in [Hatch::Rising, Hatch::Falling, Hatch::Vertical, Hatch::Horizontal] {
            let path = hatch_path(r, h);
            for &(x, y) in &path {
                assert!(x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1, "{r:?} {h:?} {x},{y}");
            }
            // Every step runs along a hatch line or along the edge.
            for pair in path.windows(2) {
                let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
                let on_edge = (ax == bx && (ax == r.x0 || ax == r.x1)) || (ay == by && (ay == r.y0 || ay == r.y1));
                let along = match h {
                    Hatch::Rising => ax + ay == bx + by,
                    Hatch::Falling => ax - ay == bx - by,
                    Hatch::Vertical => ax == bx,
                    Hatch::Horizontal => ay == by,
                };
                assert!(on_edge || along, "{r:?} {h:?} {pair:?}");
            }
        }
    }
    assert!(hatch_path(Rect::new(0, 0, 40, 40), Hatch::Rising).len() > 4);
}

#[test]
fn y_title_wraps_then_truncates() {
    assert_eq!(y_title_lines("Antal"), vec!["Antal".to_string()]);
    assert_eq!(y_title_lines("").len(), 1);
    let two = y_title_lines("Antal incidenter per månad i hela kommunen och dess bolag");
    assert_eq!(two.len(), 2);
    assert!(!two[1].ends_with('…'));
    let cut = y_title_lines(&"Mycket lång titel ".repeat(20));
    assert_eq!(cut.len(), 2);
    assert!(cut[1].ends_with('…'));
    let word = y_title_lines(&"x".repeat(300));
    assert_eq!(word.len(), 1);
    assert!(word[0].ends_with('…'));
}

#[test]
fn text_helpers() {
    assert_eq!(clean_label("  a\n\tb\u{0}c  "), "a b c");
    assert_eq!(clean_label("1\u{a0}003"), "1\u{a0}003");
    assert_eq!(truncate_chars("abcdef", 4), "abc…");
    assert_eq!(truncate_chars("abc", 4), "abc");
    assert_eq!(
        wrap_words("Kvartal 1 2023", 13.0, false, 70.0, 3),
        Some(vec!["Kvartal 1".to_string(), "2023".to_string()])
    );
    assert_eq!(wrap_words("Kvartal", 13.0, false, 10.0, 3), None);
    assert_eq!(format_value(0.0, NumberStyle::Swedish), "0");
    assert_eq!(format_value(2.5, NumberStyle::Swedish), "2,5");
    assert_eq!(format_value(4.0, NumberStyle::English), "4");
    assert_eq!(tidy_font_size("13.000000000000002"), "13");
    assert_eq!(tidy_font_size("12.5"), "12.5");
    assert_eq!(tidy_font_size("12.499"), "12.5");
    assert_eq!(tidy_font_size("big"), "big");
}

#[test]
fn body_is_tidied_line_by_line() {
    let body = "\n<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
        <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" font-family=\"stack\" \
        font-size=\"13.000000000000002\" opacity=\"1\" fill=\"#1A1A1A\">\n\
        font-family=&quot;stack&quot; opacity=&quot;1&quot;\n</text>\n\
        <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" font-family=\"stack\" \
        font-size=\"12\" opacity=\"1\" fill=\"#1A1A1A\" font-weight=\"bold\">\n7\n</text>\n\
        <polyline fill=\"none\" opacity=\"1\" stroke=\"#1A1A1A\" stroke-width=\"1\" points=\"1,2 3,4 \"/>\n\
        </svg>\n";
    let font = format!("font-family=\"{FONT_STACK}\"");
    let expected = format!(
        "\n<rect x=\"0\" y=\"0\" width=\"4\" height=\"4\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
         <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" {font} font-size=\"13\" fill=\"#1A1A1A\">\n\
         font-family=&quot;stack&quot; opacity=&quot;1&quot;\n</text>\n\
         <text x=\"5\" y=\"6\" dy=\"0.5ex\" text-anchor=\"end\" {font} font-size=\"12\" fill=\"#1A1A1A\" \
         font-weight=\"bold\">\n7\n</text>\n\
         <polyline fill=\"none\" stroke=\"#1A1A1A\" stroke-width=\"1\" points=\"1,2 3,4 \"/>\n\
         </svg>\n"
    );
    let mut out = String::new();
    tidy_body(body, &mut out);
    assert_eq!(out, expected);
    assert_eq!(FONT_MARK_ATTR, format!("font-family=\"{FONT_MARK}\""));
}

/// Every primitive, some reaching off the canvas, drawn through
/// plotters' root drawing area.
fn through_drawing_area() -> String {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (50, 40)).into_drawing_area();
        let ok = [
            root.fill(&PAPER),
            root.draw(&Rectangle::new([(-5, 3), (60, 30)], PALETTE[0].filled())),
            root.draw(&Rectangle::new([(1, 2), (3, 4)], INK.stroke_width(1))),
            root.draw(&PathElement::new(vec![(-3, 5), (10, 50), (20, 20)], GRID.stroke_width(2))),
            root.draw(&Polygon::new(vec![(5, 5), (0, 10), (70, 10)], INK.filled())),
            root.draw(&Circle::new((45, -2), 5u32, PALETTE[1].filled())),
            root.draw(&Circle::new((45, -2), 5u32, INK.stroke_width(1))),
            root.draw(&Circle::new((45, 2), 5u32, INK.stroke_width(1))),
        ];
        assert!(ok.iter().all(Result::is_ok));
        for (o, at) in [
            (TextOpts::new(FONT_PX, HPos::Center, VPos::Top), (25, 45)),
            (TextOpts::new(SMALL_FONT_PX, HPos::Right, VPos::Center).bold(true).vertical(), (-4, 20)),
            (TextOpts::new(FONT_PX + 2.0, HPos::Left, VPos::Bottom), (3, 3)),
        ] {
            let weight = if o.bold { FontStyle::Bold } else { FontStyle::Normal };
            let font = FontDesc::new(FontFamily::Name(FONT_MARK), plotters_font_size(o.px), weight);
            let mut style = font.color(&INK).pos(Pos::new(o.h, o.v));
            if o.vertical {
                style = style.transform(FontTransform::Rotate270);
            }
            assert!(root.draw(&Text::new("a<b & 'c'", at, style)).is_ok());
        }
        assert!(root.present().is_ok());
    }
    buf
}

#[test]
fn canvas_writes_what_the_drawing_area_writes() {
    let drawn = render(50, 40, |canvas| {
        canvas.rect(Rect::new(-5, 3, 60, 30), PALETTE[0].filled())?;
        outline_rect(canvas, Rect::new(1, 2, 3, 4), INK)?;
        polyline(canvas, &[(-3, 5), (10, 50), (20, 20)], GRID, 2)?;
        canvas.polygon(&[(5, 5), (0, 10), (70, 10)], INK)?;
        draw_median_marker(canvas, (45, -2), 5)?;
        canvas.circle((45, 2), 5, INK.stroke_width(1))?;
        draw_text(canvas, "a<b & 'c'", (25, 45), TextOpts::new(FONT_PX, HPos::Center, VPos::Top))?;
        let o = TextOpts::new(SMALL_FONT_PX, HPos::Right, VPos::Center).bold(true).vertical();
        draw_text(canvas, "a<b & 'c'", (-4, 20), o)?;
        draw_text(canvas, "a<b & 'c'", (3, 3), TextOpts::new(FONT_PX + 2.0, HPos::Left, VPos::Bottom))
    });
    assert_eq!(drawn.as_deref(), Some(through_drawing_area().as_str()));
}

#[test]
fn xml_checker_rejects_broken_documents() {
    assert!(parse("<svg><a></svg>").is_err());
    assert!(parse("<svg a=\"1\" a=\"2\"/>").is_err());
    assert!(parse("<svg a=1/>").is_err());
    assert!(parse("<svg>&nbsp;</svg>").is_err());
    assert!(parse("<svg/><svg/>").is_err());
    assert!(parse("<svg>\u{1}</svg>").is_err());
    assert!(parse("<?xml version=\"1.0\"?>\n<svg x='1'><!-- c --><a/>t</svg>").is_ok());
}
