// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/profileloader.h"

#include "data/inputfile.h"

#include "data/digest.h"
#include "job/jobloader.h"
#include "job/yamlfields.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QLoggingCategory>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcProfile, "mrp.model.profile", QtWarningMsg)

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::ProfileLoader)
};

// Applies the keys present in one profile file onto *p (key by key). Returns which versioned
// sections the file touched.
struct Touched {
    bool security = false;
    bool egress = false;
};

Touched applyProfile(YamlFields &y, const YAML::Node &root, ProfileSpec *p)
{
    Touched t;
    if (!y.expectMap(root, QString()))
        return t;
    y.checkKeys(root, QString(),
                {QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("backend"),
                 QStringLiteral("target"), QStringLiteral("snapshot"), QStringLiteral("resources"), QStringLiteral("timeouts"),
                 QStringLiteral("max_retries"), QStringLiteral("max_concurrency"), QStringLiteral("prices"),
                 QStringLiteral("cost_caps"), QStringLiteral("sandbox_reuse"), QStringLiteral("straggler_backup"),
                 QStringLiteral("operator_policy"), QStringLiteral("security"), QStringLiteral("egress")});
    if (const auto v = y.string(root, QString(), QStringLiteral("version")))
        p->version = *v;
    y.string(root, QString(), QStringLiteral("name"));
    y.string(root, QString(), QStringLiteral("description"));
    if (const auto v = y.oneOf(root, QString(), QStringLiteral("backend"), {QStringLiteral("local"), QStringLiteral("daytona")}))
        p->backend = *v;
    if (const auto v = y.string(root, QString(), QStringLiteral("target")))
        p->target = *v;
    if (const auto v = y.string(root, QString(), QStringLiteral("snapshot")))
        p->snapshot = *v;
    if (const auto v = y.integer(root, QString(), QStringLiteral("max_retries"), 0, 20))
        p->maxRetries = int(*v);
    if (const auto v = y.integer(root, QString(), QStringLiteral("max_concurrency"), 1, 1024))
        p->maxConcurrency = int(*v);
    if (const auto v = y.boolean(root, QString(), QStringLiteral("sandbox_reuse")))
        p->sandboxReuse = *v;

    const auto section = [&](const QString &key, const QStringList &known) -> YAML::Node {
        const YAML::Node n = YamlFields::child(root, key);
        if (!n.IsDefined() || !y.expectMap(n, key))
            return YAML::Node(YAML::NodeType::Undefined);
        y.checkKeys(n, key, known);
        return n;
    };

    if (const YAML::Node n = section(QStringLiteral("resources"),
                                     {QStringLiteral("cpu"), QStringLiteral("memory_gib"), QStringLiteral("disk_gib")});
        n.IsDefined()) {
        const QString k = QStringLiteral("resources");
        if (const auto v = y.integer(n, k, QStringLiteral("cpu"), 1, 64))
            p->resources.cpu = int(*v);
        if (const auto v = y.number(n, k, QStringLiteral("memory_gib"), 0.125, 256))
            p->resources.memoryGib = *v;
        if (const auto v = y.number(n, k, QStringLiteral("disk_gib"), 0.5, 1024))
            p->resources.diskGib = *v;
    }
    if (const YAML::Node n = section(QStringLiteral("timeouts"),
                                     {QStringLiteral("queue_s"), QStringLiteral("create_s"), QStringLiteral("upload_s"),
                                      QStringLiteral("exec_s"), QStringLiteral("download_s")});
        n.IsDefined()) {
        const QString k = QStringLiteral("timeouts");
        const auto set = [&](const char *key, int *out) {
            if (const auto v = y.integer(n, k, QString::fromLatin1(key), 1, 86400))
                *out = int(*v);
        };
        set("queue_s", &p->timeouts.queue);
        set("create_s", &p->timeouts.create);
        set("upload_s", &p->timeouts.upload);
        set("exec_s", &p->timeouts.exec);
        set("download_s", &p->timeouts.download);
    }
    if (const YAML::Node n = section(QStringLiteral("prices"),
                                     {QStringLiteral("vcpu_per_hour"), QStringLiteral("memory_gib_per_hour"),
                                      QStringLiteral("disk_gib_per_hour")});
        n.IsDefined()) {
        const QString k = QStringLiteral("prices");
        if (const auto v = y.number(n, k, QStringLiteral("vcpu_per_hour"), 0, 1000))
            p->prices.vcpuPerHour = *v;
        if (const auto v = y.number(n, k, QStringLiteral("memory_gib_per_hour"), 0, 1000))
            p->prices.memoryGibPerHour = *v;
        if (const auto v = y.number(n, k, QStringLiteral("disk_gib_per_hour"), 0, 1000))
            p->prices.diskGibPerHour = *v;
    }
    if (const YAML::Node n = section(QStringLiteral("cost_caps"), {QStringLiteral("max_cost_usd")}); n.IsDefined()) {
        if (const auto v = y.number(n, QStringLiteral("cost_caps"), QStringLiteral("max_cost_usd"), -1, 1e6))
            p->maxCostUsd = *v;
    }
    if (const YAML::Node n = section(QStringLiteral("straggler_backup"), {QStringLiteral("enabled"), QStringLiteral("factor")});
        n.IsDefined()) {
        if (const auto v = y.boolean(n, QStringLiteral("straggler_backup"), QStringLiteral("enabled")))
            p->stragglerBackup = *v;
        if (const auto v = y.number(n, QStringLiteral("straggler_backup"), QStringLiteral("factor"), 1.1, 100))
            p->stragglerFactor = *v;
    }
    if (const YAML::Node n = section(QStringLiteral("operator_policy"),
                                     {QStringLiteral("enabled"), QStringLiteral("allowed_imports"),
                                      QStringLiteral("blocked_imports"), QStringLiteral("blocked_calls")});
        n.IsDefined()) {
        const QString k = QStringLiteral("operator_policy");
        if (const auto v = y.boolean(n, k, QStringLiteral("enabled")))
            p->operatorPolicy.enabled = *v;
        if (const auto v = y.stringList(n, k, QStringLiteral("allowed_imports")))
            p->operatorPolicy.allowedImports = *v;
        if (const auto v = y.stringList(n, k, QStringLiteral("blocked_imports")))
            p->operatorPolicy.blockedImports = *v;
        if (const auto v = y.stringList(n, k, QStringLiteral("blocked_calls")))
            p->operatorPolicy.blockedCalls = *v;
    }
    if (const YAML::Node n = section(QStringLiteral("security"),
                                     {QStringLiteral("version"), QStringLiteral("max_cpu"), QStringLiteral("max_memory_gib"),
                                      QStringLiteral("max_disk_gib"), QStringLiteral("max_processes"), QStringLiteral("network")});
        n.IsDefined()) {
        t.security = true;
        const QString k = QStringLiteral("security");
        SandboxSecurityProfile &s = p->security;
        if (const auto v = y.string(n, k, QStringLiteral("version")))
            s.version = *v;
        if (const auto v = y.integer(n, k, QStringLiteral("max_cpu"), 1, 256))
            s.maxCpu = int(*v);
        if (const auto v = y.number(n, k, QStringLiteral("max_memory_gib"), 0.125, 1024))
            s.maxMemoryGib = *v;
        if (const auto v = y.number(n, k, QStringLiteral("max_disk_gib"), 0.5, 4096))
            s.maxDiskGib = *v;
        if (const auto v = y.integer(n, k, QStringLiteral("max_processes"), 1, 65536))
            s.maxProcesses = int(*v);
        if (const auto v = y.boolean(n, k, QStringLiteral("network")))
            s.network = *v;
    }
    if (const YAML::Node n = section(QStringLiteral("egress"), {QStringLiteral("version"), QStringLiteral("allowlist")});
        n.IsDefined()) {
        t.egress = true;
        if (const auto v = y.string(n, QStringLiteral("egress"), QStringLiteral("version")))
            p->egressAllowlistVersion = *v;
        if (const auto v = y.stringList(n, QStringLiteral("egress"), QStringLiteral("allowlist"))) {
            const YAML::Node list = YamlFields::child(n, QStringLiteral("allowlist"));
            for (qsizetype i = 0; i < v->size(); ++i) {
                if (!isValidEgressEntry(v->at(i)))
                    y.error(list[std::size_t(i)], QStringLiteral("egress.allowlist[%1]").arg(i),
                            Tr::tr("'%1' is neither a domain name nor an IP address or CIDR").arg(v->at(i)),
                            Tr::tr("Write e.g. 'pypi.org', '*.example.com' or '10.0.0.0/8'."));
            }
            p->egressAllowlist = *v;
        }
    }
    return t;
}

} // namespace

