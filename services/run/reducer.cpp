// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "run/reducer.h"

#include "data/canonicaljson.h"
#include "data/digest.h"
#include "sandbox/runcontract.h"
#include "record/runrecord.h"
#include "store/runstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QMap>
#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

Q_LOGGING_CATEGORY(lcReducer, "mrp.services.reducer")

namespace mrp {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::Reducer)
};

// A dotted path ("stats.ms") into objects; undefined when any step is missing.
QJsonValue pick(const QJsonValue &v, const QString &path)
{
    QJsonValue cur = v;
    for (const QString &k : path.split(QLatin1Char('.'))) {
        if (!cur.isObject() || !cur.toObject().contains(k))
            return QJsonValue(QJsonValue::Undefined);
        cur = cur.toObject().value(k);
    }
    return cur;
}

struct Item {
    QJsonValue value;
    int shard = 0;      // position in the outputs list
};

// The items of the outputs (docs/job-format.md "Builtin reducers"): a list output contributes
// its elements, any other output itself; with `field`, item[field], skipping missing and null.
QList<Item> itemsOf(const QList<QJsonValue> &outputs, const QString &field)
{
    QList<Item> items;
    for (qsizetype i = 0; i < outputs.size(); ++i) {
        const QJsonValue &o = outputs[i];
        QList<QJsonValue> vs;
        if (o.isArray()) {
            const QJsonArray a = o.toArray();
            for (const QJsonValue &v : a)
                vs.append(v);
        } else {
            vs.append(o);
        }
        for (const QJsonValue &v : std::as_const(vs)) {
            const QJsonValue x = field.isEmpty() ? v : pick(v, field);
            if (!field.isEmpty() && (x.isUndefined() || x.isNull()))
                continue;
            items.append(Item{x, int(i)});
        }
    }
    return items;
}

QString shardName(const QStringList &ids, int i)
{
    return i < ids.size() ? ids[i] : QStringLiteral("#%1").arg(i);
}

bool numbers(const QString &name, const QList<Item> &items, const QStringList &ids, QList<double> *out, QString *error)
{
    for (const Item &it : items) {
        if (!it.value.isDouble()) {
            *error = Tr::tr("Reducer %1 needs numbers, but the output of shard %2 holds %3. Return numbers from the map "
                        "operator, or name the numeric field with reduce.field.")
                         .arg(name, shardName(ids, it.shard), QString::fromUtf8(canonicalJson(it.value)).left(80));
            return false;
        }
        out->append(it.value.toDouble());
    }
    return true;
}

QJsonValue number(double d)
{
    if (!std::isfinite(d))
        return QJsonValue(QJsonValue::Null);
    return QJsonValue(d);
}

// merge_counts: objects merge key by key, numbers add up, lists concatenate, equal other values
// are kept; anything else is a mismatch.
bool mergeInto(QJsonValue &acc, const QJsonValue &v, const QString &path, QString *error)
{
    if (acc.isUndefined()) {
        acc = v;
        return true;
    }
    if (acc.isObject() && v.isObject()) {
        QJsonObject a = acc.toObject();
        const QJsonObject b = v.toObject();
        for (auto it = b.begin(); it != b.end(); ++it) {
            QJsonValue cur = a.contains(it.key()) ? a.value(it.key()) : QJsonValue(QJsonValue::Undefined);
            if (!mergeInto(cur, it.value(), path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), error))
                return false;
            a.insert(it.key(), cur);
        }
        acc = a;
        return true;
    }
    if (acc.isDouble() && v.isDouble()) {
        acc = number(acc.toDouble() + v.toDouble());
        return true;
    }
    if (acc.isArray() && v.isArray()) {
        QJsonArray a = acc.toArray();
        const QJsonArray b = v.toArray();
        for (const QJsonValue &x : b)
            a.append(x);
        acc = a;
        return true;
    }
    if (acc == v)
        return true;
    *error = Tr::tr("cannot merge %1 with %2 at \"%3\"")
                 .arg(QString::fromUtf8(canonicalJson(acc)).left(40), QString::fromUtf8(canonicalJson(v)).left(40),
                      path.isEmpty() ? QStringLiteral(".") : path);
    return false;
}

