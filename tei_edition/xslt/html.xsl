<?xml version="1.0" encoding="UTF-8"?>
<!-- HTML document page: metadata panel, the text in a reading and a diplomatic view (switchable in place;
     both on the page without JavaScript), numbered apparatus, the register entries the document uses.
     Self-contained: CSS and JS inline, nothing loaded from the network (the page's CSP forbids it).
     The element -> HTML mapping of the text is the rules table (tei_edition/rendering.toml), compiled into
     rules.xsl; the templates here handle what a table cannot (corrections, the transcriber's marks, line
     and page breaks, links). docs/RENDERING.md tells how to override a rule or a template.
     Written for libxslt's speed: no xsl:key on the document (building one walks the whole document; the
     keys here, app-number and entity-link, are on small trees built once per document), no helper
     templates returning strings in the per-node paths (each result is a new tree fragment), no predicates
     in match patterns of text() or * (tried on every node), nothing on the preceding/following axes.
     All markup is written as literal result elements or xsl:element, never as text with
     disable-output-escaping: each template writes whole, balanced elements (so it can be read and
     overridden on its own), and the output does not depend on an optional feature of XSLT that some
     processors (browsers' XSLTProcessor) ignore. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:x-tei-edition"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei te exsl">
  <xsl:import href="metadata.xsl"/>
  <!-- Templates generated from rendering.toml by tei_edition.render (see the top of render.py). -->
  <xsl:import href="rules.xsl"/>

  <!-- about:legacy-compat makes libxslt write the HTML5 doctype; indent="no" keeps inline spacing exact. -->
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

  <!-- Links to the other forms of this document (relative; empty = not offered). -->
  <xsl:param name="tei-href" select="''"/>
  <xsl:param name="text-href" select="''"/>
  <xsl:param name="diplomatic-href" select="''"/>
  <!-- Neighbours in date order (site only). -->
  <xsl:param name="prev-href" select="''"/>
  <xsl:param name="prev-title" select="''"/>
  <xsl:param name="next-href" select="''"/>
  <xsl:param name="next-title" select="''"/>

  <xsl:variable name="version" select="normalize-space($application/@version)"/>
  <!-- The register entries this document carries (a handful: a predicate lookup beats building a key). -->
  <xsl:variable name="entities" select="/tei:TEI/tei:standOff/*/*[@xml:id]"/>

  <!-- ===================================================================================== -->
  <!-- The page                                                                              -->
  <!-- ===================================================================================== -->

  <xsl:template match="/">
    <html lang="{$lang}">
      <xsl:call-template name="page-head">
        <xsl:with-param name="page-title" select="$title"/>
      </xsl:call-template>
      <body>
        <xsl:call-template name="skip-link"/>
        <xsl:call-template name="site-header"/>
        <main id="content">
          <xsl:call-template name="document-nav"/>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:call-template name="metadata-panel"/>
          <xsl:call-template name="text-views"/>
          <xsl:call-template name="apparatus"/>
          <xsl:call-template name="register-section"/>
          <xsl:call-template name="document-nav"><xsl:with-param name="where" select="'bottom'"/></xsl:call-template>
        </main>
        <xsl:call-template name="page-footer"/>
        <script><xsl:call-template name="view-script"/></script>
      </body>
    </html>
  </xsl:template>

  <!-- ===== Page chrome (shared with site.xsl) ===== -->

  <xsl:template name="page-head">
    <xsl:param name="page-title"/>
    <xsl:param name="extra-script-src" select="false()"/>
    <head>
      <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <!-- Nothing may be loaded from anywhere but this folder: no fonts, images, scripts from the web. -->
      <meta http-equiv="Content-Security-Policy">
        <xsl:attribute name="content">
          <xsl:text>default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; script-src 'unsafe-inline'</xsl:text>
          <xsl:if test="$extra-script-src"> 'self'</xsl:if>
        </xsl:attribute>
      </meta>
      <meta name="generator" content="tei-edition"/>
      <title>
        <xsl:value-of select="$page-title"/>
        <xsl:if test="normalize-space($edition-title)">
          <xsl:value-of select="concat(' — ', normalize-space($edition-title))"/>
        </xsl:if>
      </title>
      <style><xsl:call-template name="css"/></style>
    </head>
  </xsl:template>

  <xsl:template name="skip-link">
    <a class="skip-link" href="#content">Skip to the main content</a>
  </xsl:template>

  <xsl:template name="site-header">
    <xsl:param name="current" select="''"/>
    <header class="site-header">
      <div class="inner">
        <p class="site-title">
          <xsl:choose>
            <xsl:when test="$site-root != ''">
              <a href="{$site-root}index.html"><xsl:call-template name="edition-name"/></a>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="edition-name"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <xsl:if test="$site-root != ''">
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <li><a href="{$site-root}index.html"><xsl:if test="$current = 'index.html'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Documents</a></li>
              <li><a href="{$site-root}persons.html"><xsl:if test="$current = 'persons.html'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Persons</a></li>
              <li><a href="{$site-root}places.html"><xsl:if test="$current = 'places.html'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Places</a></li>
              <li><a href="{$site-root}organisations.html"><xsl:if test="$current = 'organisations.html'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Organisations</a></li>
              <li><a href="{$site-root}search.html"><xsl:if test="$current = 'search.html'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Search</a></li>
            </ul>
          </nav>
        </xsl:if>
      </div>
    </header>
  </xsl:template>

  <xsl:template name="edition-name">
    <xsl:choose>
      <xsl:when test="normalize-space($edition-title)"><xsl:value-of select="normalize-space($edition-title)"/></xsl:when>
      <xsl:when test="$publisher"><xsl:value-of select="$publisher"/></xsl:when>
      <xsl:otherwise>TEI edition</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="page-footer">
    <footer class="site-footer">
      <div class="inner">
        <p>
          <xsl:call-template name="edition-name"/>
          <xsl:if test="$licence">
            <xsl:text>. Licence: </xsl:text>
            <xsl:apply-templates select="$licence" mode="link"/>
          </xsl:if>
          <xsl:text>. Made with tei-edition</xsl:text>
          <xsl:if test="$version"><xsl:value-of select="concat(' ', $version)"/></xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </div>
    </footer>
  </xsl:template>

  <xsl:template name="document-nav">
    <xsl:param name="where" select="'top'"/>
    <xsl:if test="$prev-href != '' or $next-href != ''">
      <nav class="docnav">
        <xsl:attribute name="aria-label">
          <xsl:text>Previous and next document</xsl:text>
          <xsl:if test="$where = 'bottom'"> (end of page)</xsl:if>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$prev-href != ''">
            <a rel="prev" href="{$prev-href}"><span aria-hidden="true">← </span>Previous: <xsl:value-of select="$prev-title"/></a>
          </xsl:when>
          <xsl:otherwise><span></span></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$next-href != ''">
          <a rel="next" href="{$next-href}">Next: <xsl:value-of select="$next-title"/><span aria-hidden="true"> →</span></a>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Metadata panel                                                                        -->
  <!-- ===================================================================================== -->

  <xsl:template name="metadata-panel">
    <section class="metadata" aria-labelledby="about-heading">
      <h2 id="about-heading">About this document</h2>
      <dl>
        <xsl:if test="$date-when or $date-text">
          <div>
            <dt>Date</dt>
            <dd>
              <xsl:choose>
                <xsl:when test="$date-when">
                  <time datetime="{$date-when}"><xsl:call-template name="document-date"/></time>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$date-text"/></xsl:otherwise>
              </xsl:choose>
            </dd>
          </div>
        </xsl:if>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Sender'"/><xsl:with-param name="names" select="$senders"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Recipient'"/><xsl:with-param name="names" select="$recipients"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Intermediary'"/><xsl:with-param name="plural" select="'Intermediaries'"/>
          <xsl:with-param name="names" select="$intermediaries"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Place of sending'"/><xsl:with-param name="names" select="$place-sent"/>
        </xsl:call-template>
        <xsl:call-template name="meta-names">
          <xsl:with-param name="label" select="'Place of receipt'"/><xsl:with-param name="names" select="$place-received"/>
        </xsl:call-template>
        <xsl:if test="$doc-numbers">
          <div><dt>Document number</dt><dd><xsl:apply-templates select="$doc-numbers" mode="listed"/></dd></div>
        </xsl:if>
        <xsl:if test="$outgoing-numbers">
          <div><dt>Outgoing number</dt><dd><xsl:apply-templates select="$outgoing-numbers" mode="listed"/></dd></div>
        </xsl:if>
        <!-- the archival citation holds the record id ("Record 347") and the source's address -->
        <xsl:if test="$archival">
          <div><dt>Archival source</dt><dd><xsl:apply-templates select="$archival" mode="header"/></dd></div>
        </xsl:if>
        <xsl:if test="$translators">
          <div>
            <dt>Translator<xsl:if test="$translators[2]">s</xsl:if></dt>
            <dd><xsl:apply-templates select="$translators" mode="listed"/></dd>
          </div>
        </xsl:if>
        <xsl:if test="$editors">
          <div>
            <dt>Editor<xsl:if test="$editors[2]">s</xsl:if></dt>
            <dd><xsl:apply-templates select="$editors" mode="listed"/></dd>
          </div>
        </xsl:if>
        <xsl:if test="$publisher">
          <div>
            <dt>Publisher</dt>
            <dd><xsl:value-of select="$publisher"/><xsl:if test="$pub-place"><xsl:value-of select="concat(', ', $pub-place)"/></xsl:if></dd>
          </div>
        </xsl:if>
        <xsl:if test="$licence">
          <div><dt>Licence</dt><dd><xsl:apply-templates select="$licence" mode="link"/></dd></div>
        </xsl:if>
        <xsl:if test="$edition-idno">
          <div><dt>Identifier</dt><dd><code><xsl:value-of select="$edition-idno"/></code></dd></div>
        </xsl:if>
        <xsl:if test="$transcription">
          <div><dt>Transcription</dt><dd><xsl:apply-templates select="$transcription" mode="header"/></dd></div>
        </xsl:if>
        <xsl:for-each select="$encoders">
          <div>
            <dt>Responsibility</dt>
            <dd><xsl:value-of select="normalize-space(tei:resp)"/><xsl:text>: </xsl:text>
              <xsl:apply-templates select="tei:name | tei:persName | tei:orgName" mode="listed"/>
            </dd>
          </div>
        </xsl:for-each>
        <xsl:if test="$languages">
          <div><dt>Language</dt><dd><xsl:apply-templates select="$languages" mode="listed"/></dd></div>
        </xsl:if>
        <xsl:if test="$tei-href != '' or $text-href != '' or $diplomatic-href != ''">
          <div>
            <dt>Files</dt>
            <dd>
              <ul class="files">
                <xsl:if test="$tei-href != ''"><li><a href="{$tei-href}" type="application/tei+xml">TEI XML of this document</a></li></xsl:if>
                <xsl:if test="$text-href != ''"><li><a href="{$text-href}" type="text/plain">Reading text as plain text</a></li></xsl:if>
                <xsl:if test="$diplomatic-href != ''"><li><a href="{$diplomatic-href}" type="text/plain">Diplomatic text as plain text</a></li></xsl:if>
              </ul>
            </dd>
          </div>
        </xsl:if>
      </dl>
      <h3 id="cite-heading">How to cite</h3>
      <p class="citation"><xsl:call-template name="citation"/></p>
      <xsl:if test="$header/tei:encodingDesc/tei:editorialDecl/*">
        <details class="principles">
          <summary>Editorial principles of the encoding</summary>
          <dl>
            <xsl:for-each select="$header/tei:encodingDesc/tei:editorialDecl/*">
              <div>
                <dt><xsl:call-template name="decl-label"/></dt>
                <dd><xsl:value-of select="normalize-space(.)"/></dd>
              </div>
            </xsl:for-each>
          </dl>
        </details>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- One item of a list in running text: "A", "A and B", "A, B and C". -->
  <xsl:template match="*" mode="listed">
    <xsl:if test="position() &gt; 1">
      <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
    </xsl:if>
    <xsl:value-of select="normalize-space(.)"/>
  </xsl:template>

  <!-- A row of names from the header ("unknown" left out), each linked to its register entry. -->
  <xsl:template name="meta-names">
    <xsl:param name="label"/>
    <xsl:param name="plural" select="concat($label, 's')"/>
    <xsl:param name="names"/>
    <xsl:variable name="known" select="$names[@ref or normalize-space() != 'unknown']"/>
    <xsl:if test="$known">
      <div>
        <dt>
          <xsl:choose>
            <xsl:when test="$known[2] and $names[1][self::tei:persName or self::tei:orgName]"><xsl:value-of select="$plural"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
          </xsl:choose>
        </dt>
        <dd><xsl:apply-templates select="$known" mode="linked-name"/></dd>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A header name as a link to its entry (plain text if it has none), in a list of names. -->
  <xsl:template match="*" mode="linked-name">
    <xsl:if test="position() &gt; 1">
      <xsl:choose><xsl:when test="position() = last()"> and </xsl:when><xsl:otherwise>, </xsl:otherwise></xsl:choose>
    </xsl:if>
    <xsl:variable name="ref" select="string(@ref)"/>
    <xsl:variable name="name" select="normalize-space(.)"/>
    <xsl:variable name="class" select="concat(substring('person', 1, 6 * boolean(self::tei:persName)),
        substring('place', 1, 5 * boolean(self::tei:placeName)), substring('org', 1, 3 * boolean(self::tei:orgName)))"/>
    <xsl:for-each select="$entity-links">
      <xsl:variable name="link" select="key('entity-link', $ref)[1]"/>
      <xsl:choose>
        <xsl:when test="$link"><a class="{$class}" href="{$link/@href}"><xsl:value-of select="$name"/></a></xsl:when>
        <xsl:otherwise><span class="{$class}"><xsl:value-of select="$name"/></span></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A licence, linked to its @target if that is an http(s) URL. -->
  <xsl:template match="tei:licence" mode="link">
    <xsl:variable name="text" select="normalize-space(concat(., substring(@target, 1, 9999 * not(normalize-space(.)))))"/>
    <xsl:variable name="url" select="normalize-space(@target)"/>
    <xsl:choose>
      <xsl:when test="(starts-with($url, 'https://') or starts-with($url, 'http://')) and not(contains($url, ' '))">
        <a rel="license" href="{$url}"><xsl:value-of select="$text"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "How to cite": editors, title, date, translator, edition, publisher and year, stable identifier, address. -->
  <xsl:template name="citation">
    <xsl:if test="$editors">
      <xsl:apply-templates select="$editors" mode="listed"/>
      <xsl:text> (ed</xsl:text><xsl:if test="$editors[2]">s</xsl:if><xsl:text>.), </xsl:text>
    </xsl:if>
    <xsl:text>“</xsl:text><xsl:value-of select="$title"/><xsl:text>”</xsl:text>
    <xsl:if test="$date-when or $date-text">
      <xsl:text>, </xsl:text><xsl:call-template name="document-date"/>
    </xsl:if>
    <xsl:if test="$translators">
      <xsl:text>, translated by </xsl:text>
      <xsl:apply-templates select="$translators" mode="listed"/>
    </xsl:if>
    <xsl:text>. </xsl:text>
    <xsl:if test="normalize-space($edition-title)">
      <xsl:text>In: </xsl:text><cite><xsl:value-of select="normalize-space($edition-title)"/></cite><xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:if test="$publisher">
      <xsl:value-of select="$publisher"/>
      <xsl:if test="$pub-place"><xsl:value-of select="concat(', ', $pub-place)"/></xsl:if>
      <xsl:if test="$pub-year"><xsl:value-of select="concat(', ', $pub-year)"/></xsl:if>
      <xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:if test="$edition-idno">
      <xsl:text>Identifier: </xsl:text><code class="stable-id"><xsl:value-of select="$edition-idno"/></code><xsl:text>.</xsl:text>
    </xsl:if>
    <xsl:if test="starts-with($page-url, 'https://') or starts-with($page-url, 'http://')">
      <xsl:text> </xsl:text><a class="page-url" href="{$page-url}"><xsl:value-of select="$page-url"/></a>
    </xsl:if>
  </xsl:template>

  <xsl:template name="decl-label">
    <xsl:choose>
      <xsl:when test="self::tei:correction">Corrections</xsl:when>
      <xsl:when test="self::tei:normalization">Normalisation</xsl:when>
      <xsl:when test="self::tei:quotation">Quotation</xsl:when>
      <xsl:when test="self::tei:hyphenation">Hyphenation</xsl:when>
      <xsl:when test="self::tei:segmentation">Segmentation</xsl:when>
      <xsl:when test="self::tei:interpretation">Interpretation</xsl:when>
      <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Header prose (bibl): text, with http(s) refs as links and nothing else turned into markup. -->
  <xsl:template match="tei:ref[@target]" mode="header">
    <xsl:variable name="url" select="normalize-space(@target)"/>
    <xsl:choose>
      <xsl:when test="(starts-with($url, 'https://') or starts-with($url, 'http://')) and not(contains($url, ' '))">
        <a href="{$url}"><xsl:apply-templates mode="header"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="header"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:idno" mode="header"><code><xsl:value-of select="."/></code></xsl:template>
  <xsl:template match="tei:note" mode="header">
    <xsl:text> (</xsl:text><xsl:apply-templates mode="header"/><xsl:text>)</xsl:text>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- The text, in two views                                                                -->
  <!-- ===================================================================================== -->
  <!-- The text is rendered once, with both readings in it: a correction as sic + corr, every line break
       as br.lb, the transcriber's notes inline. CSS shows one view: the reading view (corr, no line
       breaks, notes as apparatus markers) or the diplomatic view (sic, the source's lines and brackets).
       Without JavaScript the links #reading / #diplomatic switch views through :target (#diplomatic is
       the outer frame); the script turns them into buttons that set data-view on the frame. One rendering
       instead of two halves the work, and both views stay in step by construction. -->

  <xsl:template name="text-views">
    <section class="text" aria-labelledby="text-heading">
      <h2 id="text-heading">Text</h2>
      <div class="text-frame" id="diplomatic">
        <p class="view-switch">
          <span class="view-label" id="view-label">View:</span>
          <xsl:text> </xsl:text>
          <a class="view-button" href="#reading" data-view="reading" aria-describedby="view-label">Reading text</a>
          <xsl:text> </xsl:text>
          <a class="view-button" href="#diplomatic" data-view="diplomatic" aria-describedby="view-label">Diplomatic text</a>
        </p>
        <p class="view-note view-note-reading">Reading text: corrections by the edition applied and marked
          <span class="corr">thus</span>; the transcriber’s additions in <span class="editorial">[brackets]</span>;
          corrections and the transcriber’s notes are numbered in the apparatus.</p>
        <p class="view-note view-note-diplomatic">Diplomatic text: the transcription line for line, with its
          square brackets; readings the edition corrects are <span class="sic">marked</span>.</p>
        <div class="text-body" id="reading" lang="{$lang}">
          <xsl:apply-templates select="/tei:TEI/tei:text" mode="text"/>
        </div>
      </div>
    </section>
  </xsl:template>

  <xsl:template match="tei:text | tei:body | tei:front | tei:back" mode="text">
    <xsl:apply-templates select="*" mode="text"/>
  </xsl:template>

  <!-- (Elements outside the TEI namespace: their content only; in rules.xsl, below the table's templates.) -->


  <!-- Register entries as links, computed once per document: the @ref that points at each, its href and
       its main name, in a small tree with a key on it. A name finds its link by a hash lookup (the key is
       built on the small tree only, never on the document: building one on the document walks all of
       it). href: the entry in the site's index (persons.html, places.html or organisations.html by its
       kind) or, standalone, the entry in this page's register section:
         concat($site-root, [page + '#' in a site], ['#entity-' standalone], @xml:id)
       Only entries found in the document make links, so no href ever holds a value taken from the
       document other than an xml:id. -->
  <xsl:key name="entity-link" match="entity-link" use="@ref"/>
  <!-- the href up to the id, by kind of entry (the elements of the small trees are in no namespace:
       a namespaced element in a tree fragment costs a namespace declaration of its own) -->
  <xsl:variable name="id-prefix" select="substring('#entity-', 1, 1 + 7 * ($site-root = ''))"/>
  <xsl:variable name="other-prefix" select="concat($site-root, $id-prefix)"/>
  <xsl:variable name="person-prefix" select="concat($site-root, substring('persons.html', 1, 12 * ($site-root != '')), $id-prefix)"/>
  <xsl:variable name="place-prefix" select="concat($site-root, substring('places.html', 1, 11 * ($site-root != '')), $id-prefix)"/>
  <xsl:variable name="org-prefix" select="concat($site-root, substring('organisations.html', 1, 18 * ($site-root != '')), $id-prefix)"/>
  <xsl:variable name="entity-links-rtf">
    <xsl:for-each select="$entities">
      <xsl:choose>
        <xsl:when test="self::tei:person"><entity-link ref="#{@xml:id}" href="{$person-prefix}{@xml:id}" title="{normalize-space(*[@type = 'main'][1])}"/></xsl:when>
        <xsl:when test="self::tei:place"><entity-link ref="#{@xml:id}" href="{$place-prefix}{@xml:id}" title="{normalize-space(*[@type = 'main'][1])}"/></xsl:when>
        <xsl:when test="self::tei:org"><entity-link ref="#{@xml:id}" href="{$org-prefix}{@xml:id}" title="{normalize-space(*[@type = 'main'][1])}"/></xsl:when>
        <xsl:otherwise><entity-link ref="#{@xml:id}" href="{$other-prefix}{@xml:id}" title="{normalize-space(*[@type = 'main'][1])}"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="entity-links" select="exsl:node-set($entity-links-rtf)"/>

  <!-- A name linked to its register entry (rules with link = true); the unlinked element if its @ref does
       not point at an entry of this document. Never a link inside a link: a name within a name stays
       plain, and the apparatus markers of corrections inside a name follow the name. -->
  <xsl:template name="linked-element">
    <xsl:param name="class"/>
    <xsl:param name="unlinked" select="'span'"/>
    <xsl:variable name="here" select="."/>
    <xsl:variable name="ref" select="string(@ref)"/>
    <!-- In the tree of links (the key looks there); the element is $here. -->
    <xsl:for-each select="$entity-links">
      <xsl:variable name="link" select="key('entity-link', $ref)[1]"/>
      <xsl:choose>
        <!-- The common case in one test: a name of plain text (no element inside, no @rend). -->
        <xsl:when test="$link and not($here/* or $here/@rend or $here/ancestor::*/@ref)">
          <a class="{$class}" href="{$link/@href}" title="{$link/@title}"><xsl:apply-templates select="$here/node()" mode="text"/></a>
        </xsl:when>
        <xsl:when test="$link and not($here/ancestor::*/@ref)">
          <a class="{$class}" href="{$link/@href}" title="{$link/@title}">
            <xsl:if test="$here/@rend"><xsl:attribute name="data-rend"><xsl:value-of select="$here/@rend"/></xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="$here/tei:lb/@break = 'no'"><xsl:apply-templates select="$here/node()" mode="text-join"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="$here/node()" mode="text"/></xsl:otherwise>
            </xsl:choose>
          </a>
          <xsl:if test="$here/*"><xsl:apply-templates select="$here//tei:choice | $here//tei:note" mode="deferred-marker"/></xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:element name="{$unlinked}">
            <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
            <xsl:if test="$here/@rend"><xsl:attribute name="data-rend"><xsl:value-of select="$here/@rend"/></xsl:attribute></xsl:if>
            <xsl:choose>
              <xsl:when test="$here/tei:lb/@break = 'no'"><xsl:apply-templates select="$here/node()" mode="text-join"/></xsl:when>
              <xsl:otherwise><xsl:apply-templates select="$here/node()" mode="text"/></xsl:otherwise>
            </xsl:choose>
          </xsl:element>
          <xsl:if test="$here/* and $ref != '' and not($here/ancestor::*/@ref)">
            <xsl:apply-templates select="$here//tei:choice | $here//tei:note" mode="deferred-marker"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Children of an element with lb[@break='no']: the newline before such an lb is dropped, so the word
       broken at the line end reads as one ("Anglo-" + "American") while the diplomatic view still breaks
       the line there. Only such elements take this detour: a text() template with a predicate would be
       tried on every text node. -->
  <xsl:template match="text()" mode="text-join">
    <!-- The step in a variable: node()[1][self::x] would walk the whole axis in libxml2. -->
    <xsl:variable name="next" select="following-sibling::node()[1]"/>
    <xsl:choose>
      <xsl:when test="$next/self::tei:lb[@break = 'no']">
        <xsl:variable name="line"><xsl:call-template name="rtrim"><xsl:with-param name="s" select="."/></xsl:call-template></xsl:variable>
        <xsl:variable name="soft">
          <xsl:call-template name="soft-hyphen">
            <xsl:with-param name="s" select="string($line)"/>
            <xsl:with-param name="next" select="substring(normalize-space($next/following-sibling::node()[1]), 1, 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <!-- a soft hyphen (common.xsl) is shown in the diplomatic view only -->
          <xsl:when test="$soft = 'yes'">
            <xsl:value-of select="substring($line, 1, string-length($line) - 1)"/><span class="soft-hyphen">-</span>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$line"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="*" mode="text-join"><xsl:apply-templates select="." mode="text"/></xsl:template>

  <!-- Drop trailing whitespace. -->
  <xsl:template name="rtrim">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s != '' and normalize-space(substring($s, string-length($s))) = ''">
        <xsl:call-template name="rtrim"><xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A source line break: br.lb (shown in the diplomatic view only), except before the first line of a
       block and after a page break, which start a line anyway. Sibling steps only. -->
  <xsl:template match="tei:lb" mode="text">
    <xsl:choose>
      <!-- The common case first, in one test: the line before ends in text. -->
      <xsl:when test="normalize-space(preceding-sibling::node()[1])"><br class="lb"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="prev" select="preceding-sibling::node()[1]"/>
        <xsl:choose>
          <xsl:when test="not($prev) or $prev/self::tei:pb"/>
          <!-- Blank text before: a break unless that text starts the block or follows a page break. -->
          <xsl:when test="$prev/self::text()">
            <xsl:variable name="prev2" select="$prev/preceding-sibling::node()[1]"/>
            <xsl:if test="$prev2 and not($prev2/self::tei:pb)"><br class="lb"/></xsl:if>
          </xsl:when>
          <xsl:otherwise><br class="lb"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page break: a discreet marker in the reading view, a line of its own in the diplomatic view. -->
  <xsl:template match="tei:pb" mode="text">
    <span class="pb" role="note" aria-label="page break, page {@n}">p. <xsl:value-of select="@n"/></span>
  </xsl:template>

  <!-- A page number inside a paragraph it interrupts: a line of the diplomatic view (after the page-break
       marker), hidden in the reading view like every fw; a span, as a paragraph holds no block. -->
  <xsl:template match="tei:p/tei:fw | tei:item/tei:fw" mode="text">
    <span class="fw" data-type="{@type}"><xsl:apply-templates mode="text"/></span>
  </xsl:template>

  <!-- A wide gap between a table's cells: a gap the width of a few letters, in both views. -->
  <xsl:template match="tei:space" mode="text"><span class="col-gap"></span></xsl:template>
  <xsl:template match="tei:space[@dim = 'vertical']" mode="text"/>

  <!-- A table set out in columns: its lines stay lines in the reading view too (see the style sheet). -->
  <xsl:template match="tei:p[@rend = 'columns']" mode="text">
    <p class="p columns"><xsl:apply-templates mode="text"/></p>
  </xsl:template>

  <!-- A page break between two items of a list: an ol holds only li, so the marker and the page's own lines
       stand in an li of their own, which is no item of the list (role none: not counted by screen readers). -->
  <xsl:template match="tei:list/tei:pb" mode="text">
    <li class="page" role="none"><span class="pb" role="note" aria-label="page break, page {@n}">p. <xsl:value-of select="@n"/></span></li>
  </xsl:template>
  <xsl:template match="tei:list/tei:fw" mode="text">
    <li class="page fw" role="none" data-type="{@type}"><xsl:apply-templates mode="text"/></li>
  </xsl:template>

  <!-- A correction: the source reading (diplomatic view) and the correction (reading view), one marker. -->
  <xsl:template match="tei:choice" mode="text">
    <xsl:variable name="reading" select="(tei:corr | tei:reg | tei:expan | *[1][not(../tei:corr | ../tei:reg | ../tei:expan)])[1]"/>
    <xsl:variable name="source" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <span class="sic" title="So in the transcription; the edition reads “{normalize-space($reading)}”"><xsl:apply-templates select="$source/node()" mode="text"/></span>
    <span class="corr" title="Corrected by the edition; the transcription reads “{normalize-space($source)}”"><xsl:apply-templates select="$reading/node()" mode="text"/></span>
    <xsl:if test="not(ancestor::*/@ref)"><xsl:call-template name="app-marker"/></xsl:if>
  </xsl:template>

  <!-- The transcriber's marks keep their brackets in both views (set off as editorial in the reading
       view); notes are hidden in the reading view, where their apparatus marker stands for them. -->
  <xsl:template match="tei:gap" mode="text">
    <span class="editorial gap">
      <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
      <xsl:text>[</xsl:text><xsl:call-template name="gap-text"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:stamp" mode="text">
    <span class="editorial {local-name()}">
      <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
      <xsl:text>[</xsl:text><xsl:apply-templates mode="text"/><xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- A note that is all its line or block holds ("[Published in Pravda, 30 June 1950.]" under the closer, a
       source citation) is shown in the reading view too: hidden, it would leave a bare marker. -->
  <xsl:template match="tei:note" mode="text">
    <span class="editorial note">
      <!-- (only the nearest siblings are looked at: a paragraph of many notes renders in linear time) -->
      <xsl:if test="../self::tei:seg[@type = 'source'] or not(
                    preceding-sibling::node()[1][self::text()][normalize-space()]
                    or preceding-sibling::node()[1][self::*][not(self::tei:lb)]
                    or preceding-sibling::node()[1][self::text()]/preceding-sibling::node()[1][self::*][not(self::tei:lb)]
                    or following-sibling::node()[1][self::text()][normalize-space(translate(., '*', ''))]
                    or following-sibling::node()[1][self::*]
                    or following-sibling::node()[1][self::text()]/following-sibling::node()[1][self::*])">
        <xsl:attribute name="class">editorial note whole</xsl:attribute>
      </xsl:if>
      <xsl:attribute name="title"><xsl:call-template name="editorial-label"/></xsl:attribute>
      <xsl:if test="@rend = 'brackets'">[</xsl:if>
      <xsl:apply-templates mode="text"/>
      <xsl:if test="@rend = 'brackets'">]</xsl:if>
    </span>
    <xsl:if test="not(ancestor::*/@ref)"><xsl:call-template name="app-marker"/></xsl:if>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Apparatus                                                                             -->
  <!-- ===================================================================================== -->

  <!-- Apparatus items: every correction (choice) and every note in the text, numbered in text order.
       The numbers are computed once per document into a small tree (one app-item per item) with a key on
       it, so a marker finds its number by a hash lookup: no counting over preceding nodes, and no scan of
       a list per marker (quadratic in a document with thousands of corrections). The key is built on the
       small tree only, never on the document. -->
  <xsl:key name="app-number" match="app-item" use="@id"/>
  <xsl:variable name="app-items" select="/tei:TEI/tei:text//tei:choice | /tei:TEI/tei:text//tei:note"/>
  <xsl:variable name="app-map-rtf">
    <xsl:for-each select="$app-items"><app-item id="{generate-id()}" n="{position()}"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="app-map" select="exsl:node-set($app-map-rtf)"/>

  <!-- A marker in the text: a link to apparatus entry N, with the id its back link points at. -->
  <xsl:template name="app-marker">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:variable name="n">
      <xsl:for-each select="$app-map"><xsl:value-of select="key('app-number', $id)/@n"/></xsl:for-each>
    </xsl:variable>
    <a class="app-ref" href="#app-{$n}" id="ref-{$n}" aria-label="apparatus note {$n}"><xsl:value-of select="$n"/></a>
  </xsl:template>

  <!-- Markers of the corrections and notes inside a name, written after the name. -->
  <xsl:template match="*" mode="deferred-marker"><xsl:call-template name="app-marker"/></xsl:template>

  <xsl:template name="apparatus">
    <section class="apparatus" aria-labelledby="apparatus-heading">
      <h2 id="apparatus-heading">Apparatus</h2>
      <xsl:choose>
        <xsl:when test="$app-items">
          <p class="intro">Corrections made by the edition and the transcriber’s notes, numbered in the order of the text.</p>
          <ol>
            <xsl:for-each select="$app-items">
              <li id="app-{position()}">
                <xsl:apply-templates select="." mode="apparatus"/>
                <xsl:call-template name="back-links"><xsl:with-param name="n" select="position()"/></xsl:call-template>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:when>
        <xsl:otherwise><p class="intro">The edition makes no corrections to this text and the transcriber added no notes.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="tei:choice" mode="apparatus">
    <xsl:variable name="reading" select="(tei:corr | tei:reg | tei:expan | *[1][not(../tei:corr | ../tei:reg | ../tei:expan)])[1]"/>
    <span class="lemma corr"><xsl:apply-templates select="$reading/node()" mode="app-content"/></span>
    <xsl:text>] the transcription reads </xsl:text>
    <span class="sic"><xsl:apply-templates select="(tei:sic | tei:orig | tei:abbr)[1]/node()" mode="app-content"/></span>
    <xsl:text>; corrected by </xsl:text>
    <xsl:call-template name="resp-label"><xsl:with-param name="resp" select="$reading/@resp"/></xsl:call-template>
    <xsl:if test="$reading/@cert"><xsl:value-of select="concat(' (', $reading/@cert, ' certainty)')"/></xsl:if>
    <xsl:text>. </xsl:text>
  </xsl:template>

  <xsl:template match="tei:note" mode="apparatus">
    <span class="lemma editorial">
      <xsl:if test="@rend = 'brackets'">[</xsl:if>
      <xsl:apply-templates mode="app-content"/>
      <xsl:if test="@rend = 'brackets'">]</xsl:if>
    </span>
    <xsl:text> </xsl:text>
    <xsl:call-template name="editorial-label"/>
    <xsl:text>. </xsl:text>
  </xsl:template>

  <!-- Apparatus content: the text alone, corrections applied, no links or markers inside. -->
  <xsl:template match="tei:choice" mode="app-content">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan | *[1][not(../tei:corr | ../tei:reg | ../tei:expan)])[1]/node()" mode="app-content"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="app-content">[<xsl:call-template name="gap-text"/>]</xsl:template>
  <xsl:template match="tei:lb | tei:pb | tei:fw" mode="app-content"><xsl:text> </xsl:text></xsl:template>

  <xsl:template name="back-links">
    <xsl:param name="n"/>
    <a class="back" href="#ref-{$n}" aria-label="Back to the text at note {$n}">↑ text</a>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Register entries of this document (standOff)                                          -->
  <!-- ===================================================================================== -->

  <xsl:template name="register-section">
    <xsl:if test="$entities">
      <section class="register" aria-labelledby="register-heading">
        <h2 id="register-heading">Persons, places and organisations</h2>
        <xsl:choose>
          <!-- In a site the indexes hold the entries: here one line per kind, each name linked there. -->
          <xsl:when test="$site-root != ''">
            <xsl:if test="$entities/self::tei:person">
              <p><span class="entity-kind">Persons: </span><xsl:apply-templates select="$entities/self::tei:person" mode="register-link"/></p>
            </xsl:if>
            <xsl:if test="$entities/self::tei:place">
              <p><span class="entity-kind">Places: </span><xsl:apply-templates select="$entities/self::tei:place" mode="register-link"/></p>
            </xsl:if>
            <xsl:if test="$entities/self::tei:org">
              <p><span class="entity-kind">Organisations: </span><xsl:apply-templates select="$entities/self::tei:org" mode="register-link"/></p>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <xsl:if test="$entities/self::tei:person">
              <h3>Persons</h3>
              <ul class="entities"><xsl:apply-templates select="$entities/self::tei:person" mode="register-entry"/></ul>
            </xsl:if>
            <xsl:if test="$entities/self::tei:place">
              <h3>Places</h3>
              <ul class="entities"><xsl:apply-templates select="$entities/self::tei:place" mode="register-entry"/></ul>
            </xsl:if>
            <xsl:if test="$entities/self::tei:org">
              <h3>Organisations</h3>
              <ul class="entities"><xsl:apply-templates select="$entities/self::tei:org" mode="register-entry"/></ul>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="register-link">
    <xsl:variable name="ref" select="concat('#', @xml:id)"/>
    <xsl:if test="position() &gt; 1">, </xsl:if>
    <xsl:for-each select="$entity-links">
      <xsl:variable name="link" select="key('entity-link', $ref)[1]"/>
      <a href="{$link/@href}"><xsl:value-of select="$link/@title"/></a>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="*" mode="register-entry">
    <li id="entity-{@xml:id}"><xsl:call-template name="entity-description"/></li>
  </xsl:template>

  <!-- One register entry: name, dates, description, other names, authority links. Shared with site.xsl
       (which puts name and dates in a heading and calls entity-details alone). -->
  <xsl:template name="entity-description">
    <span class="entity-name"><xsl:value-of select="normalize-space(*[@type = 'main'][1])"/></span>
    <xsl:call-template name="entity-dates"/>
    <xsl:text>. </xsl:text>
    <xsl:call-template name="entity-details"/>
  </xsl:template>

  <!-- " (1878–1953)", " (born 1893)", " (died 1953)" or nothing. -->
  <xsl:template name="entity-dates">
    <xsl:variable name="from" select="substring(normalize-space((tei:birth/@when | tei:birth/@notBefore)[1]), 1, 4)"/>
    <xsl:variable name="to" select="substring(normalize-space((tei:death/@when | tei:death/@notBefore)[1]), 1, 4)"/>
    <xsl:choose>
      <xsl:when test="$from and $to"><xsl:value-of select="concat(' (', $from, '–', $to, ')')"/></xsl:when>
      <xsl:when test="$from"><xsl:value-of select="concat(' (born ', $from, ')')"/></xsl:when>
      <xsl:when test="$to"><xsl:value-of select="concat(' (died ', $to, ')')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="entity-details">
    <xsl:variable name="name" select="normalize-space(*[@type = 'main'][1])"/>
    <xsl:if test="normalize-space(tei:note[1])">
      <span class="entity-note"><xsl:value-of select="normalize-space(tei:note[1])"/></span>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:variable name="others" select="*[@type != 'main'][normalize-space() != $name]
        [self::tei:persName or self::tei:placeName or self::tei:orgName]"/>
    <xsl:if test="$others">
      <xsl:text>Other names: </xsl:text>
      <xsl:for-each select="$others">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:if test="@type = 'pseudonym'"> (pseudonym)</xsl:if>
      </xsl:for-each>
      <xsl:text>. </xsl:text>
    </xsl:if>
    <xsl:apply-templates select="tei:idno" mode="authority"><xsl:with-param name="name" select="$name"/></xsl:apply-templates>
  </xsl:template>

  <!-- An authority identifier: a link if it is an http(s) URL, else its text. -->
  <xsl:template match="tei:idno" mode="authority">
    <xsl:param name="name"/>
    <xsl:variable name="url" select="normalize-space(.)"/>
    <xsl:choose>
      <xsl:when test="(starts-with($url, 'https://') or starts-with($url, 'http://')) and not(contains($url, ' '))">
        <a class="authority" href="{$url}"><xsl:value-of select="concat($name, ' in ')"/><xsl:call-template name="authority-label"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="authority"><xsl:call-template name="authority-label"/><xsl:value-of select="concat(': ', $url)"/></span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>. </xsl:text>
  </xsl:template>

  <!-- ===================================================================================== -->
  <!-- Script and style                                                                      -->
  <!-- ===================================================================================== -->

  <!-- The view switch: the links become toggle buttons that set data-view on the frame (CSS does the
     rest), and a link to #reading or #diplomatic still switches. -->
  <xsl:template name="view-script">
    <xsl:text>
