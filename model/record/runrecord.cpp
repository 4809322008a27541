// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "record/runrecord.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace mrp {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(mrp::RunRecord)
};
} // namespace

namespace {

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QJsonValue &v)
{
    const QString s = v.toString();
    return s.isEmpty() ? QDateTime() : QDateTime::fromString(s, Qt::ISODateWithMs).toUTC();
}

void putMs(QJsonObject &o, const char *key, qint64 ms)
{
    o.insert(QLatin1StringView(key), ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(ms));
}

qint64 getMs(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    return v.isDouble() ? qint64(v.toDouble()) : -1;
}

} // namespace

QJsonObject AttemptRecord::toJson() const
{
    QJsonObject phasesObj;
    putMs(phasesObj, "queue_ms", phases.queueMs);
    putMs(phasesObj, "create_ms", phases.createMs);
    if (phases.resetMs >= 0)
        putMs(phasesObj, "reset_ms", phases.resetMs);
    putMs(phasesObj, "upload_ms", phases.uploadMs);
    putMs(phasesObj, "exec_ms", phases.execMs);
    putMs(phasesObj, "download_ms", phases.downloadMs);
    QJsonObject o{
        {QStringLiteral("attempt"), number},
        {QStringLiteral("backup"), backup},
        {QStringLiteral("start"), iso(start)},
        {QStringLiteral("end"), iso(end)},
        {QStringLiteral("phases"), phasesObj},
        {QStringLiteral("exit_code"), exitCode},
        {QStringLiteral("error_class"), errorClassName(errorClass)},
        {QStringLiteral("message"), message},
        {QStringLiteral("stdout_digest"), stdoutDigest},
        {QStringLiteral("stderr_digest"), stderrDigest},
        {QStringLiteral("stdout_bytes"), stdoutBytes},
        {QStringLiteral("stderr_bytes"), stderrBytes},
        {QStringLiteral("sandbox_id"), sandboxId},
        {QStringLiteral("cost_usd"), costUsd},
    };
    return o;
}

AttemptRecord AttemptRecord::fromJson(const QJsonObject &o)
{
    AttemptRecord a;
    a.number = o.value(QLatin1StringView("attempt")).toInt(1);
    a.backup = o.value(QLatin1StringView("backup")).toBool();
    a.start = fromIso(o.value(QLatin1StringView("start")));
    a.end = fromIso(o.value(QLatin1StringView("end")));
    const QJsonObject p = o.value(QLatin1StringView("phases")).toObject();
    a.phases.queueMs = getMs(p, "queue_ms");
    a.phases.createMs = getMs(p, "create_ms");
    a.phases.resetMs = getMs(p, "reset_ms");
    a.phases.uploadMs = getMs(p, "upload_ms");
    a.phases.execMs = getMs(p, "exec_ms");
    a.phases.downloadMs = getMs(p, "download_ms");
    a.exitCode = o.value(QLatin1StringView("exit_code")).toInt(-1);
    if (!errorClassFromName(o.value(QLatin1StringView("error_class")).toString(), &a.errorClass))
        a.errorClass = ErrorClass::Infrastructure;
    a.message = o.value(QLatin1StringView("message")).toString();
    a.stdoutDigest = o.value(QLatin1StringView("stdout_digest")).toString();
    a.stderrDigest = o.value(QLatin1StringView("stderr_digest")).toString();
    a.stdoutBytes = qint64(o.value(QLatin1StringView("stdout_bytes")).toDouble());
    a.stderrBytes = qint64(o.value(QLatin1StringView("stderr_bytes")).toDouble());
    a.sandboxId = o.value(QLatin1StringView("sandbox_id")).toString();
    a.costUsd = o.value(QLatin1StringView("cost_usd")).toDouble();
    return a;
}

QJsonObject ShardRecord::toJson() const
{
    QJsonArray at;
    for (const AttemptRecord &a : attempts)
        at.append(a.toJson());
    return QJsonObject{
        {QStringLiteral("index"), index},
        {QStringLiteral("shard_id"), shardId},
        {QStringLiteral("shard_digest"), shardDigest},
        {QStringLiteral("records"), recordCount},
        {QStringLiteral("state"), shardStateName(state)},
        {QStringLiteral("sandbox_id"), sandboxId},
        {QStringLiteral("attempts"), at},
        {QStringLiteral("output_digest"), outputDigest},
        {QStringLiteral("output_bytes"), outputBytes},
        {QStringLiteral("cost_usd"), costUsd},
        {QStringLiteral("reused"), reused},
    };
}

