// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "data/inputfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::Dataset)
};

constexpr qint64 ChunkBytes = 64 << 10;

QString mib(qint64 bytes)
{
    return bytes >= (1 << 20) ? QStringLiteral("%1 MiB").arg(bytes >> 20) : QStringLiteral("%1 bytes").arg(bytes);
}

} // namespace

QString checkRegularFile(const QString &path, qint64 maxBytes)
{
    // QFileInfo follows symlinks: isFile() is true only for a regular file (S_ISREG), so a
    // device, FIFO or socket (Qt's "sequential" files) fails here, before open() could block.
    const QFileInfo fi(path);
    if (!fi.exists())
        return fi.isSymLink() ? Tr::tr("%1 is a symbolic link to a file that does not exist").arg(path)
                              : Tr::tr("%1 does not exist").arg(path);
    if (fi.isDir())
        return Tr::tr("%1 is a folder, not a file").arg(path);
    if (!fi.isFile())
        return Tr::tr("%1 is not a regular file (it is a device, a pipe or a socket), so it cannot be read as a file").arg(path);
    if (maxBytes >= 0 && fi.size() > maxBytes)
        return Tr::tr("%1 is larger than %2").arg(path, mib(maxBytes));
    return {};
}

bool openRegularFile(QFile *f, qint64 maxBytes, QString *error)
{
    const QString problem = checkRegularFile(f->fileName(), maxBytes);
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    if (!f->open(QIODevice::ReadOnly)) {
        *error = Tr::tr("cannot read %1: %2").arg(f->fileName(), f->errorString());
        return false;
    }
    if (f->isSequential()) {   // replaced by a device between the check and the open
        f->close();
        *error = Tr::tr("%1 is not a regular file (it is a device, a pipe or a socket), so it cannot be read as a file").arg(f->fileName());
        return false;
    }
    return true;
}

bool readRegularFile(const QString &path, qint64 maxBytes, QByteArray *out, QString *error)
{
    QFile f(path);
    if (!openRegularFile(&f, maxBytes, error))
        return false;
    QByteArray bytes;
    bytes.reserve(int(qMin(f.size(), maxBytes) + 1));
    for (;;) {
        const qint64 room = maxBytes + 1 - bytes.size();
        const qint64 want = qMin(ChunkBytes, room);
        const qsizetype at = bytes.size();
        bytes.resize(at + want);
        const qint64 n = f.read(bytes.data() + at, want);
        if (n < 0) {
            *error = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
            return false;
        }
        bytes.resize(at + n);
        if (bytes.size() > maxBytes) {
            *error = Tr::tr("%1 is larger than %2").arg(path, mib(maxBytes));
            return false;
        }
        if (n == 0)
            break;
    }
    *out = bytes;
    return true;
}

bool findEncodingProblem(QByteArrayView text, EncodingProblem *at)
{
    int line = 1;
    int column = 1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const uchar c = uchar(text[i]);
        qsizetype len = 0;
        char32_t cp = 0;
        if (c == 0) {
            *at = EncodingProblem{line, column, true};
            return true;
        }
        if (c < 0x80) {
            len = 1;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07;
        } else {
            *at = EncodingProblem{line, column, false};
            return true;
        }
        if (len > 1) {
            if (i + len > n) {
                *at = EncodingProblem{line, column, false};
                return true;
            }
            for (qsizetype k = 1; k < len; ++k) {
                const uchar cc = uchar(text[i + k]);
                if ((cc & 0xC0) != 0x80) {
                    *at = EncodingProblem{line, column, false};
                    return true;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
            const char32_t minimum = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
            if (cp < minimum || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
                *at = EncodingProblem{line, column, false};
                return true;
            }
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += len;
    }
    return false;
}

QString canonicalPath(const QString &path)
{
    return QFileInfo(path).canonicalFilePath();
}

bool pathWithinRoots(const QString &path, const QStringList &roots)
{
    const QString canonical = canonicalPath(path);
    if (canonical.isEmpty())
        return false;
    for (const QString &root : roots) {
        const QString r = canonicalPath(root);
        if (r.isEmpty())
            continue;
        if (canonical == r || canonical.startsWith(r.endsWith(u'/') ? r : r + u'/'))
            return true;
    }
    return false;
}

} // namespace mrp
