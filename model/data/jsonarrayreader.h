// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// A JSON document whose top level is an array; each element is a record. A small incremental
// scanner finds where each top-level element ends (tracking strings, escapes and bracket depth)
// and only that element is handed to QJsonDocument, so the array is never held whole. An element
// that is not valid JSON is a BadRecord (line and byte offset of its start) and scanning goes on
// with the next one; a document that is not an array, or whose brackets do not balance, is an
// Error. A UTF-8 BOM at the start is skipped.

#include "data/datasetreader.h"

namespace mrp {

class JsonArrayReader : public JsonTextReader
{
public:
    using JsonTextReader::JsonTextReader;
    Status nextText(DatasetRecord *rec, QByteArrayView *text) override;

private:
    enum class State { Start, BeforeElement, AfterElement, Done };
    int peekSkippingSpace();      // next non-space byte (consumed spaces counted) or -1
    Status fail(DatasetRecord *rec, const QString &error);

    State m_state = State::Start;
    qint64 m_line = 1;
};

} // namespace mrp
