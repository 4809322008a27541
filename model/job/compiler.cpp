// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/compiler.h"

#include "data/canonicaljson.h"
#include "data/dataset.h"
#include "data/digest.h"
#include "data/inputfile.h"
#include "job/jobloader.h"
#include "job/operatorscan.h"
#include "job/profileloader.h"
#include "job/pythonsyntax.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>

Q_LOGGING_CATEGORY(lcCompiler, "mrp.model.compiler", QtWarningMsg)

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::Compiler)
};

constexpr qint64 MaxOperatorBytes = 4 << 20;

class Compiler
{
public:
    Compiler(const JobSpec &job, const CompileOptions &opts, CompileResult *r)
        : m_job(job)
        , m_opts(opts)
        , m_r(r)
        , m_plan(r->plan)
    {
    }

    void run();

private:
    Diagnostic at(const QString &key, const QString &message, const QString &hint = {},
                  Diagnostic::Category category = Diagnostic::Category::Validation) const
    {
        QString k = key;
        SourcePos p = m_job.pos(k);
        while (p.line == 0 && k.contains(u'.')) {   // fall back to the enclosing key
            k = k.section(u'.', 0, -2);
            p = m_job.pos(k);
        }
        Diagnostic d = Diagnostic::error(m_job.path, p.line, p.column, key, message, hint);
        d.category = category;
        return d;
    }
    void error(const QString &key, const QString &message, const QString &hint = {})
    {
        m_r->diagnostics.append(at(key, message, hint));
    }
    void refuse(const QString &key, const QString &message, const QString &hint = {})
    {
        m_r->diagnostics.append(at(key, message, hint, Diagnostic::Category::Policy));
    }
    bool withinReach(const QString &path, const QString &key);
    bool readOperator(const JobOperator &in, const QString &key, const QString &role, OperatorSpec *out);
    bool makeProgramOperator(OperatorSpec *out);
    void scanOperator(const OperatorSpec &op, const QString &key, bool purity);
    void mergePolicy();
    void checkProgram();
    void shard();

    const JobSpec &m_job;
    const CompileOptions &m_opts;
    CompileResult *m_r;
    Plan &m_plan;
};

// A job's reach is its folder (docs/job-format.md, "What a job may read"): a generated job file
// must not be able to ship the user's files to a sandbox by naming them.
bool Compiler::withinReach(const QString &path, const QString &key)
{
    const QString canonical = canonicalPath(path);
    if (canonical.isEmpty())
        return true;   // missing, or a pipe with no path: refused where it is read
    if (pathWithinRoots(path, QStringList{m_job.baseDir} + m_opts.allowedPaths))
        return true;
    refuse(key,
           canonical == QFileInfo(path).absoluteFilePath()
               ? Tr::tr("%1 lies outside the job's folder %2").arg(path, m_job.baseDir)
               : Tr::tr("%1 leads to %2, outside the job's folder %3").arg(path, canonical, m_job.baseDir),
           Tr::tr("A job reads only files in its own folder. Move the file there, or allow its folder with "
                  "'--allow-path FOLDER' (recorded in the plan)."));
    return false;
}

