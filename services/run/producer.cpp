// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "run/producer.h"

#include "data/canonicaljson.h"
#include "store/csvexporter.h"
#include "data/digest.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace mrp {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::Producer)
};

bool isInside(const QString &root, const QString &path)
{
    return path == root || path.startsWith(root + QLatin1Char('/'));
}

} // namespace

bool Producer::resolveInside(const QString &outputDir, const QString &relativePath, QString *absolutePath, QString *error)
{
    const QString rel = QDir::fromNativeSeparators(relativePath);
    if (rel.isEmpty()) {
        *error = Tr::tr("A produce step has an empty path.");
        return false;
    }
    if (QDir::isAbsolutePath(rel) || rel.startsWith(QLatin1Char('/')) || rel.startsWith(QLatin1Char('~'))
        || (rel.size() > 1 && rel.at(1) == QLatin1Char(':'))) {
        *error = Tr::tr("Produce path \"%1\" is absolute; outputs are written only inside the run's output folder. "
                    "Use a relative path such as \"report.csv\".").arg(relativePath);
        return false;
    }
    const QStringList parts = rel.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (parts.contains(QStringLiteral("..")) || parts.isEmpty() || rel.contains(QChar(0))) {
        *error = Tr::tr("Produce path \"%1\" leaves the run's output folder (\"..\"). Use a path below it.").arg(relativePath);
        return false;
    }
    if (QFileInfo(outputDir).isSymLink()) {
        // Replaced by a link (e.g. before a resume): writing would land wherever it points.
        *error = Tr::tr("The run's output folder %1 is a symbolic link to %2; outputs are written only into the run's own folder. "
                        "Remove the link, then resume the run.").arg(outputDir, QFileInfo(outputDir).symLinkTarget());
        return false;
    }
    const QString root = QFileInfo(outputDir).canonicalFilePath();
    if (root.isEmpty()) {
        *error = Tr::tr("The run's output folder %1 does not exist.").arg(outputDir);
        return false;
    }
    // Walk down, refusing any existing component that is a symlink leading outside.
    QString cur = root;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts[i] == u".")
            continue;
        const QString next = cur + QLatin1Char('/') + parts[i];
        const QFileInfo fi(next);
        if (fi.isSymLink()) {
            const QString target = fi.canonicalFilePath();
            if (target.isEmpty() || !isInside(root, target) || i == parts.size() - 1) {
                *error = Tr::tr("Produce path \"%1\" goes through a symbolic link (%2); outputs are written only inside "
                            "the run's output folder.").arg(relativePath, next);
                return false;
            }
        }
        cur = next;
    }
    *absolutePath = cur;
    return true;
}

bool Producer::select(const QJsonValue &reduced, const QString &path, QJsonValue *out, QString *error)
{
    if (path.isEmpty()) {
        *out = reduced;
        return true;
    }
    QJsonValue cur = reduced;
    QString walked;
    for (const QString &k : path.split(QLatin1Char('.'))) {
        walked += (walked.isEmpty() ? QString() : QStringLiteral(".")) + k;
        if (!cur.isObject() || !cur.toObject().contains(k)) {
            *error = Tr::tr("select: the reduced value has no \"%1\". Check the produce step's select against the reducer's "
                        "output (run.json names its digest; `mrp show` prints it).").arg(walked);
            return false;
        }
        cur = cur.toObject().value(k);
    }
    *out = cur;
    return true;
}

bool Producer::rows(const QJsonValue &value, QList<QJsonObject> *out, QString *error)
{
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (const QJsonValue &v : a) {
            if (!v.isObject()) {
                *error = Tr::tr("csv needs a list of objects, but an element is %1.").arg(QString::fromUtf8(canonicalJson(v)).left(60));
                return false;
            }
            out->append(v.toObject());
        }
        return true;
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        QStringList keys = o.keys();
        std::sort(keys.begin(), keys.end());
        for (const QString &k : std::as_const(keys)) {
            if (o.value(k).isObject()) {
                *error = Tr::tr("csv writes an object as key/value rows, but \"%1\" holds an object. Use select to pick a flat "
                            "part, or produce json.").arg(k);
                return false;
            }
            out->append(QJsonObject{{QStringLiteral("key"), k}, {QStringLiteral("value"), o.value(k)}});
        }
        return true;
    }
    *error = Tr::tr("csv needs a list of objects or an object of values, not %1.").arg(QString::fromUtf8(canonicalJson(value)).left(60));
    return false;
}

