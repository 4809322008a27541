// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Minimal multipart/form-data reading and writing for the emulator's file endpoints
// (docs/daytona-api.md §5.2). Robust to garbage: a malformed body yields an error, never a crash.

#include <QByteArray>
#include <QList>
#include <QString>

namespace mrp::emu {

struct FormPart {
    QByteArray name;       // Content-Disposition name
    QByteArray fileName;   // Content-Disposition filename (may be empty)
    QByteArray contentType;
    QByteArray body;
};

// boundary from a Content-Type header value; empty when absent.
QByteArray boundaryOf(const QByteArray &contentType);
bool parseMultipart(const QByteArray &body, const QByteArray &boundary, QList<FormPart> *parts, QString *error);
QByteArray writeMultipart(const QList<FormPart> &parts, const QByteArray &boundary);

} // namespace mrp::emu
