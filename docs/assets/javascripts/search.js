/*
 * The header search: a dialog that queries the Pagefind index built by hooks/search_index.py.
 *
 * - Nothing is downloaded until the reader opens the search (then pagefind/pagefind.js loads its worker,
 *   its WebAssembly and the index chunks of the page's language only: Pagefind picks the index by
 *   <html lang>, so the Chinese site lists Chinese pages and the English site English ones).
 * - Keyboard: "/" or "s" opens it, arrow keys move between the box and the results, Enter opens the
 *   first result, Esc closes (a modal <dialog> also keeps the focus inside and gives it back on close).
 * - Excerpts come from Pagefind with <mark> around the matched words; only the text and the <mark>
 *   elements are copied into the page, so whatever a reader types is shown as text.
 * - Works from any sub-path: pagefind.js is loaded relative to the site root (Material's __config.base)
 *   and Pagefind resolves result URLs against the folder it is loaded from.
 * - Questions: the direct answers built from data/ (hooks/search_answers.py, pagefind/answers.<lang>.json)
 *   are listed first when the query names a unit, an indicator, a glossary term, the pass rule or a page,
 *   or when its words, the question words dropped, occur in a main task; Pagefind is asked without the
 *   question words, so "谁负责网络交易监管" searches "网络交易监管".
 */