bool Compiler::readOperator(const JobOperator &in, const QString &key, const QString &role, OperatorSpec *out)
{
    out->language = in.language;
    out->entrypoint = in.entrypoint;
    if (in.operatorPath.isEmpty()) {
        out->code = in.code;
    } else {
        if (!withinReach(in.resolvedPath, key + QStringLiteral(".operator")))
            return false;
        QString problem;
        if (!readRegularFile(in.resolvedPath, MaxOperatorBytes, &out->code, &problem)) {
            error(key + QStringLiteral(".operator"), Tr::tr("cannot read the operator: %1").arg(problem),
                  Tr::tr("Name a Python file of at most 4 MiB; the path is relative to the job file's folder."));
            return false;
        }
        out->sourcePath = in.resolvedPath;
        m_plan.manifest.append(ManifestEntry{role, relativePath(m_job.baseDir, in.resolvedPath), sha256Hex(out->code),
                                             out->code.size()});
    }
    out->codeDigest = sha256Hex(out->code);
    const bool inlineCode = in.operatorPath.isEmpty();
    const QString codeKey = key + (inlineCode ? QStringLiteral(".code") : QStringLiteral(".operator"));
    // Positions inside the code: in the operator file, or below 'code:' in the job file.
    const auto inCode = [&](int line, int column, const QString &message, const QString &hint) {
        const SourcePos codePos = m_job.pos(codeKey);
        m_r->diagnostics.append(Diagnostic::error(inlineCode ? m_job.path : out->sourcePath,
                                                  inlineCode ? codePos.line + line : line, inlineCode ? 0 : column, codeKey,
                                                  message, hint));
    };
    if (!inlineCode && out->code.trimmed().isEmpty()) {
        error(codeKey, Tr::tr("the operator file %1 is empty").arg(in.resolvedPath),
              Tr::tr("Write the function '%1' in it, or point %2 at the file that has it.").arg(out->entrypoint, codeKey));
        return false;
    }
    EncodingProblem bad;
    if (findEncodingProblem(out->code, &bad)) {
        inCode(bad.line, bad.column,
               bad.nul ? Tr::tr("the operator holds a NUL byte: it is not Python source")
                       : Tr::tr("the operator is not UTF-8 text"),
               Tr::tr("Save the operator as UTF-8 Python source; a binary or differently encoded file cannot run."));
        return false;
    }
    if (out->language.isEmpty() || out->language == u"python") {
        if (const auto syntax = checkPythonSyntax(out->code, inlineCode ? m_job.path : out->sourcePath)) {
            inCode(syntax->line, syntax->column, Tr::tr("Python syntax error: %1").arg(syntax->message),
                   Tr::tr("Fix the code here; the local Python interpreter compiled it (without running it) and stopped at this point."));
            return false;
        }
    }
    if (!definesFunction(out->code, out->entrypoint)) {
        error(key + (in.operatorPath.isEmpty() ? QStringLiteral(".code") : QStringLiteral(".operator")),
              Tr::tr("the operator defines no top-level function '%1'").arg(out->entrypoint),
              Tr::tr("Add 'def %1(...)' or set '%2.entrypoint' to the function to call.").arg(out->entrypoint, key));
        return false;
    }
    return true;
}

// The built-in map mode: the product's program runner with the job's settings appended as one
// line `PROGRAM_JSON = "<canonical JSON>"` (a JSON string is a valid Python string literal).
bool Compiler::makeProgramOperator(OperatorSpec *out)
{
    const JobProgram &g = m_job.program;
    QFile f(QStringLiteral(":/mrp/runner/program.py"));
    if (!f.open(QIODevice::ReadOnly)) {
        error(QStringLiteral("map.program"), Tr::tr("the program runner (:/mrp/runner/program.py) is missing from this build"),
              Tr::tr("Rebuild or reinstall MRP Workbench."));
        return false;
    }
    const QByteArray runner = f.readAll();
    QVariantMap params{{QStringLiteral("template"), g.tmpl},
                       {QStringLiteral("timeout_s"), g.timeoutS},
                       {QStringLiteral("memory_mib"), g.memoryMib},
                       {QStringLiteral("max_processes"), g.maxProcesses},
                       {QStringLiteral("output_cap_kib"), g.outputCapKib},
                       {QStringLiteral("keep"), g.keep}};
    const QByteArray settings = canonicalJson(QJsonValue(QString::fromUtf8(canonicalJson(QJsonObject::fromVariantMap(params)))));
    out->language = m_job.map.language;
    out->entrypoint = QStringLiteral("map_shard");
    out->builtin = QStringLiteral("program");
    out->params = params;
    out->code = runner + "\nPROGRAM_JSON = " + settings + '\n';
    out->codeDigest = sha256Hex(out->code);
    m_plan.manifest.append(ManifestEntry{QStringLiteral("operator"), QStringLiteral("builtin:program.py"), sha256Hex(runner),
                                         runner.size()});
    return true;
}

