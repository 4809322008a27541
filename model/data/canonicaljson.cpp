// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <array>
#include <charconv>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace mrp {

namespace {

constexpr char hexDigits[] = "0123456789abcdef";

bool needsEscape(const QString &s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == u'"' || u == u'\\')
            return true;
    }
    return false;
}

void appendString(QByteArray &out, const QString &s)
{
    if (!needsEscape(s)) {   // the common case: one bulk conversion
        out += '"';
        out += s.toUtf8();
        out += '"';
        return;
    }
    appendCanonicalJsonString(out, s.toUtf8());
}

void appendNumber(QByteArray &out, const QJsonValue &v)
{
    const double d = v.toDouble();
    constexpr double maxExact = 9007199254740992.0;   // 2^53
    if (std::fabs(d) < maxExact) {
        if (d == std::trunc(d)) {
            out += QByteArray::number(static_cast<qint64>(d));   // also turns -0 into 0
            return;
        }
    } else {
        // Beyond 2^53 a value read as an integer is kept exact (QJsonValue stores it as qint64).
        const QVariant var = v.toVariant();
        if (var.typeId() == QMetaType::LongLong || var.typeId() == QMetaType::Int) {
            out += QByteArray::number(var.toLongLong());
            return;
        }
        if (!std::isfinite(d)) {
            out += "null";
            return;
        }
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

} // namespace

bool decimalIsCanonical(QByteArrayView text)
{
    const char *s = text.data();
    const char *end = s + text.size();
    if (s < end && *s == '-')
        ++s;
    const char *point = static_cast<const char *>(std::memchr(s, '.', size_t(end - s)));
    if (!point || point + 1 >= end || end[-1] == '0')
        return false;
    qsizetype significant;
    if (point - s == 1 && *s == '0') {
        // 0.000ddd: from 0.001 on, leading zeros are not significant.
        const char *first = point + 1;
        while (first < end && *first == '0')
            ++first;
        if (first - (point + 1) > 2)
            return false;
        significant = end - first;
    } else {
        significant = (point - s) + (end - point - 1);
    }
    return significant <= 15;
}

const char *skipPlainJsonStringBytes(const char *p, const char *end)
{
#ifdef __SSE2__
    // Stop at a quote, a backslash, a control byte or a byte >= 0x80 (signed, those two are
    // the bytes below 0x20).
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i stop = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                          _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (const int mask = _mm_movemask_epi8(stop); mask != 0)
            return p + __builtin_ctz(unsigned(mask));
        p += 16;
    }
#endif
    while (p < end) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            break;
        ++p;
    }
    return p;
}

char *writeJsonEscape(char *w, unsigned char c)
{
    *w++ = '\\';
    switch (c) {
    case '"': *w++ = '"'; break;
    case '\\': *w++ = '\\'; break;
    case '\b': *w++ = 'b'; break;
    case '\f': *w++ = 'f'; break;
    case '\n': *w++ = 'n'; break;
    case '\r': *w++ = 'r'; break;
    case '\t': *w++ = 't'; break;
    default:
        *w++ = 'u';
        *w++ = '0';
        *w++ = '0';
        *w++ = hexDigits[c >> 4];
        *w++ = hexDigits[c & 0xf];
    }
    return w;
}

char *writeCanonicalJsonString(char *w, QByteArrayView utf8)
{
    *w++ = '"';
    const char *const end = utf8.data() + utf8.size();
    const char *run = utf8.data();   // start of the bytes not yet copied
    const auto copyRun = [&](const char *to) {
        std::memcpy(w, run, size_t(to - run));
        w += to - run;
    };
    for (const char *p = run;; ++p) {
        p = skipPlainJsonStringBytes(p, end);
        if (p >= end)
            break;
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x80)
            continue;   // UTF-8 the caller vouched for: copied as it is
        copyRun(p);
        run = p + 1;
        w = writeJsonEscape(w, c);
    }
    copyRun(end);
    *w++ = '"';
    return w;
}

void appendCanonicalJsonString(QByteArray &out, QByteArrayView utf8)
{
    // Room for the worst case, then cut to what was written (resize grows a batch
    // geometrically and never shrinks its capacity).
    const qsizetype at = out.size();
    out.resize(at + 6 * utf8.size() + 2);
    char *const begin = out.data();
    out.resize(writeCanonicalJsonString(begin + at, utf8) - begin);
}

