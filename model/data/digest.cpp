// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/digest.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::Digest)
};
} // namespace

QString sha256Hex(QByteArrayView data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString sha256FileHex(const QString &path, QString *error, qint64 *bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    QByteArray block(1 << 20, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const qint64 n = f.read(block.data(), block.size());
        if (n < 0) {
            if (error)
                *error = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
            return {};
        }
        if (n == 0)
            break;
        h.addData(QByteArrayView(block.constData(), n));
        total += n;
    }
    if (bytes)
        *bytes = total;
    return QString::fromLatin1(h.result().toHex());
}

} // namespace mrp
