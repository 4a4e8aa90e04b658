#!/usr/bin/env bash
# Writes demo/demo.mbox: a small "widgets" project's list traffic made with real git:
# a 3-patch series with a cover letter, a review reply, its v2, and a lone fix.
set -euo pipefail
out="$(cd "$(dirname "$0")" && pwd)/demo.mbox"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export GIT_AUTHOR_NAME="Ada Lovelace" GIT_AUTHOR_EMAIL="ada@example.org"
export GIT_COMMITTER_NAME="Ada Lovelace" GIT_COMMITTER_EMAIL="ada@example.org"
export GIT_AUTHOR_DATE="2026-01-05T10:00:00Z" GIT_COMMITTER_DATE="2026-01-05T10:00:00Z"
git init -q -b main widgets && cd widgets
printf 'int widget_count;\n' > widget.c
printf 'Widgets\n' > README
git add . && git commit -qm "Initial import"
base=$(git rev-parse HEAD)

series() { # version, then 3 commits
  local v=$1
  git checkout -q -B "feature-v$v" "$base"
  printf 'int widget_count;\nint widget_limit = %d;\n' $((v * 8)) > widget.c
  git commit -qam "widget: add a limit" -m "Callers need a bound." -m "Signed-off-by: Ada Lovelace <ada@example.org>"
  printf 'Widgets\n\nLimits: see widget.c\n' > README
  git commit -qam "docs: describe the widget limit" -m "Signed-off-by: Ada Lovelace <ada@example.org>"
  printf 'int widget_count;\nint widget_limit = %d;\nint widget_full(void) { return widget_count >= widget_limit; }\n' $((v * 8)) > widget.c
  git commit -qam "widget: add widget_full()" -m "Fixes: $(git rev-parse --short=12 "$base") (\"Initial import\")" -m "Signed-off-by: Ada Lovelace <ada@example.org>"
}

series 1
git format-patch -q --stdout --cover-letter --thread=shallow -3 \
  --subject-prefix="PATCH widgets" --to="widgets@lists.example.org" \
  --add-header="List-Id: <widgets.lists.example.org>" > "$work/v1.mbox"
series 2
git format-patch -q --stdout --cover-letter --thread=shallow -v2 -3 \
  --subject-prefix="PATCH widgets" --to="widgets@lists.example.org" \
  --add-header="List-Id: <widgets.lists.example.org>" > "$work/v2.mbox"
git checkout -q -B fix "$base"
printf 'Widgets, counted.\n' > README
git commit -qam "README: say what widgets are" -m "Reported-by: Grace Hopper <grace@example.org>" -m "Signed-off-by: Ada Lovelace <ada@example.org>"
git format-patch -q --stdout --thread -1 --subject-prefix="PATCH widgets" --to="widgets@lists.example.org" \
  --add-header="List-Id: <widgets.lists.example.org>" > "$work/fix.mbox"

# Give the generated mails stable Message-IDs and dates (format-patch makes new ones each run).
python3 - "$work" "$out" <<'PY'
import re, sys
work, out = sys.argv[1], sys.argv[2]
def fix(text, tag, day):
    n = [0]
    ids = {}
    def newid(m):
        old = m.group(1)
        if old not in ids:
            n[0] += 1
            ids[old] = f"{tag}.{n[0]}@demo.patchflow"
        return "<" + ids[old] + ">"
    text = re.sub(r"<([^<>\s]*\.git\.[^<>\s]*)>", newid, text)
    text = re.sub(r"^Date: .*$", f"Date: Mon, {day} Jan 2026 10:00:00 +0000", text, flags=re.M)
    return text
v1 = fix(open(f"{work}/v1.mbox").read(), "v1", "05")
v2 = fix(open(f"{work}/v2.mbox").read(), "v2", "12")
fx = fix(open(f"{work}/fix.mbox").read(), "fix", "13")
cover1 = "v1.1@demo.patchflow"
patch2 = "v1.3@demo.patchflow"
review = f"""From grace@example.org Tue Jan  6 09:00:00 2026
From: Grace Hopper <grace@example.org>
To: widgets@lists.example.org
Subject: Re: [PATCH widgets 2/3] docs: describe the widget limit
Date: Tue, 06 Jan 2026 09:00:00 +0000
Message-ID: <review.1@demo.patchflow>
In-Reply-To: <{patch2}>
References: <{cover1}> <{patch2}>
List-Id: <widgets.lists.example.org>

> Limits: see widget.c

Reads well.

Reviewed-by: Grace Hopper <grace@example.org>

"""
ack = f"""From linus@example.org Tue Jan  6 12:00:00 2026
From: Linus Example <linus@example.org>
To: widgets@lists.example.org
Subject: Re: [PATCH widgets 0/3] widget limits
Date: Tue, 06 Jan 2026 12:00:00 +0000
Message-ID: <ack.1@demo.patchflow>
In-Reply-To: <{cover1}>
References: <{cover1}>
List-Id: <widgets.lists.example.org>

For the whole series:

Acked-by: Linus Example <linus@example.org>

"""
v1 = v1.replace("*** SUBJECT HERE ***", "widget limits").replace("*** BLURB HERE ***", "Widgets get a limit, documented.")
v2 = v2.replace("*** SUBJECT HERE ***", "widget limits").replace("*** BLURB HERE ***", "v2: a bigger default limit.")
with open(out, "w") as f:
    f.write(v1 + "\n" + review + ack + v2 + "\n" + fx)
PY
echo "wrote $out"
