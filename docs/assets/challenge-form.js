// The challenge form (agencies/form/): writes a challenge file from the
// filled form. The build made the form from the challenge file's JSON Schema
// (hooks/govtech/challenge_form.py): each control's name is the field's path
// in the file, its data-writes says how the file holds the value, and the
// browser's own validation enforces what the schema says of it (required,
// lengths, patterns, dates, choices). This script adds what depends on other
// fields (a day not before another; the required fields of an optional group
// once the group is used), writes the file as YAML, and offers it for
// download, copying and GitHub's web editor. It can start from a published
// challenge, read from challenges.json on this site. Nothing is sent
// anywhere; announcements go to the role="status" paragraph.
(function () {
  "use strict";

  // GitHub answers addresses longer than 8,191 bytes with an error.
  const ADDRESS_LIMIT = 8000;
  // Words YAML 1.1 reads as yes/no or nothing, never to be written bare.
  const YAML_WORDS = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
  // A value written bare: lowercase words joined by hyphens (ids, keys, choices).
  const BARE = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
  // Characters a YAML file may not hold as they are, or that YAML reads as line breaks.
  // eslint-disable-next-line no-control-regex -- control characters are what it is there to find
  const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
  const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source);
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  const form = document.getElementById("challenge-form");
  if (!form) return;
  const status = document.getElementById("challenge-form-status");
  const result = document.getElementById("challenge-form-result");
  const output = document.getElementById("challenge-form-output");
  const hint = document.getElementById("challenge-form-github-hint");
  const github = result.querySelector("[data-action=github]");
  const start = document.getElementById("challenge-start");
  const existing = new Set(Array.from(start.options, (option) => option.value).filter(Boolean));
  // Lists the form leaves to the file, kept from the challenge it started from: {name: [entries]}.
  let kept = {};

  function message(key, values) {
    const text = form.dataset["msg" + key.replace(/(^|-)(\w)/g, (m, dash, c) => c.toUpperCase())] || "";
    return text.replace(/\{(\w+)\}/g, (m, name) => (values && name in values ? values[name] : m));
  }

  function say(text) {
    // Emptied first, so that the same message twice is announced twice.
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function controls(within) {
    return Array.from((within || form).querySelectorAll("[data-writes]"));
  }

  function lists(within) {
    return Array.from((within || form).querySelectorAll("[data-list]"));
  }

  function byName(name) {
    return form.querySelector(`[name="${CSS.escape(name)}"]`);
  }

  // ---- Rules between fields, kept by the browser's validation ----

  function update() {
    // Each field is checked afresh at the next submission: a change may also mend another (a day and the one it must not precede).
    controls().forEach((control) => control.setCustomValidity(""));
    for (const field of form.querySelectorAll("[data-not-before]")) {
      const earlier = byName(field.dataset.notBefore);
      field.min = earlier && earlier.value ? earlier.value : "";
    }
    // An authority or theme not listed: its group is shown, and written, once its field says so.
    for (const group of form.querySelectorAll("[data-new-for]")) {
      const choice = byName(group.dataset.newFor);
      const shown = choice.value === choice.dataset.newEntry;
      group.hidden = !shown;
      group.disabled = !shown;
    }
    // Required once its groups are used: an optional group, and for German and English texts also that language's group.
    for (const field of form.querySelectorAll("[data-required-with]")) {
      field.required = field.dataset.requiredWith.split(" ").every((name) => {
        const group = form.querySelector(`[data-group="${CSS.escape(name)}"]`);
        return controls(group).some((c) => c.value.trim() !== "") || lists(group).some((l) => kept[l.dataset.list]);
      });
    }
  }

  // The browser's own messages are in the browser's language; the page's, handed over by the build, say the same in the page's.
  function validityMessage(control) {
    const v = control.validity;
    if (v.valueMissing) return message(control.tagName === "SELECT" ? "validity-value-missing-choice" : "validity-value-missing");
    if (v.badInput) return message("validity-bad-input");
    if (v.tooShort) return message("validity-too-short", {min: control.minLength, length: control.value.length});
    if (v.tooLong) return message("validity-too-long", {max: control.maxLength, length: control.value.length});
    if (v.rangeUnderflow) return message("validity-before", {day: control.min});
    if (v.typeMismatch) return message("validity-type-url");
    if (v.patternMismatch) return message("validity-pattern");
    return "";
  }

  // ---- The file ----

  function valueOf(control) {
    const kind = control.dataset.writes;
    let value = control.value.replace(UNPRINTABLE, "");
    if (kind === "boolean") return value === "" ? undefined : value === "true";
    // "Not listed": the group below writes the entry out instead.
    if (kind === "choice" && value === control.dataset.newEntry) return undefined;
    if (kind === "block") {
      // Leading empty lines and trailing white space say nothing; the block ends the text with one line break.
      value = value.replace(/\r\n?/g, "\n").replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
    } else {
      value = value.trim();
    }
    return value === "" ? undefined : value;
  }

  function put(data, path, value) {
    let node = data;
    path.slice(0, -1).forEach((key) => { node = node[key] = node[key] || {}; });
    node[path[path.length - 1]] = value;
  }

  // The file's data, in the order of the form (the schema's order).
  function fileData() {
    const data = {};
    for (const element of form.querySelectorAll("[data-writes], [data-list]")) {
      if (element.matches(":disabled")) continue;
      const name = element.dataset.list || element.name;
      const value = element.dataset.list ? kept[name] : valueOf(element);
      if (value !== undefined) put(data, name.split("."), value);
    }
    return data;
  }

  function quoted(text) {
    return JSON.stringify(text).replace(UNPRINTABLE, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }

  function scalar(value, kind) {
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    if (kind === "date" && DAY.test(value)) return value;
    if (BARE.test(value) && !YAML_WORDS.test(value)) return value;
    return quoted(value);
  }

  // A `|` block scalar, or null where the text cannot be one as it is
  // (a line starting with a tab would read as indentation by tabs).
  function block(text, indent) {
    if (HAS_UNPRINTABLE.test(text) || /\r/.test(text) || /^ *\t/m.test(text)) return null;
    const pad = " ".repeat(indent);
    // A first line starting with a space needs the indentation said.
    const header = /^ /.test(text) ? "|2" : "|";
    return header + "\n" + text.split("\n").map((line) => (line === "" ? "" : pad + line)).join("\n");
  }

  function written(value, kind, indent) {
    if (typeof value === "string" && (kind === "block" || value.includes("\n"))) {
      const asBlock = block(value, indent + 2);
      if (asBlock !== null) return asBlock;
      // Quoted instead, holding what the block would have: the text and its closing line break.
      if (kind === "block") return quoted(value + "\n");
    }
    return scalar(value, kind);
  }

  function mapping(data, indent, path, kinds, lines) {
    const pad = " ".repeat(indent);
    for (const [key, value] of Object.entries(data)) {
      const name = path ? path + "." + key : key;
      if (indent === 0 && value !== null && typeof value === "object" && lines.length > 1) lines.push("");
      if (Array.isArray(value)) {
        lines.push(pad + key + ":");
        for (const entry of value) {
          if (entry !== null && typeof entry === "object") {
            const inner = [];
            mapping(entry, indent + 4, name, kinds, inner);
            inner[0] = pad + "  - " + inner[0].slice(indent + 4);
            lines.push(...inner);
          } else {
            lines.push(pad + "  - " + written(entry, "", indent + 2));
          }
        }
      } else if (value !== null && typeof value === "object") {
        lines.push(pad + key + ":");
        mapping(value, indent + 2, name, kinds, lines);
      } else {
        lines.push(pad + key + ": " + written(value, kinds[name] || "", indent));
      }
    }
  }

  function yamlText(data) {
    const kinds = {};
    controls().forEach((control) => { kinds[control.name] = control.dataset.writes; });
    lists().forEach((list) => (list.dataset.dates || "").split(" ").filter(Boolean).forEach((name) => { kinds[name] = "date"; }));
    const lines = [form.dataset.header];
    mapping(data, 0, "", kinds, lines);
    return lines.join("\n") + "\n";
  }

  // ---- What to do with the file ----

  function fileName() {
    return (byName("id").value.trim() || "challenge") + ".yml";
  }

  function offerGithub(id, text) {
    const newUrl = form.dataset.newUrl;
    const editUrl = form.dataset.editUrl;
    if (!newUrl || !editUrl) {
      github.hidden = true;
      hint.hidden = true;
      return;
    }
    const path = "challenges/" + id + ".yml";
    let hintText = "";
    if (existing.has(id)) {
      github.href = editUrl + path;
      github.textContent = message("github-edit", {file: path});
      hintText = message("hint-edit");
    } else {
      const withText = newUrl + "?filename=" + encodeURIComponent(path) + "&value=" + encodeURIComponent(text);
      github.textContent = message("github-new");
      if (withText.length <= ADDRESS_LIMIT) {
        github.href = withText;
      } else {
        github.href = newUrl + "?filename=" + encodeURIComponent(path);
        hintText = message("hint-long");
      }
    }
    github.hidden = false;
    hint.textContent = hintText;
    hint.hidden = !hintText;
  }

  function make() {
    const data = fileData();
    const text = yamlText(data);
    output.value = text;
    result.hidden = false;
    offerGithub(data.id, text);
    const ready = message("ready", {name: fileName()});
    say(existing.has(data.id) ? ready + " " + message("existing", {id: data.id}) : ready);
  }

  function download() {
    const url = URL.createObjectURL(new Blob([output.value], {type: "application/yaml"}));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName();
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(output.value);
      say(message("copied"));
    } catch {
      output.focus();
      output.select();
      say(message("copy-failed"));
    }
  }

  // ---- Starting from a published challenge ----

  // challenges.json describes a challenge for readers (schema/challenges.schema.json);
  // the file holds the same facts in its own shape.
  function fromPublished(challenge, themes) {
    const file = Object.assign({}, challenge);
    const languages = Object.keys(challenge.texts || {});
    file.owner = challenge.owner && challenge.owner.key;
    // An authority or theme this very challenge writes out (not in the files that list them) is written out again.
    if (writtenIn("owner", file.owner) === challenge.id) {
      file.owner = Object.assign({key: challenge.owner.key, url: challenge.owner.url}, challenge.owner.name);
    }
    if (writtenIn("theme", challenge.theme) === challenge.id && themes[challenge.theme]) {
      file.theme = Object.assign({key: challenge.theme}, themes[challenge.theme]);
    }
    delete file.translations_pending;
    delete file.owner_confirmed;
    if (challenge.owner && challenge.owner.confirmed === false) file.owner_confirmed = false;
    file.links = (challenge.links || []).map((link) => Object.assign({url: link.url}, link.text));
    file.questions = (challenge.questions || []).map((q) => {
      const entry = {date: q.date};
      languages.forEach((lang) => { entry[lang] = {question: q.question[lang], answer: q.answer[lang]}; });
      return entry;
    });
    delete file.outcome;
    if (challenge.outcome) {
      file.outcome = {};
      if ((challenge.outcome.firms || []).length) file.outcome.firms = challenge.outcome.firms;
      Object.assign(file.outcome, challenge.outcome.text);
    }
    delete file.application;
    if (challenge.application) {
      const {url, questions, questions_until: until} = challenge.application;
      file.application = {url, languages: {}, questions, questions_until: until};
      challenge.application.languages.forEach((lang) => { file.application.languages[lang] = true; });
      Object.assign(file.application, challenge.application.what_to_send);
    }
    languages.forEach((lang) => { file[lang] = challenge.texts[lang]; });
    return file;
  }

  function writtenIn(name, key) {
    const option = Array.from(byName(name).options).find((o) => o.value === key);
    return option ? option.dataset.writtenIn : undefined;
  }

  function pick(data, name) {
    return name.split(".").reduce((node, key) => (node !== null && typeof node === "object" ? node[key] : undefined), data);
  }

  function fill(file) {
    const chosen = start.value;
    form.reset();
    start.value = chosen;
    kept = {};
    for (const control of controls()) {
      const value = pick(file, control.name);
      if (value !== null && typeof value === "object" && control.dataset.newEntry) control.value = control.dataset.newEntry;
      else if (value !== undefined && value !== null) control.value = String(value);
    }
    for (const list of lists()) {
      const value = pick(file, list.dataset.list);
      const note = list.querySelector("[data-kept]");
      if (Array.isArray(value) && value.length) {
        kept[list.dataset.list] = value;
        note.textContent = message("kept", {count: value.length});
        note.hidden = false;
      } else {
        note.hidden = true;
      }
    }
    update();
  }

  async function startFrom() {
    const id = start.value;
    result.hidden = true;
    if (!id) {
      fill({});
      say(message("emptied"));
      return;
    }
    try {
      const response = await fetch(form.dataset.source, {credentials: "same-origin"});
      if (!response.ok) throw new Error(response.statusText);
      const published = await response.json();
      const challenge = published.challenges.find((c) => c.id === id);
      if (!challenge) throw new Error(id);
      fill(fromPublished(challenge, published.themes || {}));
      say(message("loaded", {title: start.options[start.selectedIndex].text}));
    } catch {
      say(message("load-failed"));
    }
  }

  // ---- Wiring ----

  let invalidSoon = null;
  form.addEventListener("invalid", (event) => {
    event.target.setCustomValidity("");
    event.target.setCustomValidity(validityMessage(event.target));
    // Fired once per invalid control when the form is sent; the browser shows the first.
    window.clearTimeout(invalidSoon);
    invalidSoon = window.setTimeout(() => {
      const count = Array.from(form.elements).filter((e) => e.willValidate && !e.validity.valid).length;
      say(count === 1 ? message("invalid-one") : message("invalid-other", {count}));
    }, 0);
  }, true);
  // A change makes the file shown out of date: it shows again when made again.
  form.addEventListener("input", (event) => {
    update();
    if (event.target !== start) result.hidden = true;
  });
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    make();
  });
  form.querySelector("[data-action=start]").addEventListener("click", startFrom);
  result.querySelector("[data-action=download]").addEventListener("click", download);
  result.querySelector("[data-action=copy]").addEventListener("click", copy);

  for (const fallback of document.querySelectorAll("[data-form-fallback]")) fallback.hidden = true;
  form.classList.add("is-ready");
  update();
})();
