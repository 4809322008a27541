// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// The body shared by the dataset reader fuzzers (fuzz_jsonl, fuzz_csv, fuzz_jsonarray): any
// bytes must give records, bad records or one error, never a crash or a hang; every record
// must serialise canonically.

#include "data/canonicaljson.h"
#include "data/datasetreader.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

namespace mrp::fuzz {

inline int fuzzRecordReader(const QString &format, const uint8_t *data, size_t size)
{
    QBuffer buf;
    buf.setData(reinterpret_cast<const char *>(data), qsizetype(size));
    buf.open(QIODevice::ReadOnly);
    const auto reader = createRecordReader(format, &buf, QStringLiteral("fuzz"));
    DatasetRecord rec;
    // Each step consumes input, so the loop ends; the bound only guards against a regression.
    for (size_t steps = 0; steps <= size + 2; ++steps) {
        const auto status = reader->next(&rec);
        if (status == RecordReader::Status::Record)
            (void)canonicalJson(rec.value);
        else if (status != RecordReader::Status::BadRecord)
            return 0;
    }
    __builtin_trap();   // more steps than bytes: the reader is not making progress
}

} // namespace mrp::fuzz