QString userProfileFolder()
{
    // Beside the settings file (<config>/mrp-workbench.conf), not AppConfigLocation, which
    // repeats the name (organisation and application are both mrp-workbench).
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QLatin1Char('/')
        + QCoreApplication::organizationName() + QStringLiteral("/profiles");
}

QStringList builtinProfileNames()
{
    QStringList names;
    const QStringList files = QDir(QStringLiteral(":/mrp/profiles")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        names.append(f.chopped(5));
    return names;
}

bool isProfileName(const QString &name)
{
    static const QRegularExpression nameRe(QStringLiteral("\\A[A-Za-z0-9_.-]+\\z"));
    return nameRe.match(name).hasMatch() && !name.startsWith(u'.');
}

ProfileLoadResult loadProfile(const QString &name, const QStringList &searchPaths)
{
    ProfileLoadResult r;
    r.profile.name = name;
    if (!isProfileName(name)) {
        r.diagnostics.append(Diagnostic::error(QString(), 0, 0, QStringLiteral("backend_profile"),
                                               Tr::tr("'%1' is not a profile name").arg(name),
                                               Tr::tr("Use a name such as 'local' or 'daytona' (letters, digits, '-', '_', '.').")));
        return r;
    }
    const QStringList folders = searchPaths.isEmpty() ? QStringList{userProfileFolder()} : searchPaths;

    QString userFile;
    for (const QString &folder : folders) {
        const QString candidate = folder + u'/' + name + QStringLiteral(".yaml");
        if (QFileInfo(candidate).isFile()) {
            userFile = candidate;
            break;
        }
    }
    const QString builtin = QStringLiteral(":/mrp/profiles/") + name + QStringLiteral(".yaml");
    const bool hasBuiltin = QFile::exists(builtin);
    if (!hasBuiltin && userFile.isEmpty()) {
        const QString suggestion = closestMatch(name, builtinProfileNames());
        r.diagnostics.append(Diagnostic::error(QString(), 0, 0, QStringLiteral("backend_profile"),
                                               Tr::tr("there is no profile named '%1'").arg(name),
                                               suggestion.isEmpty()
                                                   ? Tr::tr("Use one of %1, or create %2.").arg(builtinProfileNames().join(QStringLiteral(", ")),
                                                                                             folders.first() + u'/' + name + QStringLiteral(".yaml"))
                                                   : Tr::tr("Did you mean '%1'?").arg(suggestion)));
        return r;
    }

    QString userDigest;
    Touched userTouched;
    const auto applyFile = [&](const QString &path, bool isUser) {
        QByteArray text;
        QString problem;
        if (!readRegularFile(path, MaxProfileBytes, &text, &problem)) {
            r.diagnostics.append(Diagnostic::error(path, 0, 0, QString(), Tr::tr("cannot read the profile: %1").arg(problem),
                                                   Tr::tr("A profile is a YAML file of at most 1 MiB; fix or remove it.")));
            return;
        }
        r.files.append(path);
        if (isUser)
            userDigest = sha256Hex(text);
        YamlFields y(path, &r.diagnostics);
        YAML::Node root;
        if (!y.parse(text, &root))
            return;
        if (!root.IsDefined() || root.IsNull())
            return;   // an empty override changes nothing
        const Touched t = applyProfile(y, root, &r.profile);
        if (isUser)
            userTouched = t;
    };
    if (hasBuiltin) {
        r.profile.sourcePath = builtin;
        applyFile(builtin, false);
    } else {
        // A user-only profile must say which backend it configures.
        r.profile.backend.clear();
    }
    if (!userFile.isEmpty()) {
        r.profile.sourcePath = userFile;
        applyFile(userFile, true);
        if (r.profile.backend.isEmpty())
            r.diagnostics.append(Diagnostic::error(userFile, 1, 1, QStringLiteral("backend"),
                                                   Tr::tr("the profile does not say which backend it configures"),
                                                   Tr::tr("Add 'backend: local' or 'backend: daytona'.")));
    }
    if (r.profile.version.isEmpty())
        r.profile.version = QStringLiteral("0");
    if (!userDigest.isEmpty()) {
        const QString suffix = QStringLiteral("+user.") + userDigest.left(12);
        r.profile.version += suffix;
        if (userTouched.security)
            r.profile.security.version += suffix;
        if (userTouched.egress)
            r.profile.egressAllowlistVersion += suffix;
    }
    r.profile.securityProfileVersion = r.profile.security.version;
    r.profile.timeouts.exec = r.profile.timeouts.exec > 0 ? r.profile.timeouts.exec : 60;
    qCDebug(lcProfile) << "profile" << name << "from" << r.files << "version" << r.profile.version;
    return r;
}

} // namespace mrp