void Compiler::scanOperator(const OperatorSpec &op, const QString &key, bool purity)
{
    // Findings point into the operator file, or into the job file for inline code.
    const bool inlineCode = op.sourcePath.isEmpty();
    const SourcePos codePos = m_job.pos(key + QStringLiteral(".code"));
    const auto report = [&](const OperatorFinding &f, const QString &message, const QString &hint) {
        Diagnostic d = Diagnostic::error(inlineCode ? m_job.path : op.sourcePath,
                                         inlineCode ? codePos.line + f.line : f.line,
                                         inlineCode ? 0 : f.column, key, message, hint);
        d.category = Diagnostic::Category::Policy;
        m_r->diagnostics.append(d);
    };
    const OperatorPolicy &policy = m_plan.profile.operatorPolicy;
    if (policy.enabled) {
        for (const OperatorFinding &f : scanOperatorPolicy(op.code, policy)) {
            switch (f.kind) {
            case OperatorFinding::Kind::BlockedImport:
                report(f, Tr::tr("the operator imports '%1', which the '%2' profile blocks").arg(f.name, m_plan.profile.name),
                       Tr::tr("Remove the import, or run on a profile whose operator_policy allows it."));
                break;
            case OperatorFinding::Kind::ImportNotAllowed:
                report(f, Tr::tr("the operator imports '%1', which is not in the '%2' profile's allowed_imports").arg(f.name, m_plan.profile.name),
                       Tr::tr("Use only allowed modules, or add it to operator_policy.allowed_imports in a user profile."));
                break;
            case OperatorFinding::Kind::BlockedCall:
                report(f, Tr::tr("the operator calls '%1', which the '%2' profile blocks").arg(f.name, m_plan.profile.name),
                       Tr::tr("Rewrite the operator without it, or use a profile whose operator_policy allows it."));
                break;
            case OperatorFinding::Kind::FileWrite:
                break;
            }
        }
    }
    if (purity) {
        for (const OperatorFinding &f : scanOperatorWrites(op.code)) {
            report(f, Tr::tr("the map operator writes files ('%1'): a cloud_sandbox map must be pure").arg(f.name),
                   Tr::tr("Return the data from map_shard instead; files are written by the 'produce:' steps."));
        }
    }
}