(function () {
  "use strict";
  var frame = document.querySelector(".text-frame");
  if (!frame) { return; }
  var buttons = frame.querySelectorAll(".view-button");
  function show(view) {
    frame.setAttribute("data-view", view);
    for (var i = 0; i &lt; buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-view") === view ? "true" : "false");
    }
  }
  function choose(event) {
    if (event.type === "keydown" &amp;&amp; event.key !== " ") { return; }
    event.preventDefault();
    show(this.getAttribute("data-view"));
  }
  for (var k = 0; k &lt; buttons.length; k++) {
    buttons[k].setAttribute("role", "button");
    buttons[k].addEventListener("click", choose);
    buttons[k].addEventListener("keydown", choose);
  }
  function follow() {
    if (location.hash === "#diplomatic" || location.hash === "#reading") { show(location.hash.slice(1)); }
  }
  show("reading");
  follow();
  window.addEventListener("hashchange", follow);
})();
</xsl:text>
  </xsl:template>

  <xsl:template name="css">
    <xsl:text>
*, *::before, *::after { box-sizing: border-box; }
html { color-scheme: light; }
body { margin: 0; font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1b1b1b; background: #fff; }
a { color: #0b57a4; text-underline-offset: .15em; }
a:visited { color: #5b2a86; }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: .5rem; background: #fff; padding: .5rem 1rem; border: 2px solid #0b57a4; }
.skip-link:focus { left: 1rem; z-index: 10; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.inner, main { max-width: 52rem; margin: 0 auto; padding: 0 1.25rem; }
.site-header { background: #f3f3ef; border-bottom: 1px solid #cfcfc8; }
.site-title { margin: 0; padding: .8rem 0 .3rem; font-weight: 600; font-size: 1.05rem; }
.site-title a { color: inherit; text-decoration: none; }
.site-nav ul { list-style: none; margin: 0; padding: 0 0 .7rem; display: flex; flex-wrap: wrap; gap: .2rem 1.25rem; }
.site-nav a[aria-current] { color: #1b1b1b; font-weight: 600; text-decoration: none; }
main { padding-bottom: 2rem; }
h1 { font-family: Georgia, "DejaVu Serif", serif; font-size: 1.8rem; line-height: 1.25; font-weight: 600; margin: 1.4rem 0 1.2rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 1px solid #cfcfc8; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .5rem; }
.docnav { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; font-size: .95rem; }
.metadata dl, .principles dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .35rem 1.25rem; margin: 0; }
.metadata dl > div, .principles dl > div { display: contents; }
.metadata dt, .principles dt { font-weight: 600; color: #333; }
.metadata dd, .principles dd { margin: 0; overflow-wrap: anywhere; }
.files { list-style: none; margin: 0; padding: 0; }
.citation { background: #f3f3ef; border-left: 4px solid #8a8a80; padding: .6rem .8rem; margin: .5rem 0; }
.principles { margin-top: 1rem; }
.principles summary { cursor: pointer; color: #0b57a4; }
.principles dl { margin-top: .6rem; font-size: .95rem; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; font-size: .88em; overflow-wrap: anywhere; }
.view-switch { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; margin: .5rem 0 .8rem; }
.view-label { font-weight: 600; }
.view-button { display: inline-block; padding: .3rem .9rem; border: 1px solid #0b57a4; border-radius: 4px; color: #0b57a4; background: #fff; text-decoration: none; }
.view-button:visited { color: #0b57a4; }
.text-frame:not(:target):not([data-view]) .view-button[data-view="reading"], .text-frame[data-view="reading"] .view-button[data-view="reading"], .text-frame:target:not([data-view]) .view-button[data-view="diplomatic"], .text-frame[data-view="diplomatic"] .view-button[data-view="diplomatic"] { background: #0b57a4; color: #fff; }
.view-note { font-size: .88rem; color: #555; margin: 0 0 1rem; }
.text-frame:not(:target):not([data-view]) .view-note-diplomatic, .text-frame[data-view="reading"] .view-note-diplomatic, .text-frame:not(:target):not([data-view]) .sic, .text-frame[data-view="reading"] .sic, .text-frame:not(:target):not([data-view]) br.lb, .text-frame[data-view="reading"] br.lb, .text-frame:not(:target):not([data-view]) .note, .text-frame[data-view="reading"] .note, .text-frame:not(:target):not([data-view]) .fw, .text-frame[data-view="reading"] .fw { display: none; }
.text-frame:target:not([data-view]) .view-note-reading, .text-frame[data-view="diplomatic"] .view-note-reading, .text-frame:target:not([data-view]) .corr, .text-frame[data-view="diplomatic"] .corr { display: none; }
.text-body { font-family: Georgia, "DejaVu Serif", serif; font-size: 1.08rem; line-height: 1.7; }
.text-frame:target:not([data-view]) .text-body, .text-frame[data-view="diplomatic"] .text-body { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; font-size: .9rem; line-height: 1.6; }
.text-frame:not(:target):not([data-view]) .editorial, .text-frame[data-view="reading"] .editorial { font-style: italic; }
.text-frame:not(:target):not([data-view]) a.person, .text-frame[data-view="reading"] a.person, .text-frame:not(:target):not([data-view]) a.place, .text-frame[data-view="reading"] a.place, .text-frame:not(:target):not([data-view]) a.org, .text-frame[data-view="reading"] a.org { text-decoration-style: dotted; }
.text-frame:target:not([data-view]) .pb, .text-frame[data-view="diplomatic"] .pb { display: block; border: 0; border-top: 1px dashed #9a9a90; border-radius: 0; margin: .5rem 0; padding: .1rem 0 0; }
.text-frame:not(:target):not([data-view]) .soft-hyphen, .text-frame[data-view="reading"] .soft-hyphen { display: none; }
.text-frame:not(:target):not([data-view]) p[data-type="mark"] > .note, .text-frame[data-view="reading"] p[data-type="mark"] > .note, .text-frame:not(:target):not([data-view]) .note.whole, .text-frame[data-view="reading"] .note.whole { display: inline; }
.text-frame:not(:target):not([data-view]) p.columns br.lb, .text-frame[data-view="reading"] p.columns br.lb { display: inline; }
.text-frame:not(:target):not([data-view]) .opener br.lb, .text-frame[data-view="reading"] .opener br.lb, .text-frame:not(:target):not([data-view]) .closer br.lb, .text-frame[data-view="reading"] .closer br.lb { display: inline; }
.col-gap { display: inline-block; min-width: 2em; }
.text-frame:target:not([data-view]) .cont, .text-frame[data-view="diplomatic"] .cont, .text-frame:target:not([data-view]) p:has(+ .cont), .text-frame[data-view="diplomatic"] p:has(+ .cont) { display: inline; }
.head { font-size: 1.05rem; font-weight: 600; margin: 0 0 .9rem; }
.opener > .seg[data-type="heading"] { font-weight: 600; }
.opener, .closer { margin: 1rem 0; }
.opener > p, .closer > p { margin: 0; }
.list { list-style: none; padding-left: 0; }
.list > li { margin: .3rem 0; padding-left: 2rem; text-indent: -2rem; }
.sp { margin: 1rem 0; }
.sp > p { display: inline; }
.speaker { font-weight: 600; }
.quote { margin: 1rem 0 1rem 1rem; padding-left: 1rem; border-left: 3px solid #c8c8c0; }
[data-rend="letter-spaced"] { letter-spacing: .02em; }
.editorial { color: #6b2f8f; }
.corr { text-decoration: underline dotted #1d6b2e; text-decoration-thickness: 2px; text-underline-offset: .22em; }
.sic { background: #fff1c7; box-shadow: 0 0 0 1px #c99a00; border-radius: 2px; padding: 0 .1em; }
.app-ref { text-decoration: none; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: .72rem; vertical-align: super; line-height: 0; padding: 0 .1em; }
.pb { color: #555; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; font-size: .75rem; border: 1px solid #b8b8b0; border-radius: 3px; padding: 0 .35em; margin: 0 .3em; white-space: nowrap; }
.fw { color: #555; }
.apparatus ol { padding-left: 2rem; }
.apparatus li { margin: .4rem 0; }
.lemma { font-weight: 600; }
.back { font-size: .88rem; color: #555; }
.entities { padding-left: 1.25rem; }
.entities li { margin: .45rem 0; }
.entity-name, .entity-kind { font-weight: 600; }
.site-footer { border-top: 1px solid #cfcfc8; color: #555; font-size: .9rem; margin-top: 2rem; padding: .6rem 0 1rem; }
.site-footer a { color: #0b57a4; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: #555; padding: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid #e1e1da; }
th { background: #f3f3ef; font-weight: 600; }
td.date { white-space: nowrap; }
.entry { margin: 0 0 1.5rem; }
.entry h2 { margin-bottom: .4rem; }
.entry p { margin: .3rem 0; }
.letters { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .75rem; }
.search-form label { display: block; font-weight: 600; margin-bottom: .3rem; }
.search-form input { font: inherit; padding: .45rem .6rem; width: min(100%, 30rem); border: 1px solid #767676; border-radius: 3px; }
.search-form button { font: inherit; padding: .45rem 1rem; margin-left: .3rem; border: 1px solid #0b57a4; background: #0b57a4; color: #fff; border-radius: 3px; cursor: pointer; }
.results li { margin: .8rem 0; }
.snippet { margin: .2rem 0; color: #333; }
mark { background: #ffe58a; color: inherit; }
@media print {
  .site-header, .docnav, .view-switch, .back, .skip-link, .search-form { display: none !important; }
  body { font-size: 10.5pt; color: #000; }
  main, .inner { max-width: none; padding: 0; }
  a, a:visited { color: #000; text-decoration: none; }
  h2, h3 { break-after: avoid; }
  .metadata, .apparatus li, .entities li { break-inside: avoid; }
  .sic { background: none; box-shadow: none; text-decoration: underline; }
  .editorial { color: #000; }
  .principles { display: none; }
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
