# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# cmake -DEXPECT=<code> -DCMD=<exe;args...> -P expect_exit.cmake
# Runs CMD and fails unless it exits with exactly EXPECT (a crash never passes).
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "${EXPECT}")
    message(FATAL_ERROR "expected exit ${EXPECT}, got '${rc}'\nstdout:\n${out}\nstderr:\n${err}")
endif()
message(STATUS "exit ${rc} as expected\n${err}")
