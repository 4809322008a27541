// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/jsonarrayreader.h"

#include <QCoreApplication>

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::JsonArrayReader)
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

int JsonArrayReader::peekSkippingSpace()
{
    for (;;) {
        while (m_pos < m_buf.size() && isSpace(m_buf.at(m_pos))) {
            if (m_buf.at(m_pos) == '\n')
                ++m_line;
            ++m_pos;
        }
        if (m_pos < m_buf.size())
            return static_cast<unsigned char>(m_buf.at(m_pos));
        if (!fill())
            return -1;
    }
}

RecordReader::Status JsonArrayReader::fail(DatasetRecord *rec, const QString &error)
{
    m_state = State::Done;
    rec->line = m_line;
    rec->byteOffset = m_bufferOffset + m_pos;
    rec->error = m_ioError.isEmpty() ? error : m_ioError;
    return Status::Error;
}

RecordReader::Status JsonArrayReader::nextText(DatasetRecord *rec, QByteArrayView *text)
{
    if (!rec->file.isSharedWith(m_file))   // once per file, not an atomic count per record
        rec->file = m_file;
    if (m_state == State::Start) {
        while (m_buf.size() - m_pos < 3 && fill()) { }
        if (m_buf.size() - m_pos >= 3 && std::memcmp(m_buf.constData() + m_pos, "\xEF\xBB\xBF", 3) == 0)
            m_pos += 3;
        const int c = peekSkippingSpace();
        if (c != '[')
            return fail(rec, c < 0 ? Tr::tr("the file is empty: expected a JSON array of records")
                                   : Tr::tr("expected a JSON array of records ('[' first)"));
        ++m_pos;
        m_state = State::BeforeElement;
        if (peekSkippingSpace() == ']') {
            ++m_pos;
            m_state = State::AfterElement;
        }
    }
    for (;;) {
        switch (m_state) {
        case State::Done:
            return Status::End;
        case State::AfterElement: {
            // Either "," then an element, "]" (then only space), or the end after the closing bracket.
            const int c = peekSkippingSpace();
            if (c < 0) {
                if (!m_ioError.isEmpty())
                    return fail(rec, m_ioError);
                m_state = State::Done;
                return Status::End;
            }
            return fail(rec, Tr::tr("unexpected '%1' after the array").arg(QChar(c)));
        }
        case State::Start:
        case State::BeforeElement:
            break;
        }
        const int first = peekSkippingSpace();
        if (first < 0)
            return fail(rec, Tr::tr("the array is not closed: ']' is missing at the end of the file"));
        if (first == ',' || first == ']')
            return fail(rec, Tr::tr("a value is missing before '%1'").arg(QChar(first)));
        const qint64 startLine = m_line;
        const qint64 startOffset = m_bufferOffset + m_pos;
        // Scan to the end of this element: a ',' or ']' at depth 0 outside strings.
        qsizetype i = m_pos;       // index in m_buf; rebased when fill() compacts
        int depth = 0;
        bool inString = false;
        bool escape = false;
        qint64 lines = 0;
        int terminator = -1;
        for (;;) {
            if (i >= m_buf.size()) {
                if (i - m_pos > MaxRecordBytes)
                    return fail(rec, Tr::tr("a record is larger than %1 MiB").arg(MaxRecordBytes >> 20));
                const qsizetype rel = i - m_pos;
                if (!fill())
                    return fail(rec, inString ? Tr::tr("a string opened on line %1 is never closed").arg(startLine)
                                              : Tr::tr("the array is not closed: ']' is missing at the end of the file"));
                i = m_pos + rel;
                continue;
            }
            if (inString && !escape) {
                // The bulk of a record: run through plain string bytes without branching on each kind.
                const char *b = m_buf.constData();
                const qsizetype n = m_buf.size();
#ifdef __SSE2__
                // 16 bytes at a time up to a quote, a backslash or a newline.
                const __m128i quote = _mm_set1_epi8('"');
                const __m128i backslash = _mm_set1_epi8('\\');
                const __m128i newline = _mm_set1_epi8('\n');
                while (n - i >= 16) {
                    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(b + i));
                    const int mask = _mm_movemask_epi8(_mm_or_si128(
                        _mm_cmpeq_epi8(v, quote), _mm_or_si128(_mm_cmpeq_epi8(v, backslash), _mm_cmpeq_epi8(v, newline))));
                    if (mask != 0) {
                        i += __builtin_ctz(unsigned(mask));
                        break;
                    }
                    i += 16;
                }
#endif
                while (i < n && b[i] != '"' && b[i] != '\\' && b[i] != '\n')
                    ++i;
                if (i >= n)
                    continue;
            }
            const char c = m_buf.at(i);
            if (c == '\n')
                ++lines;
            if (inString) {
                if (escape)
                    escape = false;
                else if (c == '\\')
                    escape = true;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                ++depth;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    if (c == '}') {
                        m_line = startLine + lines;
                        m_pos = i;
                        return fail(rec, Tr::tr("unbalanced '}'"));
                    }
                    terminator = c;
                    break;
                }
                --depth;
            } else if (c == ',' && depth == 0) {
                terminator = c;
                break;
            }
            ++i;
        }
        const QByteArrayView element(m_buf.constData() + m_pos, i - m_pos);
        m_line = startLine + lines;
        m_pos = i + 1;   // past the terminator
        // A trailing comma ("[1, 2,]") is caught by the next call: a value is missing before ']'.
        if (terminator == ']')
            m_state = State::AfterElement;
        rec->line = startLine;
        rec->byteOffset = startOffset;
        *text = element;
        return Status::Record;
    }
}

} // namespace mrp
