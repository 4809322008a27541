// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// SHA-256 helpers. Every digest in plans, manifests and run records is lower-case hex.

#include <QByteArrayView>
#include <QString>

namespace mrp {

// SHA-256 of the bytes, lower-case hex (64 characters).
QString sha256Hex(QByteArrayView data);
// SHA-256 of a file's content, read in 1 MiB blocks (memory stays flat). On failure returns an
// empty string and sets *error (if given) to a translated message naming the file.
QString sha256FileHex(const QString &path, QString *error = nullptr, qint64 *bytes = nullptr);

} // namespace mrp