void appendCanonicalJson(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        return;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        return;
    case QJsonValue::Double:
        appendNumber(out, value);
        return;
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray a = value.toArray();
        out += '[';
        bool first = true;
        for (const QJsonValue &e : a) {
            if (!first)
                out += ',';
            first = false;
            appendCanonicalJson(out, e);
        }
        out += ']';
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject o = value.toObject();
        // QJsonObject iterates in its own key order, which is UTF-16 order in Qt 6; we check it
        // as we go and sort explicitly should it ever differ.
        bool sorted = true;
        QString prevKey;
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            QString key = it.key();
            if (it != o.constBegin() && !(prevKey < key)) {
                sorted = false;
                break;
            }
            prevKey = std::move(key);
        }
        out += '{';
        bool first = true;
        if (sorted) {
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (!first)
                    out += ',';
                first = false;
                appendString(out, it.key());
                out += ':';
                appendCanonicalJson(out, it.value());
            }
        } else {
            QStringList keys = o.keys();
            std::sort(keys.begin(), keys.end());   // UTF-16 code unit order
            for (const QString &k : std::as_const(keys)) {
                if (!first)
                    out += ',';
                first = false;
                appendString(out, k);
                out += ':';
                appendCanonicalJson(out, o.value(k));
            }
        }
        out += '}';
        return;
    }
    }
}

QByteArray canonicalJson(const QJsonValue &value)
{
    QByteArray out;
    appendCanonicalJson(out, value);
    return out;
}

namespace {

// Byte classes for the string scanner.
enum : unsigned char { Plain = 0, Quote, Backslash, Control, High };

constexpr std::array<unsigned char, 256> makeByteClasses()
{
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c)
        t[c] = Control;
    t['"'] = Quote;
    t['\\'] = Backslash;
    for (int c = 0x80; c < 0x100; ++c)
        t[c] = High;
    return t;
}
constexpr std::array<unsigned char, 256> byteClass = makeByteClasses();

constexpr int MaxDepth = 64;
constexpr qsizetype MaxTextBytes = 64 << 20;   // beyond this, Qt's own limits decide
constexpr qsizetype MaxNumberChars = 40;       // longer numerals go the QJsonValue way

