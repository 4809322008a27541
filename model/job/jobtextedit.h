// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

// Small edits of a job file's text that keep everything else as the user wrote it: comments,
// order, quoting and layout of the keys not touched. The workbench applies the result to its
// editor as one undoable change (docs/design.md §10.2).

#include <QString>
#include <QStringList>

namespace mrp {

struct JobTextEdit {
    bool ok = false;
    QString error;           // when !ok: why the text could not be edited (e.g. a YAML error)
    qsizetype position = 0;  // replace text[position, position + length) by `text`
    qsizetype length = 0;
    QString text;
    bool isNoOp() const { return ok && length == 0 && text.isEmpty(); }
};

// The edit that sets the scalar at keyPath (e.g. {"dataset", "path"}) of the job text to
// `yamlValue` (already YAML: see yamlScalar()). An existing value is replaced in place (plain,
// quoted, in a block or a flow mapping; a trailing comment stays); a missing key is added to its
// mapping, and missing parents are added at the end of the file. Setting a value that the text
// already holds returns a no-op edit. A text that is not a YAML mapping is an error.
JobTextEdit jobScalarEdit(const QString &text, const QStringList &keyPath, const QString &yamlValue);

// `value` as a YAML scalar: plain when that reads back as the same string, else single-quoted.
QString yamlScalar(const QString &value);

} // namespace mrp
