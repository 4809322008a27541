// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Reduce (docs/design.md §2.5, docs/job-format.md "reduce"): merges the map outputs in shard-index
// order, each read from the run store and checked against its digest.
//
// reduce_input_order_digest = SHA-256 of the canonical JSON array
//   [{"index": i, "output_digest": "<sha>", "shard_id": "<id>"}, ...]  (ascending index)
// so the record proves which outputs were merged and in which order.
//
// Built-in reducers are pure functions (builtinReduce) and run on any thread. The Python
// reducer (ReduceSpec::op) runs through `runner.py --reduce` in a local sandbox: PythonReducer
// drives a SandboxBackend asynchronously on the backend's thread.

#include "job/plan.h"
#include "sandbox/sandboxbackend.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace mrp {

struct RunRecord;
class RunStore;

struct ReduceInput {
    int index = 0;
    QString shardId;
    QString outputDigest;
};

struct ReduceResult {
    bool ok = false;
    ErrorClass errorClass = ErrorClass::None;
    QString error;                   // translated, names the shard when one is to blame
    QByteArray output;               // canonical JSON bytes of the reduced value
    QJsonValue value;
    QString inputOrderDigest;
    QString outputDigest;            // SHA-256 of output
};

using ObjectLoader = std::function<std::optional<QByteArray>(const QString &sha256, QString *error)>;

QString reduceInputOrderDigest(const QList<ReduceInput> &inputs);

// Built-in reducers, exactly as docs/job-format.md "Builtin reducers" specifies: concat | sum |
// count | mean | min | max | merge_counts | histogram | pass_at_k. params: "field" (a dotted path
// into each item), "bins" (histogram edges), "group_by" and "k" (pass_at_k). outputs are in shard order; shardIds (same order) name the
// guilty shard in errors.
bool builtinReduce(const QString &name, const QVariantMap &params, const QList<QJsonValue> &outputs,
                   QJsonValue *out, QString *error, const QStringList &shardIds = {});
bool isBuiltinReducer(const QString &name);
// The unbiased pass@k estimator 1 - C(n-c, k) / C(n, k) for n samples of which c are correct,
// as the product 1 - prod_{i=n-c+1}^{n} (1 - k/i); 1.0 when n - c < k. Needs n >= k (the
// pass_at_k reducer reports null otherwise).
double estimatePassAtK(qint64 n, qint64 c, qint64 k);

// pass@k of a finished pass_at_k run (the reduced value's "overall", read from the store by the
// run record's reduce output digest); empty for other runs or when the object is missing.
QJsonObject passAtKOverall(const RunRecord &record, const RunStore &store);
// "pass@1 0.6189, pass@10 0.9400 over 30 groups (64 of 105 samples passed)".
QString describePassAtK(const QJsonObject &overall);
// One line per pass@k: "pass@1: 0.6000 → 0.6189 (+0.0189)"; empty when neither run has pass@k.
QStringList comparePassAtK(const QJsonObject &before, const QJsonObject &after);

// Loads every input in order (digest-checked), then applies the built-in reducer. Blocking,
// any thread.
ReduceResult runBuiltinReduce(const ReduceSpec &spec, QList<ReduceInput> inputs, const ObjectLoader &load);

// Loads and parses the inputs in order (the built-in reducers work on the values). False +
// *error on the first bad one.
// With projectField, each value is cut down to what reducerProjectsField() says the reducer
// reads, as soon as it is parsed, and what is kept is held to runcontract::MaxRunOutputBytes.
bool loadReduceInputs(QList<ReduceInput> inputs, const ObjectLoader &load, QList<QJsonValue> *values, QString *error,
                      const QString &projectField = {});

// True when the built-in reducer reads only the values at its `field` (count, sum, mean, min,
// max, histogram and merge_counts with a field): reduce then keeps those values of each output,
// not the outputs, so the map outputs together may exceed what reduce could hold whole.
bool reducerProjectsField(const ReduceSpec &spec);

// Writes the Python reducer's inputs.json at `path`: the JSON array of the map outputs in shard
// order, each exactly the bytes its runner wrote, copied from the store in 1 MiB blocks and
// checked against its digest on the way (memory stays flat whatever their size). False +
// *error naming the shard on the first missing or altered one; nothing is left at `path` then.
// Blocking, any thread.
bool writeReduceInputsFile(QList<ReduceInput> inputs, const RunStore &store, const QString &path, QString *error);

// The Python reducer: creates a sandbox, uploads runner.py, the reducer, the inputs file (as
// inputs.json) and a manifest, runs `python3 -u -I -B runner.py --reduce`, downloads
// output.json (at most runcontract::MaxShardOutputBytes), destroys the sandbox. finished() fires
// exactly once; result() is valid after it.
class PythonReducer : public QObject
{
    Q_OBJECT
public:
    PythonReducer(SandboxBackend *backend, const ReduceSpec &spec, const QString &workDir, QObject *parent = nullptr);
    // inputsFile: written by writeReduceInputsFile().
    void start(const QString &runId, const QString &inputsFile, const QString &inputOrderDigest, int timeoutSec);
    void cancel();
    const ReduceResult &result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void fail(ErrorClass cls, const QString &message);
    void finish();

    SandboxBackend *m_backend;
    ReduceSpec m_spec;
    QString m_workDir;
    QString m_sandboxId;
    ReduceResult m_result;
    bool m_done = false;
};

} // namespace mrp
