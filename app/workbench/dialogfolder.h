// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QString>

namespace mrp {

// The folder file dialogs open in: the last one the user chose a file or folder in (kept in
// QSettings across sessions), else `fallback` (e.g. the job's folder), else the user's documents
// folder, else the home folder: always one that exists (a dialog given a missing folder opens in
// the working directory, where the user never meant to save).
QString dialogFolder(const QString &fallback = {});
// Remembers the folder of a chosen file, or a chosen folder itself. Empty paths are ignored.
void rememberDialogFolder(const QString &chosenPath);

} // namespace mrp
