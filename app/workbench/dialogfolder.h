// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QString>

namespace mrp {

// The folder file dialogs open in: the last one the user chose a file or folder in (kept in
// QSettings across sessions), else the user's documents folder.
QString dialogFolder();
// Remembers the folder of a chosen file, or a chosen folder itself. Empty paths are ignored.
void rememberDialogFolder(const QString &chosenPath);

} // namespace mrp
