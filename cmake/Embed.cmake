# webdpro_embed(<target> <namespace> <dir>)
# Compiles every file under <dir> into a static library exposing
#   std::span<const webdpro::EmbeddedFile> <namespace>::Files();
# with paths relative to <dir>. Rebuilt when any file under <dir> changes.
function(webdpro_embed target namespace dir)
    file(GLOB_RECURSE files CONFIGURE_DEPENDS LIST_DIRECTORIES false "${dir}/*")
    set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded/${target}.cpp")
    add_custom_command(
        OUTPUT "${out}"
        COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DNAMESPACE=${namespace}
                -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
        DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
        COMMENT "Embedding ${dir}"
        VERBATIM)
    add_library(${target} STATIC "${out}")
    target_include_directories(${target} PUBLIC ${CMAKE_SOURCE_DIR}/src)
endfunction()
