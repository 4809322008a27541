// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/plan.h"

#include "data/canonicaljson.h"
#include "data/digest.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

// The JSON shapes are documented in docs/job-format.md ("Plan files"). Paths in them are
// relative (to the job file's folder; payloads by file name), so a plan never depends on
// where the job was compiled.

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::Plan)
};

QJsonArray toArray(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out.append(e.toString());
    return out;
}

QJsonObject resourcesJson(const ResourceSpec &r)
{
    return {{QStringLiteral("cpu"), r.cpu}, {QStringLiteral("memory_gib"), r.memoryGib}, {QStringLiteral("disk_gib"), r.diskGib}};
}

ResourceSpec resourcesFromJson(const QJsonObject &o)
{
    ResourceSpec r;
    r.cpu = o.value(QStringLiteral("cpu")).toInt(r.cpu);
    r.memoryGib = o.value(QStringLiteral("memory_gib")).toDouble(r.memoryGib);
    r.diskGib = o.value(QStringLiteral("disk_gib")).toDouble(r.diskGib);
    return r;
}

QJsonObject operatorJson(const OperatorSpec &op, const QString &source)
{
    QJsonObject o{{QStringLiteral("language"), op.language},
                  {QStringLiteral("entrypoint"), op.entrypoint},
                  {QStringLiteral("source"), source},
                  {QStringLiteral("code"), QString::fromUtf8(op.code)},
                  {QStringLiteral("code_digest"), op.codeDigest}};
    if (!op.builtin.isEmpty()) {
        o.insert(QStringLiteral("builtin"), op.builtin);
        o.insert(QStringLiteral("params"), QJsonObject::fromVariantMap(op.params));
    }
    return o;
}

OperatorSpec operatorFromJson(const QJsonObject &o)
{
    OperatorSpec op;
    op.language = o.value(QStringLiteral("language")).toString(op.language);
    op.entrypoint = o.value(QStringLiteral("entrypoint")).toString();
    op.sourcePath = o.value(QStringLiteral("source")).toString();
    op.code = o.value(QStringLiteral("code")).toString().toUtf8();
    op.codeDigest = o.value(QStringLiteral("code_digest")).toString();
    op.builtin = o.value(QStringLiteral("builtin")).toString();
    op.params = o.value(QStringLiteral("params")).toObject().toVariantMap();
    return op;
}

QJsonObject profileJson(const ProfileSpec &p)
{
    return {
        {QStringLiteral("name"), p.name},
        {QStringLiteral("version"), p.version},
        {QStringLiteral("backend"), p.backend},
        {QStringLiteral("target"), p.target},
        {QStringLiteral("snapshot"), p.snapshot},
        {QStringLiteral("resources"), resourcesJson(p.resources)},
        {QStringLiteral("timeouts"),
         QJsonObject{{QStringLiteral("queue_s"), p.timeouts.queue},
                     {QStringLiteral("create_s"), p.timeouts.create},
                     {QStringLiteral("upload_s"), p.timeouts.upload},
                     {QStringLiteral("exec_s"), p.timeouts.exec},
                     {QStringLiteral("download_s"), p.timeouts.download}}},
        {QStringLiteral("max_retries"), p.maxRetries},
        {QStringLiteral("max_concurrency"), p.maxConcurrency},
        {QStringLiteral("prices"),
         QJsonObject{{QStringLiteral("vcpu_per_hour"), p.prices.vcpuPerHour},
                     {QStringLiteral("memory_gib_per_hour"), p.prices.memoryGibPerHour},
                     {QStringLiteral("disk_gib_per_hour"), p.prices.diskGibPerHour}}},
        {QStringLiteral("max_cost_usd"), p.maxCostUsd},
        {QStringLiteral("sandbox_reuse"), p.sandboxReuse},
        {QStringLiteral("straggler_backup"),
         QJsonObject{{QStringLiteral("enabled"), p.stragglerBackup}, {QStringLiteral("factor"), p.stragglerFactor}}},
        {QStringLiteral("operator_policy"),
         QJsonObject{{QStringLiteral("enabled"), p.operatorPolicy.enabled},
                     {QStringLiteral("allowed_imports"), toArray(p.operatorPolicy.allowedImports)},
                     {QStringLiteral("blocked_imports"), toArray(p.operatorPolicy.blockedImports)},
                     {QStringLiteral("blocked_calls"), toArray(p.operatorPolicy.blockedCalls)}}},
        {QStringLiteral("security"),
         QJsonObject{{QStringLiteral("version"), p.security.version},
                     {QStringLiteral("max_cpu"), p.security.maxCpu},
                     {QStringLiteral("max_memory_gib"), p.security.maxMemoryGib},
                     {QStringLiteral("max_disk_gib"), p.security.maxDiskGib},
                     {QStringLiteral("max_processes"), p.security.maxProcesses},
                     {QStringLiteral("network"), p.security.network}}},
        {QStringLiteral("egress"),
         QJsonObject{{QStringLiteral("version"), p.egressAllowlistVersion},
                     {QStringLiteral("allowlist"), toArray(p.egressAllowlist)}}},
    };
}

