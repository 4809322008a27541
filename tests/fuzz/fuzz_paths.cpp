// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// Fuzzes the checks on paths a job names (data/inputfile.h): any path — absolute, relative,
// with '..', through symlinks that leave the job's folder or loop, naming a FIFO or a device —
// must give an answer, never a hang, a crash or a read beyond the bound; and a path accepted as
// inside the job's folder must really resolve there (checked against realpath(3)).
#include "data/inputfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

struct Tree
{
    QTemporaryDir dir;
    QString job;

    Tree()
    {
        const QString root = dir.path();
        job = root + QStringLiteral("/job");
        QDir().mkpath(job + QStringLiteral("/sub"));
        QDir().mkpath(root + QStringLiteral("/outside"));
        for (const QString &f : QStringList{job + QStringLiteral("/a.jsonl"), job + QStringLiteral("/sub/b.py"), root + QStringLiteral("/outside/secret")}) {
            QFile file(f);
            if (file.open(QIODevice::WriteOnly))
                file.write("{\"x\": 1}\n");
        }
        QFile::link(root + QStringLiteral("/outside"), job + QStringLiteral("/out"));
        QFile::link(job + QStringLiteral("/sub"), job + QStringLiteral("/in"));
        QFile::link(QStringLiteral("/dev/zero"), job + QStringLiteral("/zero"));
        QFile::link(job + QStringLiteral("/loop"), job + QStringLiteral("/loop"));
        ::mkfifo(QFile::encodeName(job + QStringLiteral("/fifo")).constData(), 0600);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Tree tree;
    if (size > 512)
        return 0;
    QString name = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    name.remove(QChar(0));
    const QString path = name.startsWith(u'/') ? name : tree.job + u'/' + name;

    constexpr qint64 bound = 1024;
    (void)mrp::checkRegularFile(path, bound);
    QByteArray bytes;
    QString error;
    if (mrp::readRegularFile(path, bound, &bytes, &error) && bytes.size() > bound)
        std::abort();
    if (mrp::pathWithinRoots(path, {tree.job})) {
        char resolved[PATH_MAX];
        char root[PATH_MAX];
        if (!::realpath(QFile::encodeName(path).constData(), resolved) || !::realpath(QFile::encodeName(tree.job).constData(), root))
            std::abort();
        const QByteArray r(resolved);
        const QByteArray j(root);
        if (r != j && !r.startsWith(QByteArray(j + '/')))
            std::abort();
    }
    return 0;
}