ShardRecord ShardRecord::fromJson(const QJsonObject &o)
{
    ShardRecord s;
    s.index = o.value(QLatin1StringView("index")).toInt();
    s.shardId = o.value(QLatin1StringView("shard_id")).toString();
    s.shardDigest = o.value(QLatin1StringView("shard_digest")).toString();
    s.recordCount = qint64(o.value(QLatin1StringView("records")).toDouble());
    if (!shardStateFromName(o.value(QLatin1StringView("state")).toString(), &s.state))
        s.state = ShardState::Failed;
    s.sandboxId = o.value(QLatin1StringView("sandbox_id")).toString();
    const QJsonArray at = o.value(QLatin1StringView("attempts")).toArray();
    for (const QJsonValue &v : at)
        s.attempts.append(AttemptRecord::fromJson(v.toObject()));
    s.outputDigest = o.value(QLatin1StringView("output_digest")).toString();
    s.outputBytes = qint64(o.value(QLatin1StringView("output_bytes")).toDouble());
    s.costUsd = o.value(QLatin1StringView("cost_usd")).toDouble();
    s.reused = o.value(QLatin1StringView("reused")).toBool();
    return s;
}

int RunRecord::countInState(ShardState s) const
{
    int n = 0;
    for (const ShardRecord &r : shards)
        n += r.state == s ? 1 : 0;
    return n;
}

QJsonObject RunRecord::toJson() const
{
    QJsonArray sh;
    for (const ShardRecord &s : shards)
        sh.append(s.toJson());
    QJsonArray files;
    for (const ProducedFile &f : produce)
        files.append(QJsonObject{{QStringLiteral("format"), f.format},
                                 {QStringLiteral("path"), f.path},
                                 {QStringLiteral("sha256"), f.sha256},
                                 {QStringLiteral("bytes"), f.bytes}});
    QJsonObject tools;
    for (auto it = toolVersions.begin(); it != toolVersions.end(); ++it)
        tools.insert(it.key(), it.value());
    return QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("mrp.run-record")},
        {QStringLiteral("schema_version"), SchemaVersion},
        {QStringLiteral("run_id"), runId},
        {QStringLiteral("status"), status},
        {QStringLiteral("message"), message},
        {QStringLiteral("created_at"), iso(createdAt)},
        {QStringLiteral("finished_at"), iso(finishedAt)},
        {QStringLiteral("sessions"), sessions},
        {QStringLiteral("job"), QJsonObject{{QStringLiteral("path"), jobPath},
                                            {QStringLiteral("name"), jobName},
                                            {QStringLiteral("job_digest"), jobDigest},
                                            {QStringLiteral("plan_digest"), planDigest},
                                            {QStringLiteral("map_code_digest"), mapCodeDigest}}},
        {QStringLiteral("backend"), QJsonObject{{QStringLiteral("execution_backend"), backend},
                                                {QStringLiteral("implementation"), backendName},
                                                {QStringLiteral("profile"), profileName},
                                                {QStringLiteral("profile_version"), profileVersion},
                                                {QStringLiteral("isolated"), isolated},
                                                {QStringLiteral("isolation"), isolation}}},
        {QStringLiteral("shards"), sh},
        {QStringLiteral("shard_counts"), QJsonObject{{QStringLiteral("total"), int(shards.size())},
                                                     {QStringLiteral("done"), countInState(ShardState::Done)},
                                                     {QStringLiteral("failed"), countInState(ShardState::Failed)},
                                                     {QStringLiteral("cancelled"), countInState(ShardState::Cancelled)}}},
        {QStringLiteral("reduce"), QJsonObject{{QStringLiteral("kind"), reduceKind},
                                               {QStringLiteral("reduce_input_order_digest"), reduceInputOrderDigest},
                                               {QStringLiteral("reduce_output_digest"), reduceOutputDigest}}},
        {QStringLiteral("produce"), files},
        {QStringLiteral("policy_enforcement"), QJsonObject{{QStringLiteral("egress_allowlist_version"), egressAllowlistVersion},
                                                           {QStringLiteral("sandbox_profile_version"), sandboxProfileVersion}}},
        {QStringLiteral("costs"), QJsonObject{{QStringLiteral("estimated_usd"), costEstimatedUsd},
                                              {QStringLiteral("actual_usd"), costActualUsd},
                                              {QStringLiteral("sandbox_seconds"), sandboxSeconds}}},
        {QStringLiteral("tool_versions"), tools},
        {QStringLiteral("throttling"), throttling.toJson()},
        {QStringLiteral("leaked_sandboxes"), QJsonArray::fromStringList(leakedSandboxes)},
    };
}

QJsonObject Throttling::toJson() const
{
    QJsonArray changes;
    for (const CapacityChange &c : capacity)
        changes.append(QJsonObject{{QStringLiteral("at_ms"), c.atMs},
                                   {QStringLiteral("capacity"), c.capacity},
                                   {QStringLiteral("reason"), c.reason}});
    return QJsonObject{{QStringLiteral("rate_limited"), rateLimited},
                       {QStringLiteral("paced"), paced},
                       {QStringLiteral("paced_ms"), pacedMs},
                       {QStringLiteral("longest_wait_ms"), longestWaitMs},
                       {QStringLiteral("quota_refused"), quotaRefused},
                       {QStringLiteral("capacity_changes"), changes}};
}

