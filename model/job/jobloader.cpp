// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#include "job/jobloader.h"

#include "data/inputfile.h"

#include "job/profileloader.h"
#include "job/yamlfields.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

Q_LOGGING_CATEGORY(lcJobLoader, "mrp.model.jobloader", QtWarningMsg)

namespace mrp {

namespace {

// lupdate records Tr::tr() under this context, the one used at run time.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mrp::JobLoader)
};

const QStringList kBuiltins = {
    QStringLiteral("concat"), QStringLiteral("sum"), QStringLiteral("count"), QStringLiteral("mean"),
    QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("merge_counts"), QStringLiteral("histogram"),
    QStringLiteral("pass_at_k"),
};

bool isIdentifier(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z_][A-Za-z0-9_]*\\z"));
    return re.match(s).hasMatch();
}

} // namespace

bool isValidEgressEntry(const QString &e)
{
    static const QRegularExpression domain(QStringLiteral(
        "\\A(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}\\z"));
    static const QRegularExpression ipv4(QStringLiteral(
        "\\A((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?\\z"));
    static const QRegularExpression ipv6(QStringLiteral("\\A[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(/([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8]))?\\z"));
    return domain.match(e).hasMatch() || ipv4.match(e).hasMatch() || ipv6.match(e).hasMatch();
}

namespace {

class Loader
{
public:
    Loader(JobLoadResult *r, const QString &file)
        : m_r(r)
        , m_y(file, &r->diagnostics, &r->job.positions)
    {
    }

    void load(const QByteArray &text);

private:
    QString resolve(const QString &p) const
    {
        if (p.isEmpty() || QDir::isAbsolutePath(p))
            return QDir::cleanPath(p);
        return QDir::cleanPath(m_r->job.baseDir + u'/' + p);
    }
    void loadDataset(const YAML::Node &n);
    void loadOperator(const YAML::Node &n, const QString &path, JobOperator *op, const QString &defaultEntry,
                      bool required);
    void loadMap(const YAML::Node &n);
    void loadProgram(const YAML::Node &n);
    void loadPassAtK(const YAML::Node &n);
    void loadReduce(const YAML::Node &n);
    void loadProduce(const YAML::Node &n);
    void loadPolicy(const YAML::Node &n);

