# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: MRP Workbench contributors
#
# cmake -DAPP_ID=<id> -DSOURCE_DIR=<repo> -P check-app-id.cmake
# Fails unless every place that names the application uses the one id: the desktop file
# (name, Icon=), the metainfo (<id>, <launchable>, <icon>), the Windows manifest, the bundle
# id setting and the keychain service of the secret store; and the licence (see below).

set(errors "")
function(expect file regex what)
    if(NOT EXISTS "${SOURCE_DIR}/${file}")
        list(APPEND errors "${file} is missing (${what})")
    else()
        file(READ "${SOURCE_DIR}/${file}" text)
        if(NOT text MATCHES "${regex}")
            list(APPEND errors "${file}: ${what} is not ${APP_ID}")
        endif()
    endif()
    set(errors "${errors}" PARENT_SCOPE)
endfunction()

string(REPLACE "." "\\." id_re "${APP_ID}")
expect("packaging/${APP_ID}.desktop" "\nIcon=${id_re}\n" "Icon=")
expect("packaging/${APP_ID}.metainfo.xml" "<id>${id_re}</id>" "<id>")
expect("packaging/${APP_ID}.metainfo.xml" "<launchable type=\"desktop-id\">${id_re}\\.desktop</launchable>" "<launchable>")
expect("packaging/${APP_ID}.metainfo.xml" "<icon type=\"stock\">${id_re}</icon>" "<icon>")
expect("packaging/mrp-workbench.manifest" "name=\"${id_re}\"" "assemblyIdentity name")
expect("packaging/CMakeLists.txt" "MACOSX_BUNDLE_GUI_IDENTIFIER \\\${MRP_APP_ID}" "the bundle identifier")
expect("packaging/Info.plist.in" "<key>CFBundleIdentifier</key>[ \t\r\n]*<string>\\\${MACOSX_BUNDLE_GUI_IDENTIFIER}</string>" "CFBundleIdentifier")
expect("CMakeLists.txt" "set\\(MRP_APP_ID \"${id_re}\"\\)" "MRP_APP_ID")
expect("app/workbench/main.cpp" "setDesktopFileName\\(mrp::applicationId\\(\\)\\)" "the desktop file name")

# The keychain service: every QtKeychain job in services/ is made with applicationId().
file(GLOB_RECURSE service_sources "${SOURCE_DIR}/services/*.cpp")
set(keychain_users 0)
foreach(src IN LISTS service_sources)
    file(READ "${src}" text)
    if(text MATCHES "PasswordJob")
        math(EXPR keychain_users "${keychain_users} + 1")
        if(NOT text MATCHES "applicationId\\(\\)")
            list(APPEND errors "${src}: a QtKeychain job whose service is not mrp::applicationId()")
        endif()
    endif()
endforeach()
if(keychain_users EQUAL 0)
    message(STATUS "no QtKeychain use in services/ yet: keychain service not checked")
endif()

# One licence everywhere: LICENSE holds the GPL version 3 text that the SPDX headers
# (GPL-3.0-or-later) name, as do the metainfo, the Windows version resources, the bundle and CPack.
function(expect_licence file regex what)
    if(NOT EXISTS "${SOURCE_DIR}/${file}")
        list(APPEND errors "${file} is missing (${what})")
    else()
        file(READ "${SOURCE_DIR}/${file}" text)
        if(NOT text MATCHES "${regex}")
            list(APPEND errors "${file}: ${what} is not GPL-3.0-or-later")
        endif()
    endif()
    set(errors "${errors}" PARENT_SCOPE)
endfunction()
expect_licence("LICENSE" "^[ \t]*GNU GENERAL PUBLIC LICENSE[ \t\r\n]+Version 3, 29 June 2007" "the licence text")
expect_licence("packaging/${APP_ID}.metainfo.xml" "<project_license>GPL-3\\.0-or-later</project_license>" "<project_license>")
expect_licence("packaging/mrp-workbench.rc.in" "\"LegalCopyright\", \"GPL-3\\.0-or-later" "LegalCopyright")
expect_licence("packaging/mrp.rc.in" "\"LegalCopyright\", \"GPL-3\\.0-or-later" "LegalCopyright")
expect_licence("packaging/CMakeLists.txt" "MACOSX_BUNDLE_COPYRIGHT \"GPL-3\\.0-or-later" "MACOSX_BUNDLE_COPYRIGHT")
expect_licence("packaging/CMakeLists.txt" "CPACK_RESOURCE_FILE_LICENSE [^)]*LICENSE\\.txt" "CPACK_RESOURCE_FILE_LICENSE (LICENSE)")

if(errors)
    list(JOIN errors "\n  " msg)
    message(FATAL_ERROR "application id or licence mismatch:\n  ${msg}")
endif()
message(STATUS "application id ${APP_ID}: consistent")
