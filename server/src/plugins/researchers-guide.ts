/**
 * The researcher's guide, shown at the top of `/docs` (the OpenAPI `info.description`). Its
 * code blocks are run against a seeded server by tests/server/researchers-guide.test.ts: keep
 * them runnable, reading the server's address from the `TRACKER` environment variable.
 */
export const RESEARCHERS_GUIDE = `## Researcher's guide

No sign-in is needed to read. Lists are paged (\`page\`, \`pageSize\` up to 100; \`total\` and
\`pages\` in each answer); exports stream every matching row. For a paper, cite a **data release**
(\`GET /api/v1/releases\`, and \`/releases\` on the site): an immutable, numbered archive
(\`2026.1\`) of every public table as CSV and JSON with a Frictionless \`datapackage.json\`, a
\`CITATION.cff\` and checksums. Its bytes never change, so anyone can get back the exact data.
Every public answer names its permalink in a \`Link: <…>; rel="cite-as"\` header (RFC 8574) and
the latest release as \`rel="describedby"\`; \`GET /api/v1/citation?url=<page or API address>\`
gives a suggested citation as text, BibTeX and CITATION.cff.

### Python (requests, pandas)

\`\`\`python
import io, os, zipfile
import pandas as pd
import requests

base = os.environ.get("TRACKER", "http://localhost:3000")
page = requests.get(f"{base}/api/v1/recommendations",
                    params={"country": "KZ", "pageSize": 100}, timeout=30)
page.raise_for_status()
print(page.json()["total"], "recommendations for Kazakhstan")
print("cite as", page.links["cite-as"]["url"])

export = requests.get(f"{base}/api/v1/recommendations/export.csv",
                      params={"country": "KZ"}, timeout=60)
export.raise_for_status()
frame = pd.read_csv(io.StringIO(export.content.decode("utf-8-sig")))
print(frame.groupby("currentStatus").size())

releases = requests.get(f"{base}/api/v1/releases", timeout=30).json()["items"]
if releases:
    archive = requests.get(base + releases[0]["archiveUrl"], timeout=60).content
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assessments = pd.read_csv(z.open("data/assessments.csv"))
    print(len(assessments), "assessments in release", releases[0]["number"])

cite = requests.get(f"{base}/api/v1/citation",
                    params={"url": "/recommendations?country=KZ"}, timeout=30).json()
print(cite["citation"]["text"])
\`\`\`

### R (httr2)

\`\`\`r
library(httr2)
base <- Sys.getenv("TRACKER", "http://localhost:3000")
answer <- request(base) |>
  req_url_path("/api/v1/recommendations") |>
  req_url_query(country = "KZ", pageSize = 100) |>
  req_perform()
page <- resp_body_json(answer)
cat(page$total, "recommendations for Kazakhstan\\n")
link <- resp_header(answer, "Link")
cat("cite as", regmatches(link, regexpr('[^<]+(?=>; rel="cite-as")', link, perl = TRUE)), "\\n")
csv <- request(base) |>
  req_url_path("/api/v1/recommendations/export.csv") |>
  req_url_query(country = "KZ") |>
  req_perform() |>
  resp_body_string()
frame <- read.csv(text = sub("^\\ufeff", "", csv))
print(table(frame$currentStatus))
cite <- request(base) |>
  req_url_path("/api/v1/citation") |>
  req_url_query(url = "/recommendations?country=KZ") |>
  req_perform() |>
  resp_body_json()
cat(cite$citation$text, "\\n")
\`\`\`
`;