ProfileSpec profileFromJson(const QJsonObject &o)
{
    ProfileSpec p;
    p.name = o.value(QStringLiteral("name")).toString();
    p.version = o.value(QStringLiteral("version")).toString();
    p.backend = o.value(QStringLiteral("backend")).toString();
    p.target = o.value(QStringLiteral("target")).toString();
    p.snapshot = o.value(QStringLiteral("snapshot")).toString();
    p.resources = resourcesFromJson(o.value(QStringLiteral("resources")).toObject());
    const QJsonObject t = o.value(QStringLiteral("timeouts")).toObject();
    p.timeouts.queue = t.value(QStringLiteral("queue_s")).toInt(p.timeouts.queue);
    p.timeouts.create = t.value(QStringLiteral("create_s")).toInt(p.timeouts.create);
    p.timeouts.upload = t.value(QStringLiteral("upload_s")).toInt(p.timeouts.upload);
    p.timeouts.exec = t.value(QStringLiteral("exec_s")).toInt(p.timeouts.exec);
    p.timeouts.download = t.value(QStringLiteral("download_s")).toInt(p.timeouts.download);
    p.maxRetries = o.value(QStringLiteral("max_retries")).toInt(p.maxRetries);
    p.maxConcurrency = o.value(QStringLiteral("max_concurrency")).toInt(p.maxConcurrency);
    const QJsonObject pr = o.value(QStringLiteral("prices")).toObject();
    p.prices.vcpuPerHour = pr.value(QStringLiteral("vcpu_per_hour")).toDouble(p.prices.vcpuPerHour);
    p.prices.memoryGibPerHour = pr.value(QStringLiteral("memory_gib_per_hour")).toDouble(p.prices.memoryGibPerHour);
    p.prices.diskGibPerHour = pr.value(QStringLiteral("disk_gib_per_hour")).toDouble(p.prices.diskGibPerHour);
    p.maxCostUsd = o.value(QStringLiteral("max_cost_usd")).toDouble(p.maxCostUsd);
    p.sandboxReuse = o.value(QStringLiteral("sandbox_reuse")).toBool();
    const QJsonObject sb = o.value(QStringLiteral("straggler_backup")).toObject();
    p.stragglerBackup = sb.value(QStringLiteral("enabled")).toBool();
    p.stragglerFactor = sb.value(QStringLiteral("factor")).toDouble(p.stragglerFactor);
    const QJsonObject op = o.value(QStringLiteral("operator_policy")).toObject();
    p.operatorPolicy.enabled = op.value(QStringLiteral("enabled")).toBool();
    p.operatorPolicy.allowedImports = toStringList(op.value(QStringLiteral("allowed_imports")));
    p.operatorPolicy.blockedImports = toStringList(op.value(QStringLiteral("blocked_imports")));
    p.operatorPolicy.blockedCalls = toStringList(op.value(QStringLiteral("blocked_calls")));
    const QJsonObject s = o.value(QStringLiteral("security")).toObject();
    p.security.version = s.value(QStringLiteral("version")).toString();
    p.security.maxCpu = s.value(QStringLiteral("max_cpu")).toInt(p.security.maxCpu);
    p.security.maxMemoryGib = s.value(QStringLiteral("max_memory_gib")).toDouble(p.security.maxMemoryGib);
    p.security.maxDiskGib = s.value(QStringLiteral("max_disk_gib")).toDouble(p.security.maxDiskGib);
    p.security.maxProcesses = s.value(QStringLiteral("max_processes")).toInt(p.security.maxProcesses);
    p.security.network = s.value(QStringLiteral("network")).toBool();
    p.securityProfileVersion = p.security.version;
    const QJsonObject e = o.value(QStringLiteral("egress")).toObject();
    p.egressAllowlistVersion = e.value(QStringLiteral("version")).toString();
    p.egressAllowlist = toStringList(e.value(QStringLiteral("allowlist")));
    return p;
}

} // namespace

