//! The scanner on the numbers and addresses it must find, and on the
//! ones it must leave alone.

use super::numbers::luhn_valid;
use super::*;
use PersonalDataKind::{CoordinationNumber as Coord, Email, PersonalIdentityNumber as Pnr, PhoneNumber as Phone};

/// Scans with no allow list and returns the found strings and kinds.
fn found(text: &str) -> Vec<(&str, PersonalDataKind)> {
    scan(text, &[]).into_iter().map(|f| (text.get(f.range.clone()).unwrap_or("<bad range>"), f.kind)).collect()
}

/// Asserts that `text` contains exactly one finding: `value` of `kind`.
#[track_caller]
fn assert_one(text: &str, value: &str, kind: PersonalDataKind) {
    assert_eq!(found(text), vec![(value, kind)], "scanning {text:?}");
}

/// Asserts that `text` contains no findings.
#[track_caller]
fn assert_none(text: &str) {
    assert_eq!(found(text), vec![], "scanning {text:?}");
}

#[test]
fn luhn_of_known_test_numbers() {
    // 811218-9876 is the classic valid test number; the others were
    // computed independently.
    for ok in ["8112189876", "8112789873", "1212121212", "6408233234", "1912319876", "0002291235", "0402291231"] {
        let mut ten = [0u8; 10];
        for (t, c) in ten.iter_mut().zip(ok.bytes()) {
            *t = c - b'0';
        }
        assert!(luhn_valid(&ten), "{ok}");
        ten[9] = (ten[9] + 1) % 10;
        assert!(!luhn_valid(&ten), "{ok} with wrong check digit");
    }
}

#[test]
fn numbers_are_found_wherever_they_stand_in_a_long_text() {
    // The scan passes over text in blocks: a number must be found at
    // any offset, across a block's end, and at the very end.
    for lead in 0..40 {
        let pad = "å".repeat(lead / 2) + &"x".repeat(lead % 2);
        assert_one(&format!("{pad} 811218-9876 och mer text efter."), "811218-9876", Pnr);
        assert_one(&format!("{pad} ring 070-123 45 67"), "070-123 45 67", Phone);
        assert_one(&format!("{pad} tel. +46 70 123 45 67"), "+46 70 123 45 67", Phone);
        assert_one(&format!("{pad} (811218-9876)"), "811218-9876", Pnr);
    }
}

#[test]
fn pnr_yymmdd_dash_nnnn() {
    assert_one("Den registrerade (811218-9876) ringde.", "811218-9876", Pnr);
}

#[test]
fn pnr_yymmdd_plus_nnnn() {
    assert_one("Personnummer 811218+9876 hos en person över 100 år.", "811218+9876", Pnr);
}

#[test]
fn pnr_yyyymmdd_dash_nnnn() {
    assert_one("pnr: 19811218-9876.", "19811218-9876", Pnr);
}

#[test]
fn pnr_yyyymmddnnnn() {
    assert_one("Personnummer 198112189876 i loggen", "198112189876", Pnr);
}

#[test]
fn pnr_yymmddnnnn() {
    assert_one("8112189876", "8112189876", Pnr);
    assert_one("Fältet innehöll 6408233234, se bilaga.", "6408233234", Pnr);
}

#[test]
fn pnr_leap_day() {
    assert_one("20000229-1235", "20000229-1235", Pnr);
    assert_one("040229-1231", "040229-1231", Pnr);
    // 1900 was not a leap year; 2000 was.
    assert_none("19000229-1235");
}

#[test]
fn pnr_wrong_check_digit_is_not_found() {
    for text in ["811218-9875", "811218+9877", "19811218-9870", "198112189871", "8112189872", "640823-3235"] {
        assert_none(text);
    }
}

#[test]
fn pnr_implausible_date_is_not_found() {
    // Month 13, day 32, 31 April, 30 February, century 17, and the
    // organisation number of Skatteverket (month 20).
    for ten in ["811318987", "811232987", "810431987", "810230987", "212000135"] {
        let check = {
            let mut d = [0u8; 10];
            for (t, c) in d.iter_mut().zip(ten.bytes()) {
                *t = c - b'0';
            }
            (0..10u8)
                .find(|&c| {
                    d[9] = c;
                    luhn_valid(&d)
                })
                .unwrap_or(0)
        };
        let (date, rest) = ten.split_at(6);
        assert_none(&format!("{date}-{rest}{check}"));
        assert_none(&format!("{ten}{check}"));
    }
    assert_none("Skatteverket, org.nr 212000-1355");
    assert_none("17811218-9876");
}

#[test]
fn coordination_numbers() {
    assert_one("Samordningsnummer 811278-9873.", "811278-9873", Coord);
    assert_one("19811278-9873", "19811278-9873", Coord);
    assert_one("198112789873", "198112789873", Coord);
    assert_one("8112789873", "8112789873", Coord);
    assert_one("121262-1211", "121262-1211", Coord);
    assert_none("811278-9874");
    // Day 92 - 60 = 32 does not exist.
    assert_none("811292-9873");
}

