// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// OperatorScanner: runs the AST policy scan (resources/runner/scan_operator.py, Python's own
// parser) over an operator before any shard runs. With a sandbox backend (normally the
// LocalBackend) the scan runs in a fresh sandbox like any shard — the operator's source is
// untrusted input to the parser too; without one it runs as `python3 -I` in a private temporary
// folder with a timeout. Either way asynchronous: no waitFor*.
//
// Threading: create and use on the backend's thread. The future finishes there exactly once,
// also when the scanner is destroyed first (then with an error). The backend is not owned and
// must outlive the scans.

#include "job/plan.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace mrp {

class SandboxBackend;

struct OperatorScanFinding {
    QString kind;      // blocked_import | import_not_allowed | relative_import | blocked_call |
                       // dynamic_getattr | builtins_access | syntax_error
    QString name;      // the module or callable, e.g. "subprocess", "os.system"
    int line = 0;      // 1-based
    int column = 0;    // 1-based
    QString message;   // English, from the scanner
};

struct OperatorScanResult {
    bool ok = false;                        // ran and found nothing
    QList<OperatorScanFinding> findings;
    QString error;                          // set when the scan itself could not run (translated)
    bool isolated = false;                  // the scan ran inside an isolated sandbox
    bool ran() const { return error.isEmpty(); }
};

class OperatorScanner : public QObject
{
    Q_OBJECT
public:
    // backend: where to run the scan (nullptr: a plain python3 -I process).
    explicit OperatorScanner(SandboxBackend *backend = nullptr, QObject *parent = nullptr);
    ~OperatorScanner() override;

    QFuture<OperatorScanResult> scan(const QByteArray &code, const OperatorPolicy &policy, int timeoutSec = 30);

    // The policy document handed to the scanner.
    static QByteArray policyJson(const OperatorPolicy &policy);
    // Parses the scanner's stdout; false when it is not the expected document.
    static bool parseOutput(const QByteArray &stdoutData, QList<OperatorScanFinding> *findings);

private:
    QFuture<OperatorScanResult> scanInSandbox(const QByteArray &code, const OperatorPolicy &policy, int timeoutSec);
    QFuture<OperatorScanResult> scanInProcess(const QByteArray &code, const OperatorPolicy &policy, int timeoutSec);

    QPointer<SandboxBackend> m_backend;
    struct Pending;
    QList<std::shared_ptr<Pending>> m_pending;
};

} // namespace mrp
