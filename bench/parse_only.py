"""Reference row "tree-sitter parse only, 1 thread": parse every source file of a folder once, nothing else.

Run by bench/run.py with the interpreter of bench/cache/tools/tree-sitter/venv, which holds py-tree-sitter and
the grammar versions snag's Cargo.toml pins. The work is tree-sitter's C parser; Python adds the walk, the
reads and a call per file (a few hundredths of a second on the corpora). Prints one JSON line.

    parse_only.py FOLDER
"""

import json
import os
import sys

import tree_sitter
import tree_sitter_javascript
import tree_sitter_python
import tree_sitter_typescript


def main() -> int:
    root = sys.argv[1]
    javascript = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
    typescript = tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_typescript()))
    tsx = tree_sitter.Parser(tree_sitter.Language(tree_sitter_typescript.language_tsx()))
    python = tree_sitter.Parser(tree_sitter.Language(tree_sitter_python.language()))
    # The same extension → grammar table as snag's core/src/language.rs.
    by_ext = {
        ".js": javascript, ".mjs": javascript, ".cjs": javascript, ".jsx": javascript,
        ".ts": typescript, ".mts": typescript, ".cts": typescript,
        ".tsx": tsx,
        ".py": python, ".pyi": python,
    }
    files = size = with_errors = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            parser = by_ext.get(os.path.splitext(name)[1])
            if parser is None or name.startswith("."):
                continue
            with open(os.path.join(folder, name), "rb") as f:
                source = f.read()
            tree = parser.parse(source)
            files += 1
            size += len(source)
            with_errors += tree.root_node.has_error
    print(json.dumps({"files": files, "bytes": size, "files_with_syntax_errors": with_errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