QByteArray Producer::toJson(const QJsonValue &value)
{
    return canonicalJson(value) + '\n';
}

bool Producer::toJsonl(const QJsonValue &value, QByteArray *out, QString *error)
{
    if (!value.isArray()) {
        *error = Tr::tr("jsonl needs a list; the value is %1. Use select to pick a list, or produce json.")
                     .arg(QString::fromUtf8(canonicalJson(value)).left(60));
        return false;
    }
    const QJsonArray a = value.toArray();
    for (const QJsonValue &v : a)
        *out += canonicalJson(v) + '\n';
    return true;
}

bool Producer::toCsv(const QJsonValue &value, const QStringList &columns, QByteArray *out, QString *error)
{
    QList<QJsonObject> rs;
    if (!rows(value, &rs, error))
        return false;
    QStringList cols = columns;
    if (cols.isEmpty()) {   // the loader requires columns; a sorted union keeps this total
        QSet<QString> seen;
        for (const QJsonObject &r : std::as_const(rs)) {
            const QStringList keys = r.keys();
            for (const QString &k : keys)
                seen.insert(k);
        }
        cols = QStringList(seen.begin(), seen.end());
        std::sort(cols.begin(), cols.end());
    }
    *out = csv::row(cols);
    for (const QJsonObject &r : std::as_const(rs)) {
        QStringList cells;
        for (const QString &c : std::as_const(cols))
            cells.append(csv::cell(r.value(c)));
        *out += csv::row(cells);
    }
    return true;
}

ProduceResult Producer::produce(const QList<ProduceSpec> &specs, const QJsonValue &reduced, const QString &outputDir, bool write)
{
    ProduceResult res;
    if (write && !QDir().mkpath(outputDir)) {
        res.error = Tr::tr("Cannot create the run's output folder %1.").arg(outputDir);
        return res;
    }
    QSet<QString> used;
    for (const ProduceSpec &spec : specs) {
        QString abs;
        if (write || QFileInfo::exists(outputDir)) {
            if (!resolveInside(outputDir, spec.path, &abs, &res.error)) {
                res.refused = true;
                return res;
            }
        } else {
            abs = QDir(outputDir).filePath(spec.path);
        }
        if (used.contains(abs)) {
            res.error = Tr::tr("Two produce steps write the same file \"%1\".").arg(spec.path);
            res.refused = true;
            return res;
        }
        used.insert(abs);
        QByteArray data;
        QJsonValue value;
        QString ferr;
        bool ok = select(reduced, spec.select, &value, &ferr);
        if (ok && spec.format == u"json")
            data = toJson(value);
        else if (ok && spec.format == u"jsonl")
            ok = toJsonl(value, &data, &ferr);
        else if (ok && spec.format == u"csv")
            ok = toCsv(value, spec.columns, &data, &ferr);
        else if (ok)
            ferr = Tr::tr("Unknown produce format \"%1\". Use csv, json or jsonl.").arg(spec.format), ok = false;
        if (!ok) {
            res.error = Tr::tr("Produce step %1 (%2): %3").arg(spec.path, spec.format, ferr);
            res.jobFault = true;
            return res;
        }
        if (write) {
            QDir().mkpath(QFileInfo(abs).absolutePath());
            QString again;   // the folders now exist: check once more that nothing escapes
            if (!resolveInside(outputDir, spec.path, &again, &res.error)) {
                res.refused = true;
                return res;
            }
            QSaveFile f(abs);
            f.setDirectWriteFallback(false);
            if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
                res.error = Tr::tr("Cannot write %1: %2").arg(abs, f.errorString());
                return res;
            }
        }
        res.files.append(ProducedFile{spec.format, QDir::fromNativeSeparators(spec.path), sha256Hex(data), data.size()});
    }
    res.ok = true;
    return res;
}

} // namespace mrp
