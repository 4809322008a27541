// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "sandbox/packager.h"

#include "data/canonicaljson.h"
#include "data/digest.h"
#include "sandbox/runcontract.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUuid>

#include <algorithm>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcPackager, "mrp.services.packager")

using namespace Qt::StringLiterals;

namespace mrp {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::Packager)
};

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size() && f.flush();
}

bool linkOrCopy(const QString &from, const QString &to)
{
#if defined(Q_OS_UNIX)
    if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
#endif
    return QFile::copy(from, to);
}

bool packageComplete(const QString &dir, const QList<PackageFile> &files)
{
    for (const PackageFile &f : files) {
        const QFileInfo fi(dir + u'/' + f.name);
        if (!fi.isFile() || fi.size() != f.bytes)
            return false;
    }
    return true;
}

} // namespace

QList<UploadFile> ShardPackage::uploads() const
{
    QList<UploadFile> out;
    out.reserve(files.size());
    for (const PackageFile &f : files)
        out.append({dir + u'/' + f.name, f.name});
    return out;
}

Packager::Packager(const QString &packagesDir)
    : m_dir(QDir::cleanPath(QDir(packagesDir).absolutePath()))
{
}

QByteArray Packager::runnerSource()
{
    static const QByteArray source = [] {
        QFile f(u":/mrp/runner/runner.py"_s);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    return source;
}

QByteArray Packager::manifest(const OperatorSpec &op, bool reduce)
{
    QJsonObject m{{u"format"_s, 1},
                  {u"mode"_s, reduce ? u"reduce"_s : u"map"_s},
                  {u"operator"_s, QString(runcontract::OperatorFile)},
                  {u"entrypoint"_s, op.entrypoint.isEmpty() ? (reduce ? u"reduce"_s : u"map_shard"_s) : op.entrypoint},
                  {u"output"_s, QString(runcontract::OutputFile)}};
    if (reduce)
        m.insert(u"inputs"_s, QString(runcontract::InputsFile));
    else
        m.insert(u"payload"_s, QString(runcontract::PayloadFile));
    return canonicalJson(m);
}

QString Packager::packageDigest(QList<PackageFile> files)
{
    std::sort(files.begin(), files.end(), [](const PackageFile &a, const PackageFile &b) { return a.name < b.name; });
    QJsonArray listing;
    for (const PackageFile &f : files)
        listing.append(QJsonArray{f.name, f.sha256});
    return sha256Hex(canonicalJson(listing));
}

bool Packager::packageShard(const Plan &plan, const ShardPlan &shard, ShardPackage *out, QString *error) const
{
    if (!build(plan.map, false, shard.payloadPath, shard.digest, out, error)) {
        if (error)
            *error = Tr::tr("Could not package shard %1: %2").arg(shard.id, *error);
        return false;
    }
    out->shardId = shard.id;
    out->shardIndex = shard.index;
    return true;
}

bool Packager::packageReduce(const Plan &plan, const QString &inputsPath, ShardPackage *out, QString *error) const
{
    if (!build(plan.reduce.op, true, inputsPath, QString(), out, error)) {
        if (error)
            *error = Tr::tr("Could not package the reducer: %1").arg(*error);
        return false;
    }
    return true;
}

bool Packager::build(const OperatorSpec &op, bool reduce, const QString &dataPath, const QString &dataDigest,
                     ShardPackage *out, QString *error) const
{
    auto failed = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QByteArray runner = runnerSource();
    if (runner.isEmpty())
        return failed(Tr::tr("the runner stub (:/mrp/runner/runner.py) is missing from this build."));
    if (op.code.isEmpty())
        return failed(Tr::tr("the operator has no code."));
    if (op.language != u"python"_s)
        return failed(Tr::tr("operators in %1 are not supported; use Python.").arg(op.language));
    const QFileInfo data(dataPath);
    if (dataPath.isEmpty() || !data.isFile())
        return failed(Tr::tr("the data file %1 is missing; compile the job again.").arg(dataPath));

    const QByteArray manifestBytes = manifest(op, reduce);
    const QString dataName = reduce ? QString(runcontract::InputsFile) : QString(runcontract::PayloadFile);
    QString dataSha = dataDigest;
    if (dataSha.isEmpty()) {
        QString why;
        dataSha = sha256FileHex(dataPath, &why);
        if (dataSha.isEmpty())
            return failed(why);
    }
    QList<PackageFile> files{
        {QString(runcontract::ManifestFile), sha256Hex(manifestBytes), manifestBytes.size()},
        {dataName, dataSha, data.size()},
        {QString(runcontract::RunnerFile), sha256Hex(runner), runner.size()},
        {QString(runcontract::OperatorFile), sha256Hex(op.code), op.code.size()},
    };
    std::sort(files.begin(), files.end(), [](const PackageFile &a, const PackageFile &b) { return a.name < b.name; });
    const QString digest = packageDigest(files);
    const QString finalDir = m_dir + u'/' + digest;

    out->digest = digest;
    out->dir = finalDir;
    out->files = files;
    if (packageComplete(finalDir, files))
        return true;

    if (!QDir().mkpath(m_dir))
        return failed(Tr::tr("the package folder %1 cannot be created.").arg(m_dir));
    const QString tmp = m_dir + u"/.tmp-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto cleanup = qScopeGuard([tmp] { QDir(tmp).removeRecursively(); });
    if (!QDir().mkdir(tmp))
        return failed(Tr::tr("the package folder %1 is not writable.").arg(m_dir));
    if (!writeFile(tmp + u'/' + QString(runcontract::RunnerFile), runner)
        || !writeFile(tmp + u'/' + QString(runcontract::OperatorFile), op.code)
        || !writeFile(tmp + u'/' + QString(runcontract::ManifestFile), manifestBytes)) {
        return failed(Tr::tr("writing into %1 failed; check the free disk space.").arg(tmp));
    }
    const QString dataCopy = tmp + u'/' + dataName;
    if (!linkOrCopy(dataPath, dataCopy))
        return failed(Tr::tr("the data file %1 could not be copied into the package.").arg(dataPath));
    if (!dataDigest.isEmpty()) {
        QString why;
        const QString actual = sha256FileHex(dataCopy, &why);
        if (actual != dataDigest) {
            return failed(Tr::tr("the data file %1 changed since the job was compiled (SHA-256 %2, expected %3); compile the job again.")
                              .arg(dataPath, actual.isEmpty() ? why : actual, dataDigest));
        }
    }
    if (!QDir().rename(tmp, finalDir)) {
        if (packageComplete(finalDir, files))
            return true;  // another thread built the same package first
        return failed(Tr::tr("the package %1 could not be moved into place.").arg(finalDir));
    }
    cleanup.dismiss();
    qCDebug(lcPackager) << "package" << digest << "written";
    return true;
}

} // namespace mrp