// pass_at_k: per group of items (by params.group_by, in order of first appearance) the number of
// samples n, the number correct c (items whose params.field, default "passed", is true) and the
// unbiased estimator for each k; overall the mean over groups.
bool passAtKReduce(const QVariantMap &params, const QList<QJsonValue> &outputs, const QStringList &shardIds, QJsonValue *out,
                   QString *error)
{
    const QString group = params.value(QStringLiteral("group_by")).toString();
    const QString field = params.value(QStringLiteral("field"), QStringLiteral("passed")).toString();
    QList<qint64> ks;
    for (const QVariant &v : params.value(QStringLiteral("k")).toList())
        ks.append(v.toLongLong());
    if (group.isEmpty() || ks.isEmpty()) {
        *error = Tr::tr("Reducer pass_at_k: 'group_by' and 'k' are required.");
        return false;
    }
    struct Group {
        QJsonValue key;
        qint64 n = 0;
        qint64 c = 0;
    };
    QList<Group> groups;
    QHash<QByteArray, qsizetype> index;
    QJsonArray results;
    for (const Item &it : itemsOf(outputs, QString())) {
        results.append(it.value);
        const QString where = Tr::tr("an item of shard %1 (%2)").arg(shardName(shardIds, it.shard),
                                                                     QString::fromUtf8(canonicalJson(it.value)).left(80));
        const QJsonValue key = pick(it.value, group);
        if (key.isUndefined() || key.isNull() || key.isObject() || key.isArray()) {
            *error = Tr::tr("Reducer pass_at_k: %1 has no text or number '%2' to group by.").arg(where, group);
            return false;
        }
        const QJsonValue passed = pick(it.value, field);
        if (!passed.isBool()) {
            *error = Tr::tr("Reducer pass_at_k: %1 has no true/false '%2'.").arg(where, field);
            return false;
        }
        const QByteArray k = canonicalJson(key);
        auto found = index.constFind(k);
        if (found == index.constEnd()) {
            found = index.insert(k, groups.size());
            groups.append(Group{key, 0, 0});
        }
        Group &g = groups[*found];
        ++g.n;
        if (passed.toBool())
            ++g.c;
    }
    QJsonArray rows;
    QList<double> sums(ks.size(), 0.0);
    QList<bool> complete(ks.size(), true);
    qint64 samples = 0, correct = 0;
    for (const Group &g : std::as_const(groups)) {
        QJsonObject row{{group, g.key}, {QStringLiteral("n"), double(g.n)}, {QStringLiteral("correct"), double(g.c)}};
        for (qsizetype i = 0; i < ks.size(); ++i) {
            const QString name = QStringLiteral("pass@%1").arg(ks[i]);
            if (g.n < ks[i]) {   // not defined: k samples cannot be drawn from n
                row.insert(name, QJsonValue(QJsonValue::Null));
                complete[i] = false;
            } else {
                const double v = estimatePassAtK(g.n, g.c, ks[i]);
                row.insert(name, v);
                sums[i] += v;
            }
        }
        samples += g.n;
        correct += g.c;
        rows.append(row);
    }
    QJsonObject overall{{QStringLiteral("groups"), double(groups.size())}, {QStringLiteral("samples"), double(samples)},
                        {QStringLiteral("correct"), double(correct)}};
    for (qsizetype i = 0; i < ks.size(); ++i) {
        const QString name = QStringLiteral("pass@%1").arg(ks[i]);
        overall.insert(name, complete[i] && !groups.isEmpty() ? QJsonValue(sums[i] / double(groups.size()))
                                                              : QJsonValue(QJsonValue::Null));
    }
    *out = QJsonObject{{QStringLiteral("groups"), rows}, {QStringLiteral("overall"), overall}, {QStringLiteral("results"), results}};
    return true;
}

} // namespace

