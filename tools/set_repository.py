"""Point every link of the course at one GitHub repository, e.g. after forking it.

Usage:  python tools/set_repository.py OWNER/NAME

The Binder and Colab badges (README and each notebook's first cell), the notebooks' install
line for Colab, the nbgitpuller example, and CITATION.cff name the repository as OWNER/REPO
until a copy of the course sets its own. This command replaces whatever repository they name
now (it reads the current one from CITATION.cff) with OWNER/NAME, everywhere at once. Run it
again with the same name and nothing changes; with another name, every link moves to it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from notebook_files import NOTEBOOK_DIR, ROOT

CITATION = ROOT / "CITATION.cff"
CURRENT = re.compile(r'^repository-code: "https://github\.com/([^/"]+)/([^/"]+)"$', re.M)
SLUG = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


def files() -> list[Path]:
    """Every file that names the repository."""
    readmes = sorted(ROOT.glob("README*.md"))
    return [*readmes, CITATION, *sorted(NOTEBOOK_DIR.rglob("*.ipynb"))]


def current_repository() -> tuple[str, str]:
    match = CURRENT.search(CITATION.read_text(encoding="utf-8"))
    if not match:
        sys.exit(f"set_repository: no repository-code line in {CITATION.name}")
    return match.group(1), match.group(2)


def replacements(old: tuple[str, str], new: tuple[str, str]) -> list[tuple[str, str]]:
    """Each way a link spells the repository, old form first."""
    (old_owner, old_name), (owner, name) = old, new
    return [
        # Binder (gh/OWNER/NAME/), Colab (github/OWNER/NAME/), GitHub (github.com/OWNER/NAME)
        (f"gh/{old_owner}/{old_name}/", f"gh/{owner}/{name}/"),
        (f"/github/{old_owner}/{old_name}/", f"/github/{owner}/{name}/"),
        (f"github.com/{old_owner}/{old_name}", f"github.com/{owner}/{name}"),
        # nbgitpuller: the URL-encoded repository, and the folder the clone lands in
        (f"github.com%2F{old_owner}%2F{old_name}", f"github.com%2F{owner}%2F{name}"),
        (f"lab%2Ftree%2F{old_name}%2F", f"lab%2Ftree%2F{name}%2F"),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", help="OWNER/NAME of the GitHub repository")
    args = parser.parse_args(argv)
    if not SLUG.match(args.repository):
        parser.error(f"{args.repository!r} is not OWNER/NAME (e.g. my-school/softmax-course)")
    new = tuple(args.repository.split("/"))
    old = current_repository()
    changed = []
    for path in files():
        text = path.read_text(encoding="utf-8")
        updated = text
        for before, after in replacements(old, new):
            updated = updated.replace(before, after)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            changed.append(path.relative_to(ROOT))
    print(f"{'/'.join(old)} -> {args.repository}: {len(changed)} files changed")
    for path in changed:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