#[test]
fn numbers_must_stand_alone() {
    for text in [
        "12345678901234",
        "inc-2023021412345",
        "X8112189876",
        "8112189876X",
        "inc-8112189876",
        "8112189876-b",
        "a_8112189876",
        "18112189876",
        "81121898761",
        "1.8112189876",
        "8112189876.5",
        "811218-98761",
        "2023-811218-9876",
        "+811218-9876",
        "1 012 345 678 kronor",
        "x0701234567",
        "0701234567x",
        "10701234567",
        "070-123 45 67-89",
    ] {
        assert_none(text);
    }
}

#[test]
fn email_plain() {
    assert_one("Kontakta anna.svensson@example.se för mer information.", "anna.svensson@example.se", Email);
    assert_one("Skickat av Anna (anna+it@mail.example.com).", "anna+it@mail.example.com", Email);
    assert_one("Åsa.Öberg@example.se", "Åsa.Öberg@example.se", Email);
}

#[test]
fn email_in_markdown_links() {
    assert_one("Skriv till <mailto:anna@example.se>.", "anna@example.se", Email);
    assert_one("Skriv till [Anna](mailto:anna@example.se).", "anna@example.se", Email);
    assert_one("<anna@example.se>", "anna@example.se", Email);
    assert_one("Skriv till _anna@example.se_.", "anna@example.se", Email);
    assert_one("**anna@example.se**", "anna@example.se", Email);
    assert_one("anna@example.se-adressen", "anna@example.se", Email);
}

#[test]
fn not_emails() {
    for text in [
        "Tecknet @-tecken används i adresser.",
        "Skriv user@ och sedan domänen.",
        "a@b",
        "a@localhost",
        "a@example.s",
        "a@example.123",
        "lodash@4.17.21",
        "![logga](bilder/logo@2x.png)",
        "Se https://www.example.se/avvikelser/ för detaljer.",
        "@example.se",
        "..@example.se",
    ] {
        assert_none(text);
    }
}

#[test]
fn email_with_digits_is_one_finding() {
    assert_one("0701234567@sms.example.se", "0701234567@sms.example.se", Email);
}

#[test]
fn phone_mobile_dash_groups() {
    assert_one("Ring 070-123 45 67 vid fel.", "070-123 45 67", Phone);
}

#[test]
fn phone_mobile_contiguous() {
    assert_one("Ring 0701234567 vid fel.", "0701234567", Phone);
}

#[test]
fn phone_mobile_space_groups() {
    assert_one("Ring 070 123 45 67.", "070 123 45 67", Phone);
}

#[test]
fn phone_mobile_dash_contiguous() {
    assert_one("Ring 070-1234567.", "070-1234567", Phone);
}

#[test]
fn phone_mobile_dash_everywhere() {
    assert_one("Ring 070-123-45-67.", "070-123-45-67", Phone);
}

#[test]
fn phone_plus46_mobile_groups() {
    assert_one("Tel. +46 70 123 45 67", "+46 70 123 45 67", Phone);
}

#[test]
fn phone_plus46_mobile_contiguous() {
    assert_one("Tel. +46701234567", "+46701234567", Phone);
}

#[test]
fn phone_0046_mobile() {
    assert_one("Tel. 0046 70 123 45 67", "0046 70 123 45 67", Phone);
    assert_one("Tel. 0046701234567", "0046701234567", Phone);
}

#[test]
fn phone_plus46_with_zero_in_parentheses() {
    assert_one("Tel. +46 (0)70-123 45 67", "+46 (0)70-123 45 67", Phone);
}

#[test]
fn phone_gothenburg_short() {
    assert_one("Växel 031-12 34 56.", "031-12 34 56", Phone);
}

#[test]
fn phone_gothenburg_long() {
    assert_one("Växel 031-123 45 67.", "031-123 45 67", Phone);
}

#[test]
fn phone_stockholm_long() {
    assert_one("Växel 08-123 456 78.", "08-123 456 78", Phone);
}

#[test]
fn phone_stockholm_short() {
    assert_one("Växel 08-12 34 56.", "08-12 34 56", Phone);
}

#[test]
fn phone_stockholm_contiguous_subscriber() {
    assert_one("Växel 08-1234567.", "08-1234567", Phone);
}

#[test]
fn phone_four_digit_area_code() {
    assert_one("Kundtjänst 0771-12 34 56.", "0771-12 34 56", Phone);
}

#[test]
fn phone_plus46_landline() {
    assert_one("Tel. +46 31 12 34 56.", "+46 31 12 34 56", Phone);
    assert_one("Tel. +46 8 123 456 78.", "+46 8 123 456 78", Phone);
}

