// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Canonical JSON: the one byte form we hash (shard payloads, plans, outputs).
//  - object keys sorted by UTF-16 code units (the order of RFC 8785), at every depth;
//  - no insignificant whitespace; UTF-8; only '"', '\\' and control characters are escaped
//    (as \b \f \n \r \t or \u00XX), everything else is written as is;
//  - numbers: integers (values read as integers, or integral doubles with |x| < 2^53) in
//    plain decimal; other doubles in the shortest form that reads back to the same double
//    ('g' with FloatingPointShortest, e.g. 0.1, 1e+300); NaN and infinities become null.
// We write it ourselves instead of QJsonDocument::Compact: QJsonObject does keep its keys
// sorted, but Qt documents neither that order nor its number and escape formatting as
// stable, and a digest must never change with a Qt upgrade.

#include <QByteArray>
#include <QJsonValue>

namespace mrp {

QByteArray canonicalJson(const QJsonValue &value);
// Appends the canonical form of value to out (avoids temporaries in hot loops).
void appendCanonicalJson(QByteArray &out, const QJsonValue &value);

// The fast path for JSON text: appends to out the canonical form of the one JSON value in
// json (surrounding whitespace allowed), straight from the bytes, without building a
// QJsonValue. It takes only the plain, unambiguous subset of JSON and gives exactly the bytes
// canonicalJson(parseJsonValue(json)) gives. Anything else (invalid JSON, but also duplicate
// keys, lone surrogates, noncharacters, keys with escapes or characters beyond U+FFFF, numbers
// it cannot round exactly, nesting deeper than 64, ...) returns false with out left as it was:
// the caller then takes the QJsonValue path, which decides and words any error.
bool appendCanonicalJsonText(QByteArray &out, QByteArrayView json);

// Appends utf8 as a canonical JSON string: in quotes, with \" \\ \b \f \n \r \t and other
// control characters as \u00xx, every other byte as it is. The caller vouches that utf8 is
// well-formed UTF-8 that decodes and encodes to the same bytes.
void appendCanonicalJsonString(QByteArray &out, QByteArrayView utf8);
// The same, written at w, which has room for 6 * utf8.size() + 2 bytes; returns the end.
char *writeCanonicalJsonString(char *w, QByteArrayView utf8);
// The escape of one ASCII byte that a canonical JSON string escapes (a control character, '"'
// or '\\'), written at w (room for 6 bytes); returns the end.
char *writeJsonEscape(char *w, unsigned char c);

// How many of the first bytes of [p, end) a canonical JSON string copies as they are and
// without a second look: ASCII from 0x20 up, neither '"' nor '\\'. 16 bytes at a time where
// the processor has SSE2.
const char *skipPlainJsonStringBytes(const char *p, const char *end);

// The length of the well-formed UTF-8 sequence (Unicode Table 3-7) that starts the `left`
// bytes at s, which start with a byte >= 0x80, and its code point in *cp; 0 when there is none.
// Inline: it runs for every character beyond ASCII of every text the sharder reads.
inline qsizetype wellFormedUtf8Sequence(const unsigned char *s, qsizetype left, char32_t *cp)
{
    const unsigned char b0 = s[0];
    const auto cont = [&](qsizetype i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return i < left && s[i] >= lo && s[i] <= hi;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        if (!cont(1))
            return 0;
        *cp = (char32_t(b0 & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (!cont(1, b0 == 0xE0 ? 0xA0 : 0x80, b0 == 0xED ? 0x9F : 0xBF) || !cont(2))
            return 0;
        *cp = (char32_t(b0 & 0x0F) << 12) | (char32_t(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (!cont(1, b0 == 0xF0 ? 0x90 : 0x80, b0 == 0xF4 ? 0x8F : 0xBF) || !cont(2) || !cont(3))
            return 0;
        *cp = (char32_t(b0 & 0x07) << 18) | (char32_t(s[1] & 0x3F) << 12) | (char32_t(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    return 0;
}

// Whether text, a decimal with a fraction and no exponent (-?(0|[1-9][0-9]*)\.[0-9]+), is
// already the canonical form of the double it reads as, so that it can be copied instead of
// converted twice: at most 15 significant digits (so they read back to themselves and none
// shorter does), the last one not 0, and a magnitude from 0.001 (below it the canonical form
// may have an exponent). False says nothing: the caller converts.
bool decimalIsCanonical(QByteArrayView text);

} // namespace mrp