void Compiler::mergePolicy()
{
    const ProfileSpec &prof = m_plan.profile;
    PolicySpec &pol = m_plan.policy;
    const JobPolicy &jp = m_job.policy;
    pol.maxConcurrencyMap = m_opts.concurrencyOverride > 0 ? m_opts.concurrencyOverride
                                                           : jp.maxConcurrencyMap.value_or(prof.maxConcurrency);
    pol.shardTimeoutS = jp.shardTimeoutS.value_or(prof.timeouts.exec);
    m_plan.profile.timeouts.exec = pol.shardTimeoutS;
    pol.maxRetries = jp.maxRetries.value_or(prof.maxRetries);
    pol.network = jp.network;
    pol.egressAllowlist = jp.network == u"allowlist" ? jp.egressAllowlist : QStringList();
    pol.maxCostUsd = jp.maxCostUsd.value_or(prof.maxCostUsd);
    pol.maxSandboxSeconds = jp.maxSandboxSeconds.value_or(-1);
    pol.onBadRecord = m_job.dataset.onBadRecord;

    ResourceSpec &res = m_plan.resources;
    res = prof.resources;
    if (m_job.resources.cpu)
        res.cpu = *m_job.resources.cpu;
    if (m_job.resources.memoryGib)
        res.memoryGib = *m_job.resources.memoryGib;
    if (m_job.resources.diskGib)
        res.diskGib = *m_job.resources.diskGib;
    const SandboxSecurityProfile &sec = prof.security;
    const QString limitHint = Tr::tr("Lower it, or use a profile whose security limits allow more.");
    if (res.cpu > sec.maxCpu)
        refuse(QStringLiteral("map.resources.cpu"), Tr::tr("%1 CPUs exceed the sandbox limit of %2").arg(res.cpu).arg(sec.maxCpu), limitHint);
    if (res.memoryGib > sec.maxMemoryGib)
        refuse(QStringLiteral("map.resources.memory_gib"),
               Tr::tr("%1 GiB of memory exceed the sandbox limit of %2 GiB").arg(res.memoryGib).arg(sec.maxMemoryGib), limitHint);
    if (res.diskGib > sec.maxDiskGib)
        refuse(QStringLiteral("map.resources.disk_gib"),
               Tr::tr("%1 GiB of disk exceed the sandbox limit of %2 GiB").arg(res.diskGib).arg(sec.maxDiskGib), limitHint);

    if (pol.network == u"allowlist") {
        if (!sec.network)
            refuse(QStringLiteral("policy.network"),
                   Tr::tr("the job asks for network access, but the '%1' profile's sandbox security profile (%2) allows none")
                       .arg(prof.name, sec.version),
                   Tr::tr("Set 'network: none', or use a profile with 'security: { network: true }'."));
        if (pol.egressAllowlist.isEmpty())
            refuse(QStringLiteral("policy.egress_allowlist"), Tr::tr("network is 'allowlist' but the allowlist is empty"),
                   Tr::tr("List the hosts the operator may reach, or set 'network: none'."));
        if (!prof.egressAllowlist.isEmpty()) {
            for (const QString &e : std::as_const(pol.egressAllowlist)) {
                if (!prof.egressAllowlist.contains(e))
                    refuse(QStringLiteral("policy.egress_allowlist"),
                           Tr::tr("'%1' is not in the '%2' profile's egress allowlist (%3)").arg(e, prof.name, prof.egressAllowlistVersion),
                           Tr::tr("Use only hosts from the profile's allowlist, or extend it in a user profile."));
            }
        }
    }
}

void Compiler::checkProgram()
{
    const JobProgram &g = m_job.program;
    const SandboxSecurityProfile &sec = m_plan.profile.security;
    if (g.maxProcesses > sec.maxProcesses)
        refuse(QStringLiteral("map.program.max_processes"),
               Tr::tr("%1 processes exceed the sandbox limit of %2").arg(g.maxProcesses).arg(sec.maxProcesses),
               Tr::tr("Lower it, or use a profile whose security limits allow more."));
    if (double(g.memoryMib) > m_plan.resources.memoryGib * 1024.0)
        error(QStringLiteral("map.program.memory_mib"),
              Tr::tr("a program may use %1 MiB, more than its sandbox has (%2 GiB)").arg(g.memoryMib).arg(m_plan.resources.memoryGib),
              Tr::tr("Lower memory_mib, or raise map.resources.memory_gib."));
    if (m_job.reduce.builtin == u"pass_at_k") {
        const QString group = m_job.reduce.params.value(QStringLiteral("group_by")).toString();
        if (!group.isEmpty() && !g.keep.contains(group))
            error(QStringLiteral("reduce.group_by"),
                  Tr::tr("pass_at_k groups by '%1', but the program results do not carry it").arg(group),
                  Tr::tr("Add it to 'map.program.keep', e.g. 'keep: [%1]'.").arg(group));
    }
    const double worst = g.timeoutS * m_job.dataset.shardSize;
    if (worst > m_plan.policy.shardTimeoutS) {
        Diagnostic d = at(QStringLiteral("map.program.timeout_s"),
                          Tr::tr("a shard of %1 records may run for %2 s when every program times out, but a shard attempt may take %3 s")
                              .arg(m_job.dataset.shardSize).arg(worst).arg(m_plan.policy.shardTimeoutS),
                          Tr::tr("Raise policy.shard_timeout_s or lower dataset.shard_size."));
        d.severity = Diagnostic::Severity::Warning;
        m_r->diagnostics.append(d);
    }
}