#[test]
fn phone_area_code_in_parentheses() {
    assert_one("Tel. (08) 123 456 78.", "(08) 123 456 78", Phone);
    assert_one("Tel. (031) 12 34 56.", "(031) 12 34 56", Phone);
}

#[test]
fn phone_followed_by_other_numbers() {
    // The longest valid beginning is taken when a loose group follows.
    assert_one("070-123 45 67 12 gånger", "070-123 45 67", Phone);
    assert_eq!(found("Ring 070-123 45 67 08-123 456 78"), vec![("070-123 45 67", Phone), ("08-123 456 78", Phone)]);
    assert_eq!(found("Ring 070-123 45 67/08-123 456 78"), vec![("070-123 45 67", Phone), ("08-123 456 78", Phone)]);
    assert_eq!(found("811218-9876,8112789873"), vec![("811218-9876", Pnr), ("8112789873", Coord)]);
}

#[test]
fn not_phone_numbers() {
    for text in [
        "08-123 45",
        "0701234",
        "07012345678",
        "01-12 34 56",
        "08123456",
        "05102023",
        "08-12 2023",
        "01-02-2023",
        "0 123 456 789",
        "+46 %",
        "+4670123456789",
        "+33 70 123 45 67",
        "kl. 08-17 2023",
        "2023-02-14 08-12 34 56",
        "08 08 08 08",
        "070-012 34 56",
    ] {
        assert_none(text);
    }
}

#[test]
fn several_findings_in_order() {
    let text = "Anna (811218-9876, anna@example.se, 070-123 45 67) och 811278-9873.";
    assert_eq!(
        found(text),
        vec![("811218-9876", Pnr), ("anna@example.se", Email), ("070-123 45 67", Phone), ("811278-9873", Coord),]
    );
    let findings = scan(text, &[]);
    for pair in findings.windows(2) {
        assert!(pair[0].range.end <= pair[1].range.start);
    }
}

#[test]
fn allow_list_skips_exact_matches() {
    let text = "Frågor till it-support@example.se eller anna@example.se, växel 08-123 456 78.";
    let allow = vec!["it-support@example.se".to_string(), "08-123 456 78".to_string()];
    let result: Vec<_> = scan(text, &allow).into_iter().map(|f| text.get(f.range).unwrap_or_default()).collect();
    assert_eq!(result, vec!["anna@example.se"]);
    // Case-sensitive and whole-string only.
    let allow = vec!["IT-support@example.se".to_string(), "08-123 456".to_string()];
    assert_eq!(scan(text, &allow).len(), 3);
}

#[test]
fn describe_is_a_phrase() {
    for kind in [Pnr, Coord, Email, Phone] {
        let text = kind.describe();
        assert!(text.starts_with("a ") || text.starts_with("an "), "{text}");
    }
    assert_eq!(Pnr.describe(), "a Swedish personal identity number (personnummer)");
}

#[test]
fn mask_examples() {
    assert_eq!(mask("19811218-9876"), "19••••••••••6");
    assert_eq!(mask("anna.svensson@example.se"), "an•••@•••.se");
    assert_eq!(mask("070-123 45 67"), "07••••••••••7");
    assert_eq!(mask("a@b.se"), "•••@•••.se");
    assert_eq!(mask("ab"), "••");
    assert_eq!(mask(""), "");
}

#[test]
fn mask_never_reveals_the_value() {
    let values = [
        "811218-9876",
        "19811218-9876",
        "8112189876",
        "anna.svensson@example.se",
        "a@b.se",
        "anna@x.se",
        "Åsa.Öberg@exämple.se",
        "+46 70 123 45 67",
        "08-12 34 56",
        "(08) 123 456 78",
        "0046701234567",
        "x",
        "abc",
        "a@b",
        "@@",
    ];
    for value in values {
        let masked = mask(value);
        let n = value.chars().count();
        assert_ne!(masked, value, "{value}");
        let shown = masked.chars().filter(|&c| c != '•' && c != '@' && c != '.').count();
        assert!(shown <= n / 3, "{value} -> {masked}");
        // No four consecutive characters of the value survive.
        let chars: Vec<char> = value.chars().collect();
        for w in chars.windows(4) {
            let piece: String = w.iter().collect();
            assert!(!masked.contains(&piece), "{value} -> {masked}");
        }
    }
}

