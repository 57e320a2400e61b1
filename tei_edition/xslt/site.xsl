<?xml version="1.0" encoding="UTF-8"?>
<!-- The corpus-wide pages of the HTML edition: the list of documents in date order, the indexes of
     persons, places and organisations (every register entry with its authority links and every document
     that mentions it) and the search page. Input: the site document that site.py assembles from the
     documents' summaries (summary.xsl) and the register, te:site/te:doc in date order + te:entities.
     Page chrome, CSS and the entry description come from html.xsl. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:x-tei-edition"
    exclude-result-prefixes="tei te">
  <xsl:import href="html.xsl"/>
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

  <!-- index | persons | places | organisations | search -->
  <xsl:param name="page" select="'index'"/>

  <xsl:key name="mention" match="te:mention" use="@ref"/>

  <xsl:variable name="site" select="/te:site"/>
  <xsl:variable name="docs" select="$site/te:doc"/>

  <xsl:template match="/">
    <xsl:variable name="heading">
      <xsl:choose>
        <xsl:when test="$page = 'persons'">Persons</xsl:when>
        <xsl:when test="$page = 'places'">Places</xsl:when>
        <xsl:when test="$page = 'organisations'">Organisations</xsl:when>
        <xsl:when test="$page = 'search'">Search</xsl:when>
        <xsl:otherwise>Documents</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="en">
      <xsl:call-template name="page-head">
        <xsl:with-param name="page-title" select="$heading"/>
        <xsl:with-param name="extra-script-src" select="$page = 'search'"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="skip-link"/>
        <xsl:call-template name="site-header">
          <xsl:with-param name="current" select="concat($page, '.html')"/>
        </xsl:call-template>
        <main id="content">
          <xsl:choose>
            <xsl:when test="$page = 'persons'">
              <xsl:call-template name="entity-index">
                <xsl:with-param name="heading" select="$heading"/>
                <xsl:with-param name="entries" select="$site/te:entities/tei:listPerson/tei:person"/>
                <xsl:with-param name="kind" select="'persons'"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="$page = 'places'">
              <xsl:call-template name="entity-index">
                <xsl:with-param name="heading" select="$heading"/>
                <xsl:with-param name="entries" select="$site/te:entities/tei:listPlace/tei:place"/>
                <xsl:with-param name="kind" select="'places'"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="$page = 'organisations'">
              <xsl:call-template name="entity-index">
                <xsl:with-param name="heading" select="$heading"/>
                <xsl:with-param name="entries" select="$site/te:entities/tei:listOrg/tei:org"/>
                <xsl:with-param name="kind" select="'organisations'"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="$page = 'search'"><xsl:call-template name="search-page"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="document-list"/></xsl:otherwise>
          </xsl:choose>
        </main>
        <xsl:call-template name="page-footer"/>
        <xsl:if test="$page = 'search'">
          <script src="search-index.js"></script>
          <script><xsl:call-template name="search-script"/></script>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- No document licence on corpus pages: the footer names the edition only. -->
  <xsl:template name="page-footer">
    <footer class="site-footer">
      <div class="inner">
        <p><xsl:call-template name="edition-name"/><xsl:text>. Made with tei-edition.</xsl:text></p>
      </div>
    </footer>
  </xsl:template>

  <!-- ===== The documents in date order ===== -->

  <xsl:template name="document-list">
    <h1><xsl:call-template name="edition-name"/></h1>
    <xsl:choose>
      <xsl:when test="$docs">
        <p>
          <xsl:value-of select="count($docs)"/>
          <xsl:choose><xsl:when test="count($docs) = 1"> document</xsl:when><xsl:otherwise> documents</xsl:otherwise></xsl:choose>
          <xsl:if test="$docs[@when != '']">
            <xsl:text>, dated </xsl:text>
            <xsl:value-of select="$docs[@when != ''][1]/@date"/>
            <xsl:if test="count($docs[@when != '']) &gt; 1">
              <xsl:text> to </xsl:text><xsl:value-of select="$docs[@when != ''][last()]/@date"/>
            </xsl:if>
          </xsl:if>
          <xsl:text>. Search them on the </xsl:text><a href="search.html">search page</a><xsl:text>.</xsl:text>
        </p>
        <table class="documents">
          <caption>Documents in date order (undated documents last)</caption>
          <thead>
            <tr><th scope="col">Date</th><th scope="col">Document</th><th scope="col">Sender</th><th scope="col">Recipient</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$docs">
              <tr>
                <td class="date">
                  <xsl:choose>
                    <xsl:when test="@when != ''"><time datetime="{@when}"><xsl:value-of select="@date"/></time></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><a href="{@href}"><xsl:value-of select="te:title"/></a></td>
                <td><xsl:call-template name="party-links"><xsl:with-param name="names" select="te:sender"/></xsl:call-template></td>
                <td><xsl:call-template name="party-links"><xsl:with-param name="names" select="te:recipient"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>The edition has no documents yet.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="party-links">
    <xsl:param name="names"/>
    <xsl:for-each select="$names">
      <xsl:if test="position() &gt; 1">
        <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
      </xsl:if>
      <xsl:variable name="entity" select="key('entity', @ref)"/>
      <xsl:choose>
        <xsl:when test="@ref and $entity">
          <!-- a person, or a body of the register that sends or receives as one -->
          <a class="{substring('person', 1, 6 * not($entity/self::tei:org))}{substring('org', 1, 3 * boolean($entity/self::tei:org))}">
            <xsl:attribute name="href">
              <xsl:call-template name="entity-page"><xsl:with-param name="entity" select="$entity"/></xsl:call-template>
              <xsl:value-of select="concat('#', @ref)"/>
            </xsl:attribute>
            <xsl:value-of select="."/>
          </a>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== Index of persons, places or organisations ===== -->

  <xsl:template name="entity-index">
    <xsl:param name="heading"/>
    <xsl:param name="entries"/>
    <xsl:param name="kind"/>
    <h1><xsl:value-of select="$heading"/></h1>
    <xsl:choose>
      <xsl:when test="$entries">
        <p>
          <xsl:value-of select="concat(count($entries), ' ', $kind)"/>
          <xsl:text> in the register, in alphabetical order, each with the documents that mention it.</xsl:text>
        </p>
        <xsl:for-each select="$entries">
          <!-- By the entry's @sortKey where the register gives one (Stalin for Joseph Stalin), else the name. -->
          <xsl:sort select="concat(@sortKey, substring(normalize-space(*[@type = 'main'][1]), 1, 9999 * not(@sortKey)))"/>
          <xsl:sort select="@xml:id"/>
          <xsl:variable name="id" select="string(@xml:id)"/>
          <xsl:variable name="name" select="normalize-space(*[@type = 'main'][1])"/>
          <article class="entry" id="{$id}">
            <xsl:variable name="dates"><xsl:call-template name="entity-dates"/></xsl:variable>
            <xsl:variable name="details"><xsl:call-template name="entity-details"/></xsl:variable>
            <h2><xsl:value-of select="$name"/><xsl:if test="string($dates)"><span class="dates"><xsl:copy-of select="$dates"/></span></xsl:if></h2>
            <xsl:if test="string($details)"><p><xsl:copy-of select="$details"/></p></xsl:if>
            <xsl:variable name="mentions" select="key('mention', $id)"/>
            <xsl:choose>
              <xsl:when test="$mentions">
                <p>
                  <xsl:value-of select="concat('Mentioned in ', count($mentions))"/>
                  <xsl:choose><xsl:when test="count($mentions) = 1"> document:</xsl:when><xsl:otherwise> documents:</xsl:otherwise></xsl:choose>
                </p>
                <ul class="mentions">
                  <xsl:for-each select="$mentions">
                    <li>
                      <a href="{../@href}"><xsl:value-of select="../te:title"/></a>
                      <!-- the date, unless the title already ends with it ("Telegram, X to Y, 19 January 1950") -->
                      <xsl:if test="../@date != '' and substring(../te:title, string-length(../te:title) - string-length(../@date) + 1) != ../@date">
                        <xsl:text>, </xsl:text>
                        <xsl:choose>
                          <xsl:when test="../@when != ''"><time datetime="{../@when}"><xsl:value-of select="../@date"/></time></xsl:when>
                          <xsl:otherwise><xsl:value-of select="../@date"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:if>
                    </li>
                  </xsl:for-each>
                </ul>
              </xsl:when>
              <xsl:otherwise><p class="none">No document of this edition mentions <xsl:value-of select="$name"/>.</p></xsl:otherwise>
            </xsl:choose>
          </article>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><p>The register has no <xsl:value-of select="$kind"/>.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Search ===== -->

  <xsl:template name="search-page">
    <h1>Search</h1>
    <form class="search-form" id="search-form" role="search" action="search.html" method="get">
      <label for="q">Words, a phrase or a name</label>
      <input id="q" name="q" type="search" autocomplete="off"/>
      <button type="submit">Search</button>
    </form>
    <p class="hint">All words must occur in a document; documents with the exact phrase come first. Case does
      not matter. Names also find documents that use another form of the name (a pseudonym, a variant).</p>
    <p id="search-status" role="status" aria-live="polite"></p>
    <div id="search-results"></div>
    <noscript>
      <p>The search needs JavaScript. Without it, use the <a href="index.html">list of documents</a> and the
        indexes of <a href="persons.html">persons</a>, <a href="places.html">places</a> and
        <a href="organisations.html">organisations</a>.</p>
    </noscript>
  </xsl:template>

  <!-- Search over window.TEI_EDITION_SEARCH (search-index.js, written by site.py). Results are built with
       DOM methods and textContent only: no text of a document is ever parsed as HTML. -->
  <xsl:template name="search-script">
    <xsl:text>