double estimatePassAtK(qint64 n, qint64 c, qint64 k)
{
    if (n - c < k)
        return 1.0;
    // 1 - C(n-c, k) / C(n, k) = 1 - prod_{i=n-c+1}^{n} (1 - k/i): no factorials, stable for any n.
    double prod = 1.0;
    for (qint64 i = n - c + 1; i <= n; ++i)
        prod *= 1.0 - double(k) / double(i);
    return 1.0 - prod;
}

namespace {

// The pass@k keys of an overall object, by k.
QStringList passAtKKeys(const QJsonObject &a, const QJsonObject &b = {})
{
    QStringList keys;
    for (const QJsonObject &o : {a, b}) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key().startsWith(QStringLiteral("pass@")) && !keys.contains(it.key()))
                keys.append(it.key());
        }
    }
    std::sort(keys.begin(), keys.end(), [](const QString &x, const QString &y) {
        return x.mid(5).toLongLong() < y.mid(5).toLongLong();
    });
    return keys;
}

QString formatRate(const QJsonValue &v)
{
    return v.isDouble() ? QString::number(v.toDouble(), 'f', 4) : Tr::tr("n/a");
}

} // namespace

QJsonObject passAtKOverall(const RunRecord &record, const RunStore &store)
{
    if (record.reduceKind != u"pass_at_k" || record.reduceOutputDigest.isEmpty())
        return {};
    QString error;
    const std::optional<QByteArray> bytes = store.readObject(record.reduceOutputDigest, &error);
    if (!bytes)
        return {};
    return QJsonDocument::fromJson(*bytes).object().value(QStringLiteral("overall")).toObject();
}

QString describePassAtK(const QJsonObject &overall)
{
    QStringList parts;
    for (const QString &k : passAtKKeys(overall))
        parts.append(k + u' ' + formatRate(overall.value(k)));
    if (parts.isEmpty())
        return {};
    return Tr::tr("%1 over %2 groups (%3 of %4 samples passed)")
        .arg(parts.join(QStringLiteral(", ")))
        .arg(overall.value(QStringLiteral("groups")).toInteger())
        .arg(overall.value(QStringLiteral("correct")).toInteger())
        .arg(overall.value(QStringLiteral("samples")).toInteger());
}

QStringList comparePassAtK(const QJsonObject &before, const QJsonObject &after)
{
    QStringList lines;
    for (const QString &k : passAtKKeys(before, after)) {
        const QJsonValue a = before.value(k), b = after.value(k);
        QString line = QStringLiteral("%1: %2 → %3").arg(k, formatRate(a), formatRate(b));
        if (a.isDouble() && b.isDouble()) {
            const double d = b.toDouble() - a.toDouble();
            line += QStringLiteral(" (%1%2)").arg(d >= 0 ? QStringLiteral("+") : QString()).arg(d, 0, 'f', 4);
        }
        lines.append(line);
    }
    return lines;
}

bool isBuiltinReducer(const QString &name)
{
    static const QStringList names = {QStringLiteral("concat"), QStringLiteral("sum"), QStringLiteral("count"),
                                      QStringLiteral("mean"), QStringLiteral("min"), QStringLiteral("max"),
                                      QStringLiteral("merge_counts"), QStringLiteral("histogram"), QStringLiteral("pass_at_k")};
    return names.contains(name);
}

QString reduceInputOrderDigest(const QList<ReduceInput> &inputs)
{
    QJsonArray a;
    for (const ReduceInput &in : inputs)
        a.append(QJsonObject{{QStringLiteral("index"), in.index},
                             {QStringLiteral("shard_id"), in.shardId},
                             {QStringLiteral("output_digest"), in.outputDigest}});
    return sha256Hex(canonicalJson(a));
}

