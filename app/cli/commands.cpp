// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: MRP Workbench contributors
//
// The table of `mrp` subcommands. Each command lives in its own cmd_<name>.cpp and declares
// its entry point below.
#include "cli.h"

#include <QCoreApplication>

namespace mrp::cli {

const QList<Command> &commands()
{
    static const QList<Command> table = {
    };
    return table;
}

} // namespace mrp::cli
