# Run in script mode after a GoogleTest executable is built: lists its tests and writes one ctest
# test per test suite (`<prefix><Suite>` running `--gtest_filter=<Suite>.*`), so the tests of a
# suite share one process and whatever SetUpTestSuite prepares (a server, a seeded database).
#   -D BINARY=<executable> -D OUT=<file to write> -D PREFIX=<name prefix> -D PROPS_FILE=<properties>
#   -D WORKING_DIR=<directory the tests run in>
execute_process(COMMAND "${BINARY}" --gtest_list_tests
    OUTPUT_VARIABLE listing RESULT_VARIABLE status TIMEOUT 60)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${BINARY} --gtest_list_tests failed (${status})")
endif()
file(READ "${PROPS_FILE}" props)
string(REPLACE ";" "" listing "${listing}")
string(REPLACE "\n" ";" lines "${listing}")
set(body "")
set(count 0)
foreach(line IN LISTS lines)
    # Suite lines start in column one ("Suite." or "Prefix/Suite/0.  # TypeParam = …");
    # the tests under them are indented.
    if(line MATCHES "^([^ #][^ ]*)\\.")
        set(suite "${CMAKE_MATCH_1}")
        set(name "${PREFIX}${suite}")
        string(APPEND body "add_test([==[${name}]==] [==[${BINARY}]==] [==[--gtest_filter=${suite}.*]==])\n"
            "set_tests_properties([==[${name}]==] PROPERTIES WORKING_DIRECTORY [==[${WORKING_DIR}]==] ${props})\n")
        math(EXPR count "${count} + 1")
    endif()
endforeach()
if(count EQUAL 0)
    message(FATAL_ERROR "${BINARY} lists no tests")
endif()
file(WRITE "${OUT}" "${body}")