QJsonObject Plan::irJson() const
{
    // Operator sources are shown relative to the job file's folder, never as absolute paths.
    const auto relSource = [this](const QString &src) {
        if (src.isEmpty() || jobPath.isEmpty() || !QDir::isAbsolutePath(src))
            return src;
        return QDir::fromNativeSeparators(QDir(QFileInfo(jobPath).absolutePath()).relativeFilePath(src));
    };
    QJsonArray shardArray;
    for (const ShardPlan &s : shards) {
        shardArray.append(QJsonObject{{QStringLiteral("index"), s.index},
                                      {QStringLiteral("id"), s.id},
                                      {QStringLiteral("digest"), s.digest},
                                      {QStringLiteral("records"), s.recordCount},
                                      {QStringLiteral("bytes"), s.payloadBytes},
                                      {QStringLiteral("payload"), QString(s.digest + QStringLiteral(".json"))}});
    }
    QJsonArray produceArray;
    for (const ProduceSpec &p : produce) {
        QJsonObject o{{QStringLiteral("format"), p.format}, {QStringLiteral("path"), p.path}};
        if (!p.columns.isEmpty())
            o.insert(QStringLiteral("columns"), toArray(p.columns));
        if (!p.select.isEmpty())
            o.insert(QStringLiteral("select"), p.select);
        produceArray.append(o);
    }
    QJsonArray skippedArray;
    for (const SkippedRecord &s : skipped) {
        skippedArray.append(QJsonObject{{QStringLiteral("file"), s.file},
                                        {QStringLiteral("line"), s.line},
                                        {QStringLiteral("byte_offset"), s.byteOffset},
                                        {QStringLiteral("reason"), s.reason}});
    }
    QJsonObject reduceObj;
    if (!reduce.builtin.isEmpty()) {
        reduceObj.insert(QStringLiteral("builtin"), reduce.builtin);
        reduceObj.insert(QStringLiteral("params"), QJsonObject::fromVariantMap(reduce.params));
    } else {
        reduceObj.insert(QStringLiteral("operator"), operatorJson(reduce.op, relSource(reduce.op.sourcePath)));
    }
    return {
        {QStringLiteral("schema_version"), schemaVersion},
        {QStringLiteral("job"), QJsonObject{{QStringLiteral("name"), jobName}, {QStringLiteral("digest"), jobDigest}}},
        {QStringLiteral("backend"), backend},
        {QStringLiteral("dataset"),
         QJsonObject{{QStringLiteral("format"), datasetFormat},
                     {QStringLiteral("path"), datasetPath},
                     {QStringLiteral("shard_size"), shardSize},
                     {QStringLiteral("records"), recordCount}}},
        {QStringLiteral("map"), operatorJson(map, relSource(map.sourcePath))},
        {QStringLiteral("resources"), resourcesJson(resources)},
        {QStringLiteral("reduce"), reduceObj},
        {QStringLiteral("produce"), produceArray},
        {QStringLiteral("shards"), shardArray},
        {QStringLiteral("skipped"), skippedArray},
    };
}