bool builtinReduce(const QString &name, const QVariantMap &params, const QList<QJsonValue> &outputs, QJsonValue *out,
                   QString *error, const QStringList &shardIds)
{
    const QString field = params.value(QStringLiteral("field")).toString();
    if (name == u"concat") {
        QJsonArray a;
        for (const Item &it : itemsOf(outputs, QString()))
            a.append(it.value);
        *out = a;
        return true;
    }
    if (name == u"count") {
        *out = QJsonValue(double(itemsOf(outputs, field).size()));
        return true;
    }
    if (name == u"sum" || name == u"mean" || name == u"min" || name == u"max") {
        QList<double> nums;
        if (!numbers(name, itemsOf(outputs, field), shardIds, &nums, error))
            return false;
        double acc = 0;
        for (double d : std::as_const(nums))
            acc += d;
        if (name == u"sum") {
            *out = number(acc);
        } else if (nums.isEmpty()) {
            *out = QJsonValue(QJsonValue::Null);
        } else if (name == u"mean") {
            *out = number(acc / double(nums.size()));
        } else {
            double m = nums.constFirst();
            for (double d : std::as_const(nums))
                m = name == u"min" ? std::min(m, d) : std::max(m, d);
            *out = number(m);
        }
        return true;
    }
    if (name == u"merge_counts") {
        QJsonValue acc(QJsonValue::Undefined);
        for (qsizetype i = 0; i < outputs.size(); ++i) {
            const QJsonValue v = field.isEmpty() ? outputs[i] : pick(outputs[i], field);
            if (v.isUndefined() || v.isNull())
                continue;
            QString merr;
            if (!mergeInto(acc, v, QString(), &merr)) {
                *error = Tr::tr("Reducer merge_counts: the output of shard %1: %2.").arg(shardName(shardIds, int(i)), merr);
                return false;
            }
        }
        *out = acc.isUndefined() ? QJsonValue(QJsonObject()) : acc;
        return true;
    }
    if (name == u"histogram") {
        QList<double> edges;
        const QVariantList binsVar = params.value(QStringLiteral("bins")).toList();
        for (const QVariant &b : binsVar) {
            bool ok = false;
            const double d = b.toDouble(&ok);
            if (!ok || (!edges.isEmpty() && d <= edges.constLast())) {
                *error = Tr::tr("Reducer histogram: bins must be strictly ascending numbers.");
                return false;
            }
            edges.append(d);
        }
        if (edges.size() < 2) {
            *error = Tr::tr("Reducer histogram: bins needs at least two edges.");
            return false;
        }
        QList<double> nums;
        if (!numbers(name, itemsOf(outputs, field), shardIds, &nums, error))
            return false;
        QList<double> counts(edges.size() - 1, 0.0);
        double below = 0, above = 0;
        for (double d : std::as_const(nums)) {
            if (d < edges.constFirst()) {
                below += 1;
            } else if (d > edges.constLast()) {
                above += 1;
            } else {
                qsizetype i = std::upper_bound(edges.begin(), edges.end(), d) - edges.begin() - 1;
                i = std::min<qsizetype>(i, counts.size() - 1);   // the last bin includes its upper edge
                counts[i] += 1;
            }
        }
        QJsonArray e, c;
        for (double d : std::as_const(edges))
            e.append(d);
        for (double d : std::as_const(counts))
            c.append(d);
        *out = QJsonObject{{QStringLiteral("bins"), e}, {QStringLiteral("counts"), c}, {QStringLiteral("below"), below},
                           {QStringLiteral("above"), above}, {QStringLiteral("total"), double(nums.size())}};
        return true;
    }
    if (name == u"pass_at_k")
        return passAtKReduce(params, outputs, shardIds, out, error);
    *error = Tr::tr("Unknown built-in reducer \"%1\". Use one of concat, sum, count, mean, min, max, merge_counts, histogram, pass_at_k.").arg(name);
    return false;
}

namespace {

// The smallest item whose pick(field) is the same as item's: {} when the path is not there.
QJsonValue projectItem(const QJsonValue &item, const QString &field)
{
    QJsonValue kept = pick(item, field);
    if (kept.isUndefined())
        return QJsonObject();
    const QStringList keys = field.split(QLatin1Char('.'));
    for (auto it = keys.crbegin(); it != keys.crend(); ++it)
        kept = QJsonObject{{*it, kept}};
    return kept;
}

// An output cut down so that itemsOf() and pick() on it give what they give on the whole one.
QJsonValue projectOutput(const QJsonValue &output, const QString &field)
{
    if (!output.isArray())
        return projectItem(output, field);
    QJsonArray items;
    const QJsonArray all = output.toArray();
    for (const QJsonValue &v : all)
        items.append(projectItem(v, field));
    return items;
}

} // namespace

