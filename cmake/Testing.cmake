set(WEBDPRO_GTEST_SUITES_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/GTestSuites.cmake)

# webdpro_gtest_suites(<target> [PREFIX <prefix>] [PROPERTIES <name> <value>...])
# Registers one ctest test per GoogleTest suite of <target>, found by listing the tests after each
# build (like gtest_discover_tests, but a suite's tests run in one process: each process start,
# with the sanitizers' set-up, and each suite's shared fixture is paid once, not once per test).
function(webdpro_gtest_suites target)
    cmake_parse_arguments(ARG "" "PREFIX" "PROPERTIES" ${ARGN})
    set(props "")
    foreach(item IN LISTS ARG_PROPERTIES)
        string(APPEND props " [==[${item}]==]")
    endforeach()
    set(base ${CMAKE_CURRENT_BINARY_DIR}/${target}${ARG_PREFIX})
    file(WRITE ${base}_props.txt "${props}")
    add_custom_command(TARGET ${target} POST_BUILD
        COMMAND ${CMAKE_COMMAND} -D BINARY=$<TARGET_FILE:${target}> -D OUT=${base}_suites.cmake
                -D PREFIX=${ARG_PREFIX} -D PROPS_FILE=${base}_props.txt
                -D WORKING_DIR=${CMAKE_CURRENT_BINARY_DIR} -P ${WEBDPRO_GTEST_SUITES_SCRIPT}
        BYPRODUCTS ${base}_suites.cmake
        VERBATIM)
    file(WRITE ${base}_include.cmake
        "if(EXISTS [==[${base}_suites.cmake]==])\n"
        "    include([==[${base}_suites.cmake]==])\n"
        "else()\n"
        "    add_test([==[${target}${ARG_PREFIX}_NOT_BUILT]==] [==[${target}${ARG_PREFIX}_NOT_BUILT]==])\n"
        "endif()\n")
    set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${base}_include.cmake)
endfunction()

# webdpro_unit_test(<name> SOURCES ... LIBS ...)
# A GoogleTest executable whose suites are registered with ctest under the label `unit`.
function(webdpro_unit_test name)
    if(NOT WEBDPRO_TESTS)
        return()
    endif()
    cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
    if(NOT ARG_LABEL)
        set(ARG_LABEL unit)
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main)
    webdpro_gtest_suites(${name} PROPERTIES LABELS ${ARG_LABEL})
endfunction()