    JobLoadResult *m_r;
    YamlFields m_y;
};

void Loader::load(const QByteArray &text)
{
    YAML::Node root;
    if (!m_y.parse(text, &root))
        return;
    if (!root.IsDefined() || root.IsNull()) {
        m_y.error(SourcePos{1, 1}, QString(), Tr::tr("the job file is empty"),
                  Tr::tr("Start from examples/toy.yaml or docs/job-format.md."));
        return;
    }
    if (!m_y.expectMap(root, QString()))
        return;
    const QString belongsInPolicy = Tr::tr("This key belongs under 'policy:'.");
    m_y.checkKeys(root, QString(),
                  {QStringLiteral("version"), QStringLiteral("name"), QStringLiteral("description"),
                   QStringLiteral("dataset"), QStringLiteral("map"), QStringLiteral("reduce"), QStringLiteral("produce"),
                   QStringLiteral("execution_backend"), QStringLiteral("backend_profile"), QStringLiteral("policy")},
                  {{QStringLiteral("max_concurrency_map"), belongsInPolicy},
                   {QStringLiteral("shard_timeout_s"), belongsInPolicy},
                   {QStringLiteral("max_retries"), belongsInPolicy},
                   {QStringLiteral("egress_allowlist"), belongsInPolicy},
                   {QStringLiteral("network"), belongsInPolicy},
                   {QStringLiteral("budget"), belongsInPolicy},
                   {QStringLiteral("shard_size"), Tr::tr("This key belongs under 'dataset:'.")},
                   {QStringLiteral("resources"), Tr::tr("This key belongs under 'map:'.")}});
    JobSpec &job = m_r->job;
    if (const auto v = m_y.integer(root, QString(), QStringLiteral("version"), 1, 1))
        job.version = int(*v);
    if (const auto v = m_y.string(root, QString(), QStringLiteral("name"), true)) {
        job.name = *v;
        if (job.name.trimmed().isEmpty())
            m_y.error(YamlFields::child(root, QStringLiteral("name")), QStringLiteral("name"), Tr::tr("the name is empty"),
                      Tr::tr("Give the job a short name, e.g. 'word-count'."));
    }
    m_y.string(root, QString(), QStringLiteral("description"));
    if (const auto v = m_y.oneOf(root, QString(), QStringLiteral("execution_backend"),
                                 {QStringLiteral("local"), QStringLiteral("cloud_sandbox")}))
        job.executionBackend = *v;
    if (const auto v = m_y.string(root, QString(), QStringLiteral("backend_profile"))) {
        job.backendProfile = *v;
        if (!isProfileName(*v))
            m_y.error(YamlFields::child(root, QStringLiteral("backend_profile")), QStringLiteral("backend_profile"),
                      Tr::tr("'%1' is not a profile name").arg(*v),
                      Tr::tr("Use a name such as 'local' or 'daytona' (letters, digits, '-', '_', '.')."));
    }

    const YAML::Node dataset = YamlFields::child(root, QStringLiteral("dataset"));
    if (!dataset.IsDefined())
        m_y.error(root, QStringLiteral("dataset"), Tr::tr("the required key 'dataset' is missing"),
                  Tr::tr("Add 'dataset:' with at least 'path:'."));
    else if (m_y.expectMap(dataset, QStringLiteral("dataset")))
        loadDataset(dataset);

    const YAML::Node map = YamlFields::child(root, QStringLiteral("map"));
    if (!map.IsDefined())
        m_y.error(root, QStringLiteral("map"), Tr::tr("the required key 'map' is missing"),
                  Tr::tr("Add 'map:' with 'operator:' (a Python file) or inline 'code:'."));
    else if (m_y.expectMap(map, QStringLiteral("map")))
        loadMap(map);

    const YAML::Node reduce = YamlFields::child(root, QStringLiteral("reduce"));
    if (!reduce.IsDefined())
        job.reduce.builtin = QStringLiteral("concat");
    else if (m_y.expectMap(reduce, QStringLiteral("reduce")))
        loadReduce(reduce);

    const YAML::Node produce = YamlFields::child(root, QStringLiteral("produce"));
    if (!produce.IsDefined())
        job.produce.append(JobProduce{QStringLiteral("json"), QStringLiteral("result.json"), {}, {}});
    else
        loadProduce(produce);

    const YAML::Node policy = YamlFields::child(root, QStringLiteral("policy"));
    if (policy.IsDefined() && m_y.expectMap(policy, QStringLiteral("policy")))
        loadPolicy(policy);
}

void Loader::loadDataset(const YAML::Node &n)
{
    const QString p = QStringLiteral("dataset");
    m_y.checkKeys(n, p, {QStringLiteral("path"), QStringLiteral("format"), QStringLiteral("shard_size"),
                         QStringLiteral("on_bad_record")});
    JobDataset &d = m_r->job.dataset;
    if (const auto v = m_y.string(n, p, QStringLiteral("path"), true)) {
        d.path = *v;
        d.resolvedPath = resolve(*v);
        if (v->isEmpty())
            m_y.error(YamlFields::child(n, QStringLiteral("path")), QStringLiteral("dataset.path"), Tr::tr("the path is empty"),
                      Tr::tr("Name a .jsonl, .csv or .json file or a folder, relative to the job file."));
    }
    if (const auto v = m_y.oneOf(n, p, QStringLiteral("format"),
                                 {QStringLiteral("auto"), QStringLiteral("jsonl"), QStringLiteral("csv"), QStringLiteral("json"),
                                  QStringLiteral("folder"), QStringLiteral("shards")}))
        d.format = *v;
    if (const auto v = m_y.integer(n, p, QStringLiteral("shard_size"), 1, 10'000'000))
        d.shardSize = int(*v);
    if (const auto v = m_y.oneOf(n, p, QStringLiteral("on_bad_record"), {QStringLiteral("fail"), QStringLiteral("skip")}))
        d.onBadRecord = *v;
}

void Loader::loadOperator(const YAML::Node &n, const QString &p, JobOperator *op, const QString &defaultEntry,
                          bool required)
{
    if (const auto v = m_y.oneOf(n, p, QStringLiteral("language"), {QStringLiteral("python")}))
        op->language = *v;
    const auto file = m_y.string(n, p, QStringLiteral("operator"));
    const auto code = m_y.string(n, p, QStringLiteral("code"));
    if (file && code) {
        m_y.error(YamlFields::child(n, QStringLiteral("code")), YamlFields::join(p, QStringLiteral("code")),
                  Tr::tr("both 'operator' and 'code' are given"), Tr::tr("Keep one: a file with 'operator:' or inline 'code:'."));
    } else if (file) {
        op->operatorPath = *file;
        op->resolvedPath = resolve(*file);
        if (file->isEmpty())
            m_y.error(YamlFields::child(n, QStringLiteral("operator")), YamlFields::join(p, QStringLiteral("operator")),
                      Tr::tr("the operator path is empty"), Tr::tr("Name a Python file relative to the job file."));
    } else if (code) {
        op->code = code->toUtf8();
        if (code->trimmed().isEmpty())
            m_y.error(YamlFields::child(n, QStringLiteral("code")), YamlFields::join(p, QStringLiteral("code")),
                      Tr::tr("the inline code is empty"));
    } else if (required && !YamlFields::has(n, QStringLiteral("operator")) && !YamlFields::has(n, QStringLiteral("code"))) {
        m_y.error(n, YamlFields::join(p, QStringLiteral("operator")), Tr::tr("no operator is given"),
                  Tr::tr("Add 'operator: path/to/op.py' or inline 'code: |'."));
    }
    op->entrypoint = defaultEntry;
    if (const auto v = m_y.string(n, p, QStringLiteral("entrypoint"))) {
        if (!isIdentifier(*v))
            m_y.error(YamlFields::child(n, QStringLiteral("entrypoint")), YamlFields::join(p, QStringLiteral("entrypoint")),
                      Tr::tr("'%1' is not a Python function name").arg(*v), Tr::tr("Use the name of a top-level def, e.g. '%1'.").arg(defaultEntry));
        else
            op->entrypoint = *v;
    }
}

void Loader::loadMap(const YAML::Node &n)
{
    const QString p = QStringLiteral("map");
    m_y.checkKeys(n, p, {QStringLiteral("language"), QStringLiteral("operator"), QStringLiteral("code"),
                         QStringLiteral("entrypoint"), QStringLiteral("resources"), QStringLiteral("program")},
                  {{QStringLiteral("produce"), Tr::tr("A map step cannot produce files: move it to the top-level 'produce:' list.")},
                   {QStringLiteral("template"), Tr::tr("This key belongs under 'program:'.")},
                   {QStringLiteral("timeout_s"), Tr::tr("This key belongs under 'program:'.")}});
    const YAML::Node program = YamlFields::child(n, QStringLiteral("program"));
    if (program.IsDefined()) {
        for (const QString &k : {QStringLiteral("operator"), QStringLiteral("code"), QStringLiteral("entrypoint")}) {
            if (YamlFields::has(n, k))
                m_y.error(YamlFields::child(n, k), YamlFields::join(p, k), Tr::tr("both 'program' and '%1' are given").arg(k),
                          Tr::tr("Keep one: 'program:' runs one program per record, '%1:' names an operator.").arg(k));
        }
        if (const auto v = m_y.oneOf(n, p, QStringLiteral("language"), {QStringLiteral("python")}))
            m_r->job.map.language = *v;
        m_r->job.map.entrypoint = QStringLiteral("map_shard");
        if (m_y.expectMap(program, QStringLiteral("map.program")))
            loadProgram(program);
    } else {
        loadOperator(n, p, &m_r->job.map, QStringLiteral("map_shard"), true);
    }
    const YAML::Node res = YamlFields::child(n, QStringLiteral("resources"));
    if (res.IsDefined() && m_y.expectMap(res, QStringLiteral("map.resources"))) {
        const QString rp = QStringLiteral("map.resources");
        m_y.checkKeys(res, rp, {QStringLiteral("cpu"), QStringLiteral("memory_gib"), QStringLiteral("disk_gib")},
                      {{QStringLiteral("memory"), Tr::tr("Did you mean 'memory_gib'?")}, {QStringLiteral("disk"), Tr::tr("Did you mean 'disk_gib'?")}});
        JobResources &r = m_r->job.resources;
        if (const auto v = m_y.integer(res, rp, QStringLiteral("cpu"), 1, 64))
            r.cpu = int(*v);
        if (const auto v = m_y.number(res, rp, QStringLiteral("memory_gib"), 0.125, 256))
            r.memoryGib = *v;
        if (const auto v = m_y.number(res, rp, QStringLiteral("disk_gib"), 0.5, 1024))
            r.diskGib = *v;
    }
}

void Loader::loadProgram(const YAML::Node &n)
{
    const QString p = QStringLiteral("map.program");
    m_y.checkKeys(n, p, {QStringLiteral("template"), QStringLiteral("timeout_s"), QStringLiteral("memory_mib"),
                         QStringLiteral("max_processes"), QStringLiteral("output_cap_kib"), QStringLiteral("keep")},
                  {{QStringLiteral("timeout"), Tr::tr("Did you mean 'timeout_s'?")},
                   {QStringLiteral("memory_gib"), Tr::tr("Write the program's memory in MiB: 'memory_mib'.")},
                   {QStringLiteral("memory"), Tr::tr("Did you mean 'memory_mib'?")}});
    JobProgram &g = m_r->job.program;
    g.enabled = true;
    if (const auto v = m_y.string(n, p, QStringLiteral("template"), true)) {
        g.tmpl = *v;
        const YAML::Node at = YamlFields::child(n, QStringLiteral("template"));
        const QString key = QStringLiteral("map.program.template");
        static const QRegularExpression fieldRe(QStringLiteral("\\G\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
        bool lone = false;
        for (qsizetype i = 0; i < v->size(); ++i) {
            const QChar c = v->at(i);
            if ((c == u'{' || c == u'}') && i + 1 < v->size() && v->at(i + 1) == c) {
                ++i;   // {{ or }}: a literal brace
                continue;
            }
            if (c == u'{') {
                const QRegularExpressionMatch m = fieldRe.match(*v, i);
                if (m.hasMatch()) {
                    if (!g.fields.contains(m.captured(1)))
                        g.fields.append(m.captured(1));
                    i += m.capturedLength() - 1;
                    continue;
                }
            }
            if (c == u'{' || c == u'}') {
                m_y.error(at, key,
                          Tr::tr("a lone '%1' at character %2 of the template").arg(c).arg(i + 1),
                          Tr::tr("Name a record field as '{field}' (letters, digits, '_'); write '%1%1' for a literal '%1'.").arg(c));
                lone = true;
                break;
            }
        }
        if (v->trimmed().isEmpty())
            m_y.error(at, key, Tr::tr("the template is empty"),
                      Tr::tr("Assemble the program from record fields, e.g. '{prompt}{completion}'."));
        else if (g.fields.isEmpty() && !lone)
            m_y.warning(at, key, Tr::tr("the template names no record field: every record runs the same program"),
                        Tr::tr("Insert record fields as '{field}'."));
    }
    if (const auto v = m_y.number(n, p, QStringLiteral("timeout_s"), 0.1, 3600))
        g.timeoutS = *v;
    if (const auto v = m_y.integer(n, p, QStringLiteral("memory_mib"), 64, 262144))
        g.memoryMib = int(*v);
    if (const auto v = m_y.integer(n, p, QStringLiteral("max_processes"), 1, 4096))
        g.maxProcesses = int(*v);
    if (const auto v = m_y.integer(n, p, QStringLiteral("output_cap_kib"), 1, 65536))
        g.outputCapKib = int(*v);
    if (const auto v = m_y.stringList(n, p, QStringLiteral("keep"))) {
        static const QStringList reserved = {QStringLiteral("passed"), QStringLiteral("status"), QStringLiteral("error"),
                                             QStringLiteral("duration_ms"), QStringLiteral("output_bytes")};
        const YAML::Node list = YamlFields::child(n, QStringLiteral("keep"));
        for (qsizetype i = 0; i < v->size(); ++i) {
            if (reserved.contains(v->at(i)) || v->at(i).isEmpty() || v->indexOf(v->at(i)) != i)
                m_y.error(list[std::size_t(i)], QStringLiteral("map.program.keep[%1]").arg(i),
                          v->at(i).isEmpty() ? Tr::tr("the field name is empty")
                          : reserved.contains(v->at(i)) ? Tr::tr("'%1' is a result field of its own").arg(v->at(i))
                                                        : Tr::tr("'%1' is listed twice").arg(v->at(i)),
                          Tr::tr("Name record fields to copy into each result, e.g. 'keep: [task_id]'; not %1.")
                              .arg(reserved.join(QStringLiteral(", "))));
        }
        g.keep = *v;
    }
}

void Loader::loadPassAtK(const YAML::Node &n)
{
    JobReduce &r = m_r->job.reduce;
    if (const auto g = m_y.string(n, QStringLiteral("reduce"), QStringLiteral("group_by"), true)) {
        static const QRegularExpression passRe(QStringLiteral("\\Apass@"));
        if (g->isEmpty() || *g == u"n" || *g == u"correct" || passRe.match(*g).hasMatch())
            m_y.error(YamlFields::child(n, QStringLiteral("group_by")), QStringLiteral("reduce.group_by"),
                      Tr::tr("'%1' cannot name the group field").arg(*g),
                      Tr::tr("Name the record field that identifies a problem, e.g. 'group_by: task_id' (not n, correct or pass@…)."));
        else
            r.params.insert(QStringLiteral("group_by"), *g);
    }
    QVariantList ks{1, 10, 100};
    const YAML::Node kNode = YamlFields::child(n, QStringLiteral("k"));
    if (kNode.IsDefined()) {
        ks.clear();
        const auto bad = [&](const YAML::Node &at, const QString &what) {
            m_y.error(at, QStringLiteral("reduce.k"), what, Tr::tr("Write e.g. 'k: [1, 10, 100]': whole numbers from 1 up, ascending."));
        };
        if (!kNode.IsSequence() || kNode.size() == 0) {
            bad(kNode, Tr::tr("expected a non-empty list of whole numbers, got %1").arg(YamlFields::describe(kNode)));
        } else {
            qint64 last = 0;
            for (std::size_t i = 0; i < kNode.size(); ++i) {
                const auto k = YamlFields::toInteger(kNode[i]);
                if (!k || *k < 1 || *k > 1'000'000) {
                    bad(kNode[i], Tr::tr("expected a whole number from 1 to 1000000, got %1").arg(YamlFields::describe(kNode[i])));
                    break;
                }
                if (*k <= last) {
                    bad(kNode[i], Tr::tr("the values of k must be strictly ascending"));
                    break;
                }
                last = *k;
                ks.append(*k);
            }
        }
    }
    r.params.insert(QStringLiteral("k"), ks);
}

void Loader::loadReduce(const YAML::Node &n)
{
    const QString p = QStringLiteral("reduce");
    m_y.checkKeys(n, p, {QStringLiteral("builtin"), QStringLiteral("field"), QStringLiteral("bins"),
                         QStringLiteral("group_by"), QStringLiteral("k"),
                         QStringLiteral("language"), QStringLiteral("operator"), QStringLiteral("code"),
                         QStringLiteral("entrypoint")});
    JobReduce &r = m_r->job.reduce;
    const bool hasBuiltin = YamlFields::has(n, QStringLiteral("builtin"));
    const bool hasOp = YamlFields::has(n, QStringLiteral("operator")) || YamlFields::has(n, QStringLiteral("code"));
    if (hasBuiltin && hasOp) {
        m_y.error(YamlFields::child(n, QStringLiteral("builtin")), QStringLiteral("reduce.builtin"),
                  Tr::tr("both a builtin and an operator are given"), Tr::tr("Keep 'builtin:' or 'operator:'/'code:', not both."));
        return;
    }
    if (!hasBuiltin && !hasOp) {
        m_y.error(n, QStringLiteral("reduce.builtin"), Tr::tr("no reducer is given"),
                  Tr::tr("Add 'builtin: %1' or 'operator: path/to/reduce.py'.").arg(kBuiltins.join(QStringLiteral(" | "))));
        return;
    }
    if (hasOp) {
        loadOperator(n, p, &r.op, QStringLiteral("reduce"), true);
        for (const QString &k : {QStringLiteral("field"), QStringLiteral("bins"), QStringLiteral("group_by"), QStringLiteral("k")}) {
            if (YamlFields::has(n, k))
                m_y.error(YamlFields::child(n, k), YamlFields::join(p, k), Tr::tr("'%1' applies to builtin reducers only").arg(k),
                          Tr::tr("Remove it; a Python reducer receives every map output."));
        }
        return;
    }
    for (const QString &k : {QStringLiteral("language"), QStringLiteral("entrypoint")}) {
        if (YamlFields::has(n, k))
            m_y.error(YamlFields::child(n, k), YamlFields::join(p, k), Tr::tr("'%1' applies to operator reducers only").arg(k),
                      Tr::tr("Remove it, or replace 'builtin:' with 'operator:'."));
    }
    const auto b = m_y.oneOf(n, p, QStringLiteral("builtin"), kBuiltins, true);
    if (!b)
        return;
    r.builtin = *b;
    for (const QString &k : {QStringLiteral("group_by"), QStringLiteral("k")}) {
        if (r.builtin != u"pass_at_k" && YamlFields::has(n, k))
            m_y.error(YamlFields::child(n, k), YamlFields::join(p, k), Tr::tr("'%1' applies to the pass_at_k reducer only").arg(k),
                      Tr::tr("Remove '%1:'.").arg(k));
    }
    if (r.builtin == u"pass_at_k")
        loadPassAtK(n);
    const bool needsField = r.builtin == u"sum" || r.builtin == u"mean" || r.builtin == u"min" || r.builtin == u"max"
        || r.builtin == u"histogram";
    const bool takesField = needsField || r.builtin == u"merge_counts" || r.builtin == u"pass_at_k";
    if (const auto f = m_y.string(n, p, QStringLiteral("field"), false)) {
        if (!takesField)
            m_y.error(YamlFields::child(n, QStringLiteral("field")), QStringLiteral("reduce.field"),
                      Tr::tr("'%1' takes no field").arg(r.builtin), Tr::tr("Remove 'field:'."));
        else if (f->isEmpty())
            m_y.error(YamlFields::child(n, QStringLiteral("field")), QStringLiteral("reduce.field"), Tr::tr("the field is empty"));
        else
            r.params.insert(QStringLiteral("field"), *f);
    } else if (!YamlFields::has(n, QStringLiteral("field")) && needsField && r.builtin != u"histogram") {
        // sum/mean/min/max of bare numbers need no field; see docs/job-format.md.
    }
    if (r.builtin == u"histogram") {
        if (!YamlFields::has(n, QStringLiteral("field")))
            m_y.error(n, QStringLiteral("reduce.field"), Tr::tr("histogram needs 'field'"),
                      Tr::tr("Name the numeric field to count, e.g. 'field: duration_ms'."));
        if (const auto bins = m_y.numberList(n, p, QStringLiteral("bins"), true)) {
            bool ascending = bins->size() >= 2;
            for (qsizetype i = 1; i < bins->size(); ++i)
                ascending = ascending && bins->at(i) > bins->at(i - 1);
            if (!ascending)
                m_y.error(YamlFields::child(n, QStringLiteral("bins")), QStringLiteral("reduce.bins"),
                          Tr::tr("expected at least two strictly ascending bin edges"), Tr::tr("Write e.g. 'bins: [0, 10, 100, 1000]'."));
            QVariantList list;
            for (double d : *bins)
                list.append(d);
            r.params.insert(QStringLiteral("bins"), list);
        }
    } else if (YamlFields::has(n, QStringLiteral("bins"))) {
        m_y.error(YamlFields::child(n, QStringLiteral("bins")), QStringLiteral("reduce.bins"),
                  Tr::tr("'bins' applies to the histogram reducer only"), Tr::tr("Remove 'bins:'."));
    }
}

void Loader::loadProduce(const YAML::Node &n)
{
    if (!n.IsSequence()) {
        m_y.error(n, QStringLiteral("produce"), Tr::tr("expected a list of outputs, got %1").arg(YamlFields::describe(n)),
                  Tr::tr("Write '- { format: json, path: summary.json }' items."));
        return;
    }
    QSet<QString> paths;
    for (std::size_t i = 0; i < n.size(); ++i) {
        const YAML::Node item = n[i];
        const QString p = QStringLiteral("produce[%1]").arg(i);
        if (!m_y.expectMap(item, p))
            continue;
        m_y.checkKeys(item, p, {QStringLiteral("format"), QStringLiteral("path"), QStringLiteral("columns"),
                                QStringLiteral("select")});
        JobProduce out;
        const auto fmt = m_y.oneOf(item, p, QStringLiteral("format"),
                                   {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("jsonl")}, true);
        if (fmt)
            out.format = *fmt;
        if (const auto path = m_y.string(item, p, QStringLiteral("path"), true)) {
            const QString clean = QDir::cleanPath(*path);
            const YAML::Node at = YamlFields::child(item, QStringLiteral("path"));
            if (path->isEmpty() || QDir::isAbsolutePath(*path) || clean == u".." || clean.startsWith(QStringLiteral("../"))
                || clean == u"." || path->startsWith(u'~')
                || path->contains(u'\\') || path->contains(u':')) {
                m_y.error(at, p + QStringLiteral(".path"), Tr::tr("'%1' is not a path inside the run's output folder").arg(*path),
                          Tr::tr("Use a relative path without '..', e.g. 'report.csv'."));
            } else if (paths.contains(clean)) {
                m_y.error(at, p + QStringLiteral(".path"), Tr::tr("'%1' is produced twice").arg(clean),
                          Tr::tr("Give each output its own path."));
            } else {
                paths.insert(clean);
                out.path = clean;
            }
        }
        if (const auto cols = m_y.stringList(item, p, QStringLiteral("columns"))) {
            if (fmt && *fmt != u"csv")
                m_y.error(YamlFields::child(item, QStringLiteral("columns")), p + QStringLiteral(".columns"),
                          Tr::tr("'columns' applies to csv outputs only"), Tr::tr("Remove 'columns:'."));
            else if (cols->isEmpty())
                m_y.error(YamlFields::child(item, QStringLiteral("columns")), p + QStringLiteral(".columns"),
                          Tr::tr("the column list is empty"), Tr::tr("Name the columns to write, e.g. [id, passed]."));
            out.columns = *cols;
        } else if (fmt && *fmt == u"csv" && !YamlFields::has(item, QStringLiteral("columns"))) {
            m_y.error(item, p + QStringLiteral(".columns"), Tr::tr("a csv output needs 'columns'"),
                      Tr::tr("Name the columns to write, in order, e.g. 'columns: [id, passed]'."));
        }
        if (const auto sel = m_y.string(item, p, QStringLiteral("select"))) {
            static const QRegularExpression selRe(QStringLiteral("\\A[^.\\s]+(\\.[^.\\s]+)*\\z"));
            if (!selRe.match(*sel).hasMatch())
                m_y.error(YamlFields::child(item, QStringLiteral("select")), p + QStringLiteral(".select"),
                          Tr::tr("'%1' is not a dotted key").arg(*sel), Tr::tr("Write e.g. 'select: results' or 'select: summary.by_category'."));
            out.select = *sel;
        }
        m_r->job.produce.append(out);
    }
}

void Loader::loadPolicy(const YAML::Node &n)
{
    const QString p = QStringLiteral("policy");
    m_y.checkKeys(n, p, {QStringLiteral("max_concurrency_map"), QStringLiteral("shard_timeout_s"),
                         QStringLiteral("max_retries"), QStringLiteral("network"), QStringLiteral("egress_allowlist"),
                         QStringLiteral("budget")});
    JobPolicy &pol = m_r->job.policy;
    if (const auto v = m_y.integer(n, p, QStringLiteral("max_concurrency_map"), 1, 1024))
        pol.maxConcurrencyMap = int(*v);
    if (const auto v = m_y.integer(n, p, QStringLiteral("shard_timeout_s"), 1, 86400))
        pol.shardTimeoutS = int(*v);
    if (const auto v = m_y.integer(n, p, QStringLiteral("max_retries"), 0, 20))
        pol.maxRetries = int(*v);
    if (const auto v = m_y.oneOf(n, p, QStringLiteral("network"), {QStringLiteral("none"), QStringLiteral("allowlist")}))
        pol.network = *v;
    if (const auto v = m_y.stringList(n, p, QStringLiteral("egress_allowlist"))) {
        const YAML::Node list = YamlFields::child(n, QStringLiteral("egress_allowlist"));
        for (qsizetype i = 0; i < v->size(); ++i) {
            if (!isValidEgressEntry(v->at(i)))
                m_y.error(list[std::size_t(i)], QStringLiteral("policy.egress_allowlist[%1]").arg(i),
                          Tr::tr("'%1' is neither a domain name nor an IP address or CIDR").arg(v->at(i)),
                          Tr::tr("Write e.g. 'pypi.org', '*.example.com' or '10.0.0.0/8'."));
        }
        pol.egressAllowlist = *v;
        if (pol.network == u"none" && !v->isEmpty())
            m_y.warning(list, QStringLiteral("policy.egress_allowlist"),
                        Tr::tr("the allowlist is ignored because network is 'none'"), Tr::tr("Set 'network: allowlist' to use it."));
    }
    const YAML::Node budget = YamlFields::child(n, QStringLiteral("budget"));
    if (budget.IsDefined() && m_y.expectMap(budget, QStringLiteral("policy.budget"))) {
        const QString bp = QStringLiteral("policy.budget");
        m_y.checkKeys(budget, bp, {QStringLiteral("max_cost_usd"), QStringLiteral("max_sandbox_seconds")});
        if (const auto v = m_y.number(budget, bp, QStringLiteral("max_cost_usd"), 0, 1e6))
            pol.maxCostUsd = *v;
        if (const auto v = m_y.integer(budget, bp, QStringLiteral("max_sandbox_seconds"), 0, 1'000'000'000))
            pol.maxSandboxSeconds = *v;
    }
}

} // namespace

JobLoadResult loadJobText(const QByteArray &yaml, const QString &pathForMessages)
{
    JobLoadResult r;
    r.job.path = pathForMessages;
    r.job.baseDir = pathForMessages.isEmpty() ? QDir::currentPath()
                                              : QFileInfo(pathForMessages).absolutePath();
    Loader(&r, pathForMessages).load(yaml);
    // Report in file order, whatever order the checks ran in.
    std::stable_sort(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic &a, const Diagnostic &b) {
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    qCDebug(lcJobLoader) << "loaded" << pathForMessages << "with" << r.diagnostics.size() << "diagnostics";
    return r;
}

JobLoadResult loadJobFile(const QString &path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    constexpr qint64 maxJobBytes = 4 << 20;
    QByteArray text;
    QString error;
    if (!readRegularFile(abs, maxJobBytes, &text, &error)) {
        JobLoadResult r;
        r.job.path = abs;
        r.diagnostics.append(Diagnostic::error(path, 0, 0, QString(), Tr::tr("cannot read the job file: %1").arg(error),
                                               Tr::tr("Name a job file (YAML, at most 4 MiB) that exists and that you may read.")));
        return r;
    }
    JobLoadResult r = loadJobText(text, path);
    r.job.path = abs;
    return r;
}

} // namespace mrp