void Compiler::shard()
{
    ShardingOptions so;
    so.format = m_job.dataset.format;
    so.shardSize = m_job.dataset.shardSize;
    so.skipBadRecords = m_job.dataset.onBadRecord == u"skip";
    so.shardDir = m_opts.shardDir;
    so.baseDir = m_job.baseDir;
    so.progress = m_opts.progress;
    if (so.progress && so.progress->isCancelled()) {
        m_r->cancelled = true;
        return;
    }
    if (!withinReach(m_job.dataset.resolvedPath, QStringLiteral("dataset.path")))
        return;
    const ShardingResult sr = shardDataset(m_job.dataset.resolvedPath, so);
    if (sr.cancelled) {
        m_r->cancelled = true;
        return;
    }
    for (Diagnostic d : sr.diagnostics) {
        // File-level dataset problems point at the job's dataset keys.
        if (d.line == 0 && d.key.startsWith(QStringLiteral("dataset"))) {
            const Diagnostic j = at(d.key, d.message, d.hint);
            if (d.file != m_job.dataset.resolvedPath && !d.file.isEmpty())
                d.message = d.message + QStringLiteral(" (") + d.file + u')';
            d.file = j.file;
            d.line = j.line;
            d.column = j.column;
        }
        m_r->diagnostics.append(d);
    }
    m_plan.datasetFormat = sr.format;
    m_plan.datasetPath = relativePath(m_job.baseDir, m_job.dataset.resolvedPath);
    m_plan.shardSize = sr.format == u"shards" ? 0 : m_job.dataset.shardSize;
    m_plan.recordCount = sr.records;
    m_plan.shards = sr.shards;
    m_plan.skipped = sr.skipped;
    m_plan.manifest += sr.inputs;
}

void Compiler::run()
{
    m_plan.jobPath = m_job.path;
    m_plan.jobName = m_job.name;
    QString err;
    qint64 jobBytes = 0;
    m_plan.jobDigest = sha256FileHex(m_job.path, &err, &jobBytes);
    m_plan.manifest.append(ManifestEntry{QStringLiteral("job"), QFileInfo(m_job.path).fileName(), m_plan.jobDigest, jobBytes});

    const QString backend = m_opts.backendOverride.isEmpty() ? m_job.executionBackend : m_opts.backendOverride;
    if (backend != u"local" && backend != u"cloud_sandbox") {
        error(QStringLiteral("execution_backend"), Tr::tr("unknown backend '%1'").arg(backend), Tr::tr("Use local or cloud_sandbox."));
        return;
    }
    m_plan.backend = backend;
    const bool cloud = backend == u"cloud_sandbox";
    const QString profileName = !m_opts.profileOverride.isEmpty() ? m_opts.profileOverride
        : !m_job.backendProfile.isEmpty()                         ? m_job.backendProfile
        : cloud                                                   ? QStringLiteral("daytona")
                                                                  : QStringLiteral("local");
    const ProfileLoadResult pr = loadProfile(profileName, m_opts.profileSearchPaths);
    for (Diagnostic d : pr.diagnostics) {
        if (d.file.isEmpty()) {
            const Diagnostic j = at(QStringLiteral("backend_profile"), d.message, d.hint);
            d.file = j.file;
            d.line = j.line;
            d.column = j.column;
        }
        m_r->diagnostics.append(d);
    }
    if (!pr.ok())
        return;
    m_plan.profile = pr.profile;
    for (const QString &file : pr.files) {
        QByteArray bytes;
        QString problem;
        if (!readRegularFile(file, MaxProfileBytes, &bytes, &problem))
            continue;   // loadProfile() reported it
        const QString name = QFileInfo(file).fileName();
        m_plan.manifest.append(ManifestEntry{QStringLiteral("profile"),
                                             (file.startsWith(u':') ? QStringLiteral("builtin:") : QStringLiteral("user:")) + name,
                                             sha256Hex(bytes), bytes.size()});
    }
    const QString wanted = cloud ? QStringLiteral("daytona") : QStringLiteral("local");
    if (m_plan.profile.backend != wanted)
        error(QStringLiteral("backend_profile"),
              Tr::tr("the profile '%1' configures the %2 backend, but the job runs on %3").arg(profileName, m_plan.profile.backend, backend),
              Tr::tr("Use a %1 profile (e.g. '%1') or change execution_backend.").arg(wanted));

    const bool program = m_job.program.enabled;
    const bool mapOk = program ? makeProgramOperator(&m_plan.map)
                               : readOperator(m_job.map, QStringLiteral("map"), QStringLiteral("operator"), &m_plan.map);
    m_plan.reduce.builtin = m_job.reduce.builtin;
    m_plan.reduce.params = m_job.reduce.params;
    bool reduceOk = true;
    if (m_job.reduce.builtin.isEmpty())
        reduceOk = readOperator(m_job.reduce.op, QStringLiteral("reduce"), QStringLiteral("reducer"), &m_plan.reduce.op);
    for (const JobProduce &p : m_job.produce)
        m_plan.produce.append(ProduceSpec{p.format, p.path, p.columns, p.select});

    mergePolicy();
    for (const QString &allowed : m_opts.allowedPaths)
        m_plan.policy.allowedPaths.append(relativePath(m_job.baseDir, QFileInfo(allowed).absoluteFilePath()));
    // The program runner is the product's own code: the operator policy is for user operators.
    if (mapOk && !program)
        scanOperator(m_plan.map, QStringLiteral("map"), cloud);
    if (program)
        checkProgram();
    if (reduceOk && m_job.reduce.builtin.isEmpty())
        scanOperator(m_plan.reduce.op, QStringLiteral("reduce"), false);

    shard();
    if (m_r->cancelled)
        return;
    // Inputs are listed job, profiles, operators, then dataset files by path.
    m_plan.planDigest = m_plan.computePlanDigest();
    qCInfo(lcCompiler) << "compiled" << m_job.path << "->" << m_plan.shards.size() << "shards, plan" << m_plan.planDigest;
}