(function () {
  "use strict";
  var data = window.TEI_EDITION_SEARCH || { documents: [], entities: [] };
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  function fold(s) {
    return s.toLowerCase()
      .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f\u00ab\u00bb]/g, "\"")
      .replace(/\s+/g, " ").trim();
  }
  var docs = data.documents.map(function (d, i) {
    return { d: d, i: i, text: fold(d.text), meta: fold(d.title + " " + d.names.join(" ")) };
  });
  var entities = data.entities.map(function (e) {
    return { e: e, names: e.forms.map(fold) };
  });
  function node(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) { n.className = cls; }
    if (text) { n.textContent = text; }
    return n;
  }
  function link(href, text) { var a = node("a", null, text); a.setAttribute("href", href); return a; }
  function snippet(doc, needle) {
    var at = doc.text.indexOf(needle);
    if (at &lt; 0) { return null; }
    var src = doc.d.text.length === doc.text.length ? doc.d.text : doc.text;
    var from = Math.max(0, at - 80), to = Math.min(src.length, at + needle.length + 80);
    var p = node("p", "snippet");
    p.appendChild(document.createTextNode((from &gt; 0 ? "…" : "") + src.slice(from, at)));
    p.appendChild(node("mark", null, src.slice(at, at + needle.length)));
    p.appendChild(document.createTextNode(src.slice(at + needle.length, to) + (to &lt; src.length ? "…" : "")));
    return p;
  }
  function search(raw) {
    results.textContent = "";
    var query = fold(raw).replace(/^"(.*)"$/, "$1").trim();
    if (!query) { status.textContent = ""; return; }
    var words = query.split(" ");
    var named = entities.filter(function (x) {
      return x.names.some(function (n) { return n.indexOf(query) &gt;= 0; });
    });
    // a document mentioning an entry whose name, in any of its forms, holds the query is a hit too
    var namedIds = {};
    named.forEach(function (x) { namedIds["#" + x.e.id] = true; });
    var hits = [];
    docs.forEach(function (doc) {
      var all = doc.text + " " + doc.meta;
      var phrase = all.indexOf(query) &gt;= 0;
      var mentions = (doc.d.refs || []).some(function (r) { return namedIds["#" + r] === true; });
      if (phrase || mentions || words.every(function (w) { return all.indexOf(w) &gt;= 0; })) {
        hits.push({ doc: doc, phrase: phrase || mentions });
      }
    });
    hits.sort(function (a, b) { return (b.phrase - a.phrase) || (a.doc.i - b.doc.i); });
    status.textContent = hits.length + (hits.length === 1 ? " document" : " documents") + " found for “" + raw.trim() + "”"
      + (named.length ? "; " + named.length + (named.length === 1 ? " index entry" : " index entries") : "") + ".";
    if (named.length) {
      var h = node("h2", null, "Index entries");
      var ul = node("ul", "results entities");
      named.forEach(function (x) {
        var li = node("li");
        li.appendChild(link(x.e.href, x.e.name));
        li.appendChild(document.createTextNode(" (" + x.e.kind + ")"));
        ul.appendChild(li);
      });
      results.appendChild(h);
      results.appendChild(ul);
    }
    if (hits.length) {
      results.appendChild(node("h2", null, "Documents"));
      var ol = node("ol", "results");
      hits.forEach(function (hit) {
        var li = node("li");
        li.appendChild(link(hit.doc.d.href, hit.doc.d.title));
        // the date once: a title without a number ends with it already
        if (hit.doc.d.date &amp;&amp; hit.doc.d.title.indexOf(hit.doc.d.date) &lt; 0) { li.appendChild(document.createTextNode(", " + hit.doc.d.date)); }
        var s = snippet(hit.doc, hit.phrase ? query : words[0]);
        if (s) { li.appendChild(s); }
        ol.appendChild(li);
      });
      results.appendChild(ol);
    }
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; search(initial); }
})();
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