/// A realistic incident report (front matter and Markdown body) with
/// every kind of number that must not be taken for personal data.
const REPORT: &str = "\
+++
id = \"agresso-minnesbrist-2023-02-14\"
title = \"Minnesbrist i Agresso\"
date = 2023-02-14T08:10:00+01:00
resolved = 2023-02-14T10:30:00+01:00
period = \"2023-01-01–2023-03-31\"
tickets = [\"INC0012345\", \"CHG-2023-0042\"]
+++

## Sammanfattning

Den 14 februari 2023 kl. 08:10 upphörde kontakten med produktionsdatabasen i
Agresso (UBW 7.2.1). Ärendet INC0012345 löstes 2023-02-14T10:30:00+01:00, och
tjänsten var tillbaka kl. 10.30. Ändringen CHG-2023-0042 genomfördes under
veckorna 2301–2305. Totalt 1 003 incidenter registrerades under Q1 2023 mot
756 under Q1 2022, +33 %. Kostnad 12 500 kr för konsulttimmar; hela
projektet har kostat 1 234 567 kronor, eller ungefär 3,5 Mkr över 2022.

## Teknisk bakgrund

Servern (10.0.0.1) körde Windows 10 21H2, build v10.0.19045, och klienten
4.2.1. Minnet ökades från 16 till 32 GB. Under perioden 2023-01-01 till
2023-03-31 kom 1 000 bud in, varav 98,5 % hanterades inom 4 timmar. Leverantören
har organisationsnummer 212000-1355 och ordernummer 2023-1234; fakturan
skickades till box 123, 411 05 Göteborg. Läs mer på
https://www.example.se/avvikelser/ och https://www.example.se/avvikelser/2023/02/14/
(sidan 3 av 12).

Loggfilen agresso-minnesbrist-2023-02-14.log visade felkod 0x80070005 och
processid 4711. Användare uppmanas att inte skriva @-tecken i fältet
\"user@\" eller \"namn@\". Incidenten inc-2023021412345 stängdes; ändringen
20230214T0810 dokumenterades. Kl. 08:00–17:00 bemannas servicedesk, lunch
12.00-13.00. Mellan 2023-02-14 08:10 och 2023-02-14 10:30 var 2 345 av
12 000 användare påverkade (19,5 %). Tidslinje: 08:10 larm, 08:25 eskalering,
09:40 åtgärd, 10:30 klart.

| Kvartal | Antal | Förändring |
|---------|------:|-----------:|
| Q1 2022 |   756 |            |
| Q1 2023 | 1 003 |     +33 %  |
| Q2 2023 |   812 |     -19 %  |

Version 2.14.0 av agenten, commit 3f2a9c1, ersatte 2.13.7. Värdet 0,05 ligger
under gränsen 0,1. Rapport nr 2023:14, diarienummer 2023/01234, dnr 12-345/2023.
Telefonitjänsten hade 99,95 % tillgänglighet; svarstiden var 00:01:30 i snitt.
Ungefär 1 500 000 transaktioner per dag (1,5 miljoner). Kostnaden 1 012 345 678 kr
gäller hela koncernen. Åtgärdsplan ÅP-2023-07 följs upp 2023-06-30. Personuppgiftsincidenten anmäldes
till IMY inom 72 timmar (dnr IMY-2023-1234). Den registrerade informerades
2023-02-16; ingen person kan identifieras i denna rapport. Bilaga 1/3.
";

#[test]
fn realistic_report_has_no_findings() {
    assert_eq!(found(REPORT), vec![]);
}

#[test]
fn personal_data_in_a_realistic_report_is_found() {
    let text = format!(
        "{REPORT}\nKontaktperson: Anna Svensson, 19811218-9876, anna.svensson@example.se, \
         tel. 070-123 45 67 eller +46 31 12 34 56. Samordningsnummer 811278-9873.\n"
    );
    let values: Vec<_> = found(&text);
    assert_eq!(
        values,
        vec![
            ("19811218-9876", Pnr),
            ("anna.svensson@example.se", Email),
            ("070-123 45 67", Phone),
            ("+46 31 12 34 56", Phone),
            ("811278-9873", Coord),
        ]
    );
}

#[test]
fn arbitrary_text_never_panics() {
    let alphabet: Vec<char> = "0123456789 -+().@_:/,åäöÅÄÖé\u{301}\u{a0}😀👩‍💻aZx\n\tse".chars().collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let mut text = String::new();
    for round in 0..20_000 {
        text.clear();
        let len = (next() % 60) as usize;
        for _ in 0..len {
            let c = alphabet[(next() % alphabet.len() as u64) as usize];
            text.push(c);
        }
        if round % 7 == 0 {
            text.push_str("811218-9876");
        }
        let findings = scan(&text, &["åäö".to_string()]);
        let mut last_end = 0;
        for f in &findings {
            assert!(f.range.start >= last_end, "{text:?}");
            assert!(f.range.start < f.range.end, "{text:?}");
            let value = text.get(f.range.clone());
            assert!(value.is_some(), "range off char boundary in {text:?}");
            let _ = mask(value.unwrap_or_default());
            last_end = f.range.end;
        }
        let _ = mask(&text);
    }
}