QJsonObject Plan::manifestJson() const
{
    QJsonArray entries;
    for (const ManifestEntry &e : manifest) {
        entries.append(QJsonObject{{QStringLiteral("role"), e.role},
                                   {QStringLiteral("path"), e.path},
                                   {QStringLiteral("sha256"), e.sha256},
                                   {QStringLiteral("bytes"), e.bytes}});
    }
    return {{QStringLiteral("schema_version"), schemaVersion}, {QStringLiteral("entries"), entries}};
}

QJsonObject Plan::policyJson() const
{
    QJsonObject budget{{QStringLiteral("max_cost_usd"), policy.maxCostUsd},
                       {QStringLiteral("max_sandbox_seconds"), policy.maxSandboxSeconds}};
    QJsonObject o{
        {QStringLiteral("schema_version"), schemaVersion},
        {QStringLiteral("backend"), backend},
        {QStringLiteral("max_concurrency_map"), policy.maxConcurrencyMap},
        {QStringLiteral("shard_timeout_s"), policy.shardTimeoutS},
        {QStringLiteral("max_retries"), policy.maxRetries},
        {QStringLiteral("network"), policy.network},
        {QStringLiteral("egress_allowlist"), toArray(policy.egressAllowlist)},
        {QStringLiteral("budget"), budget},
        {QStringLiteral("on_bad_record"), policy.onBadRecord},
        {QStringLiteral("profile"), profileJson(profile)},
    };
    if (!policy.allowedPaths.isEmpty())   // absent when the job reads only its own folder
        o.insert(QStringLiteral("allowed_paths"), toArray(policy.allowedPaths));
    return o;
}

QString Plan::computePlanDigest() const
{
    const QJsonObject all{{QStringLiteral("ir"), irJson()},
                          {QStringLiteral("manifest"), manifestJson()},
                          {QStringLiteral("policy"), policyJson()}};
    return sha256Hex(canonicalJson(all));
}

QJsonObject Plan::toJson() const
{
    return {{QStringLiteral("schema_version"), schemaVersion},
            {QStringLiteral("plan_digest"), planDigest.isEmpty() ? computePlanDigest() : planDigest},
            {QStringLiteral("ir"), irJson()},
            {QStringLiteral("manifest"), manifestJson()},
            {QStringLiteral("policy"), policyJson()}};
}

void Plan::resolvePayloadPaths(const QString &shardDir)
{
    for (ShardPlan &s : shards)
        s.payloadPath = QDir(shardDir).filePath(s.digest + QStringLiteral(".json"));
}

