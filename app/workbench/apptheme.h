// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
#pragma once

#include <QPalette>
#include <QString>

namespace mrp {

// The workbench's colour theme: follow the system, or force a light or dark palette.
enum class ThemeMode { System, Light, Dark };

QPalette lightPalette();
QPalette darkPalette();
// Applies the mode to the whole application (QApplication::setPalette). System restores the
// palette the application started with. Widgets follow through QEvent::PaletteChange.
void applyTheme(ThemeMode mode);
QString themeModeKey(ThemeMode mode);                 // "system" | "light" | "dark" (settings)
ThemeMode themeModeFromKey(const QString &key);

} // namespace mrp