bool writeCanonical(const QString &path, const QJsonObject &o, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        *error = Tr::tr("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    QByteArray bytes = canonicalJson(o);
    bytes += '\n';
    if (f.write(bytes) != bytes.size() || !f.commit()) {
        *error = Tr::tr("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace

CompileResult compileJob(const QString &jobPath, const CompileOptions &opts)
{
    CompileResult r;
    const JobLoadResult loaded = loadJobFile(jobPath);
    r.diagnostics = loaded.diagnostics;
    r.plan.jobPath = loaded.job.path;
    r.plan.jobName = loaded.job.name;
    if (!loaded.ok())
        return r;
    Compiler(loaded.job, opts, &r).run();
    return r;
}

bool writePlanFiles(const Plan &plan, const QString &dir, QString *error)
{
    QString dummy;
    QString *e = error ? error : &dummy;
    if (!QDir().mkpath(dir)) {
        *e = Tr::tr("cannot create the folder %1").arg(dir);
        return false;
    }
    const QDir d(dir);
    return writeCanonical(d.filePath(QStringLiteral("ir.json")), plan.irJson(), e)
        && writeCanonical(d.filePath(QStringLiteral("manifest.json")), plan.manifestJson(), e)
        && writeCanonical(d.filePath(QStringLiteral("policy.json")), plan.policyJson(), e)
        && writeCanonical(d.filePath(QStringLiteral("plan.json")), plan.toJson(), e);
}

bool readPlanFile(const QString &dir, const QString &shardDir, Plan *out, QString *error)
{
    const QString path = QDir(dir).filePath(QStringLiteral("plan.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = Tr::tr("cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = Tr::tr("%1 is not a plan: %2").arg(path, pe.errorString());
        return false;
    }
    if (!Plan::fromJson(doc.object(), out, error))
        return false;
    out->resolvePayloadPaths(shardDir);
    return true;
}

} // namespace mrp
