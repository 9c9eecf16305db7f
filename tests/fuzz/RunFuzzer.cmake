# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer executable for a bounded time over a fresh copy of its seed corpus and
# regressions (the source tree is never written). Called by ctest; fails on any finding.
#   cmake -DFUZZER=... -DSEEDS=... -DREGRESSIONS=... -DDICT=... -DWORK=... -DSECONDS=... -P RunFuzzer.cmake
foreach(_var FUZZER SEEDS REGRESSIONS WORK SECONDS)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "RunFuzzer.cmake: ${_var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK}/corpus" "${WORK}/artifacts")
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
foreach(_dir "${SEEDS}" "${REGRESSIONS}")
  if(IS_DIRECTORY "${_dir}")
    file(GLOB _files LIST_DIRECTORIES false "${_dir}/*")
    if(_files)
      file(COPY ${_files} DESTINATION "${WORK}/corpus")
    endif()
  endif()
endforeach()

set(_args -max_total_time=${SECONDS} -timeout=10 -rss_limit_mb=2048 -max_len=16384
          -print_final_stats=1 -artifact_prefix=${WORK}/artifacts/)
if(DEFINED DICT AND EXISTS "${DICT}")
  list(APPEND _args -dict=${DICT})
endif()
execute_process(COMMAND "${FUZZER}" ${_args} "${WORK}/corpus"
                WORKING_DIRECTORY "${WORK}" RESULT_VARIABLE _rc)
file(GLOB _found "${WORK}/artifacts/*")
if(NOT _rc EQUAL 0 OR _found)
  message(FATAL_ERROR "the fuzzer found a problem (exit status ${_rc}): ${_found}\n"
                      "Minimise it (${FUZZER} -minimize_crash=1 -runs=10000 FILE), fix the reader "
                      "and keep the reproducer in ${REGRESSIONS}/.")
endif()
