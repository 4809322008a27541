// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Fuzzes the csv dataset reader (tests/fuzz/recordreaderfuzz.h).
#include "recordreaderfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return mrp::fuzz::fuzzRecordReader(QStringLiteral("csv"), data, size);
}
