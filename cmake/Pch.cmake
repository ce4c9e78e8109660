# One precompiled header shared by the whole build.
#
# Every C++ target used to compile its own copy of the same header (the standard library pieces
# and nlohmann/json): about fifty copies of 115 MB each under ASan and -g, most of the debug build's
# disk and a good part of its time. Here one object library builds it once and every other target
# reuses it (REUSE_FROM). Targets that declare headers of their own (src/http, for Beast) keep them.

add_library(webdpro_pch OBJECT ${CMAKE_SOURCE_DIR}/cmake/pch.cpp)
target_link_libraries(webdpro_pch PRIVATE nlohmann_json::nlohmann_json)
target_precompile_headers(webdpro_pch PRIVATE
    <expected> <string> <string_view> <vector> <nlohmann/json.hpp>)

# All buildsystem targets defined in `dir` and below.
function(_webdpro_targets_under dir out)
    get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
    foreach(sub IN LISTS subdirs)
        _webdpro_targets_under("${sub}" sub_targets)
        list(APPEND targets ${sub_targets})
    endforeach()
    set(${out} ${targets} PARENT_SCOPE)
endfunction()

# webdpro_share_pch(): every compiled target without headers of its own reuses webdpro_pch's.
function(webdpro_share_pch)
    _webdpro_targets_under("${CMAKE_SOURCE_DIR}" targets)
    foreach(target IN LISTS targets)
        get_target_property(type ${target} TYPE)
        if(NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
            continue()
        endif()
        if(target STREQUAL "webdpro_pch")
            continue()
        endif()
        get_target_property(own ${target} PRECOMPILE_HEADERS)
        get_target_property(reused ${target} PRECOMPILE_HEADERS_REUSE_FROM)
        if(own OR reused)
            continue()
        endif()
        target_precompile_headers(${target} REUSE_FROM webdpro_pch)
    endforeach()
endfunction()