(function () {
  "use strict";

  // Tuned on tests/test_site_search_queries.py. Page titles and the keywords meta field (unit
  // abbreviations, indicator numbers; hooks/search_index.py) count more than words in the text. Keywords
  // 8 (was 6): with 6, the unit pages' longer template paragraph let the policy text outrank a unit's own
  // page for its abbreviation (县工信局).
  var RANKING = {
    metaWeights: { title: 6.0, keywords: 8.0 },
    termSimilarity: 1.0,
    pageLength: 0.5,
  };
  var MAX_RESULTS = 10;
  var MAX_SECTIONS = 3;
  var EXCERPT_WORDS = 26;

  var container = document.querySelector("[data-site-search]");
  if (!container) return;
  var openButton = container.querySelector("[data-site-search-open]");
  var dialog = container.querySelector("[data-site-search-dialog]");
  var form = container.querySelector("[data-site-search-form]");
  var input = container.querySelector("[data-site-search-input]");
  var closeButton = container.querySelector("[data-site-search-close]");
  var status = container.querySelector("[data-site-search-status]");
  var list = container.querySelector("[data-site-search-results]");

  function message(name, values) {
    var text = container.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(values[key]));
    });
    return text;
  }

  var MAX_ANSWERS = 3;

  // As hooks/search_answers.py normalise(): NFKC, lower case, letters and digits only.
  function normalise(text) {
    return text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "");
  }

  var answersReady = null;
  function loadAnswers() {
    if (!answersReady) {
      var lang = (document.documentElement.lang || "zh").indexOf("en") === 0 ? "en" : "zh";
      answersReady = fetch(window.pingluSiteRoot() + "pagefind/answers." + lang + ".json")
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        })
        .catch(function () {
          answersReady = null;
          return { stop: [], answers: [], tasks: [] }; // the ordinary results still come
        });
    }
    return answersReady;
  }

  // The query without question words and particles: what Pagefind is asked, and what a task must contain.
  function withoutQuestionWords(query, stop) {
    var words = query.normalize("NFKC").toLowerCase();
    if (/[\u3400-\u9fff]/.test(words)) {
      stop.forEach(function (phrase) {
        if (/[\u3400-\u9fff]/.test(phrase)) words = words.split(phrase).join(" ");
      });
    }
    var kept = words.split(/[\s?？!！,，.。、:：;；"“”'‘’()（）]+/).filter(function (w) {
      return w && stop.indexOf(w) < 0;
    });
    return kept.join(" ");
  }

  // A term found inside the query, not as part of a longer number (指标5 is not in 指标50).
  function containsTerm(query, term) {
    var at = query.indexOf(term);
    while (at >= 0) {
      var before = query.charAt(at - 1),
        after = query.charAt(at + term.length);
      if (
        !(/\d/.test(term.charAt(0)) && /\d/.test(before)) &&
        !(/\d/.test(term.charAt(term.length - 1)) && /\d/.test(after))
      )
        return true;
      at = query.indexOf(term, at + 1);
    }
    return false;
  }

  function directAnswers(query, book) {
    var q = normalise(query);
    var found = [];
    book.answers.forEach(function (answer) {
      answer.terms.some(function (term) {
        if (containsTerm(q, term)) {
          found.push({ answer: answer, term: term });
          return true;
        }
        return false;
      });
    });
    // Longest match first; a match inside a longer one is that one's (指标1 inside 指标17).
    found.sort(function (a, b) {
      return b.term.length - a.term.length;
    });
    var chosen = [];
    found.forEach(function (match) {
      if (
        !chosen.some(function (c) {
          return c.term.indexOf(match.term) >= 0;
        })
      )
        chosen.push(match);
    });
    var out = chosen.map(function (c) {
      return c.answer;
    });
    // "谁负责直播电商", "who is in charge of cross-border e-commerce": the main tasks that name the term, with
    // their units, come before its definition (a task whose title names it first).
    var lower = query.normalize("NFKC").toLowerCase();
    var asksWho = (book.who || []).some(function (word) {
      return /[\u3400-\u9fff]/.test(word) ? lower.indexOf(word) >= 0 : new RegExp("\\b" + word + "\\b").test(lower);
    });
    if (asksWho) {
      var named = [];
      chosen.forEach(function (c) {
        if (c.answer.kind !== "term") return;
        book.tasks.forEach(function (task) {
          if (task.body.indexOf(c.term) >= 0 && named.indexOf(task) < 0) named.push(task);
        });
        named.sort(function (a, b) {
          return (normalise(b.title).indexOf(c.term) >= 0) - (normalise(a.title).indexOf(c.term) >= 0);
        });
      });
      out = named.slice(0, 2).concat(out);
    }
    var rest = normalise(withoutQuestionWords(query, book.stop));
    if (out.length < MAX_ANSWERS && rest.length >= 2) {
      book.tasks.forEach(function (task) {
        if (task.body.indexOf(rest) >= 0 && out.indexOf(task) < 0) out.push(task);
      });
    }
    return out.slice(0, MAX_ANSWERS);
  }

  function renderAnswers(answers) {
    answers
      .slice()
      .reverse()
      .forEach(function (answer) {
        var item = document.createElement("li");
        item.className = "site-search__result site-search__answer";
        item.setAttribute("data-site-search-answer", answer.kind || "task");
        var a = link(window.pingluSiteRoot() + answer.url, "site-search__link", answer.title, "");
        item.appendChild(a);
        if (answer.units && answer.units.length) {
          // A main task's answer names who is responsible, each unit a link to its own page.
          var units = document.createElement("p");
          units.className = "site-search__excerpt site-search__answer-units";
          units.appendChild(document.createTextNode(answer.units_label));
          answer.units.forEach(function (unit, i) {
            if (i) units.appendChild(document.createTextNode(answer.units_separator));
            var to = document.createElement("a");
            to.href = new URL(window.pingluSiteRoot() + unit.url, location.href).href;
            to.setAttribute("data-site-search-link", "");
            to.setAttribute("data-site-search-unit", "");
            to.textContent = unit.name;
            units.appendChild(to);
          });
          item.appendChild(units);
        } else {
          var text = document.createElement("span");
          text.className = "site-search__excerpt";
          text.textContent = answer.text;
          a.appendChild(text);
        }
        list.insertBefore(item, list.firstChild);
      });
  }

  var pagefindReady = null;
  function loadPagefind() {
    if (!pagefindReady) {
      pagefindReady = import(window.pingluSiteRoot() + "pagefind/pagefind.js").then(function (pagefind) {
        return pagefind
          .options({ excerptLength: EXCERPT_WORDS, ranking: RANKING })
          .then(function () {
            return pagefind.init();
          })
          .then(function () {
            return pagefind;
          });
      });
      pagefindReady.catch(function () {
        pagefindReady = null; // let a later search try again (e.g. back online)
      });
    }
    return pagefindReady;
  }

  // Pagefind's excerpt is HTML: the page's text (escaped) with <mark> around the matches. Parse it in an
  // inert document and copy over only text and <mark>.
  function excerptNodes(excerptHtml) {
    var fragment = document.createDocumentFragment();
    var parsed = new DOMParser().parseFromString("<body>" + (excerptHtml || ""), "text/html").body;
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
          // Pagefind marks whole tokens, punctuation included ("12315." or "“首违不罚”"): mark the word only.
          var parts = /^([\p{P}\s]*)(.*?)([\p{P}\s]*)$/su.exec(node.textContent);
          var mark = document.createElement("mark");
          mark.textContent = parts[2] || node.textContent;
          if (parts[2] && parts[1]) to.appendChild(document.createTextNode(parts[1]));
          to.appendChild(mark);
          if (parts[2] && parts[3]) to.appendChild(document.createTextNode(parts[3]));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          copy(node, to);
        }
      });
    })(parsed, fragment);
    return fragment;
  }

  function link(url, className, titleText, excerptHtml) {
    var a = document.createElement("a");
    a.href = new URL(url, location.href).href;
    a.className = className;
    a.setAttribute("data-site-search-link", "");
    var title = document.createElement("span");
    title.className = "site-search__result-title";
    title.textContent = titleText;
    a.appendChild(title);
    if (excerptHtml) {
      var excerpt = document.createElement("span");
      excerpt.className = "site-search__excerpt";
      excerpt.appendChild(excerptNodes(excerptHtml));
      a.appendChild(excerpt);
    }
    return a;
  }

  function pageOf(url) {
    return url.split("#")[0];
  }

  function render(query, results, total, answered) {
    var shown = results.length + (answered || 0);
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "site-search__result";
      var title = (result.meta && result.meta.title) || result.url;
      item.appendChild(link(result.url, "site-search__link", title, result.excerpt));
      var sections = (result.sub_results || [])
        .filter(function (sub) {
          return sub.url !== result.url && pageOf(sub.url) === pageOf(result.url) && sub.title && sub.title !== title;
        })
        .slice(0, MAX_SECTIONS);
      if (sections.length) {
        var nested = document.createElement("ul");
        nested.className = "site-search__sections";
        nested.setAttribute("aria-label", message("sections"));
        sections.forEach(function (sub) {
          var li = document.createElement("li");
          li.appendChild(link(sub.url, "site-search__link site-search__link--section", sub.title, sub.excerpt));
          nested.appendChild(li);
        });
        item.appendChild(nested);
      }
      list.appendChild(item);
    });
    if (total === 0) {
      status.textContent = message("none", { query: query });
    } else if (total === 1) {
      status.textContent = message("one");
    } else if (total > shown) {
      status.textContent = message("many", { count: total, shown: shown });
    } else {
      status.textContent = message("some", { count: total });
    }
    // What the listed results answer (the box may already hold a newer query): for tests and styles.
    container.setAttribute("data-site-search-query", query);
    container.setAttribute("data-site-search-state", total ? "results" : "none");
  }

  var latest = 0;
  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      status.textContent = message("hint");
      container.setAttribute("data-site-search-query", "");
      container.setAttribute("data-site-search-state", "empty");
      return;
    }
    container.setAttribute("data-site-search-state", "searching");
    if (!pagefindReady) status.textContent = message("loading");
    var answers = [];
    Promise.all([loadPagefind(), loadAnswers()])
      .then(function (loaded) {
        var book = loaded[1];
        answers = directAnswers(query, book);
        var asked = withoutQuestionWords(query, book.stop) || query;
        return loaded[0].debouncedSearch(asked, {}, 120);
      })
      .then(function (found) {
        if (found === null || ticket !== latest) return null; // a newer query took over
        return Promise.all(
          found.results.slice(0, MAX_RESULTS).map(function (r) {
            return r.data();
          }),
        ).then(function (data) {
          if (ticket !== latest) return;
          // a page the answers already lead to (without a section) is not listed twice
          var answered = answers.map(function (a) {
            return new URL(window.pingluSiteRoot() + a.url, location.href).href;
          });
          var rest = data.filter(function (r) {
            return answered.indexOf(new URL(r.url, location.href).href) < 0;
          });
          var total = found.results.length - (data.length - rest.length) + answers.length;
          render(query, rest, total, answers.length);
          renderAnswers(answers);
        });
      })
      .catch(function () {
        if (ticket !== latest) return;
        list.textContent = "";
        status.textContent = message("error");
        container.setAttribute("data-site-search-query", query);
        container.setAttribute("data-site-search-state", "error");
      });
  }

  function open() {
    if (dialog.open) {
      input.focus();
      return;
    }
    dialog.showModal();
    input.focus();
    input.select();
    loadPagefind().catch(function () {
      /* reported when the reader searches */
    });
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("[data-site-search-link]"));
  }

  function moveFocus(step) {
    var targets = [input].concat(links());
    var index = targets.indexOf(document.activeElement);
    var next = targets[Math.max(0, Math.min(targets.length - 1, index + step))];
    if (next) next.focus();
  }

  openButton.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      var box = dialog.getBoundingClientRect();
      var inside =
        event.clientX >= box.left &&
        event.clientX <= box.right &&
        event.clientY >= box.top &&
        event.clientY <= box.bottom;
      if (!inside) close();
    }
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    }
  });
  // Following a result: close first, so that Material's instant navigation swaps a page without the dialog.
  list.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a[href]")) close();
  });

  function typing(target) {
    return target instanceof Element && target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  // "/" or "s" anywhere on the page (not while typing) opens the search. Capture phase and
  // stopPropagation: Material's own keyboard handler would otherwise also react to these keys.
  window.addEventListener(
    "keydown",
    function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || dialog.open || typing(event.target)) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") {
        event.preventDefault();
        event.stopPropagation();
        open();
      }
    },
    true,
  );
})();