Throttling Throttling::fromJson(const QJsonObject &o)
{
    Throttling t;
    t.rateLimited = o.value(QLatin1StringView("rate_limited")).toInt();
    t.paced = o.value(QLatin1StringView("paced")).toInt();
    t.pacedMs = qint64(o.value(QLatin1StringView("paced_ms")).toDouble());
    t.longestWaitMs = qint64(o.value(QLatin1StringView("longest_wait_ms")).toDouble());
    t.quotaRefused = o.value(QLatin1StringView("quota_refused")).toInt();
    const QJsonArray changes = o.value(QLatin1StringView("capacity_changes")).toArray();
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        t.capacity.append(CapacityChange{qint64(c.value(QLatin1StringView("at_ms")).toDouble()),
                                         c.value(QLatin1StringView("capacity")).toInt(),
                                         c.value(QLatin1StringView("reason")).toString()});
    }
    return t;
}

bool RunRecord::fromJson(const QJsonObject &o, RunRecord *out, QString *error)
{
    auto fail = [error](const QString &m) {
        if (error)
            *error = m;
        return false;
    };
    if (o.value(QLatin1StringView("schema")).toString() != u"mrp.run-record")
        return fail(Tr::tr("This is not an MRP run record (no \"schema\": \"mrp.run-record\")."));
    const int version = o.value(QLatin1StringView("schema_version")).toInt(-1);
    if (version < 1 || version > SchemaVersion)
        return fail(Tr::tr("Run record schema version %1 is not supported (this build reads 1 to %2).")
                        .arg(version).arg(SchemaVersion));
    RunRecord r;
    r.runId = o.value(QLatin1StringView("run_id")).toString();
    if (r.runId.isEmpty())
        return fail(Tr::tr("The run record has no run_id."));
    r.status = o.value(QLatin1StringView("status")).toString();
    r.message = o.value(QLatin1StringView("message")).toString();
    r.createdAt = fromIso(o.value(QLatin1StringView("created_at")));
    r.finishedAt = fromIso(o.value(QLatin1StringView("finished_at")));
    r.sessions = o.value(QLatin1StringView("sessions")).toInt(1);
    const QJsonObject job = o.value(QLatin1StringView("job")).toObject();
    r.jobPath = job.value(QLatin1StringView("path")).toString();
    r.jobName = job.value(QLatin1StringView("name")).toString();
    r.jobDigest = job.value(QLatin1StringView("job_digest")).toString();
    r.planDigest = job.value(QLatin1StringView("plan_digest")).toString();
    r.mapCodeDigest = job.value(QLatin1StringView("map_code_digest")).toString();
    const QJsonObject be = o.value(QLatin1StringView("backend")).toObject();
    r.backend = be.value(QLatin1StringView("execution_backend")).toString();
    r.backendName = be.value(QLatin1StringView("implementation")).toString();
    r.profileName = be.value(QLatin1StringView("profile")).toString();
    r.profileVersion = be.value(QLatin1StringView("profile_version")).toString();
    r.isolated = be.value(QLatin1StringView("isolated")).toBool(true);
    r.isolation = be.value(QLatin1StringView("isolation")).toString();
    const QJsonArray sh = o.value(QLatin1StringView("shards")).toArray();
    for (const QJsonValue &v : sh)
        r.shards.append(ShardRecord::fromJson(v.toObject()));
    const QJsonObject red = o.value(QLatin1StringView("reduce")).toObject();
    r.reduceKind = red.value(QLatin1StringView("kind")).toString();
    r.reduceInputOrderDigest = red.value(QLatin1StringView("reduce_input_order_digest")).toString();
    r.reduceOutputDigest = red.value(QLatin1StringView("reduce_output_digest")).toString();
    const QJsonArray files = o.value(QLatin1StringView("produce")).toArray();
    for (const QJsonValue &v : files) {
        const QJsonObject f = v.toObject();
        r.produce.append(ProducedFile{f.value(QLatin1StringView("format")).toString(), f.value(QLatin1StringView("path")).toString(),
                                      f.value(QLatin1StringView("sha256")).toString(),
                                      qint64(f.value(QLatin1StringView("bytes")).toDouble())});
    }
    const QJsonObject pe = o.value(QLatin1StringView("policy_enforcement")).toObject();
    r.egressAllowlistVersion = pe.value(QLatin1StringView("egress_allowlist_version")).toString();
    r.sandboxProfileVersion = pe.value(QLatin1StringView("sandbox_profile_version")).toString();
    const QJsonObject costs = o.value(QLatin1StringView("costs")).toObject();
    r.costEstimatedUsd = costs.value(QLatin1StringView("estimated_usd")).toDouble();
    r.costActualUsd = costs.value(QLatin1StringView("actual_usd")).toDouble();
    r.sandboxSeconds = qint64(costs.value(QLatin1StringView("sandbox_seconds")).toDouble());
    const QJsonObject tools = o.value(QLatin1StringView("tool_versions")).toObject();
    for (auto it = tools.begin(); it != tools.end(); ++it)
        r.toolVersions.insert(it.key(), it.value().toString());
    r.throttling = Throttling::fromJson(o.value(QLatin1StringView("throttling")).toObject());
    for (const QJsonValue &v : o.value(QLatin1StringView("leaked_sandboxes")).toArray())
        r.leakedSandboxes.append(v.toString());
    *out = r;
    return true;
}

} // namespace mrp
