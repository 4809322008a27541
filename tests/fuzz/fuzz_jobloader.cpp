// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Fuzzes the job loader: any bytes must give diagnostics, never a crash, hang or leak.
#include "job/jobloader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray yaml(reinterpret_cast<const char *>(data), qsizetype(size));
    const mrp::JobLoadResult r = mrp::loadJobText(yaml, QStringLiteral("/fuzz/job.yaml"));
    for (const mrp::Diagnostic &d : r.diagnostics)
        (void)d.toString();
    return 0;
}