bool isNonCharacter(char32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Writes canonical JSON from JSON text in one pass. The output buffer always has room for the
// rest of the input plus Slack bytes: no token writes more than it reads except numbers, after
// which the room is restored.
class TextCanonicalizer
{
public:
    struct Member {
        qsizetype keyBegin;      // key bytes in the output (no quotes; no escapes by construction)
        qsizetype keyEnd;
        qsizetype begin;         // the whole "key":value in the output
        qsizetype end;
    };

    TextCanonicalizer(QByteArray &out, QByteArrayView json, std::vector<Member> &members, QByteArray &scratch)
        : m_out(out)
        , m_p(json.data())
        , m_end(json.data() + json.size())
        , m_members(members)
        , m_scratch(scratch)
    {
    }

    bool run()
    {
        const qsizetype base = m_out.size();
        m_w = base;
        m_out.resize(base + (m_end - m_p) + Slack);
        m_buf = m_out.data();
        skipSpace();
        const bool ok = m_p < m_end && value(0) && (skipSpace(), m_p == m_end);
        m_out.resize(ok ? m_w : base);
        return ok;
    }

private:
    static constexpr qsizetype Slack = 64;

    void put(char c) { m_buf[m_w++] = c; }
    void put(const char *s, qsizetype n)
    {
        std::memcpy(m_buf + m_w, s, size_t(n));
        m_w += n;
    }
    void restoreRoom()
    {
        const qsizetype need = m_w + (m_end - m_p) + Slack;
        if (need > m_out.size()) {
            m_out.resize(std::max(need, m_out.size() * 2));
            m_buf = m_out.data();
        }
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool literal(const char *word, qsizetype n)
    {
        if (m_end - m_p < n || std::memcmp(m_p, word, size_t(n)) != 0)
            return false;
        put(word, n);
        m_p += n;
        return true;
    }

    bool value(int depth)
    {
        switch (*m_p) {
        case '{': return depth < MaxDepth && object(depth + 1);
        case '[': return depth < MaxDepth && array(depth + 1);
        case '"': ++m_p; put('"'); return string(false);
        case 't': return literal("true", 4);
        case 'f': return literal("false", 5);
        case 'n': return literal("null", 4);
        default: return number();
        }
    }

    bool array(int depth)
    {
        ++m_p;
        put('[');
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            put(']');
            return true;
        }
        for (;;) {
            if (m_p >= m_end || !value(depth))
                return false;
            skipSpace();
            if (m_p >= m_end)
                return false;
            if (*m_p == ']') {
                ++m_p;
                put(']');
                return true;
            }
            if (*m_p != ',')
                return false;
            ++m_p;
            put(',');
            skipSpace();
        }
    }

    bool object(int depth)
    {
        ++m_p;
        put('{');
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            put('}');
            return true;
        }
        const size_t first = m_members.size();
        for (;;) {
            if (m_p >= m_end || *m_p != '"')
                return false;
            Member m;
            m.begin = m_w;
            ++m_p;
            put('"');
            m.keyBegin = m_w;
            if (!string(true))
                return false;
            m.keyEnd = m_w - 1;
            skipSpace();
            if (m_p >= m_end || *m_p != ':')
                return false;
            ++m_p;
            put(':');
            skipSpace();
            if (m_p >= m_end || !value(depth))
                return false;
            m.end = m_w;
            m_members.push_back(m);
            skipSpace();
            if (m_p >= m_end)
                return false;
            if (*m_p == '}')
                break;
            if (*m_p != ',')
                return false;
            ++m_p;
            put(',');
            skipSpace();
        }
        ++m_p;
        const bool ok = sortMembers(first);
        m_members.resize(first);
        put('}');
        return ok;
    }

    int compareKeys(const Member &a, const Member &b) const
    {
        const qsizetype la = a.keyEnd - a.keyBegin;
        const qsizetype lb = b.keyEnd - b.keyBegin;
        const int c = std::memcmp(m_buf + a.keyBegin, m_buf + b.keyBegin, size_t(std::min(la, lb)));
        return c != 0 ? c : (la < lb ? -1 : la > lb ? 1 : 0);
    }

    // Keys hold no escapes and no characters beyond U+FFFF, so their UTF-8 byte order is the
    // UTF-16 code unit order canonical JSON asks for. Equal keys: false (Qt decides which wins).
    bool sortMembers(size_t first)
    {
        const auto begin = m_members.begin() + qsizetype(first);
        const auto end = m_members.end();
        bool sorted = true;
        for (auto it = begin + 1; it < end; ++it) {
            const int c = compareKeys(*(it - 1), *it);
            if (c == 0)
                return false;
            if (c > 0)
                sorted = false;
        }
        if (sorted)
            return true;
        std::sort(begin, end, [this](const Member &a, const Member &b) { return compareKeys(a, b) < 0; });
        for (auto it = begin + 1; it < end; ++it) {
            if (compareKeys(*(it - 1), *it) == 0)
                return false;
        }
        // Rewrite the members in key order; the region keeps its length.
        qsizetype regionBegin = begin->begin;
        qsizetype regionEnd = begin->end;
        for (auto it = begin; it < end; ++it) {
            regionBegin = std::min(regionBegin, it->begin);
            regionEnd = std::max(regionEnd, it->end);
        }
        m_scratch.resize(regionEnd - regionBegin);
        std::memcpy(m_scratch.data(), m_buf + regionBegin, size_t(regionEnd - regionBegin));
        qsizetype w = regionBegin;
        for (auto it = begin; it < end; ++it) {
            if (it != begin)
                m_buf[w++] = ',';
            const qsizetype n = it->end - it->begin;
            std::memcpy(m_buf + w, m_scratch.constData() + (it->begin - regionBegin), size_t(n));
            w += n;
        }
        return w == regionEnd;
    }

    void putEscapedAscii(unsigned char c)
    {
        switch (c) {
        case '"': put("\\\"", 2); return;
        case '\\': put("\\\\", 2); return;
        case '\b': put("\\b", 2); return;
        case '\f': put("\\f", 2); return;
        case '\n': put("\\n", 2); return;
        case '\r': put("\\r", 2); return;
        case '\t': put("\\t", 2); return;
        default:
            if (c < 0x20) {
                put("\\u00", 4);
                put(hexDigits[c >> 4]);
                put(hexDigits[c & 0xf]);
            } else {
                put(char(c));
            }
        }
    }

    void putUtf8(char32_t cp)
    {
        if (cp < 0x800) {
            put(char(0xC0 | (cp >> 6)));
            put(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            put(char(0xE0 | (cp >> 12)));
            put(char(0x80 | ((cp >> 6) & 0x3F)));
            put(char(0x80 | (cp & 0x3F)));
        } else {
            put(char(0xF0 | (cp >> 18)));
            put(char(0x80 | ((cp >> 12) & 0x3F)));
            put(char(0x80 | ((cp >> 6) & 0x3F)));
            put(char(0x80 | (cp & 0x3F)));
        }
    }

    // After "\u": four hex digits.
    bool hex4(char32_t *u)
    {
        if (m_end - m_p < 4)
            return false;
        char32_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_p[i]);
            if (h < 0)
                return false;
            v = (v << 4) | char32_t(h);
        }
        m_p += 4;
        *u = v;
        return true;
    }

    bool escape()
    {
        ++m_p;   // the backslash
        if (m_p >= m_end)
            return false;
        const char e = *m_p++;
        switch (e) {
        case '"': putEscapedAscii('"'); return true;
        case '\\': putEscapedAscii('\\'); return true;
        case '/': put('/'); return true;
        case 'b': putEscapedAscii('\b'); return true;
        case 'f': putEscapedAscii('\f'); return true;
        case 'n': putEscapedAscii('\n'); return true;
        case 'r': putEscapedAscii('\r'); return true;
        case 't': putEscapedAscii('\t'); return true;
        case 'u': break;
        default: return false;
        }
        char32_t u;
        if (!hex4(&u))
            return false;
        if (u < 0x80) {
            putEscapedAscii(static_cast<unsigned char>(u));
            return true;
        }
        if (u >= 0xDC00 && u <= 0xDFFF)
            return false;   // a lone low surrogate
        if (u >= 0xD800 && u <= 0xDBFF) {
            char32_t low;
            if (m_end - m_p < 6 || m_p[0] != '\\' || m_p[1] != 'u')
                return false;
            m_p += 2;
            if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                return false;
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
        }
        if (isNonCharacter(u))
            return false;
        putUtf8(u);
        return true;
    }

    // One well-formed UTF-8 sequence, copied as is; in keys none beyond U+FFFF.
    bool utf8(bool key)
    {
        char32_t cp = 0;
        const qsizetype n = wellFormedUtf8Sequence(reinterpret_cast<const unsigned char *>(m_p), m_end - m_p, &cp);
        if (n == 0 || (key && n == 4) || isNonCharacter(cp))
            return false;
        put(m_p, n);
        m_p += n;
        return true;
    }

    // After the opening quote (already written); writes up to and including the closing one.
    bool string(bool key)
    {
        for (;;) {
            const char *run = m_p;
            m_p = skipPlainJsonStringBytes(m_p, m_end);
            put(run, m_p - run);
            if (m_p >= m_end)
                return false;
            switch (byteClass[static_cast<unsigned char>(*m_p)]) {
            case Quote:
                ++m_p;
                put('"');
                return true;
            case Backslash:
                if (key || !escape())
                    return false;
                break;
            case High:
                if (!utf8(key))
                    return false;
                break;
            default:
                return false;   // a raw control character
            }
        }
    }

    bool number()
    {
        const char *s = m_p;
        auto digit = [this] { return m_p < m_end && *m_p >= '0' && *m_p <= '9'; };
        if (*m_p == '-')
            ++m_p;
        if (m_p < m_end && *m_p == '0') {
            ++m_p;
        } else if (digit()) {
            while (digit())
                ++m_p;
        } else {
            return false;
        }
        bool integer = true;
        if (m_p < m_end && *m_p == '.') {
            ++m_p;
            if (!digit())
                return false;
            while (digit())
                ++m_p;
            integer = false;
        }
        bool exponent = false;
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digit())
                return false;
            while (digit())
                ++m_p;
            integer = false;
            exponent = true;
        }
        const qsizetype len = m_p - s;
        if (integer) {
            // Up to 15 digits: below 2^53, read as an integer and written back digit for digit
            // (the grammar has no leading zeros); "-0" is 0.
            if (len - (*s == '-' ? 1 : 0) > 15)
                return false;
            if (len == 2 && s[0] == '-' && s[1] == '0')
                put('0');
            else
                put(s, len);
            return true;
        }
        if (len > MaxNumberChars)
            return false;
        if (!exponent && decimalIsCanonical(QByteArrayView(s, len))) {
            put(s, len);
            return true;
        }
        double d = 0;
        const auto [end, ec] = std::from_chars(s, m_p, d);
        if (ec != std::errc() || end != m_p || !std::isfinite(d) || (d != 0 && std::fabs(d) < DBL_MIN))
            return false;
        constexpr double maxExact = 9007199254740992.0;   // 2^53
        if (std::fabs(d) >= maxExact)
            return false;
        if (d == std::trunc(d)) {
            char digits[24];
            const auto r = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(d));
            put(digits, r.ptr - digits);
        } else {
            const QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
            put(text.constData(), text.size());
        }
        restoreRoom();
        return true;
    }

    QByteArray &m_out;
    const char *m_p;
    const char *m_end;
    std::vector<Member> &m_members;
    QByteArray &m_scratch;
    char *m_buf = nullptr;
    qsizetype m_w = 0;
};

} // namespace

bool appendCanonicalJsonText(QByteArray &out, QByteArrayView json)
{
    if (json.size() > MaxTextBytes)
        return false;
    thread_local std::vector<TextCanonicalizer::Member> members;
    thread_local QByteArray scratch;
    TextCanonicalizer c(out, json, members, scratch);
    const bool ok = c.run();
    members.clear();
    return ok;
}

} // namespace mrp
