// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp diff RUN_A RUN_B [--json] [--data-dir DIR]`: what changed between two runs — the job,
// the code (map/reduce operators), the data (dataset manifest entries, shard payloads), the
// parameters (policy, reduce, produce, backend/profile) — and which shard outputs differ.
// Exit 0 (the comparison itself succeeded), 2 usage, 4 store errors.
#include "cli.h"

#include "job/compiler.h"
#include "runcommands.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mrp::cli {


namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::diff)
};

QJsonObject change(const QString &area, const QString &what, const QJsonValue &a, const QJsonValue &b)
{
    return QJsonObject{{QStringLiteral("area"), area}, {QStringLiteral("what"), what}, {QStringLiteral("a"), a}, {QStringLiteral("b"), b}};
}

QString text(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double:   // 60, 1.5: as written in the job
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("(none)");
}

void diffObjects(const QString &area, const QString &prefix, const QJsonObject &a, const QJsonObject &b, QJsonArray *out)
{
    QStringList keys = a.keys();
    for (const QString &k : b.keys())
        if (!keys.contains(k))
            keys.append(k);
    std::sort(keys.begin(), keys.end());
    for (const QString &k : std::as_const(keys)) {
        const QJsonValue va = a.value(k), vb = b.value(k);
        if (va == vb)
            continue;
        if (va.isObject() && vb.isObject())
            diffObjects(area, prefix + k + QLatin1Char('.'), va.toObject(), vb.toObject(), out);
        else
            out->append(change(area, prefix + k, va, vb));
    }
}

} // namespace

