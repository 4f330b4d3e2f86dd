# Script mode (cmake -P): writes a man page for panel and each of its commands from docs/cli/*.md
# with pandoc and cmake/manpage.lua, gzipped as Debian installs them. The one-line description
# of each command (the NAME section) is its row in the command table of docs/cli/panel.md, the
# same text as the page's link from panel(1).
#
#   -DDOCS=<docs/cli> -DOUT=<dir> -DFILTER=<manpage.lua> -DPANDOC=<pandoc> -DVERSION=<x.y.z>
#   -DDOCDIR=<installed docs folder>
file(READ "${DOCS}/panel.md" index)
# A semicolon would split a CMake list: "...CSV file; references" reads as "...CSV file - references".
string(REPLACE ";" " -" index "${index}")
string(REGEX MATCHALL "\n\\| `[a-z]+` \\| [^|\n]+ \\|" rows "${index}")
foreach(row IN LISTS rows)
  string(REGEX REPLACE "^\n\\| `([a-z]+)` \\| ([^|\n]+) \\|$" "\\1" command "${row}")
  string(REGEX REPLACE "^\n\\| `([a-z]+)` \\| ([^|\n]+) \\|$" "\\2" description "${row}")
  string(STRIP "${description}" description)
  set("description_${command}" "${description}")
endforeach()
set(description_panel "run a multi-agency risk panel from one SQLite file")

file(MAKE_DIRECTORY "${OUT}")
file(GLOB pages "${DOCS}/*.md")
foreach(page IN LISTS pages)
  get_filename_component(command "${page}" NAME_WE)
  if(command STREQUAL "panel")
    set(name panel)
  else()
    set(name "panel-${command}")
  endif()
  if(NOT DEFINED "description_${command}")
    message(FATAL_ERROR "${DOCS}/panel.md: no row for '${command}' in the command table (needed for the NAME of ${name}(1))")
  endif()
  string(TOUPPER "${name}" title)
  execute_process(
    COMMAND "${PANDOC}" --standalone --from markdown --to man --lua-filter "${FILTER}"
            --variable "header-includes=.nh"
            --metadata "title=${title}" --metadata section=1 --metadata "header=panel manual"
            --metadata "footer=panel ${VERSION}" --metadata "manname=${name}"
            --metadata "mandesc=${description_${command}}" --metadata "docdir=${DOCDIR}"
            --output "${OUT}/${name}.1" "${page}"
    RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "pandoc could not make ${name}(1) from ${page}")
  endif()
endforeach()

# `restore` is documented with `backup`: panel-restore(1) is that page under another name.
file(WRITE "${OUT}/panel-restore.1" ".so man1/panel-backup.1\n")

# Compressed without a timestamp or name, so that the same docs make the same bytes.
file(GLOB made "${OUT}/*.1")
foreach(man IN LISTS made)
  execute_process(COMMAND gzip -9nf "${man}" RESULT_VARIABLE failed)
  if(failed)
    message(FATAL_ERROR "gzip failed on ${man}")
  endif()
endforeach()