bool Plan::fromJson(const QJsonObject &o, Plan *out, QString *error)
{
    const auto fail = [error](const QString &m) {
        if (error)
            *error = m;
        return false;
    };
    if (o.value(QStringLiteral("schema_version")).toInt() != 1)
        return fail(Tr::tr("unsupported plan schema version %1").arg(o.value(QStringLiteral("schema_version")).toInt()));
    const QJsonObject ir = o.value(QStringLiteral("ir")).toObject();
    const QJsonObject man = o.value(QStringLiteral("manifest")).toObject();
    const QJsonObject pol = o.value(QStringLiteral("policy")).toObject();
    if (ir.isEmpty() || man.isEmpty() || pol.isEmpty())
        return fail(Tr::tr("the plan lacks its ir, manifest or policy section"));
    Plan p;
    p.planDigest = o.value(QStringLiteral("plan_digest")).toString();
    const QJsonObject job = ir.value(QStringLiteral("job")).toObject();
    p.jobName = job.value(QStringLiteral("name")).toString();
    p.jobDigest = job.value(QStringLiteral("digest")).toString();
    p.backend = ir.value(QStringLiteral("backend")).toString();
    const QJsonObject ds = ir.value(QStringLiteral("dataset")).toObject();
    p.datasetFormat = ds.value(QStringLiteral("format")).toString();
    p.datasetPath = ds.value(QStringLiteral("path")).toString();
    p.shardSize = ds.value(QStringLiteral("shard_size")).toInt();
    p.recordCount = ds.value(QStringLiteral("records")).toInteger();
    p.map = operatorFromJson(ir.value(QStringLiteral("map")).toObject());
    p.resources = resourcesFromJson(ir.value(QStringLiteral("resources")).toObject());
    const QJsonObject red = ir.value(QStringLiteral("reduce")).toObject();
    p.reduce.builtin = red.value(QStringLiteral("builtin")).toString();
    p.reduce.params = red.value(QStringLiteral("params")).toObject().toVariantMap();
    if (p.reduce.builtin.isEmpty())
        p.reduce.op = operatorFromJson(red.value(QStringLiteral("operator")).toObject());
    for (const QJsonValue &v : ir.value(QStringLiteral("produce")).toArray()) {
        const QJsonObject po = v.toObject();
        p.produce.append(ProduceSpec{po.value(QStringLiteral("format")).toString(), po.value(QStringLiteral("path")).toString(),
                                     toStringList(po.value(QStringLiteral("columns"))),
                                     po.value(QStringLiteral("select")).toString()});
    }
    for (const QJsonValue &v : ir.value(QStringLiteral("shards")).toArray()) {
        const QJsonObject so = v.toObject();
        ShardPlan s;
        s.index = so.value(QStringLiteral("index")).toInt();
        s.id = so.value(QStringLiteral("id")).toString();
        s.digest = so.value(QStringLiteral("digest")).toString();
        s.recordCount = so.value(QStringLiteral("records")).toInteger();
        s.payloadBytes = so.value(QStringLiteral("bytes")).toInteger();
        s.payloadPath = so.value(QStringLiteral("payload")).toString();
        if (s.index != p.shards.size() || s.digest.size() != 64)
            return fail(Tr::tr("shard %1 of the plan is malformed").arg(p.shards.size()));
        p.shards.append(s);
    }
    for (const QJsonValue &v : ir.value(QStringLiteral("skipped")).toArray()) {
        const QJsonObject so = v.toObject();
        p.skipped.append(SkippedRecord{so.value(QStringLiteral("file")).toString(), so.value(QStringLiteral("line")).toInteger(),
                                       so.value(QStringLiteral("byte_offset")).toInteger(-1),
                                       so.value(QStringLiteral("reason")).toString()});
    }
    for (const QJsonValue &v : man.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject e = v.toObject();
        p.manifest.append(ManifestEntry{e.value(QStringLiteral("role")).toString(), e.value(QStringLiteral("path")).toString(),
                                        e.value(QStringLiteral("sha256")).toString(), e.value(QStringLiteral("bytes")).toInteger()});
    }
    p.policy.maxConcurrencyMap = pol.value(QStringLiteral("max_concurrency_map")).toInt(p.policy.maxConcurrencyMap);
    p.policy.shardTimeoutS = pol.value(QStringLiteral("shard_timeout_s")).toInt(p.policy.shardTimeoutS);
    p.policy.maxRetries = pol.value(QStringLiteral("max_retries")).toInt(p.policy.maxRetries);
    p.policy.network = pol.value(QStringLiteral("network")).toString(p.policy.network);
    p.policy.egressAllowlist = toStringList(pol.value(QStringLiteral("egress_allowlist")));
    const QJsonObject budget = pol.value(QStringLiteral("budget")).toObject();
    p.policy.maxCostUsd = budget.value(QStringLiteral("max_cost_usd")).toDouble(-1);
    p.policy.maxSandboxSeconds = budget.value(QStringLiteral("max_sandbox_seconds")).toInteger(-1);
    p.policy.onBadRecord = pol.value(QStringLiteral("on_bad_record")).toString(p.policy.onBadRecord);
    p.policy.allowedPaths = toStringList(pol.value(QStringLiteral("allowed_paths")));
    p.profile = profileFromJson(pol.value(QStringLiteral("profile")).toObject());
    if (!p.planDigest.isEmpty() && p.planDigest != p.computePlanDigest())
        return fail(Tr::tr("the plan's digest does not match its content (the plan was edited or is damaged)"));
    *out = p;
    return true;
}

} // namespace mrp
