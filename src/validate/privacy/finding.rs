//! What the scanner reports: the kind of personal data and where it is.

use std::ops::Range;

/// What kind of personal data a finding looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonalDataKind {
    /// A Swedish personal identity number (personnummer), e.g. `811218-9876`.
    PersonalIdentityNumber,
    /// A Swedish coordination number (samordningsnummer): a personal identity
    /// number whose day is increased by 60, e.g. `811278-9873`.
    CoordinationNumber,
    /// An e-mail address, e.g. `anna.svensson@example.se`.
    Email,
    /// A Swedish phone number, e.g. `070-123 45 67` or `+46 8 123 456 78`.
    PhoneNumber,
}

impl PersonalDataKind {
    /// Short English description for messages, e.g. "a Swedish personal
    /// identity number (personnummer)".
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::PersonalIdentityNumber => "a Swedish personal identity number (personnummer)",
            Self::CoordinationNumber => "a Swedish coordination number (samordningsnummer)",
            Self::Email => "an e-mail address",
            Self::PhoneNumber => "a phone number",
        }
    }
}

/// One match: kind and byte range into the scanned text.
///
/// The range always lies on character boundaries of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What the matched text looks like.
    pub kind: PersonalDataKind,
    /// Byte range of the matched text within the scanned text.
    pub range: Range<usize>,
}
