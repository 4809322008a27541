// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// `mrp compile JOB [--out DIR] [--json]`: compiles the job into DIR (default ./<job>.plan):
// ir.json, manifest.json, policy.json, plan.json and the shard payloads in DIR/shards.
// Exit: 0 compiled, 2 validation errors (or cannot write), 3 refused by policy, 130 cancelled.
#include "cli.h"

#include "job/compiler.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace mrp::cli {

void addCompileOptions(QCommandLineParser *parser);
bool compileOptionsFrom(const QCommandLineParser &parser, CompileOptions *opts);
int reportCompileResult(const CompileResult &r, const QString &jobPath, bool json, QJsonObject *jsonOut);
CompileResult compileWithProgress(const QString &jobPath, CompileOptions opts, bool json);

namespace {
// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::cli::compile)
};
} // namespace

int runCompile(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("Compile a job into a deterministic plan (IR, manifest, policy) and its shard payloads.\n"
                                            "Exit codes: 0 compiled, 2 validation error, 3 refused by policy, 130 cancelled."));
    parser.addHelpOption();
    addCompileOptions(&parser);
    parser.addOption({QStringLiteral("out"), Tr::tr("Where to write the plan (default: ./<job name>.plan)."), Tr::tr("dir")});
    parser.addPositionalArgument(QStringLiteral("JOB"), Tr::tr("The job file (YAML)."));
    if (const auto code = parseArguments(parser, args))
        return *code;
    if (parser.positionalArguments().size() != 1) {
        err() << Tr::tr("Usage: mrp compile JOB [--out DIR] [--json]\n");
        err().flush();
        return ExitUsage;
    }
    const QString job = parser.positionalArguments().first();
    const QString outDir = QDir(parser.isSet(QStringLiteral("out"))
                                    ? parser.value(QStringLiteral("out"))
                                    : QFileInfo(job).completeBaseName() + QStringLiteral(".plan"))
                               .absolutePath();
    CompileOptions opts;
    if (!compileOptionsFrom(parser, &opts))
        return ExitUsage;
    opts.shardDir = outDir + QStringLiteral("/shards");
    const bool json = parser.isSet(QStringLiteral("json"));
    const CompileResult r = compileWithProgress(job, opts, json);
    QJsonObject o;
    int code = reportCompileResult(r, job, json, &o);
    if (code == ExitOk) {
        QString error;
        if (!writePlanFiles(r.plan, outDir, &error)) {
            err() << Tr::tr("mrp compile: %1\n").arg(error);
            err().flush();
            code = ExitUsage;
            o.insert(QStringLiteral("ok"), false);
            o.insert(QStringLiteral("exit_code"), code);
            o.insert(QStringLiteral("error"), error);
        } else {
            o.insert(QStringLiteral("out"), outDir);
            if (!json) {
                out() << Tr::tr("wrote %1\n").arg(QDir::toNativeSeparators(outDir));
                out().flush();
            }
        }
    }
    if (json) {
        out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        out().flush();
    }
    return code;
}

} // namespace mrp::cli