int runDiff(const QStringList &args)
{
    quietLogging();
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Compare two runs: what changed in the job, code, data and parameters, and which\n"
                                            "shard outputs differ."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the comparison as JSON.")});
    addDataDirOption(&parser);
    parser.addPositionalArgument(QStringLiteral("RUN_A"), Tr::tr("The first run."));
    parser.addPositionalArgument(QStringLiteral("RUN_B"), Tr::tr("The second run."));
    if (const int rc = parseRunCommand(parser, args, 2, Tr::tr("Usage: mrp diff RUN_A RUN_B [--json]")); rc >= 0)
        return rc;
    std::unique_ptr<RunStore> store;
    if (!openRunStore(parser, &store))
        return ExitInfrastructure;
    const QString idA = resolveRun(*store, parser.positionalArguments().at(0));
    const QString idB = resolveRun(*store, parser.positionalArguments().at(1));
    if (idA.isEmpty() || idB.isEmpty())
        return ExitUsage;
    QString error;
    const auto a = store->loadRun(idA, &error);
    const auto b = a ? store->loadRun(idB, &error) : std::nullopt;
    if (!a || !b) {
        err() << error << u'\n';
        err().flush();
        return ExitInfrastructure;
    }
    auto loadPlan = [&store](const QString &id, Plan *p) {
        QString e;
        return readPlanFile(QDir(store->runDir(id)).filePath(QStringLiteral("plan")), QDir(store->runDir(id)).filePath(QStringLiteral("shards")), p, &e);
    };
    Plan pa, pb;
    const bool plans = loadPlan(idA, &pa) && loadPlan(idB, &pb);

    QJsonArray changes;
    if (a->jobDigest != b->jobDigest)
        changes.append(change(QStringLiteral("job"), QStringLiteral("job file"), a->jobDigest, b->jobDigest));
    if (a->mapCodeDigest != b->mapCodeDigest)
        changes.append(change(QStringLiteral("code"), QStringLiteral("map operator"), a->mapCodeDigest, b->mapCodeDigest));
    if (a->backend != b->backend)
        changes.append(change(QStringLiteral("params"), QStringLiteral("execution_backend"), a->backend, b->backend));
    if (a->profileName != b->profileName || a->profileVersion != b->profileVersion)
        changes.append(change(QStringLiteral("params"), QStringLiteral("profile"), QString(a->profileName + QLatin1Char('@') + a->profileVersion),
                              QString(b->profileName + QLatin1Char('@') + b->profileVersion)));
    if (plans) {
        QMap<QString, ManifestEntry> ma, mb;
        for (const ManifestEntry &m : pa.manifest)
            ma.insert(m.role + QLatin1Char(':') + m.path, m);
        for (const ManifestEntry &m : pb.manifest)
            mb.insert(m.role + QLatin1Char(':') + m.path, m);
        QStringList keys = ma.keys();
        for (const QString &k : mb.keys())
            if (!keys.contains(k))
                keys.append(k);
        std::sort(keys.begin(), keys.end());
        for (const QString &k : std::as_const(keys)) {
            const QString sa = ma.value(k).sha256, sb = mb.value(k).sha256;
            if (sa == sb)
                continue;
            const QString role = k.section(QLatin1Char(':'), 0, 0);
            const QString area = role == u"dataset" ? QStringLiteral("data")
                               : (role == u"operator" || role == u"reducer") ? QStringLiteral("code")
                               : role == u"job" ? QStringLiteral("job") : QStringLiteral("params");
            changes.append(change(area, k, sa.isEmpty() ? QJsonValue() : QJsonValue(sa), sb.isEmpty() ? QJsonValue() : QJsonValue(sb)));
        }
        diffObjects(QStringLiteral("params"), QStringLiteral("policy."), pa.policyJson(), pb.policyJson(), &changes);
        const QJsonObject ia = pa.irJson(), ib = pb.irJson();
        diffObjects(QStringLiteral("params"), QStringLiteral("dataset."), ia.value(QStringLiteral("dataset")).toObject(),
                    ib.value(QStringLiteral("dataset")).toObject(), &changes);
        diffObjects(QStringLiteral("params"), QStringLiteral("reduce."), ia.value(QStringLiteral("reduce")).toObject(),
                    ib.value(QStringLiteral("reduce")).toObject(), &changes);
        if (ia.value(QStringLiteral("produce")) != ib.value(QStringLiteral("produce")))
            changes.append(change(QStringLiteral("params"), QStringLiteral("produce"), ia.value(QStringLiteral("produce")),
                                  ib.value(QStringLiteral("produce"))));
    }
    // Shards, matched by index.
    QJsonArray shardDiffs;
    int inputsChanged = 0, outputsChanged = 0, same = 0;
    const qsizetype n = std::max(a->shards.size(), b->shards.size());
    for (qsizetype i = 0; i < n; ++i) {
        const ShardRecord sa = i < a->shards.size() ? a->shards[i] : ShardRecord{};
        const ShardRecord sb = i < b->shards.size() ? b->shards[i] : ShardRecord{};
        const bool inputDiff = sa.shardDigest != sb.shardDigest;
        const bool outputDiff = sa.outputDigest != sb.outputDigest;
        inputsChanged += inputDiff ? 1 : 0;
        outputsChanged += outputDiff ? 1 : 0;
        same += !inputDiff && !outputDiff ? 1 : 0;
        if (inputDiff || outputDiff)
            shardDiffs.append(QJsonObject{{QStringLiteral("index"), int(i)},
                                          {QStringLiteral("shard_id"), sa.shardId.isEmpty() ? sb.shardId : sa.shardId},
                                          {QStringLiteral("input_changed"), inputDiff},
                                          {QStringLiteral("output_a"), sa.outputDigest},
                                          {QStringLiteral("output_b"), sb.outputDigest},
                                          {QStringLiteral("state_a"), shardStateName(sa.state)},
                                          {QStringLiteral("state_b"), shardStateName(sb.state)}});
    }
    const bool reduceSame = a->reduceOutputDigest == b->reduceOutputDigest;
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("a"), idA}, {QStringLiteral("b"), idB},
                                           {QStringLiteral("changes"), changes},
                                           {QStringLiteral("shards"), QJsonObject{{QStringLiteral("same"), same},
                                                                                  {QStringLiteral("inputs_changed"), inputsChanged},
                                                                                  {QStringLiteral("outputs_changed"), outputsChanged},
                                                                                  {QStringLiteral("differing"), shardDiffs}}},
                                           {QStringLiteral("reduce_output_same"), reduceSame}})
                     .toJson(QJsonDocument::Indented);
        out().flush();
        return ExitOk;
    }
    out() << Tr::tr("Comparing %1 (a) with %2 (b)\n").arg(idA, idB);
    if (changes.isEmpty())
        out() << Tr::tr("  job, code, data and parameters: unchanged\n");
    for (const QJsonValue &v : std::as_const(changes)) {
        const QJsonObject c = v.toObject();
        out() << QStringLiteral("  %1 %2: %3 -> %4\n")
                     .arg(c.value(QStringLiteral("area")).toString().leftJustified(7), c.value(QStringLiteral("what")).toString(),
                          text(c.value(QStringLiteral("a"))).left(40), text(c.value(QStringLiteral("b"))).left(40));
    }
    out() << Tr::tr("  shards: %1 identical, %2 with changed input, %3 with a different output\n").arg(same).arg(inputsChanged).arg(outputsChanged);
    for (const QJsonValue &v : std::as_const(shardDiffs)) {
        const QJsonObject s = v.toObject();
        out() << QStringLiteral("    %1%2  %3 -> %4\n")
                     .arg(s.value(QStringLiteral("shard_id")).toString(),
                          s.value(QStringLiteral("input_changed")).toBool() ? QStringLiteral(" (input changed)") : QString(),
                          s.value(QStringLiteral("output_a")).toString().left(16), s.value(QStringLiteral("output_b")).toString().left(16));
    }
    out() << (reduceSame ? Tr::tr("  reduce output: identical\n") : Tr::tr("  reduce output: different\n"));
    out().flush();
    return ExitOk;
}

} // namespace mrp::cli
