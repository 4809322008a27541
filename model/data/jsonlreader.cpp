// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/jsonlreader.h"

#include <QCoreApplication>

#include <cstring>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::JsonlReader)
};
} // namespace

RecordReader::Status JsonlReader::nextText(DatasetRecord *rec, QByteArrayView *text)
{
    if (!rec->file.isSharedWith(m_file))   // once per file, not an atomic count per record
        rec->file = m_file;
    for (;;) {
        if (!m_started) {
            while (m_buf.size() - m_pos < 3 && fill()) { }
            if (m_buf.size() - m_pos >= 3 && std::memcmp(m_buf.constData() + m_pos, "\xEF\xBB\xBF", 3) == 0)
                m_pos += 3;
            m_started = true;
        }
        const char *base = m_buf.constData() + m_pos;
        const qsizetype avail = m_buf.size() - m_pos;
        const void *nl = avail > m_scanned ? std::memchr(base + m_scanned, '\n', size_t(avail - m_scanned)) : nullptr;
        qsizetype len;
        qsizetype consumed;
        if (nl) {
            len = static_cast<const char *>(nl) - base;
            consumed = len + 1;
        } else {
            if (avail > MaxRecordBytes && !m_discarding) {
                m_discarding = true;
                rec->line = m_line + 1;
                rec->byteOffset = m_bufferOffset + m_pos;
                rec->error = Tr::tr("the line is longer than %1 MiB")
                                 .arg(MaxRecordBytes >> 20);
                m_pos += avail;
                m_scanned = 0;
                return Status::BadRecord;
            }
            if (m_discarding) {
                m_pos += avail;
                m_scanned = 0;
            } else {
                m_scanned = avail;
            }
            if (fill())
                continue;
            if (!m_ioError.isEmpty()) {
                rec->error = m_ioError;
                return Status::Error;
            }
            if (m_buf.size() == m_pos || m_discarding)
                return Status::End;
            len = m_buf.size() - m_pos;   // last line without a newline
            consumed = len;
        }
        m_scanned = 0;
        const qint64 offset = m_bufferOffset + m_pos;
        QByteArrayView line(m_buf.constData() + m_pos, len);
        m_pos += consumed;
        ++m_line;
        if (m_discarding) {
            m_discarding = false;
            continue;
        }
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        rec->line = m_line;
        rec->byteOffset = offset;
        *text = line;
        return Status::Record;
    }
}

} // namespace mrp
