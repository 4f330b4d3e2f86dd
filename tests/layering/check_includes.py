#!/usr/bin/env python3
"""The dependency rule of docs/architecture.md, checked on every #include of lib/ and cmd/.

    check_includes.py REPOSITORY

Fails (exit 1), naming the file, line and include, when
  - a folder of lib/panel includes a folder it may not (a back-arrow or a skipped layer);
  - SQLiteCpp is included outside store/, or yaml-cpp outside input/ and profile/;
  - the library (lib/) names std::cout, std::cerr, std::cin, stdout or stderr: it writes to no
    stream of the process; commands do, through their Context.
Keep ALLOWED in step with the "Dependency rule" paragraph of docs/architecture.md.
"""
import os, re, sys

ALLOWED = {
    "core": set(),
    "store": {"core"},
    "rules": {"core"},
    "mail": {"core"},
    "input": {"core", "rules"},
    "profile": {"core", "input"},
    "report": {"core", "rules", "store"},
    "render": {"core", "rules", "report"},
    "documents": {"core", "input", "mail", "render", "rules", "store"},
    "ops": {"core", "documents", "input", "mail", "profile", "render", "rules", "store"},
}
ONLY_IN = {  # a third-party library and the folders that may include it
    "SQLiteCpp/": {"store"},
    "yaml-cpp/": {"input", "profile"},
}
STREAMS = re.compile(r"\bstd::(cout|cerr|cin|clog)\b|\b(stdout|stderr)\b")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')

root = sys.argv[1] if len(sys.argv) > 1 else "."
problems, files = [], 0
for top in ("lib/panel", "cmd"):
    for folder, _, names in os.walk(os.path.join(root, top)):
        for name in sorted(names):
            if not name.endswith((".cpp", ".hpp")):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, root)
            layer = relative.split(os.sep)[2] if top == "lib/panel" else "cmd"
            files += 1
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    where = f"{relative}:{number}"
                    m = INCLUDE.match(line)
                    if m:
                        target = m.group(1)
                        if target.startswith("panel/") and layer != "cmd":
                            other = target.split("/")[1]
                            if other != layer and other not in ALLOWED.get(layer, set()):
                                problems.append(f"{where}: {layer}/ may not include {target} "
                                                f"({layer} -> {', '.join(sorted(ALLOWED[layer])) or 'nothing'})")
                        for library, folders in ONLY_IN.items():
                            if target.startswith(library) and layer not in folders:
                                problems.append(f"{where}: {target} is for {' and '.join(sorted(folders))}/ only")
                        continue
                    code = line.split("//", 1)[0]
                    if top == "lib/panel" and STREAMS.search(code):
                        problems.append(f"{where}: the library writes to no stream of the process: {line.strip()}")
for problem in problems:
    print(f"FAIL: {problem}")
if not files:
    sys.exit(f"FAIL: no source files under {root}/lib/panel or {root}/cmd")
print(f"layering: {files} files, {len(problems)} problems")
sys.exit(1 if problems else 0)
