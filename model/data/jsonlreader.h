// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// JSON Lines: one JSON value per line ('\n' or "\r\n"); blank lines are ignored; a UTF-8 BOM at
// the start is skipped. A line that is not exactly one JSON value is a BadRecord with its line
// number; reading goes on with the next line.

#include "data/datasetreader.h"

namespace mrp {

class JsonlReader : public JsonTextReader
{
public:
    using JsonTextReader::JsonTextReader;
    Status nextText(DatasetRecord *rec, QByteArrayView *text) override;

private:
    qint64 m_line = 0;            // lines consumed so far
    qsizetype m_scanned = 0;      // bytes after m_pos already known to hold no '\n'
    bool m_started = false;
    bool m_discarding = false;    // inside an over-long line being skipped
};

} // namespace mrp