bool reducerProjectsField(const ReduceSpec &spec)
{
    static const QStringList byField = {QStringLiteral("count"), QStringLiteral("sum"), QStringLiteral("mean"),
                                        QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("histogram"),
                                        QStringLiteral("merge_counts")};
    return byField.contains(spec.builtin) && !spec.params.value(QStringLiteral("field")).toString().isEmpty();
}

bool loadReduceInputs(QList<ReduceInput> inputs, const ObjectLoader &load, QList<QJsonValue> *values, QString *error,
                      const QString &projectField)
{
    qint64 held = 0;
    std::sort(inputs.begin(), inputs.end(), [](const ReduceInput &a, const ReduceInput &b) { return a.index < b.index; });
    for (const ReduceInput &in : std::as_const(inputs)) {
        QString lerr;
        const std::optional<QByteArray> bytes = load(in.outputDigest, &lerr);
        if (!bytes) {
            *error = Tr::tr("Output of shard %1 cannot be read: %2").arg(in.shardId, lerr);
            return false;
        }
        if (sha256Hex(*bytes) != in.outputDigest) {
            *error = Tr::tr("Output of shard %1 does not match its digest %2.").arg(in.shardId, in.outputDigest.left(12));
            return false;
        }
        // A JSON document of any type: wrap it so scalars parse too.
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + *bytes + QByteArray("]"), &perr);
        if (perr.error != QJsonParseError::NoError || doc.array().size() != 1) {
            *error = Tr::tr("Output of shard %1 is not JSON: %2").arg(in.shardId, perr.errorString());
            return false;
        }
        if (!projectField.isEmpty()) {
            const QJsonValue kept = projectOutput(doc.array().at(0), projectField);
            held += canonicalJson(kept).size();
            if (held > runcontract::MaxRunOutputBytes) {
                *error = Tr::tr("The values of \"%1\" in the map outputs hold more than %2 MiB together; reduce reads at "
                                "most %2 MiB. Return smaller values from the map operator.")
                             .arg(projectField)
                             .arg(runcontract::MaxRunOutputBytes >> 20);
                return false;
            }
            values->append(kept);
        } else {
            values->append(doc.array().at(0));
        }
    }
    return true;
}

bool writeReduceInputsFile(QList<ReduceInput> inputs, const RunStore &store, const QString &path, QString *error)
{
    std::sort(inputs.begin(), inputs.end(), [](const ReduceInput &a, const ReduceInput &b) { return a.index < b.index; });
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = Tr::tr("Cannot write the reduce inputs to %1: %2").arg(path, out.errorString());
        return false;
    }
    const auto writeFailed = [&] {
        *error = Tr::tr("Cannot write the reduce inputs to %1: %2").arg(path, out.errorString());
        out.remove();
        return false;
    };
    if (out.write("[", 1) != 1)
        return writeFailed();
    QByteArray block(1 << 20, Qt::Uninitialized);
    bool first = true;
    for (const ReduceInput &in : std::as_const(inputs)) {
        if (!first && out.write(",", 1) != 1)
            return writeFailed();
        first = false;
        QFile object(store.objectPath(in.outputDigest));
        if (in.outputDigest.isEmpty() || !object.open(QIODevice::ReadOnly)) {
            *error = Tr::tr("Output of shard %1 cannot be read: artifact %2 is missing from the store.")
                         .arg(in.shardId, in.outputDigest.left(12));
            out.remove();
            return false;
        }
        // Copied in blocks and hashed on the way: the file holds what the digest names.
        Sha256 hash;
        for (;;) {
            const qint64 n = object.read(block.data(), block.size());
            if (n < 0) {
                *error = Tr::tr("Output of shard %1 cannot be read: %2").arg(in.shardId, object.errorString());
                out.remove();
                return false;
            }
            if (n == 0)
                break;
            hash.addData(QByteArrayView(block.constData(), n));
            if (out.write(block.constData(), n) != n)
                return writeFailed();
        }
        if (hash.hexResult() != in.outputDigest) {
            *error = Tr::tr("Output of shard %1 does not match its digest %2.").arg(in.shardId, in.outputDigest.left(12));
            out.remove();
            return false;
        }
    }
    if (out.write("]", 1) != 1 || !out.flush())
        return writeFailed();
    return true;
}

