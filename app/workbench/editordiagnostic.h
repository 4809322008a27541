// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace mrp {

// One problem found in an editor's text, as the Job page shows it: underlined in the editor
// and listed below it. Lines and columns are 1-based; column 0 = the whole line.
struct EditorDiagnostic {
    QString file;
    int line = 0;
    int column = 0;
    QString key;        // the YAML key path, when known ("policy.max_retries")
    QString message;
    QString hint;       // what to do; may be empty
    bool isWarning = false;
};

} // namespace mrp

Q_DECLARE_METATYPE(mrp::EditorDiagnostic)
