# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# Fails when model/ includes a Qt module other than Core, or services/ includes a GUI module.
set(violations "")
function(scan dir regex)
    file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/*.h" "${SOURCE_DIR}/${dir}/*.cpp")
    foreach(f IN LISTS files)
        file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*<(${regex})")
        foreach(l IN LISTS lines)
            list(APPEND violations "${f}: ${l}")
        endforeach()
    endforeach()
    set(violations "${violations}" PARENT_SCOPE)
endfunction()
scan(model "QtNetwork|QtWidgets|QtGui|QtSql|QtConcurrent|QNetwork|QWidget|QSql|QtKeychain|qt6keychain|KSyntaxHighlighting")
scan(services "QtWidgets|QtGui|QWidget|QApplication|KSyntaxHighlighting")
if(violations)
    list(JOIN violations "\n  " text)
    message(FATAL_ERROR "wrong-way includes (model <- services <- app):\n  ${text}")
endif()
message(STATUS "layering: no wrong-way includes")
