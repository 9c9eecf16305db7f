# SPDX-License-Identifier: GPL-3.0-or-later
# The house rule "dependencies only point down" (docs/architecture.md), checked on the sources:
#   cmake -DSOURCE_DIR=<repo> -P cmake/CheckIncludeLayers.cmake
# Each folder of core/ and widgets/ has a rank; a file may include its own folder and folders of
# a lower rank, never a higher one nor a sibling of the same rank. core/ includes no Qt header
# and nothing of widgets/ or app/; widgets/ includes nothing of app/. Runs as the ctest test
# `include_layers` and fails naming every include that climbs, and every source file without its
# SPDX licence line.
cmake_minimum_required(VERSION 3.25)
if(NOT SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<repository> -P CheckIncludeLayers.cmake")
endif()

# Lowest first. Folders on one line share a rank (siblings: neither includes the other).
set(CORE_LAYERS base model analysis cost io import calibration explore)
set(WIDGETS_LAYERS common document "graph|charts" panels exploration report window)

function(rank_table prefix layers)
  set(rank 0)
  foreach(entry IN LISTS layers)
    string(REPLACE "|" ";" names "${entry}")
    foreach(name IN LISTS names)
      set(${prefix}_${name} ${rank} PARENT_SCOPE)
    endforeach()
    math(EXPR rank "${rank} + 1")
  endforeach()
endfunction()
rank_table(CORE "${CORE_LAYERS}")
rank_table(WIDGETS "${WIDGETS_LAYERS}")

set(violations "")
set(checked 0)
foreach(part core widgets)
  string(TOUPPER ${part} PART)
  file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR}/${part} ${SOURCE_DIR}/${part}/*.h
       ${SOURCE_DIR}/${part}/*.cpp)
  foreach(rel IN LISTS files)
    math(EXPR checked "${checked} + 1")
    string(REGEX MATCH "^[^/]+" folder "${rel}")
    if(folder STREQUAL rel)
      list(APPEND violations "${part}/${rel}: source files live in a folder of ${part}/")
      continue()
    endif()
    if(NOT DEFINED ${PART}_${folder})
      list(APPEND violations "${part}/${rel}: folder '${folder}' has no rank in cmake/CheckIncludeLayers.cmake")
      continue()
    endif()
    set(own ${${PART}_${folder}})
    file(STRINGS ${SOURCE_DIR}/${part}/${rel} head LIMIT_COUNT 3)
    if(NOT head MATCHES "SPDX-License-Identifier: GPL-3.0-or-later")
      list(APPEND violations "${part}/${rel}: no 'SPDX-License-Identifier: GPL-3.0-or-later' line at the top")
    endif()
    file(STRINGS ${SOURCE_DIR}/${part}/${rel} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS lines)
      string(REGEX MATCH "[<\"]([^>\"]+)[>\"]" _ "${line}")
      set(inc "${CMAKE_MATCH_1}")
      if(part STREQUAL "core" AND inc MATCHES "^Q|^qcustomplot")
        list(APPEND violations "${part}/${rel}: includes <${inc}>: the core has no Qt")
        continue()
      endif()
      string(REGEX MATCH "^[^/]+" target "${inc}")
      if(target STREQUAL inc)
        continue() # system or library header without a folder
      endif()
      if(DEFINED ${PART}_${target})
        set(theirs ${${PART}_${target}})
        if(theirs GREATER own OR (theirs EQUAL own AND NOT target STREQUAL folder))
          list(APPEND violations
               "${part}/${rel}: includes \"${inc}\": ${folder}/ may not depend on ${target}/ (docs/architecture.md)")
        endif()
      elseif(part STREQUAL "core" AND DEFINED WIDGETS_${target})
        list(APPEND violations "${part}/${rel}: includes \"${inc}\": the core never includes widgets/")
      endif()
    endforeach()
  endforeach()
endforeach()

list(LENGTH violations n)
if(n GREATER 0)
  list(JOIN violations "\n" text)
  message(FATAL_ERROR "${n} include(s) climb the layers:\n${text}")
endif()
message(STATUS "include layers: ${checked} files, every include points down")