ReduceResult runBuiltinReduce(const ReduceSpec &spec, QList<ReduceInput> inputs, const ObjectLoader &load)
{
    ReduceResult r;
    std::sort(inputs.begin(), inputs.end(), [](const ReduceInput &a, const ReduceInput &b) { return a.index < b.index; });
    r.inputOrderDigest = reduceInputOrderDigest(inputs);
    QList<QJsonValue> values;
    const QString projectField = reducerProjectsField(spec) ? spec.params.value(QStringLiteral("field")).toString() : QString();
    if (!loadReduceInputs(inputs, load, &values, &r.error, projectField)) {
        r.errorClass = ErrorClass::BadOutput;
        return r;
    }
    QStringList ids;
    for (const ReduceInput &in : std::as_const(inputs))
        ids.append(in.shardId);
    QJsonValue out;
    if (!builtinReduce(spec.builtin, spec.params, values, &out, &r.error, ids)) {
        r.errorClass = ErrorClass::BadOutput;
        return r;
    }
    r.value = out;
    r.output = canonicalJson(out);
    r.outputDigest = sha256Hex(r.output);
    r.ok = true;
    return r;
}

// ---------------------------------------------------------------------------------------------

PythonReducer::PythonReducer(SandboxBackend *backend, const ReduceSpec &spec, const QString &workDir, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_spec(spec)
    , m_workDir(workDir)
{
}

void PythonReducer::start(const QString &runId, const QString &inputsFile, const QString &inputOrderDigest, int timeoutSec)
{
    m_result.inputOrderDigest = inputOrderDigest;
    QDir().mkpath(m_workDir);
    auto write = [this](const QString &name, const QByteArray &data) {
        QSaveFile f(QDir(m_workDir).filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit();
    };
    QFile runner(QStringLiteral(":/mrp/runner/runner.py"));
    if (!runner.open(QIODevice::ReadOnly)) {
        fail(ErrorClass::Infrastructure, Tr::tr("The runner stub is missing from this build."));
        return;
    }
    const QJsonObject manifest{{QStringLiteral("operator"), QStringLiteral("user_operator.py")},
                               {QStringLiteral("entrypoint"), m_spec.op.entrypoint.isEmpty() ? QStringLiteral("reduce") : m_spec.op.entrypoint},
                               {QStringLiteral("inputs"), QStringLiteral("inputs.json")},
                               {QStringLiteral("output"), QStringLiteral("output.json")}};
    if (!write(QStringLiteral("runner.py"), runner.readAll()) || !write(QStringLiteral("user_operator.py"), m_spec.op.code)
        || !write(QStringLiteral("manifest.json"), canonicalJson(manifest))) {
        fail(ErrorClass::Infrastructure, Tr::tr("Cannot write the reduce package into %1.").arg(m_workDir));
        return;
    }
    SandboxSpec spec;
    spec.runId = runId;
    spec.shardId = QStringLiteral("reduce");
    m_backend->create(spec).then(this, [this, timeoutSec, inputsFile](const Outcome<SandboxInfo> &c) {
        if (m_done) {
            if (c.ok())
                m_backend->destroy(c.value.id);
            return;
        }
        if (!c.ok()) {
            fail(c.error.cls, Tr::tr("Could not create the local sandbox for the reducer: %1").arg(c.error.message));
            return;
        }
        m_sandboxId = c.value.id;
        QList<UploadFile> files;
        for (const QString &n : {QStringLiteral("runner.py"), QStringLiteral("user_operator.py"), QStringLiteral("manifest.json")})
            files.append(UploadFile{QDir(m_workDir).filePath(n), n});
        files.append(UploadFile{inputsFile, QString(runcontract::InputsFile)});
        m_backend->upload(m_sandboxId, files).then(this, [this, timeoutSec](const SandboxError &u) {
            if (m_done)
                return;
            if (!u.ok()) {
                fail(u.cls, Tr::tr("Could not upload the reduce package: %1").arg(u.message));
                return;
            }
            ExecRequest req;
            req.argv = {QStringLiteral("python3"), QStringLiteral("-u"), QStringLiteral("-I"), QStringLiteral("-B"),
                        QStringLiteral("runner.py"), QStringLiteral("--reduce")};
            req.timeoutSec = timeoutSec;
            m_backend->exec(m_sandboxId, req).then(this, [this](const Outcome<ExecResult> &x) {
                if (m_done)
                    return;
                if (!x.ok()) {
                    fail(x.error.cls, Tr::tr("The reducer could not run: %1").arg(x.error.message));
                    return;
                }
                if (x.value.errorClass != ErrorClass::None || x.value.exitCode != 0) {
                    const QString last = QString::fromUtf8(x.value.stderrData).trimmed().section(QLatin1Char('\n'), -3);
                    fail(x.value.errorClass != ErrorClass::None ? x.value.errorClass
                         : x.value.exitCode == 3               ? ErrorClass::OperatorError
                         : x.value.exitCode == 4               ? ErrorClass::BadOutput
                                                               : ErrorClass::NonZeroExit,
                         Tr::tr("The reducer failed (exit %1): %2").arg(x.value.exitCode).arg(last));
                    return;
                }
                DownloadFile d;
                d.remotePath = QStringLiteral("output.json");
                d.localPath = QDir(m_workDir).filePath(QStringLiteral("reduced.json"));
                d.maxBytes = runcontract::MaxShardOutputBytes;   // stopped at the cap, never read beyond it
                m_backend->download(m_sandboxId, {d}).then(this, [this, d](const SandboxError &e) {
                    if (m_done)
                        return;
                    if (e.tooLarge) {
                        fail(ErrorClass::BadOutput, Tr::tr("The reducer's output was refused unread: a reducer may return at most %1 MiB.")
                                                        .arg(runcontract::MaxShardOutputBytes >> 20));
                        return;
                    }
                    if (!e.ok()) {
                        fail(e.cls, Tr::tr("Could not download the reducer's output: %1").arg(e.message));
                        return;
                    }
                    QFile f(d.localPath);
                    QJsonParseError perr;
                    const QByteArray bytes = f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + bytes + QByteArray("]"), &perr);
                    if (perr.error != QJsonParseError::NoError || doc.array().size() != 1) {
                        fail(ErrorClass::BadOutput, Tr::tr("The reducer's output is not JSON."));
                        return;
                    }
                    m_result.value = doc.array().at(0);
                    m_result.output = canonicalJson(m_result.value);
                    m_result.outputDigest = sha256Hex(m_result.output);
                    m_result.ok = true;
                    finish();
                });
            });
        });
    });
}

void PythonReducer::cancel()
{
    if (!m_sandboxId.isEmpty())
        m_backend->cancel(m_sandboxId);
    fail(ErrorClass::Cancelled, Tr::tr("Reduce cancelled."));
}

void PythonReducer::fail(ErrorClass cls, const QString &message)
{
    if (m_done)
        return;
    m_result.ok = false;
    m_result.errorClass = cls == ErrorClass::None ? ErrorClass::Infrastructure : cls;
    m_result.error = message;
    finish();
}

void PythonReducer::finish()
{
    if (m_done)
        return;
    m_done = true;
    auto done = [this] { QTimer::singleShot(0, this, &PythonReducer::finished); };
    if (m_sandboxId.isEmpty()) {
        done();
        return;
    }
    const QString id = m_sandboxId;
    m_sandboxId.clear();
    m_backend->destroy(id).then(this, [done](const SandboxError &) { done(); });
}

} // namespace mrp
