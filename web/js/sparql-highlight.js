// A small SPARQL highlighter: tokens become <span>s whose text is set with textContent,
// drawn in a <pre> under a transparent <textarea> that keeps the real text.

const KEYWORDS = new Set(
  `BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE ORDER BY ASC DESC
   LIMIT OFFSET VALUES OPTIONAL GRAPH UNION MINUS FILTER BIND SERVICE SILENT GROUP HAVING NOT EXISTS IN
   UNDEF A TRUE FALSE INSERT DELETE DATA WITH USING DEFAULT ALL LOAD CLEAR DROP CREATE ADD MOVE COPY TO INTO`
    .split(/\s+/)
    .filter(Boolean),
);

const FUNCTIONS = new Set(
  `STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE
   ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS
   TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI
   ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR`
    .split(/\s+/)
    .filter(Boolean),
);

const TOKEN = new RegExp(
  [
    String.raw`(?<comment>#[^\n]*)`,
    String.raw`(?<string>"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)`,
    String.raw`(?<iri><[^<>"{}|^\x60\\\s]*>)`,
    String.raw`(?<variable>[?$][A-Za-z0-9_\u00C0-\uFFFF]+)`,
    String.raw`(?<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)`,
    String.raw`(?<pname>[A-Za-z][\w.-]*?:(?:[\w\u00C0-\uFFFF%\\.-]|\\/)*|:[\w.-]*)`,
    String.raw`(?<number>[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)`,
    String.raw`(?<word>[A-Za-z_]\w*)`,
    String.raw`(?<punct>[{}()\[\].,;^|*/=!<>&+-])`,
  ].join("|"),
  "gu",
);

/** Split text into [kind, text] tokens; whitespace and unknown characters are "plain". */
export function tokenize(text) {
  const tokens = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (match.index > last) tokens.push(["plain", text.slice(last, match.index)]);
    let kind = Object.entries(match.groups).find(([, v]) => v !== undefined)[0];
    const value = match[0];
    if (kind === "word") {
      const upper = value.toUpperCase();
      kind = KEYWORDS.has(upper) ? "keyword" : FUNCTIONS.has(upper) ? "function" : "plain";
    }
    tokens.push([kind, value]);
    last = match.index + value.length;
  }
  if (last < text.length) tokens.push(["plain", text.slice(last)]);
  return tokens;
}

/** Highlight a textarea in place: wraps it with a <pre> mirror kept in sync. */
export function attachHighlighter(textarea) {
  const wrap = document.createElement("div");
  wrap.className = "editor";
  const pre = document.createElement("pre");
  pre.className = "editor-highlight";
  pre.setAttribute("aria-hidden", "true");
  const code = document.createElement("code");
  pre.append(code);
  textarea.parentNode.insertBefore(wrap, textarea);
  wrap.append(pre, textarea);
  textarea.classList.add("editor-input");
  textarea.spellcheck = false;

  const render = () => {
    const fragment = document.createDocumentFragment();
    for (const [kind, value] of tokenize(textarea.value)) {
      if (kind === "plain") {
        fragment.append(document.createTextNode(value));
      } else {
        const span = document.createElement("span");
        span.className = `tok-${kind}`;
        span.textContent = value;
        fragment.append(span);
      }
    }
    // A trailing newline needs a character after it to take up a line in the <pre>.
    fragment.append(document.createTextNode("\n"));
    code.replaceChildren(fragment);
    sync();
  };
  const sync = () => {
    pre.scrollTop = textarea.scrollTop;
    pre.scrollLeft = textarea.scrollLeft;
  };
  textarea.addEventListener("input", render);
  textarea.addEventListener("scroll", sync);
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      const { selectionStart: start, selectionEnd: end, value } = textarea;
      textarea.value = `${value.slice(0, start)}  ${value.slice(end)}`;
      textarea.selectionStart = textarea.selectionEnd = start + 2;
      render();
    }
  });
  render();
  return { render };
}
