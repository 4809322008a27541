// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp replay RUN [--json] [--data-dir DIR]`: recomputes reduce and produce from the stored map
// outputs and checks that every digest is byte-identical to the run record's
// (reduce_input_order_digest, reduce_output_digest, each produced file). Exit 0 identical,
// 1 different, 2 usage, 4 the store or the plan cannot be read.
#include "cli.h"

#include "data/digest.h"
#include "data/inputfile.h"
#include "job/compiler.h"
#include "local/localbackend.h"
#include "run/producer.h"
#include "run/reducer.h"
#include "runcommands.h"
#include "store/runstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

namespace mrp::cli {


namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::replay)
};
} // namespace

int runReplay(const QStringList &args)
{
    quietLogging();
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Recompute reduce and produce from a run's stored map outputs and check that\n"
                                            "every digest is byte-identical to its run record. Exit 0 identical, 1 different."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), Tr::tr("Print the checks as JSON.")});
    parser.addOption({QStringLiteral("allow-unisolated"),
                      Tr::tr("Run a Python reducer even where the local sandbox cannot isolate it (no bubblewrap, macOS, "
                             "Windows): it can then read your files and use the network.")});
    addDataDirOption(&parser);
    parser.addPositionalArgument(QStringLiteral("RUN"), Tr::tr("Run id (or a unique prefix)."));
    if (const int rc = parseRunCommand(parser, args, 1, Tr::tr("Usage: mrp replay RUN [--json]")); rc >= 0)
        return rc;
    std::unique_ptr<RunStore> store;
    int exitCode = ExitOk;
    const auto rec = loadNamedRun(parser, &store, &exitCode);
    if (!rec)
        return exitCode;
    const QString id = rec->runId;
    QString error;
    if (rec->reduceOutputDigest.isEmpty()) {
        err() << Tr::tr("mrp replay: run %1 has no reduce output to check (status %2). Only finished runs can be replayed.\n")
                     .arg(id, rec->status);
        err().flush();
        return ExitShardsFailed;
    }
    Plan plan;
    if (!readPlanFile(QDir(store->runDir(id)).filePath(QStringLiteral("plan")), QDir(store->runDir(id)).filePath(QStringLiteral("shards")),
                      &plan, &error)) {
        err() << Tr::tr("mrp replay: cannot read the plan of run %1: %2\n").arg(id, error);
        err().flush();
        return ExitInfrastructure;
    }
    QList<ReduceInput> inputs;
    for (const ShardRecord &s : rec->shards)
        inputs.append(ReduceInput{s.index, s.shardId, s.outputDigest});
    const ObjectLoader load = [&store](const QString &sha, QString *e) { return store->readObject(sha, e); };

    ReduceResult r;
    if (!plan.reduce.builtin.isEmpty()) {
        r = runBuiltinReduce(plan.reduce, inputs, load);
    } else {
        r.inputOrderDigest = reduceInputOrderDigest(inputs);
        QTemporaryDir work;
        const QString inputsFile = work.filePath(QStringLiteral("inputs.json"));
        if (!writeReduceInputsFile(inputs, *store, inputsFile, &r.error)) {
            r.ok = false;
        } else {
            LocalBackend::Options lo;
            lo.allowUnisolated = parser.isSet(QStringLiteral("allow-unisolated"));
            LocalBackend backend(lo);
            PythonReducer reducer(&backend, plan.reduce, work.path());
            QObject::connect(&reducer, &PythonReducer::finished, qApp, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
            reducer.start(id, inputsFile, r.inputOrderDigest, plan.policy.shardTimeoutS);
            QCoreApplication::exec();
            r = reducer.result();
        }
    }
    QJsonArray checks;
    bool same = true;
    auto check = [&](const QString &what, const QString &recorded, const QString &now) {
        const bool eq = !recorded.isEmpty() && recorded == now;
        same = same && eq;
        checks.append(QJsonObject{{QStringLiteral("what"), what}, {QStringLiteral("recorded"), recorded},
                                  {QStringLiteral("replayed"), now}, {QStringLiteral("identical"), eq}});
    };
    check(QStringLiteral("reduce_input_order_digest"), rec->reduceInputOrderDigest, r.inputOrderDigest);
    if (!r.ok) {
        same = false;
        checks.append(QJsonObject{{QStringLiteral("what"), QStringLiteral("reduce")}, {QStringLiteral("error"), r.error},
                                  {QStringLiteral("identical"), false}});
    } else {
        check(QStringLiteral("reduce_output_digest"), rec->reduceOutputDigest, r.outputDigest);
        const ProduceResult pr = Producer::produce(plan.produce, r.value, store->outputDir(id), false);
        if (!pr.ok) {
            same = false;
            checks.append(QJsonObject{{QStringLiteral("what"), QStringLiteral("produce")}, {QStringLiteral("error"), pr.error},
                                      {QStringLiteral("identical"), false}});
        }
        for (const ProducedFile &f : pr.files) {
            QString recorded;
            for (const ProducedFile &g : rec->produce)
                if (g.path == f.path)
                    recorded = g.sha256;
            check(QStringLiteral("produce:") + f.path, recorded, f.sha256);
        }
        if (pr.files.size() != rec->produce.size())
            same = false;
    }
    // The files in output/ now, against the digests the run recorded for them.
    for (const ProducedFile &g : rec->produce) {
        QString abs;
        QString problem;
        QString onDisk;
        if (Producer::resolveInside(store->outputDir(id), g.path, &abs, &problem)) {
            problem = checkRegularFile(abs);
            if (problem.isEmpty())
                onDisk = sha256FileHex(abs, &problem);
        }
        if (onDisk.isEmpty()) {
            same = false;
            checks.append(QJsonObject{{QStringLiteral("what"), QString(QStringLiteral("output:") + g.path)}, {QStringLiteral("error"), problem},
                                      {QStringLiteral("identical"), false}});
        } else {
            check(QStringLiteral("output:") + g.path, g.sha256, onDisk);
        }
    }
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("run_id"), id}, {QStringLiteral("identical"), same},
                                           {QStringLiteral("checks"), checks}})
                     .toJson(QJsonDocument::Indented);
    } else {
        for (const QJsonValue &v : std::as_const(checks)) {
            const QJsonObject c = v.toObject();
            const bool eq = c.value(QStringLiteral("identical")).toBool();
            out() << (eq ? QStringLiteral("  same      ") : QStringLiteral("  DIFFERENT ")) << c.value(QStringLiteral("what")).toString();
            if (c.contains(QStringLiteral("error")))
                out() << QStringLiteral(": ") << c.value(QStringLiteral("error")).toString();
            else
                out() << QStringLiteral("  ") << c.value(QStringLiteral("replayed")).toString().left(16)
                      << (eq ? QString() : QStringLiteral(" (recorded %1)").arg(c.value(QStringLiteral("recorded")).toString().left(16)));
            out() << u'\n';
        }
        out() << (same ? Tr::tr("Replay of %1: byte-identical.\n").arg(id) : Tr::tr("Replay of %1: DIFFERENT from the record.\n").arg(id));
    }
    out().flush();
    return same ? ExitOk : ExitShardsFailed;
}

} // namespace mrp::cli
